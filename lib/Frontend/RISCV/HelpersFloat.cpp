//===- HelpersFloat.cpp - F/D operations lifted code cannot inline --------===//
//
// Owns the FP helpers of Helpers.def: arithmetic in a static rounding mode
// (the host mode is switched around the one operation), RMM (no host mode
// exists: the host computes in RNE and an exact software rounding replaces
// the result when it was inexact, since only ties differ), conversions with
// RISC-V saturation (done in software in every mode: x86 saturates
// differently and raises different flags), and the NaN rules x86 does not
// share (canonical NaN results, NV for inf * 0 + qNaN).
//
// While guest code runs, the host environment is the guest's, so a helper
// computes in a sandbox: save MXCSR, clear the flags, compute, then restore
// the saved state plus exactly the RISC-V flags of the operation.
//
//===----------------------------------------------------------------------===//

#include "Helpers.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <type_traits>

using namespace dbt::riscv;

namespace {

using U128 = unsigned __int128;

constexpr unsigned RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4, DYN = 7;

/// Ties the compiler's hands: the host operation between two barriers stays
/// between the MXCSR writes around it (GCC does not order FP arithmetic
/// against the environment on its own, -frounding-math notwithstanding).
template <typename T> inline T barrier(T V) {
#if DBT_HOSTFP_MXCSR
  asm volatile("" : "+x"(V));
#else
  volatile T Tmp = V;
  V = Tmp;
#endif
  return V;
}

/// The RISC-V rounding mode a helper argument stands for.
unsigned resolveRm(uint32_t Rm) {
  if (Rm == DYN) return hostfp::rounding();
  return Rm <= RMM ? Rm : RNE;
}

/// Computes in a clean environment and hands back exactly the chosen flags.
class Sandbox {
public:
#if DBT_HOSTFP_MXCSR
  explicit Sandbox(unsigned Rm) : Saved(hostfp::readMxcsr()) {
    hostfp::writeMxcsr((Saved & ~(hostfp::MxcsrFlagMask | hostfp::MxcsrRcMask)) |
                       hostfp::mxcsrRounding(Rm));
  }
  uint32_t flags() const {
    return hostfp::flagsFromMxcsr(hostfp::readMxcsr());
  }
  void commit(uint32_t F) {
    hostfp::writeMxcsr(Saved | hostfp::mxcsrFromFlags(F));
  }

private:
  uint32_t Saved;
#else
  explicit Sandbox(unsigned Rm) {
    std::feholdexcept(&Saved);
    hostfp::setRounding(Rm);
  }
  uint32_t flags() const {
    return hostfp::flags();
  }
  void commit(uint32_t F) {
    std::fesetenv(&Saved);
    hostfp::raise(F);
  }

private:
  std::fenv_t Saved;
#endif
};

// ---- IEEE formats -------------------------------------------------------------

struct Format {
  int P;    // significand bits including the hidden one
  int Emin; // exponent of the smallest normal
  int Emax;
  int Bias;
  int SignBit;
  uint64_t CanonicalNaN;
};
constexpr Format Single{24, -126, 127, 127, 31, 0x7fc00000};
constexpr Format Double{53, -1022, 1023, 1023, 63, 0x7ff8000000000000};

uint64_t expMask(const Format &F) {
  return ((uint64_t(1) << (F.SignBit - F.P + 1)) - 1) << (F.P - 1);
}
uint64_t fracMask(const Format &F) {
  return (uint64_t(1) << (F.P - 1)) - 1;
}
uint64_t signOf(const Format &F, uint64_t Bits) {
  return (Bits >> F.SignBit) & 1;
}
uint64_t magnitude(const Format &F, uint64_t Bits) {
  return Bits & ((uint64_t(1) << F.SignBit) - 1);
}
bool isNaN(const Format &F, uint64_t Bits) {
  return magnitude(F, Bits) > expMask(F);
}
bool isInf(const Format &F, uint64_t Bits) {
  return magnitude(F, Bits) == expMask(F);
}
bool isZero(const Format &F, uint64_t Bits) {
  return magnitude(F, Bits) == 0;
}
bool isSignalingNaN(const Format &F, uint64_t Bits) {
  return isNaN(F, Bits) && !(Bits & (uint64_t(1) << (F.P - 2)));
}

/// A finite value: (-1)^Sign * Sig * 2^Exp.
struct Unpacked {
  bool Sign;
  int Exp;
  U128 Sig;
};

Unpacked unpack(const Format &F, uint64_t Bits) {
  bool Sign = signOf(F, Bits);
  uint64_t Frac = Bits & fracMask(F);
  int E = int((Bits & expMask(F)) >> (F.P - 1));
  if (E == 0) return {Sign, F.Emin - (F.P - 1), Frac};
  return {Sign, E - F.Bias - (F.P - 1), Frac | (uint64_t(1) << (F.P - 1))};
}

int bitLength(U128 V) {
  uint64_t Hi = uint64_t(V >> 64), Lo = uint64_t(V);
  if (Hi) return 128 - __builtin_clzll(Hi);
  return Lo ? 64 - __builtin_clzll(Lo) : 0;
}

struct Rounded {
  U128 Q;
  bool Inexact;
};

/// Rounds Sig (plus Sticky: something non-zero below its last bit, less than
/// one unit of it) to a multiple of 2^Shift, giving the multiple.
/// Callers provide at least one bit below the rounding point when Sticky.
Rounded roundAt(U128 Sig, bool Sticky, int Shift, bool Sign, unsigned Rm) {
  if (Shift < 0) return {Sig << -Shift, Sticky}; // Sticky is far below half a unit.
  if (Shift == 0) return {Sig, Sticky};
  U128 Q = 0;
  bool Gt = false, Eq = false, Inexact;
  if (Shift > bitLength(Sig)) {
    Inexact = Sig != 0 || Sticky; // below half a unit
  } else {
    U128 Rem = Shift >= 128 ? Sig : Sig & ((U128(1) << Shift) - 1);
    U128 Half = U128(1) << (Shift - 1);
    Q = Shift >= 128 ? 0 : Sig >> Shift;
    Gt = Rem > Half || (Rem == Half && Sticky);
    Eq = Rem == Half && !Sticky;
    Inexact = Rem != 0 || Sticky;
  }
  bool Up = false;
  switch (Rm) {
  case RNE:
    Up = Gt || (Eq && (Q & 1));
    break;
  case RMM:
    Up = Gt || Eq;
    break;
  case RTZ:
    break;
  case RDN:
    Up = Inexact && Sign;
    break;
  case RUP:
    Up = Inexact && !Sign;
    break;
  }
  return {Q + Up, Inexact};
}

uint64_t overflowResult(const Format &F, bool Sign, unsigned Rm) {
  uint64_t Inf = expMask(F);
  uint64_t Max = Inf - 1;
  bool ToInf = Rm == RNE || Rm == RMM || (Rm == RDN && Sign) || (Rm == RUP && !Sign);
  return (uint64_t(Sign) << F.SignBit) | (ToInf ? Inf : Max);
}

/// Rounds (-1)^Sign * (Sig + Sticky) * 2^Exp to format F in mode Rm;
/// tininess is detected after rounding, as RISC-V does.
uint64_t roundPack(const Format &F, bool Sign, int Exp, U128 Sig, bool Sticky, unsigned Rm,
                   uint32_t &Flags) {
  uint64_t SignBits = uint64_t(Sign) << F.SignBit;
  // Exact zero of a sum (a lone sticky never happens: see addExact): -0
  // only when rounding down.
  if (Sig == 0) return Rm == RDN ? uint64_t(1) << F.SignBit : 0;
  int Top = Exp + bitLength(Sig) - 1;
  int Lsb = std::max(Top, F.Emin) - (F.P - 1);
  Rounded R = roundAt(Sig, Sticky, Lsb - Exp, Sign, Rm);
  bool Tiny = Top < F.Emin;
  if (Tiny && Top == F.Emin - 1) {
    // Rounded to P bits with an unbounded exponent, it may reach 2^Emin.
    Rounded U = roundAt(Sig, Sticky, Top - (F.P - 1) - Exp, Sign, Rm);
    if (U.Q >> F.P) Tiny = false;
  }
  U128 Q = R.Q;
  if (Q >> F.P) { // carried out of the significand
    Q >>= 1;
    ++Lsb;
  }
  if (R.Inexact) {
    Flags |= NX;
    if (Tiny) Flags |= UF;
  }
  if (Lsb + F.P - 1 > F.Emax) {
    Flags |= OF | NX;
    return overflowResult(F, Sign, Rm);
  }
  // A normal Q carries the hidden bit into the exponent field; a subnormal
  // one (Lsb at its minimum) has a zero exponent field.
  return SignBits | ((uint64_t(Lsb + F.P - 2 + F.Bias) << (F.P - 1)) + uint64_t(Q));
}

/// An exact result, possibly with a sticky remainder.
struct Exact {
  bool Sign;
  int Exp;
  U128 Sig;
  bool Sticky;
};

int topOf(const Unpacked &V) {
  return V.Exp + bitLength(V.Sig) - 1;
}

/// X + Y for non-zero operands with significands of at most 106 bits.
Exact addExact(Unpacked X, Unpacked Y) {
  if (topOf(X) < topOf(Y)) std::swap(X, Y);
  // Keep 125 bits below X's top; anything of Y lower than that is sticky
  // (and then Y is far smaller than X, so X - Y stays positive).
  int L = std::max(std::min(X.Exp, Y.Exp), topOf(X) - 124);
  U128 XA = X.Sig << (X.Exp - L);
  U128 YH;
  bool YLow = false;
  if (Y.Exp >= L) {
    YH = Y.Sig << (Y.Exp - L);
  } else {
    int S = L - Y.Exp;
    YH = S >= 128 ? 0 : Y.Sig >> S;
    YLow = S >= 128 || (Y.Sig & ((U128(1) << S) - 1)) != 0;
  }
  if (X.Sign == Y.Sign) return {X.Sign, L, XA + YH, YLow};
  if (YLow) return {X.Sign, L, XA - YH - 1, true};
  if (XA >= YH) return {X.Sign, L, XA - YH, false};
  return {Y.Sign, L, YH - XA, false};
}

Exact mulExact(const Unpacked &X, const Unpacked &Y) {
  return {X.Sign != Y.Sign, X.Exp + Y.Exp, X.Sig * Y.Sig, false};
}

Exact divExact(const Unpacked &X, const Unpacked &Y) {
  int SX = 64 - bitLength(X.Sig), SY = 64 - bitLength(Y.Sig);
  U128 XN = X.Sig << SX, YN = Y.Sig << SY;
  // (XN * 2^64) / YN has at least 64 bits: plenty of guard bits.
  U128 Num = XN << 64;
  return {X.Sign != Y.Sign, (X.Exp - SX) - 64 - (Y.Exp - SY), Num / YN, Num % YN != 0};
}

} // namespace

namespace dbt::riscv::softfp {

uint64_t arith(Op O, bool IsDouble, uint64_t A, uint64_t B, uint64_t C, unsigned Rm,
               uint32_t &Flags) {
  const Format &F = IsDouble ? Double : Single;
  Unpacked UA = unpack(F, A), UB = unpack(F, B);
  Exact E{};
  switch (O) {
  case Op::Add:
    E = addExact(UA, UB);
    break;
  case Op::Mul:
    E = mulExact(UA, UB);
    break;
  case Op::Div:
    E = divExact(UA, UB);
    break;
  case Op::Fma: {
    E = mulExact(UA, UB);
    if (!isZero(F, C)) E = addExact({E.Sign, E.Exp, E.Sig}, unpack(F, C));
    break;
  }
  }
  return roundPack(F, E.Sign, E.Exp, E.Sig, E.Sticky, Rm, Flags);
}

} // namespace dbt::riscv::softfp

namespace {

template <typename T> struct Traits;
template <> struct Traits<float> {
  using Bits = uint32_t;
  static constexpr const Format &Fmt = Single;
};
template <> struct Traits<double> {
  using Bits = uint64_t;
  static constexpr const Format &Fmt = Double;
};

template <typename T> uint64_t bitsOf(T V) {
  return std::bit_cast<typename Traits<T>::Bits>(V);
}
template <typename T> T fromBits(uint64_t V) {
  return std::bit_cast<T>(typename Traits<T>::Bits(V));
}

/// One arithmetic operation in mode Rm. Host computes it with the host in a
/// real mode; for RMM it runs in RNE and, when inexact, the software result
/// replaces it: the flags of an RMM result are those of the RNE one (they
/// only differ on exact ties, which round the same way at 2^Emin).
template <typename T, typename HostFn>
T arith(uint32_t Rm, softfp::Op O, uint64_t A, uint64_t B, uint64_t C, HostFn Host) {
  const Format &F = Traits<T>::Fmt;
  unsigned Mode = resolveRm(Rm);
  Sandbox S(Mode == RMM ? RNE : Mode);
  T R = Host();
  uint32_t Flags = S.flags();
  uint64_t Bits = bitsOf(R);
  if (isNaN(F, Bits)) {
    Bits = F.CanonicalNaN;
  } else if (Mode == RMM && (Flags & NX)) {
    Flags = 0;
    Bits = softfp::arith(O, std::is_same_v<T, double>, A, B, C, RMM, Flags);
  }
  S.commit(Flags);
  return fromBits<T>(Bits);
}

template <typename T> T add(T A, T B, uint32_t Rm) {
  return arith<T>(Rm, softfp::Op::Add, bitsOf(A), bitsOf(B), 0,
                  [&] { return barrier(barrier(A) + barrier(B)); });
}
template <typename T> T sub(T A, T B, uint32_t Rm) {
  // Software rounding of A - B is that of A + (-B).
  return arith<T>(Rm, softfp::Op::Add, bitsOf(A), bitsOf(T(-B)), 0,
                  [&] { return barrier(barrier(A) - barrier(B)); });
}
template <typename T> T mul(T A, T B, uint32_t Rm) {
  return arith<T>(Rm, softfp::Op::Mul, bitsOf(A), bitsOf(B), 0,
                  [&] { return barrier(barrier(A) * barrier(B)); });
}
template <typename T> T div(T A, T B, uint32_t Rm) {
  return arith<T>(Rm, softfp::Op::Div, bitsOf(A), bitsOf(B), 0,
                  [&] { return barrier(barrier(A) / barrier(B)); });
}

template <typename T> T sqrtOp(T A, uint32_t Rm) {
  // A square root is never a tie nor subnormal, so RMM rounds as RNE.
  const Format &F = Traits<T>::Fmt;
  unsigned Mode = resolveRm(Rm);
  Sandbox S(Mode == RMM ? RNE : Mode);
  T R = barrier(std::sqrt(barrier(A)));
  uint32_t Flags = S.flags();
  uint64_t Bits = bitsOf(R);
  if (isNaN(F, Bits)) Bits = F.CanonicalNaN;
  S.commit(Flags);
  return fromBits<T>(Bits);
}

template <typename T> T fma(T A, T B, T C, uint32_t Rm) {
  const Format &F = Traits<T>::Fmt;
  uint64_t BA = bitsOf(A), BB = bitsOf(B), BC = bitsOf(C);
  unsigned Mode = resolveRm(Rm);
  Sandbox S(Mode == RMM ? RNE : Mode);
  T R = barrier(std::fma(barrier(A), barrier(B), barrier(C)));
  uint32_t Flags = S.flags();
  uint64_t Bits = bitsOf(R);
  if (isNaN(F, Bits)) {
    Bits = F.CanonicalNaN;
    // RISC-V signals inf * 0 even when the addend is a quiet NaN; x86 not.
    if ((isInf(F, BA) && isZero(F, BB)) || (isZero(F, BA) && isInf(F, BB))) Flags |= NV;
  } else if (Mode == RMM && (Flags & NX)) {
    Flags = 0;
    Bits = softfp::arith(softfp::Op::Fma, std::is_same_v<T, double>, BA, BB, BC, RMM, Flags);
  }
  S.commit(Flags);
  return fromBits<T>(Bits);
}

/// fcvt.{w,wu,l,lu} from format F, all in software.
uint64_t toInt(const Format &F, uint64_t Bits, uint32_t Rm, uint32_t Kind) {
  bool Signed = !(Kind & 1);
  int Width = (Kind & 2) ? 64 : 32;
  U128 Max = Signed ? (U128(1) << (Width - 1)) - 1 : (U128(1) << Width) - 1;
  U128 NegLimit = Signed ? U128(1) << (Width - 1) : 0; // largest |negative|
  uint32_t Flags = 0;
  bool Sign = signOf(F, Bits);
  U128 Mag;
  if (isNaN(F, Bits)) {
    Sign = false;
    Mag = Max + 1; // saturates to Max
  } else if (isInf(F, Bits)) {
    Mag = ~U128(0);
  } else if (isZero(F, Bits)) {
    Mag = 0;
  } else {
    Unpacked U = unpack(F, Bits);
    if (U.Exp >= 0) {
      Mag = bitLength(U.Sig) + U.Exp > 65 ? ~U128(0) : U.Sig << U.Exp;
    } else {
      Rounded R = roundAt(U.Sig, false, -U.Exp, Sign, resolveRm(Rm));
      Mag = R.Q;
      if (R.Inexact) Flags |= NX;
    }
  }
  uint64_t Result;
  if (Sign ? Mag > NegLimit : Mag > Max) {
    Flags = NV; // out of range: invalid, never inexact
    Result = Sign ? uint64_t(0) - uint64_t(NegLimit) : uint64_t(Max);
  } else {
    Result = Sign ? uint64_t(0) - uint64_t(Mag) : uint64_t(Mag);
  }
  if (Width == 32) Result = uint64_t(int64_t(int32_t(uint32_t(Result))));
  hostfp::raise(Flags);
  return Result;
}

uint64_t fromInt(const Format &F, uint64_t V, bool Signed, uint32_t Rm) {
  bool Sign = Signed && int64_t(V) < 0;
  uint64_t Mag = Sign ? uint64_t(0) - V : V;
  if (Mag == 0) return 0;
  uint32_t Flags = 0;
  uint64_t Bits = roundPack(F, Sign, 0, Mag, false, resolveRm(Rm), Flags);
  hostfp::raise(Flags);
  return Bits;
}

} // namespace

extern "C" {

float dbt_rv_fadd_s(float A, float B, uint32_t Rm) {
  return add(A, B, Rm);
}
float dbt_rv_fsub_s(float A, float B, uint32_t Rm) {
  return sub(A, B, Rm);
}
float dbt_rv_fmul_s(float A, float B, uint32_t Rm) {
  return mul(A, B, Rm);
}
float dbt_rv_fdiv_s(float A, float B, uint32_t Rm) {
  return div(A, B, Rm);
}
float dbt_rv_fsqrt_s(float A, uint32_t Rm) {
  return sqrtOp(A, Rm);
}
float dbt_rv_fmadd_s(float A, float B, float C, uint32_t Rm) {
  return fma(A, B, C, Rm);
}
double dbt_rv_fadd_d(double A, double B, uint32_t Rm) {
  return add(A, B, Rm);
}
double dbt_rv_fsub_d(double A, double B, uint32_t Rm) {
  return sub(A, B, Rm);
}
double dbt_rv_fmul_d(double A, double B, uint32_t Rm) {
  return mul(A, B, Rm);
}
double dbt_rv_fdiv_d(double A, double B, uint32_t Rm) {
  return div(A, B, Rm);
}
double dbt_rv_fsqrt_d(double A, uint32_t Rm) {
  return sqrtOp(A, Rm);
}
double dbt_rv_fmadd_d(double A, double B, double C, uint32_t Rm) {
  return fma(A, B, C, Rm);
}

uint64_t dbt_rv_fcvt_int_s(float A, uint32_t Rm, uint32_t Kind) {
  return toInt(Single, bitsOf(A), Rm, Kind);
}
uint64_t dbt_rv_fcvt_int_d(double A, uint32_t Rm, uint32_t Kind) {
  return toInt(Double, bitsOf(A), Rm, Kind);
}

float dbt_rv_fcvt_s_l(uint64_t V, uint32_t Rm) {
  return fromBits<float>(fromInt(Single, V, true, Rm));
}
float dbt_rv_fcvt_s_lu(uint64_t V, uint32_t Rm) {
  return fromBits<float>(fromInt(Single, V, false, Rm));
}
double dbt_rv_fcvt_d_l(uint64_t V, uint32_t Rm) {
  return fromBits<double>(fromInt(Double, V, true, Rm));
}
double dbt_rv_fcvt_d_lu(uint64_t V, uint32_t Rm) {
  return fromBits<double>(fromInt(Double, V, false, Rm));
}

float dbt_rv_fcvt_s_d(double A, uint32_t Rm) {
  uint64_t Bits = bitsOf(A);
  uint32_t Flags = 0;
  uint64_t R;
  if (isNaN(Double, Bits)) {
    if (isSignalingNaN(Double, Bits)) Flags = NV;
    R = Single.CanonicalNaN;
  } else if (isInf(Double, Bits) || isZero(Double, Bits)) {
    R = (signOf(Double, Bits) << 31) | (isInf(Double, Bits) ? expMask(Single) : 0);
  } else {
    Unpacked U = unpack(Double, Bits);
    R = roundPack(Single, U.Sign, U.Exp, U.Sig, false, resolveRm(Rm), Flags);
  }
  hostfp::raise(Flags);
  return fromBits<float>(R);
}

} // extern "C"
