//===- FpHelpersTest.cpp - FP helpers, CSR helpers, FP environment --------===//
//
// The software rounding core is checked against the host in the four modes
// x86 has (random operands biased towards ties, cancellation, subnormals and
// overflow); RMM, the saturating conversions, the NaN rules and the CSR and
// environment plumbing against known RISC-V answers (from qemu-riscv64).
//
//===----------------------------------------------------------------------===//

#include "Frontend/RISCV/Helpers.h"

#include "dbt/Frontend/RISCV/FpEnvironment.h"

#include <gtest/gtest.h>

#include <bit>
#include <cstring>
#include <random>

using namespace dbt::riscv;

namespace {

constexpr uint32_t RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4, DYN = 7;

float f32(uint32_t Bits) {
  return std::bit_cast<float>(Bits);
}
double f64(uint64_t Bits) {
  return std::bit_cast<double>(Bits);
}
uint32_t bits(float V) {
  return std::bit_cast<uint32_t>(V);
}
uint64_t bits(double V) {
  return std::bit_cast<uint64_t>(V);
}

/// Runs Fn with the host flags cleared and returns its result; Flags gets
/// the fflags it raised. The host environment is left clean.
template <typename FnT> auto flagged(uint32_t &Flags, FnT Fn) {
  hostfp::load(RNE, 0);
  auto R = Fn();
  Flags = hostfp::reset();
  return R;
}

/// Random finite non-zero values of a format, biased towards the cases
/// rounding gets wrong: few significant bits (ties), nearby exponents
/// (cancellation), subnormals and the extremes.
class ValueGen {
public:
  ValueGen(bool IsDouble, uint64_t Seed) : IsDouble(IsDouble), Rng(Seed) {}

  uint64_t next() {
    int P = IsDouble ? 53 : 24, ExpBits = IsDouble ? 11 : 8;
    uint64_t MaxExp = (uint64_t(1) << ExpBits) - 2; // largest finite field
    uint64_t Frac;
    switch (Rng() % 4) {
    case 0: // few bits: exact sums and products, and ties
      Frac = (Rng() & 0xf) << (P - 5);
      break;
    case 1: // all ones / high bits set
      Frac = ((uint64_t(1) << (P - 1)) - 1) ^ (Rng() & 0x3);
      break;
    default:
      Frac = Rng() & ((uint64_t(1) << (P - 1)) - 1);
      break;
    }
    uint64_t Exp;
    switch (Rng() % 8) {
    case 0:
      Exp = Rng() % 3; // subnormal or near it
      break;
    case 1:
      Exp = MaxExp - Rng() % 3;
      break;
    case 2:
      Exp = Rng() % (MaxExp + 1);
      break;
    default: // around 1.0, so operands interact
      Exp = (MaxExp / 2) + Rng() % 60 - 30;
      break;
    }
    uint64_t Sign = Rng() & 1;
    uint64_t Bits = (Sign << (IsDouble ? 63 : 31)) | (Exp << (P - 1)) | Frac;
    if ((Bits & ~(uint64_t(1) << (IsDouble ? 63 : 31))) == 0) Bits |= 1; // no zeros
    return Bits;
  }

private:
  bool IsDouble;
  std::mt19937_64 Rng;
};

uint64_t hostOp(softfp::Op O, bool IsDouble, uint64_t A, uint64_t B, uint64_t C, uint32_t Rm,
                uint32_t &Flags) {
  return flagged(Flags, [&]() -> uint64_t {
    if (IsDouble) {
      double X = f64(A), Y = f64(B), Z = f64(C);
      switch (O) {
      case softfp::Op::Add:
        return bits(dbt_rv_fadd_d(X, Y, Rm));
      case softfp::Op::Mul:
        return bits(dbt_rv_fmul_d(X, Y, Rm));
      case softfp::Op::Div:
        return bits(dbt_rv_fdiv_d(X, Y, Rm));
      case softfp::Op::Fma:
        return bits(dbt_rv_fmadd_d(X, Y, Z, Rm));
      }
    }
    float X = f32(uint32_t(A)), Y = f32(uint32_t(B)), Z = f32(uint32_t(C));
    switch (O) {
    case softfp::Op::Add:
      return bits(dbt_rv_fadd_s(X, Y, Rm));
    case softfp::Op::Mul:
      return bits(dbt_rv_fmul_s(X, Y, Rm));
    case softfp::Op::Div:
      return bits(dbt_rv_fdiv_s(X, Y, Rm));
    case softfp::Op::Fma:
      return bits(dbt_rv_fmadd_s(X, Y, Z, Rm));
    }
    return 0;
  });
}

void checkSoftAgainstHost(softfp::Op O, bool IsDouble, uint64_t Seed) {
  ValueGen G(IsDouble, Seed);
  int Failures = 0;
  for (int I = 0; I < 40000 && Failures < 5; ++I) {
    uint64_t A = G.next(), B = G.next(), C = G.next();
    if (O == softfp::Op::Add && I % 4 == 0) { // cancellation
      uint64_t Sign = uint64_t(1) << (IsDouble ? 63 : 31);
      uint64_t Inf = IsDouble ? 0x7ff0000000000000 : 0x7f800000;
      uint64_t Near = (A ^ Sign) + (G.next() & 7);
      if ((Near & ~Sign) < Inf) B = Near;
    }
    for (uint32_t Rm : {RNE, RTZ, RDN, RUP}) {
      uint32_t HostFlags, SoftFlags = 0;
      uint64_t Host = hostOp(O, IsDouble, A, B, C, Rm, HostFlags);
      uint64_t Soft = softfp::arith(O, IsDouble, A, B, C, Rm, SoftFlags);
      if (Host != Soft || HostFlags != SoftFlags) {
        ADD_FAILURE() << "op " << int(O) << (IsDouble ? " d" : " s") << " rm " << Rm << std::hex
                      << " a=" << A << " b=" << B << " c=" << C << " host=" << Host << "/"
                      << HostFlags << " soft=" << Soft << "/" << SoftFlags;
        ++Failures;
      }
    }
  }
}

} // namespace

// ---- The software rounding core against the host -----------------------------

TEST(FpSoft, AddMatchesHost) {
  checkSoftAgainstHost(softfp::Op::Add, false, 1);
  checkSoftAgainstHost(softfp::Op::Add, true, 2);
}
TEST(FpSoft, MulMatchesHost) {
  checkSoftAgainstHost(softfp::Op::Mul, false, 3);
  checkSoftAgainstHost(softfp::Op::Mul, true, 4);
}
TEST(FpSoft, DivMatchesHost) {
  checkSoftAgainstHost(softfp::Op::Div, false, 5);
  checkSoftAgainstHost(softfp::Op::Div, true, 6);
}
TEST(FpSoft, FmaMatchesHost) {
  checkSoftAgainstHost(softfp::Op::Fma, false, 7);
  checkSoftAgainstHost(softfp::Op::Fma, true, 8);
}

// ---- RMM ------------------------------------------------------------------------

TEST(FpHelpers, RmmTiesAwayFromZero) {
  uint32_t F;
  // 1 + 2^-24 is a tie in single: RNE keeps 1, RMM goes up.
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fadd_s(1.0f, 0x1p-24f, RNE); })), 0x3f800000u);
  EXPECT_EQ(F, NX);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fadd_s(1.0f, 0x1p-24f, RMM); })), 0x3f800001u);
  EXPECT_EQ(F, NX);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fsub_s(-1.0f, 0x1p-24f, RMM); })), 0xbf800001u);
  EXPECT_EQ(F, NX);
  // Not a tie: RMM rounds to nearest like RNE.
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fadd_s(1.0f, 0x1.8p-25f, RMM); })), 0x3f800000u);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fadd_d(1.0, 0x1p-53, RMM); })), 0x3ff0000000000001u);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fadd_d(1.0, 0x1p-53, RNE); })), 0x3ff0000000000000u);
  // Product tie: (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24 in single.
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fmul_s(0x1.001p0f, 0x1.001p0f, RMM); })),
            0x3f801001u);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fmul_s(0x1.001p0f, 0x1.001p0f, RNE); })),
            0x3f801000u);
  // Subnormal tie of a quotient: 2^-149 / 2 is half the smallest subnormal.
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fdiv_s(0x1p-149f, 2.0f, RMM); })), 1u);
  EXPECT_EQ(F, UF | NX);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fdiv_s(0x1p-149f, 2.0f, RNE); })), 0u);
  EXPECT_EQ(F, UF | NX);
  // Exact results stay exact.
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fadd_d(1.5, 2.25, RMM); })), bits(3.75));
  EXPECT_EQ(F, 0u);
  // fma: 1 * 1 + 2^-24 ties in single.
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fmadd_s(1.0f, 1.0f, 0x1p-24f, RMM); })),
            0x3f800001u);
  EXPECT_EQ(F, NX);
  // Overflow in RMM goes to infinity.
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fmul_d(0x1p1023, 2.0, RMM); })),
            0x7ff0000000000000u);
  EXPECT_EQ(F, OF | NX);
  // sqrt never ties: RMM is RNE.
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fsqrt_d(2.0, RMM); })), bits(0x1.6a09e667f3bcdp0));
  EXPECT_EQ(F, NX);
}

TEST(FpHelpers, StaticModesAndDynamic) {
  uint32_t F;
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fdiv_d(1.0, 3.0, RUP); })), 0x3fd5555555555556u);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fdiv_d(1.0, 3.0, RDN); })), 0x3fd5555555555555u);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fdiv_d(-1.0, 3.0, RTZ); })), 0xbfd5555555555555u);
  EXPECT_EQ(F, NX);
  // DYN uses the host mode, and a helper leaves the mode as it found it.
  hostfp::load(RUP, 0);
  EXPECT_EQ(bits(dbt_rv_fdiv_d(1.0, 3.0, DYN)), 0x3fd5555555555556u);
  EXPECT_EQ(bits(dbt_rv_fdiv_d(1.0, 3.0, RDN)), 0x3fd5555555555555u);
  EXPECT_EQ(hostfp::rounding(), RUP);
  EXPECT_EQ(hostfp::reset(), NX);
  // Flags already set stay set; others are not added.
  hostfp::load(RNE, DZ);
  dbt_rv_fadd_d(1.0, 2.0, RTZ);
  EXPECT_EQ(hostfp::reset(), DZ);
}

// ---- NaNs ----------------------------------------------------------------------

TEST(FpHelpers, NaNsAreCanonical) {
  uint32_t F;
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fadd_s(f32(0x7fc12345), 1.0f, RTZ); })),
            0x7fc00000u);
  EXPECT_EQ(F, 0u);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fadd_s(f32(0x7f800001), 1.0f, RMM); })),
            0x7fc00000u);
  EXPECT_EQ(F, NV);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fsqrt_d(-1.0, RNE); })), 0x7ff8000000000000u);
  EXPECT_EQ(F, NV);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fdiv_d(0.0, 0.0, RUP); })), 0x7ff8000000000000u);
  EXPECT_EQ(F, NV);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fdiv_d(1.0, -0.0, RUP); })), 0xfff0000000000000u);
  EXPECT_EQ(F, DZ);
}

TEST(FpHelpers, FmaInfTimesZeroIsInvalidEvenWithQuietNaN) {
  uint32_t F;
  double Inf = f64(0x7ff0000000000000), QNaN = f64(0x7ff8000000000123);
  EXPECT_EQ(bits(flagged(F, [&] { return dbt_rv_fmadd_d(Inf, 0.0, QNaN, RNE); })),
            0x7ff8000000000000u);
  EXPECT_EQ(F, NV);
  EXPECT_EQ(bits(flagged(F, [&] { return dbt_rv_fmadd_d(0.0, Inf, QNaN, DYN); })),
            0x7ff8000000000000u);
  EXPECT_EQ(F, NV);
  // A quiet NaN alone is quiet.
  EXPECT_EQ(bits(flagged(F, [&] { return dbt_rv_fmadd_d(1.0, 2.0, QNaN, RNE); })),
            0x7ff8000000000000u);
  EXPECT_EQ(F, 0u);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fmadd_s(f32(0x7f800000), 0.0f, 1.0f, RMM); })),
            0x7fc00000u);
  EXPECT_EQ(F, NV);
}

// ---- Conversions -------------------------------------------------------------------

namespace {
struct CvtCase {
  uint64_t In; // bits of the source
  uint32_t Rm, Kind;
  uint64_t Out;
  uint32_t Flags;
};
constexpr uint32_t W = 0, WU = 1, L = 2, LU = 3;
} // namespace

TEST(FpHelpers, DoubleToInt) {
  const CvtCase Cases[] = {
      {bits(2.5), RNE, W, 2, NX},
      {bits(2.5), RMM, W, 3, NX},
      {bits(-2.5), RMM, W, uint64_t(-3), NX},
      {bits(-2.5), RDN, L, uint64_t(-3), NX},
      {bits(-2.5), RUP, L, uint64_t(-2), NX},
      {bits(-2.5), RTZ, L, uint64_t(-2), NX},
      {bits(3.0), RMM, L, 3, 0},
      {0x7ff8000000000000, RNE, W, 0x7fffffff, NV},
      {0xfff8000000000000, RNE, W, 0x7fffffff, NV}, // negative NaN: still max
      {0x7ff0000000000001, RTZ, L, 0x7fffffffffffffff, NV},
      {0x7ff8000000000000, RNE, WU, ~uint64_t(0), NV},
      {0x7ff8000000000000, RNE, LU, ~uint64_t(0), NV},
      {0x7ff0000000000000, RNE, W, 0x7fffffff, NV},
      {0xfff0000000000000, RNE, W, 0xffffffff80000000, NV},
      {0xfff0000000000000, RNE, LU, 0, NV},
      {bits(2147483647.5), RNE, W, 0x7fffffff, NV}, // rounds out of range
      {bits(2147483647.5), RTZ, W, 0x7fffffff, NX},
      {bits(-2147483648.5), RNE, W, 0xffffffff80000000, NX},
      {bits(-2147483648.5), RMM, W, 0xffffffff80000000, NV},
      {bits(-2147483649.0), RTZ, W, 0xffffffff80000000, NV},
      {bits(3e9 + 0.5), RTZ, W, 0x7fffffff, NV}, // no NX when invalid
      {bits(3e9 + 0.5), RTZ, WU, 0xffffffffb2d05e00, NX},
      {bits(4294967295.5), RNE, WU, 0xffffffffffffffff, NV},
      {bits(4294967295.4), RNE, WU, 0xffffffffffffffff, NX},
      {bits(-0.3), RTZ, WU, 0, NX},
      {bits(-0.5), RNE, WU, 0, NX},
      {bits(-0.5), RMM, WU, 0, NV},
      {bits(-1.0), RTZ, WU, 0, NV},
      {bits(-1.0), RTZ, LU, 0, NV},
      {bits(-0.0), RTZ, LU, 0, 0},
      {bits(0x1p63), RTZ, L, 0x7fffffffffffffff, NV},
      {bits(-0x1p63), RTZ, L, 0x8000000000000000, 0},
      {bits(0x1p63), RTZ, LU, 0x8000000000000000, 0},
      {bits(0x1p64), RTZ, LU, ~uint64_t(0), NV},
      {bits(0x1.fffffffffffffp63), RUP, LU, 0xfffffffffffff800, 0},
      {bits(1e300), RNE, L, 0x7fffffffffffffff, NV},
      {bits(0x1p-1074), RUP, L, 1, NX},
      {bits(-0x1p-1074), RDN, W, ~uint64_t(0), NX},
      {bits(-0x1p-1074), RDN, WU, 0, NV},
  };
  for (const CvtCase &C : Cases) {
    uint32_t F;
    uint64_t R = flagged(F, [&] { return dbt_rv_fcvt_int_d(f64(C.In), C.Rm, C.Kind); });
    EXPECT_EQ(R, C.Out) << std::hex << C.In << " rm " << C.Rm << " kind " << C.Kind;
    EXPECT_EQ(F, C.Flags) << std::hex << C.In << " rm " << C.Rm << " kind " << C.Kind;
  }
}

TEST(FpHelpers, SingleToInt) {
  const CvtCase Cases[] = {
      {bits(2.5f), RMM, W, 3, NX},
      {bits(-2.5f), RNE, W, uint64_t(-2), NX},
      {0x7fc00000, RNE, L, 0x7fffffffffffffff, NV},
      {0xff800000, RNE, L, 0x8000000000000000, NV},
      {bits(0x1p31f), RNE, W, 0x7fffffff, NV},
      {bits(-0x1p31f), RNE, W, 0xffffffff80000000, 0},
      {bits(0x1p31f), RNE, WU, 0xffffffff80000000, 0},
      {bits(-0.75f), RUP, WU, 0, NX},
      {bits(-0.75f), RTZ, LU, 0, NX},
      {bits(-0.75f), RNE, LU, 0, NV},
  };
  for (const CvtCase &C : Cases) {
    uint32_t F;
    uint64_t R = flagged(F, [&] { return dbt_rv_fcvt_int_s(f32(uint32_t(C.In)), C.Rm, C.Kind); });
    EXPECT_EQ(R, C.Out) << std::hex << C.In << " rm " << C.Rm << " kind " << C.Kind;
    EXPECT_EQ(F, C.Flags) << std::hex << C.In << " rm " << C.Rm << " kind " << C.Kind;
  }
}

namespace {
/// The host's conversion of a signed 64-bit integer in mode Rm, as reference.
__attribute__((noinline)) double hostI64ToF64(int64_t V, uint32_t Rm, uint32_t &Flags) {
  hostfp::load(Rm, 0);
  asm volatile("" : "+r"(V));
  double D = double(V);
  asm volatile("" : "+x"(D));
  Flags = hostfp::reset();
  return D;
}
__attribute__((noinline)) float hostI64ToF32(int64_t V, uint32_t Rm, uint32_t &Flags) {
  hostfp::load(Rm, 0);
  asm volatile("" : "+r"(V));
  float D = float(V);
  asm volatile("" : "+x"(D));
  Flags = hostfp::reset();
  return D;
}
} // namespace

TEST(FpHelpers, IntToFloatMatchesHost) {
  std::mt19937_64 Rng(9);
  for (int I = 0; I < 20000; ++I) {
    int64_t V = int64_t(Rng() >> (Rng() % 64));
    if (Rng() & 1) V = -V;
    for (uint32_t Rm : {RNE, RTZ, RDN, RUP}) {
      uint32_t HF, SF;
      double HD = hostI64ToF64(V, Rm, HF);
      double SD = flagged(SF, [&] { return dbt_rv_fcvt_d_l(uint64_t(V), Rm); });
      ASSERT_EQ(bits(HD), bits(SD)) << V << " rm " << Rm;
      ASSERT_EQ(HF, SF) << V << " rm " << Rm;
      float HS = hostI64ToF32(V, Rm, HF);
      float SS = flagged(SF, [&] { return dbt_rv_fcvt_s_l(uint64_t(V), Rm); });
      ASSERT_EQ(bits(HS), bits(SS)) << V << " rm " << Rm;
      ASSERT_EQ(HF, SF) << V << " rm " << Rm;
    }
  }
}

TEST(FpHelpers, IntToFloatRmmAndUnsigned) {
  uint32_t F;
  // 2^24 + 1 is a tie in single.
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fcvt_s_l(0x1000001, RMM); })), 0x4b800001u);
  EXPECT_EQ(F, NX);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fcvt_s_l(0x1000001, RNE); })), 0x4b800000u);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fcvt_s_l(uint64_t(-0x1000001), RMM); })),
            0xcb800001u);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fcvt_d_lu(~uint64_t(0), RTZ); })),
            0x43efffffffffffffu);
  EXPECT_EQ(F, NX);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fcvt_d_lu(~uint64_t(0), RNE); })),
            0x43f0000000000000u);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fcvt_s_lu(0x8000000000000000, RNE); })),
            0x5f000000u);
  EXPECT_EQ(F, 0u);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fcvt_d_l(0, RDN); })), 0u);
  EXPECT_EQ(F, 0u);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fcvt_d_l(0x8000000000000000, RNE); })),
            0xc3e0000000000000u);
}

TEST(FpHelpers, DoubleToSingle) {
  uint32_t F;
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fcvt_s_d(1.0 + 0x1p-24, RMM); })), 0x3f800001u);
  EXPECT_EQ(F, NX);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fcvt_s_d(1.0 + 0x1p-24, RNE); })), 0x3f800000u);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fcvt_s_d(1e300, RTZ); })), 0x7f7fffffu);
  EXPECT_EQ(F, OF | NX);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fcvt_s_d(-1e300, RUP); })), 0xff7fffffu);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fcvt_s_d(-1e300, RMM); })), 0xff800000u);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fcvt_s_d(1e-300, RNE); })), 0u);
  EXPECT_EQ(F, UF | NX);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fcvt_s_d(1e-300, RUP); })), 1u);
  // Rounds up to the smallest normal: not tiny after rounding.
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fcvt_s_d(0x1.ffffffp-127, RNE); })), 0x00800000u);
  EXPECT_EQ(F, NX);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fcvt_s_d(f64(0x7ff0000000000001), RNE); })),
            0x7fc00000u);
  EXPECT_EQ(F, NV);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fcvt_s_d(f64(0xfff8000000000001), RNE); })),
            0x7fc00000u);
  EXPECT_EQ(F, 0u);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fcvt_s_d(-0.0, RNE); })), 0x80000000u);
  EXPECT_EQ(bits(flagged(F, [] { return dbt_rv_fcvt_s_d(f64(0xfff0000000000000), RNE); })),
            0xff800000u);
  EXPECT_EQ(F, 0u);
}

// ---- CSRs and the environment --------------------------------------------------------

TEST(FpCsr, FlagsAndRoundingLiveInTheHost) {
  CpuState Cpu{};
  hostfp::load(RNE, 0);
  dbt_rv_csr_write(&Cpu, CSR_FRM, RTZ);
  EXPECT_EQ(hostfp::rounding(), RTZ);
  EXPECT_EQ(dbt_rv_csr_read(&Cpu, CSR_FRM), RTZ);
  EXPECT_EQ(bits(dbt_rv_fdiv_d(2.0, 3.0, DYN)), 0x3fe5555555555555u);
  EXPECT_EQ(dbt_rv_csr_read(&Cpu, CSR_FFLAGS), NX);
  EXPECT_EQ(dbt_rv_csr_read(&Cpu, CSR_FCSR), (RTZ << 5) | NX);
  // RMM and invalid modes read back as written; the host runs them as RNE.
  dbt_rv_csr_write(&Cpu, CSR_FRM, RMM);
  EXPECT_EQ(dbt_rv_csr_read(&Cpu, CSR_FRM), RMM);
  EXPECT_EQ(hostfp::rounding(), RNE);
  dbt_rv_csr_write(&Cpu, CSR_FCSR, 0xff);
  EXPECT_EQ(Cpu.Frm, 7u);
  EXPECT_EQ(dbt_rv_csr_read(&Cpu, CSR_FCSR), 0xffu);
  EXPECT_EQ(dbt_rv_csr_read(&Cpu, CSR_FFLAGS), 0x1fu);
  dbt_rv_csr_write(&Cpu, CSR_FFLAGS, 0);
  EXPECT_EQ(dbt_rv_csr_read(&Cpu, CSR_FCSR), 0xe0u);
  dbt_rv_csr_write(&Cpu, CSR_FCSR, (RUP << 5) | DZ);
  EXPECT_EQ(hostfp::rounding(), RUP);
  EXPECT_EQ(dbt_rv_csr_read(&Cpu, CSR_FFLAGS), DZ);
  // Leaving guest code: flags saved, host back to default.
  leaveGuestFp(Cpu);
  EXPECT_EQ(Cpu.FFlags, DZ);
  EXPECT_EQ(Cpu.Frm, RUP);
  EXPECT_EQ(hostfp::rounding(), RNE);
  EXPECT_EQ(hostfp::flags(), 0u);
}

TEST(FpCsr, ClearedFlagsStayClearedAcrossLeave) {
  CpuState Cpu{};
  Cpu.FFlags = NX | OF;
  Cpu.Frm = RDN;
  enterGuestFp(Cpu);
  EXPECT_EQ(hostfp::rounding(), RDN);
  EXPECT_EQ(dbt_rv_csr_read(&Cpu, CSR_FFLAGS), NX | OF);
  dbt_rv_csr_write(&Cpu, CSR_FFLAGS, 0);
  dbt_rv_fdiv_d(1.0, 0.0, DYN);
  leaveGuestFp(Cpu);
  EXPECT_EQ(Cpu.FFlags, DZ);
  EXPECT_EQ(hostfp::rounding(), RNE);
}

TEST(FpCsr, EnterWithRmmRunsNearest) {
  CpuState Cpu{};
  Cpu.Frm = RMM;
  enterGuestFp(Cpu);
  EXPECT_EQ(hostfp::rounding(), RNE);
  EXPECT_EQ(dbt_rv_csr_read(&Cpu, CSR_FRM), RMM);
  leaveGuestFp(Cpu);
  EXPECT_EQ(Cpu.FFlags, 0u);
}

TEST(FpCsr, CountersAreMonotonic) {
  CpuState Cpu{};
  for (uint32_t Csr : {CSR_CYCLE, CSR_TIME, CSR_INSTRET}) {
    uint64_t A = dbt_rv_csr_read(&Cpu, Csr);
    uint64_t B = dbt_rv_csr_read(&Cpu, Csr);
    EXPECT_LE(A, B) << Csr;
    EXPECT_NE(A, 0u) << Csr;
  }
}
