//===- RISCVLiftFloatTest.cpp - F/D lifting against reference semantics ---===//
//
// Every F/D instruction is lifted alone, JIT-compiled (unoptimised and through
// the region pipeline) with the real helpers bound, and run on tricky and
// random operands in every static rounding mode and in the dynamic mode under
// every frm, inside the guest FP environment (enterGuestFp/leaveGuestFp).
// Results and fflags must equal the reference bit for bit: the helpers for
// rounded operations (they are checked against the host and known RISC-V
// answers in FpHelpersTest) and the spec's rules for the rest. This is what
// ties the inline fast paths (constrained ops, inline conversions, cold
// paths) to the exact semantics.
//
//===----------------------------------------------------------------------===//

#include "Frontend/RISCV/Helpers.h"
#include "Frontend/RISCV/Lifter.h"

#include "dbt/Backend/NativeBackend.h"
#include "dbt/Frontend/RISCV/CpuState.h"
#include "dbt/Frontend/RISCV/FpEnvironment.h"
#include "dbt/IR/GuestMemoryOps.h"
#include "dbt/IR/Pipeline.h"

#include "llvm/ExecutionEngine/Orc/ThreadSafeModule.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

using namespace dbt;
using namespace dbt::riscv;

namespace {

constexpr uint64_t CodeBase = 0x10000;
constexpr uint32_t RNE = 0, RMM = 4, DYN = 7;

// ---- JIT ------------------------------------------------------------------------

NativeBackend &backend() {
  static std::unique_ptr<NativeBackend> B = [] {
    // Every helper of Helpers.def, bound by name as the runtime does; this
    // also checks Helpers.h declares them all.
    std::vector<HelperSymbol> Helpers = {
#define RV_HELPER(Name, ...) {#Name, reinterpret_cast<void *>(&Name)},
#include "dbt/Frontend/RISCV/Helpers.def"
    };
    auto BE = NativeBackend::create(Helpers);
    if (!BE) {
      llvm::errs() << llvm::toString(BE.takeError()) << "\n";
      std::abort();
    }
    return std::move(*BE);
  }();
  return *B;
}

size_t fetch(void *Ctx, uint64_t Addr, uint8_t *Buf, size_t Len) {
  const auto &Bytes = *static_cast<const std::vector<uint8_t> *>(Ctx);
  if (Addr < CodeBase || Addr - CodeBase >= Bytes.size()) return 0;
  size_t N = std::min(Len, Bytes.size() - (Addr - CodeBase));
  std::memcpy(Buf, Bytes.data() + (Addr - CodeBase), N);
  return N;
}

using Entry = uint32_t (*)(void *);

Entry compile(const std::vector<uint32_t> &Words, bool Optimize, unsigned MaxInsns,
              std::string *IROut = nullptr) {
  static unsigned Counter = 0;
  NativeBackend &BE = backend();
  std::vector<uint8_t> Bytes;
  for (uint32_t W : Words)
    for (int I = 0; I < 4; ++I) Bytes.push_back(uint8_t(W >> (8 * I)));
  llvm::orc::ThreadSafeContext TSC(std::make_unique<llvm::LLVMContext>());
  auto M = std::make_unique<llvm::Module>("fp" + std::to_string(Counter), *TSC.getContext());
  M->setDataLayout(BE.targetMachine().createDataLayout());
  M->setTargetTriple(BE.targetMachine().getTargetTriple().str());
  TranslatorConfig Config;
  Config.FetchCode = fetch;
  Config.FetchContext = &Bytes;
  Config.MaxRegionInstructions = MaxInsns;
  RegionLifter L(*M, Config);
  auto Region = L.liftRegion(CodeBase);
  if (!Region) {
    ADD_FAILURE() << llvm::toString(Region.takeError());
    return nullptr;
  }
  std::string Err;
  llvm::raw_string_ostream OS(Err);
  if (llvm::verifyFunction(*Region->Fn, &OS)) {
    ADD_FAILURE() << "lifted IR does not verify: " << Err;
    return nullptr;
  }
  ir::lowerGuestMemory(*Region->Fn, MemoryFastPath{});
  if (Optimize) ir::RegionOptimizer(&BE.targetMachine()).run(*Region->Fn);
  if (llvm::verifyModule(*M, &OS)) {
    ADD_FAILURE() << "optimised IR does not verify: " << Err;
    return nullptr;
  }
  // Set DBT_LIFTFLOAT_DUMP to see the (optimised) module of each region.
  if (std::getenv("DBT_LIFTFLOAT_DUMP")) M->print(llvm::errs(), nullptr);
  if (IROut) {
    llvm::raw_string_ostream IOS(*IROut);
    Region->Fn->print(IOS);
  }
  std::string Name = "fp_region_" + std::to_string(Counter++);
  Region->Fn->setName(Name);
  auto C = BE.compile(llvm::orc::ThreadSafeModule(std::move(M), std::move(TSC)),
                      std::vector<std::string>{Name});
  if (!C) {
    ADD_FAILURE() << llvm::toString(C.takeError());
    return nullptr;
  }
  return reinterpret_cast<Entry>(C->Entries.front());
}

/// Runs translated code the way the runtime does: guest FP environment in,
/// flags saved out.
ExitReason runGuest(Entry E, CpuState &Cpu) {
  enterGuestFp(Cpu);
  auto R = ExitReason(E(&Cpu));
  leaveGuestFp(Cpu);
  return R;
}

// ---- Encodings ------------------------------------------------------------------

uint32_t encR(uint32_t Op, uint32_t F3, uint32_t F7, uint32_t Rd, uint32_t Rs1, uint32_t Rs2) {
  return (F7 << 25) | (Rs2 << 20) | (Rs1 << 15) | (F3 << 12) | (Rd << 7) | Op;
}
uint32_t encR4(uint32_t Op, uint32_t Fmt, uint32_t Rm, uint32_t Rd, uint32_t Rs1, uint32_t Rs2,
               uint32_t Rs3) {
  return (Rs3 << 27) | (Fmt << 25) | (Rs2 << 20) | (Rs1 << 15) | (Rm << 12) | (Rd << 7) | Op;
}

// ---- Values -----------------------------------------------------------------------

uint64_t box(uint32_t Bits) {
  return 0xffffffff00000000ull | Bits;
}
uint32_t unbox(uint64_t Raw) {
  return (Raw >> 32) == 0xffffffff ? uint32_t(Raw) : 0x7fc00000;
}
float f32(uint32_t B) {
  return std::bit_cast<float>(B);
}
double f64(uint64_t B) {
  return std::bit_cast<double>(B);
}
uint32_t bits(float V) {
  return std::bit_cast<uint32_t>(V);
}
uint64_t bits(double V) {
  return std::bit_cast<uint64_t>(V);
}

bool isNaN32(uint32_t B) {
  return (B & 0x7fffffff) > 0x7f800000;
}
bool isNaN64(uint64_t B) {
  return (B & 0x7fffffffffffffff) > 0x7ff0000000000000;
}
bool isSNaN32(uint32_t B) {
  return isNaN32(B) && !(B & 0x00400000);
}
bool isSNaN64(uint64_t B) {
  return isNaN64(B) && !(B & 0x0008000000000000);
}

const uint32_t Special32[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000,
    0x7fc12345, 0x7f800001, 0xff812345, 0x00000001, 0x80000001, 0x007fffff, 0x00800000, 0x80800000,
    0x7f7fffff, 0xff7fffff, 0x3f000000, 0xbf000000, 0x3fc00000, 0x40200000, 0xc0200000, 0x4effffff,
    0x4f000000, 0xcf000000, 0xcf000001, 0x4f800000, 0x5effffff, 0x5f000000, 0xdf000000, 0x5f800000,
    0x4b800001, 0x4b7fffff, 0x3eaaaaab, 0x33800000, 0x34000000, 0xbe99999a, 0x00c00000,
};
const uint64_t Special64[] = {
    0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000,
    0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000, 0xfff8000000000000,
    0x7ff8000000012345, 0x7ff0000000000001, 0xfff0000000012345, 0x0000000000000001,
    0x8000000000000001, 0x000fffffffffffff, 0x0010000000000000, 0x8010000000000000,
    0x7fefffffffffffff, 0xffefffffffffffff, 0x3fe0000000000000, 0xbfe0000000000000,
    0x3ff8000000000000, 0x4004000000000000, 0xc004000000000000, 0x41dfffffffe00000,
    0x41dfffffffffffff, 0x41e0000000000000, 0xc1e0000000000000, 0xc1e0000000100000,
    0xc1e0000000000001, 0x41efffffffe00000, 0x41effffffff00000, 0x41f0000000000000,
    0x43dfffffffffffff, 0x43e0000000000000, 0xc3e0000000000000, 0x43f0000000000000,
    0x4340000000000001, 0x3ca0000000000000, 0x3fd5555555555555, 0xbfd3333333333333,
    0x36a0000000000000, 0x3810000000000000, 0x47efffffe0000000, 0x47efffffefffffff,
    0x41e0000000200000, 0xc1dfffffffd00000,
};
const uint64_t SpecialInt[] = {
    0,
    1,
    uint64_t(-1),
    2,
    3,
    0x7fffffff,
    0x80000000,
    0xffffffff,
    0xffffffff80000000,
    0x1000001,
    0x1000003,
    uint64_t(-0x1000001),
    0x20000000000001,
    0x20000000000003,
    uint64_t(-0x20000000000001),
    0x7fffffffffffffff,
    0x8000000000000000,
    0xfffffffffffffc00,
    0x7ffffffffffffdff,
    0x123456789abcdef0,
    0x00000000fffffffd,
    0xffffffffff000001,
};

class Gen {
public:
  explicit Gen(uint64_t Seed) : Rng(Seed) {}
  uint64_t single(size_t I) {
    if (I < std::size(Special32)) return box(Special32[I]);
    switch (Rng() % 8) {
    case 0: // not NaN-boxed
      return uint64_t(Rng() & 0xfffffffe00000000ull) | uint32_t(Rng());
    case 1:
      return box(Special32[Rng() % std::size(Special32)] + uint32_t(Rng() % 5) - 2);
    case 2:
      return box(uint32_t(Rng()));
    default: { // around 1, varied
      uint32_t Exp = 127 + int(Rng() % 70) - 35;
      return box((uint32_t(Rng() & 1) << 31) | (Exp << 23) | uint32_t(Rng() & 0x7fffff));
    }
    }
  }
  uint64_t dbl(size_t I) {
    if (I < std::size(Special64)) return Special64[I];
    switch (Rng() % 6) {
    case 0:
      return Special64[Rng() % std::size(Special64)] + Rng() % 5 - 2;
    case 1:
      return Rng();
    default: {
      uint64_t Exp = 1023 + int(Rng() % 140) - 70;
      return (uint64_t(Rng() & 1) << 63) | (Exp << 52) | (Rng() & 0xfffffffffffff);
    }
    }
  }
  uint64_t integer(size_t I) {
    if (I < std::size(SpecialInt)) return SpecialInt[I];
    uint64_t V = Rng() >> (Rng() % 64);
    return (Rng() & 1) ? uint64_t(0) - V : V;
  }

private:
  std::mt19937_64 Rng;
};

// ---- The table of instructions --------------------------------------------------------

/// Register contents an instruction sees: f1, f2, f3 (raw) and x11.
struct In {
  uint64_t F1, F2, F3, X1;
};
/// What it produced: rd's content (f10 or x10) and fflags.
struct Out {
  uint64_t Value;
  uint32_t Flags;
};

/// Calls a helper with the host environment clean, giving its result and flags.
template <typename Fn> Out viaHelper(Fn F) {
  hostfp::load(RNE, 0);
  uint64_t V = F();
  uint32_t Flags = hostfp::reset();
  return {V, Flags};
}

enum class Src { F, FF, FFF, X };
enum class Dst { F, X };

struct OpDesc {
  const char *Name;
  uint32_t Word; // with rd = 10, rs1 = 1 (x11 for integer sources), rs2 = 2, rs3 = 3, rm = 0
  bool HasRm;
  bool IsDouble; // of the FP operands (sources for fcvt-to-int, results otherwise)
  Src Sources;
  Dst Dest;
  std::function<Out(const In &, uint32_t Rm)> Ref;
};

uint32_t rOp(uint32_t F7, uint32_t Rs2 = 2, uint32_t F3 = 0, uint32_t Rs1 = 1) {
  return encR(0x53, F3, F7, 10, Rs1, Rs2);
}

Out minMax(bool D, uint64_t A, uint64_t B, bool IsMax) {
  uint32_t Flags =
      (D ? isSNaN64(A) || isSNaN64(B) : isSNaN32(A) || isSNaN32(B)) ? uint32_t(NV) : 0u;
  bool NA = D ? isNaN64(A) : isNaN32(A), NB = D ? isNaN64(B) : isNaN32(B);
  uint64_t R;
  if (NA && NB)
    R = D ? 0x7ff8000000000000 : 0x7fc00000;
  else if (NA)
    R = B;
  else if (NB)
    R = A;
  else {
    double VA = D ? f64(A) : f32(uint32_t(A)), VB = D ? f64(B) : f32(uint32_t(B));
    if (VA == VB)
      R = IsMax ? (A & B) : (A | B);
    else
      R = ((VA < VB) != IsMax) ? A : B;
  }
  return {D ? R : box(uint32_t(R)), Flags};
}

Out compare(bool D, uint64_t A, uint64_t B, int Kind) { // 0 eq, 1 lt, 2 le
  bool NA = D ? isNaN64(A) : isNaN32(A), NB = D ? isNaN64(B) : isNaN32(B);
  bool SA = D ? isSNaN64(A) : isSNaN32(A), SB = D ? isSNaN64(B) : isSNaN32(B);
  uint32_t Flags = (Kind == 0 ? (SA || SB) : (NA || NB)) ? uint32_t(NV) : 0u;
  if (NA || NB) return {0, Flags};
  double VA = D ? f64(A) : f32(uint32_t(A)), VB = D ? f64(B) : f32(uint32_t(B));
  bool R = Kind == 0 ? VA == VB : Kind == 1 ? VA < VB : VA <= VB;
  return {R, Flags};
}

uint64_t fclass(bool D, uint64_t Bits) {
  bool Neg = D ? Bits >> 63 : (Bits >> 31) & 1;
  uint64_t Exp = D ? (Bits >> 52) & 0x7ff : (Bits >> 23) & 0xff;
  uint64_t Frac = D ? Bits & 0xfffffffffffff : Bits & 0x7fffff;
  uint64_t ExpMax = D ? 0x7ff : 0xff;
  bool Quiet = D ? (Bits >> 51) & 1 : (Bits >> 22) & 1;
  int Idx;
  if (Exp == ExpMax)
    Idx = Frac == 0 ? (Neg ? 0 : 7) : (Quiet ? 9 : 8);
  else if (Exp == 0)
    Idx = Frac == 0 ? (Neg ? 3 : 4) : (Neg ? 2 : 5);
  else
    Idx = Neg ? 1 : 6;
  return uint64_t(1) << Idx;
}

std::vector<OpDesc> opTable() {
  std::vector<OpDesc> T;
  // Binary arithmetic.
  struct BinS {
    const char *Name;
    uint32_t F7;
    float (*S)(float, float, uint32_t);
    double (*D)(double, double, uint32_t);
  } Bins[] = {{"fadd", 0x00, dbt_rv_fadd_s, dbt_rv_fadd_d},
              {"fsub", 0x04, dbt_rv_fsub_s, dbt_rv_fsub_d},
              {"fmul", 0x08, dbt_rv_fmul_s, dbt_rv_fmul_d},
              {"fdiv", 0x0c, dbt_rv_fdiv_s, dbt_rv_fdiv_d}};
  for (const BinS &Bn : Bins) {
    auto S = Bn.S;
    auto D = Bn.D;
    T.push_back({Bn.Name, rOp(Bn.F7), true, false, Src::FF, Dst::F, [S](const In &I, uint32_t Rm) {
                   Out O = viaHelper(
                       [&] { return uint64_t(bits(S(f32(unbox(I.F1)), f32(unbox(I.F2)), Rm))); });
                   O.Value = box(uint32_t(O.Value));
                   return O;
                 }});
    T.push_back(
        {Bn.Name, rOp(Bn.F7 | 1), true, true, Src::FF, Dst::F, [D](const In &I, uint32_t Rm) {
           return viaHelper([&] { return bits(D(f64(I.F1), f64(I.F2), Rm)); });
         }});
  }
  T.push_back({"fsqrt", rOp(0x2c, 0), true, false, Src::F, Dst::F, [](const In &I, uint32_t Rm) {
                 Out O = viaHelper(
                     [&] { return uint64_t(bits(dbt_rv_fsqrt_s(f32(unbox(I.F1)), Rm))); });
                 O.Value = box(uint32_t(O.Value));
                 return O;
               }});
  T.push_back({"fsqrt", rOp(0x2d, 0), true, true, Src::F, Dst::F, [](const In &I, uint32_t Rm) {
                 return viaHelper([&] { return bits(dbt_rv_fsqrt_d(f64(I.F1), Rm)); });
               }});
  // Fused multiply-add family.
  struct FmaS {
    const char *Name;
    uint32_t Op;
    bool NegA, NegC;
  } Fmas[] = {{"fmadd", 0x43, false, false},
              {"fmsub", 0x47, false, true},
              {"fnmsub", 0x4b, true, false},
              {"fnmadd", 0x4f, true, true}};
  for (const FmaS &F : Fmas) {
    bool NegA = F.NegA, NegC = F.NegC;
    T.push_back({F.Name, encR4(F.Op, 0, 0, 10, 1, 2, 3), true, false, Src::FFF, Dst::F,
                 [NegA, NegC](const In &I, uint32_t Rm) {
                   uint32_t A = unbox(I.F1) ^ (NegA ? 0x80000000 : 0);
                   uint32_t C = unbox(I.F3) ^ (NegC ? 0x80000000 : 0);
                   Out O = viaHelper([&] {
                     return uint64_t(bits(dbt_rv_fmadd_s(f32(A), f32(unbox(I.F2)), f32(C), Rm)));
                   });
                   O.Value = box(uint32_t(O.Value));
                   return O;
                 }});
    T.push_back({F.Name, encR4(F.Op, 1, 0, 10, 1, 2, 3), true, true, Src::FFF, Dst::F,
                 [NegA, NegC](const In &I, uint32_t Rm) {
                   uint64_t A = I.F1 ^ (NegA ? 0x8000000000000000 : 0);
                   uint64_t C = I.F3 ^ (NegC ? 0x8000000000000000 : 0);
                   return viaHelper(
                       [&] { return bits(dbt_rv_fmadd_d(f64(A), f64(I.F2), f64(C), Rm)); });
                 }});
  }
  // Sign injection, min/max, compares, class.
  for (uint32_t K = 0; K < 3; ++K) {
    const char *Names[] = {"fsgnj", "fsgnjn", "fsgnjx"};
    auto Inject = [K](uint64_t A, uint64_t B, uint64_t Sign) {
      uint64_t S = K == 0 ? B & Sign : K == 1 ? ~B & Sign : (A ^ B) & Sign;
      return (A & ~Sign) | S;
    };
    T.push_back(
        {Names[K], rOp(0x10, 2, K), false, false, Src::FF, Dst::F, [Inject](const In &I, uint32_t) {
           return Out{box(uint32_t(Inject(unbox(I.F1), unbox(I.F2), 0x80000000))), 0};
         }});
    T.push_back(
        {Names[K], rOp(0x11, 2, K), false, true, Src::FF, Dst::F, [Inject](const In &I, uint32_t) {
           return Out{Inject(I.F1, I.F2, 0x8000000000000000), 0};
         }});
  }
  for (uint32_t K = 0; K < 2; ++K) {
    const char *Name = K ? "fmax" : "fmin";
    T.push_back({Name, rOp(0x14, 2, K), false, false, Src::FF, Dst::F, [K](const In &I, uint32_t) {
                   return minMax(false, unbox(I.F1), unbox(I.F2), K);
                 }});
    T.push_back({Name, rOp(0x15, 2, K), false, true, Src::FF, Dst::F,
                 [K](const In &I, uint32_t) { return minMax(true, I.F1, I.F2, K); }});
  }
  for (int K = 0; K < 3; ++K) {
    const char *Names[] = {"feq", "flt", "fle"};
    uint32_t F3s[] = {2, 1, 0};
    T.push_back(
        {Names[K], rOp(0x50, 2, F3s[K]), false, false, Src::FF, Dst::X,
         [K](const In &I, uint32_t) { return compare(false, unbox(I.F1), unbox(I.F2), K); }});
    T.push_back({Names[K], rOp(0x51, 2, F3s[K]), false, true, Src::FF, Dst::X,
                 [K](const In &I, uint32_t) { return compare(true, I.F1, I.F2, K); }});
  }
  T.push_back({"fclass", rOp(0x70, 0, 1), false, false, Src::F, Dst::X, [](const In &I, uint32_t) {
                 return Out{fclass(false, unbox(I.F1)), 0};
               }});
  T.push_back({"fclass", rOp(0x71, 0, 1), false, true, Src::F, Dst::X, [](const In &I, uint32_t) {
                 return Out{fclass(true, I.F1), 0};
               }});
  // Conversions to integers.
  for (uint32_t Kind = 0; Kind < 4; ++Kind) {
    const char *Names[] = {"fcvt.w", "fcvt.wu", "fcvt.l", "fcvt.lu"};
    T.push_back({Names[Kind], rOp(0x60, Kind), true, false, Src::F, Dst::X,
                 [Kind](const In &I, uint32_t Rm) {
                   return viaHelper([&] { return dbt_rv_fcvt_int_s(f32(unbox(I.F1)), Rm, Kind); });
                 }});
    T.push_back({Names[Kind], rOp(0x61, Kind), true, true, Src::F, Dst::X,
                 [Kind](const In &I, uint32_t Rm) {
                   return viaHelper([&] { return dbt_rv_fcvt_int_d(f64(I.F1), Rm, Kind); });
                 }});
  }
  // Conversions from integers.
  for (uint32_t Kind = 0; Kind < 4; ++Kind) {
    const char *Names[] = {"fcvt.from.w", "fcvt.from.wu", "fcvt.from.l", "fcvt.from.lu"};
    auto Extend = [Kind](uint64_t X) -> uint64_t {
      if (Kind == 0) return uint64_t(int64_t(int32_t(uint32_t(X))));
      if (Kind == 1) return uint32_t(X);
      return X;
    };
    bool Unsigned = Kind & 1;
    T.push_back({Names[Kind], rOp(0x68, Kind, 0, 11), true, false, Src::X, Dst::F,
                 [Extend, Unsigned](const In &I, uint32_t Rm) {
                   Out O = viaHelper([&] {
                     uint64_t V = Extend(I.X1);
                     return uint64_t(
                         bits(Unsigned ? dbt_rv_fcvt_s_lu(V, Rm) : dbt_rv_fcvt_s_l(V, Rm)));
                   });
                   O.Value = box(uint32_t(O.Value));
                   return O;
                 }});
    T.push_back({Names[Kind], rOp(0x69, Kind, 0, 11), true, true, Src::X, Dst::F,
                 [Extend, Unsigned](const In &I, uint32_t Rm) {
                   return viaHelper([&] {
                     uint64_t V = Extend(I.X1);
                     return bits(Unsigned ? dbt_rv_fcvt_d_lu(V, Rm) : dbt_rv_fcvt_d_l(V, Rm));
                   });
                 }});
  }
  T.push_back({"fcvt.s.d", rOp(0x20, 1), true, true, Src::F, Dst::F, [](const In &I, uint32_t Rm) {
                 Out O = viaHelper([&] { return uint64_t(bits(dbt_rv_fcvt_s_d(f64(I.F1), Rm))); });
                 O.Value = box(uint32_t(O.Value));
                 return O;
               }});
  T.push_back({"fcvt.d.s", rOp(0x21, 0), true, false, Src::F, Dst::F, [](const In &I, uint32_t) {
                 uint32_t A = unbox(I.F1);
                 if (isNaN32(A)) return Out{0x7ff8000000000000, isSNaN32(A) ? uint32_t(NV) : 0};
                 return Out{bits(double(f32(A))), 0};
               }});
  // Moves.
  T.push_back({"fmv.x.w", rOp(0x70, 0), false, false, Src::F, Dst::X, [](const In &I, uint32_t) {
                 return Out{uint64_t(int64_t(int32_t(uint32_t(I.F1)))), 0};
               }});
  T.push_back(
      {"fmv.w.x", rOp(0x78, 0, 0, 11), false, false, Src::X, Dst::F, [](const In &I, uint32_t) {
         return Out{box(uint32_t(I.X1)), 0};
       }});
  T.push_back({"fmv.x.d", rOp(0x71, 0), false, true, Src::F, Dst::X, [](const In &I, uint32_t) {
                 return Out{I.F1, 0};
               }});
  T.push_back(
      {"fmv.d.x", rOp(0x79, 0, 0, 11), false, true, Src::X, Dst::F, [](const In &I, uint32_t) {
         return Out{I.X1, 0};
       }});
  return T;
}

/// Runs one instruction variant over many operands; returns the failures.
int checkOp(const OpDesc &Op, uint32_t Rm, Entry Plain, Entry Optimized, uint64_t Seed) {
  Gen G(Seed);
  int Failures = 0;
  // Every pair of special values, then random operands.
  size_t Nspec = Op.IsDouble ? std::size(Special64) : std::size(Special32);
  size_t Pairs = Op.Sources == Src::X ? std::size(SpecialInt) : Nspec * Nspec;
  // Fused multiply-adds also meet every triple of the first 16 specials
  // (zeros, ones, infinities, NaNs of both kinds, subnormals).
  size_t Triples = Op.Sources == Src::FFF ? 16 * 16 * 16 : 0;
  const size_t N = Pairs + Triples + 1000;
  for (size_t K = 0; K < N && Failures < 4; ++K) {
    In Inp{};
    auto Fp = [&](size_t J) { return Op.IsDouble ? G.dbl(J) : G.single(J); };
    if (K < Pairs) {
      Inp.F1 = Fp(K / Nspec);
      Inp.F2 = Fp(K % Nspec);
      Inp.F3 = Fp(K % 2 ? (K * 7) % Nspec : Nspec);
    } else if (K < Pairs + Triples) {
      size_t T = K - Pairs;
      Inp.F1 = Fp(T / 256);
      Inp.F2 = Fp((T / 16) % 16);
      Inp.F3 = Fp(T % 16);
    } else {
      Inp.F1 = Fp(Nspec);
      Inp.F2 = Fp(Nspec);
      Inp.F3 = Fp(Nspec);
    }
    Inp.X1 = G.integer(K < Pairs ? K : std::size(SpecialInt));
    for (uint32_t Frm : (Rm == DYN ? std::vector<uint32_t>{0, 1, 2, 3, 4}
                                   : std::vector<uint32_t>{Rm == 4 ? 0u : 4u})) {
      Out Want = Op.Ref(Inp, Rm == DYN ? Frm : Rm);
      for (Entry E : {Plain, Optimized}) {
        CpuState Cpu{};
        Cpu.F[1] = Inp.F1;
        Cpu.F[2] = Inp.F2;
        Cpu.F[3] = Inp.F3;
        Cpu.X[11] = Inp.X1;
        Cpu.F[10] = Cpu.X[10] = 0x5555555555555555;
        Cpu.Frm = Frm;
        ExitReason Why = runGuest(E, Cpu);
        uint64_t Got = Op.Dest == Dst::F ? Cpu.F[10] : Cpu.X[10];
        if (Why != ExitReason::Continue || Got != Want.Value || Cpu.FFlags != Want.Flags ||
            Cpu.Frm != Frm) {
          ADD_FAILURE() << Op.Name << (Op.IsDouble ? ".d" : ".s") << " rm " << Rm << " frm " << Frm
                        << (E == Plain ? " (plain)" : " (optimised)") << std::hex
                        << " f1=" << Inp.F1 << " f2=" << Inp.F2 << " f3=" << Inp.F3
                        << " x11=" << Inp.X1 << ": got " << Got << "/" << Cpu.FFlags << " want "
                        << Want.Value << "/" << Want.Flags;
          ++Failures;
        }
      }
    }
  }
  return Failures;
}

class LiftFloat : public ::testing::TestWithParam<size_t> {};

TEST_P(LiftFloat, MatchesReferenceInEveryRoundingMode) {
  static const std::vector<OpDesc> Table = opTable();
  const OpDesc &Op = Table[GetParam()];
  std::vector<uint32_t> Modes = {RNE};
  if (Op.HasRm) Modes = {0, 1, 2, 3, 4, DYN};
  for (uint32_t Rm : Modes) {
    uint32_t Word = Op.Word | (Rm << 12);
    Entry Plain = compile({Word}, false, 1);
    Entry Optimized = compile({Word}, true, 1);
    ASSERT_TRUE(Plain && Optimized);
    checkOp(Op, Rm, Plain, Optimized, GetParam() * 16 + Rm);
  }
}

INSTANTIATE_TEST_SUITE_P(AllOps, LiftFloat, ::testing::Range<size_t>(0, opTable().size()),
                         [](const ::testing::TestParamInfo<size_t> &Info) {
                           static const std::vector<OpDesc> Table = opTable();
                           const OpDesc &Op = Table[Info.param];
                           std::string N = std::string(Op.Name) + (Op.IsDouble ? "_d" : "_s") +
                                           "_" + std::to_string(Info.param);
                           for (char &C : N)
                             if (!isalnum(uint8_t(C))) C = '_';
                           return N;
                         });

// 28 F and 30 D instructions besides the loads and stores.
TEST(LiftFloatTable, CoversEveryNonMemoryInstruction) {
  EXPECT_EQ(opTable().size(), 58u);
}

// ---- Memory, sequences, reserved modes ---------------------------------------------------

alignas(16) uint64_t Mem[4];

TEST(LiftFloatMisc, LoadsAndStoresAreBitExact) {
  // flw f10, 4(x11); fsw f10, 8(x11); fld f11, 0(x11); fsd f11, 24(x11)
  std::vector<uint32_t> W = {
      (4u << 20) | (11u << 15) | (2u << 12) | (10u << 7) | 0x07,
      (0u << 25) | (10u << 20) | (11u << 15) | (2u << 12) | (8u << 7) | 0x27,
      (0u << 20) | (11u << 15) | (3u << 12) | (11u << 7) | 0x07,
      (0u << 25) | (11u << 20) | (11u << 15) | (3u << 12) | (24u << 7) | 0x27,
  };
  for (bool Opt : {false, true}) {
    Entry E = compile(W, Opt, 8);
    ASSERT_TRUE(E);
    Mem[0] = 0x7f800001deadbeefull;
    Mem[1] = Mem[3] = 0;
    CpuState Cpu{};
    Cpu.X[11] = reinterpret_cast<uint64_t>(Mem);
    runGuest(E, Cpu);
    EXPECT_EQ(Cpu.F[10], 0xffffffff7f800001ull);
    EXPECT_EQ(Mem[1], 0x7f800001ull);
    EXPECT_EQ(Cpu.F[11], 0x7f800001deadbeefull);
    EXPECT_EQ(Mem[3], 0x7f800001deadbeefull);
    EXPECT_EQ(Cpu.FFlags, 0u);
  }
}

TEST(LiftFloatMisc, FlagsAccumulateAndFrmWritesTakeEffect) {
  // fdiv.d f10, f1, f2 (dyn); fsrmi x0, 2 (rdn); fdiv.d f11, f1, f2 (dyn);
  // fdiv.d f12, f1, f3 (dyn, x/0); fsrmi x0, 4 (rmm); fadd.s f13, f4, f5 (dyn)
  std::vector<uint32_t> W = {
      encR(0x53, 7, 0x0d, 10, 1, 2),
      (0x002u << 20) | (2u << 15) | (5u << 12) | (0u << 7) | 0x73, // csrrwi x0, frm, 2
      encR(0x53, 7, 0x0d, 11, 1, 2),
      encR(0x53, 7, 0x0d, 12, 1, 3),
      (0x002u << 20) | (4u << 15) | (5u << 12) | (0u << 7) | 0x73, // csrrwi x0, frm, 4
      encR(0x53, 7, 0x00, 13, 4, 5),
  };
  for (bool Opt : {false, true}) {
    Entry E = compile(W, Opt, 16);
    ASSERT_TRUE(E);
    CpuState Cpu{};
    Cpu.F[1] = bits(1.0);
    Cpu.F[2] = bits(3.0);
    Cpu.F[3] = bits(0.0);
    Cpu.F[4] = box(0x3f800000);
    Cpu.F[5] = box(0x33800000); // 1 + 2^-24: a tie in single
    runGuest(E, Cpu);
    EXPECT_EQ(Cpu.F[10], 0x3fd5555555555555ull);
    EXPECT_EQ(Cpu.F[11], 0x3fd5555555555555ull);
    EXPECT_EQ(Cpu.F[12], 0x7ff0000000000000ull);
    EXPECT_EQ(Cpu.F[13], box(0x3f800001)); // RMM from the dynamic mode
    EXPECT_EQ(Cpu.FFlags, uint32_t(NX | DZ));
    EXPECT_EQ(Cpu.Frm, RMM);
  }
}

TEST(LiftFloatMisc, LoopKeepsNaNsCanonical) {
  // loop: fmul.d f10, f10, f1; addi x11, x11, -1; bnez x11, loop
  std::vector<uint32_t> W = {
      encR(0x53, 7, 0x09, 10, 10, 1),
      (uint32_t(-1 & 0xfff) << 20) | (11u << 15) | (0u << 12) | (11u << 7) | 0x13,
      // bne x11, x0, -8
      (1u << 31) | (0x3fu << 25) | (0u << 20) | (11u << 15) | (1u << 12) | (0xcu << 8) | (1u << 7) |
          0x63,
  };
  for (bool Opt : {false, true}) {
    Entry E = compile(W, Opt, 16);
    ASSERT_TRUE(E);
    CpuState Cpu{};
    Cpu.F[10] = bits(1.0);
    Cpu.F[1] = 0xfff8000000000123ull; // negative NaN with a payload
    Cpu.X[11] = 10;
    runGuest(E, Cpu);
    EXPECT_EQ(Cpu.F[10], 0x7ff8000000000000ull);
    EXPECT_EQ(Cpu.FFlags, 0u);
    Cpu.F[10] = bits(3.0);
    Cpu.F[1] = bits(0.5);
    Cpu.X[11] = 4;
    runGuest(E, Cpu);
    EXPECT_EQ(Cpu.F[10], bits(0.1875));
  }
}

TEST(LiftFloatMisc, ReservedRoundingModesAreIllegal) {
  for (uint32_t Rm : {5u, 6u}) {
    Entry E = compile({encR(0x53, Rm, 0x01, 10, 1, 2)}, false, 1);
    ASSERT_TRUE(E);
    CpuState Cpu{};
    EXPECT_EQ(runGuest(E, Cpu), ExitReason::IllegalInstruction);
    EXPECT_EQ(Cpu.Pc, CodeBase);
  }
}

TEST(LiftFloatMisc, DynamicArithmeticIsInline) {
  // The common case must not call helpers outside the cold path: the fast
  // block holds the constrained operation itself.
  std::string IR;
  ASSERT_TRUE(compile({encR(0x53, 7, 0x09, 10, 1, 2)}, true, 1, &IR));
  EXPECT_NE(IR.find("llvm.experimental.constrained.fmul.f64"), std::string::npos) << IR;
  EXPECT_NE(IR.find("strictfp"), std::string::npos);
}

} // namespace

namespace {

TEST(LiftFloatMisc, DotProductLoop) {
  // loop: fld f1,0(x11); fld f2,0(x12); fmadd.d f10,f1,f2,f10; addi x11,x11,8;
  //       addi x12,x12,8; addi x13,x13,-1; bnez x13, loop
  auto Addi = [](uint32_t Rd, int32_t Imm) {
    return (uint32_t(Imm & 0xfff) << 20) | (Rd << 15) | (Rd << 7) | 0x13;
  };
  std::vector<uint32_t> W = {
      (11u << 15) | (3u << 12) | (1u << 7) | 0x07,
      (12u << 15) | (3u << 12) | (2u << 7) | 0x07,
      encR4(0x43, 1, 7, 10, 1, 2, 10),
      Addi(11, 8),
      Addi(12, 8),
      Addi(13, -1),
      // bne x13, x0, -24
      (1u << 31) | (0x3fu << 25) | (13u << 15) | (1u << 12) | (0x4u << 8) | (1u << 7) | 0x63,
  };
  double X[5] = {1, 2, 3, 4, 0.5}, Y[5] = {5, 6, 7, 8, 0.1};
  for (bool Opt : {false, true}) {
    Entry E = compile(W, Opt, 16);
    ASSERT_TRUE(E);
    CpuState Cpu{};
    Cpu.X[11] = reinterpret_cast<uint64_t>(X);
    Cpu.X[12] = reinterpret_cast<uint64_t>(Y);
    Cpu.X[13] = 5;
    Cpu.F[10] = bits(0.0);
    runGuest(E, Cpu);
    EXPECT_EQ(Cpu.F[10], bits(70.05));
    EXPECT_EQ(Cpu.FFlags, uint32_t(NX));
  }
}

} // namespace

namespace {
// Not a check: regions to look at with DBT_LIFTFLOAT_DUMP.
TEST(LiftFloatDump, Conversions) {
  for (uint32_t W :
       {rOp(0x61, 0) | (1u << 12), rOp(0x61, 2) | (2u << 12), rOp(0x61, 1) | (1u << 12),
        rOp(0x61, 3) | (1u << 12), rOp(0x69, 2) | (7u << 12), rOp(0x15, 2, 0)})
    ASSERT_TRUE(compile({W}, true, 1));
}
} // namespace

// ---- Inline FP CSR access (for LiftSystem) ---------------------------------------------------

namespace dbt::riscv {
llvm::Value *emitFpCsrRead(llvm::IRBuilder<> &B, llvm::Value *Cpu, unsigned Csr);
bool emitFpCsrWrite(llvm::IRBuilder<> &B, llvm::Value *Cpu, unsigned Csr, llvm::Value *V64);
} // namespace dbt::riscv

namespace {

using CsrFn = uint64_t (*)(CpuState *, uint64_t, double, double);

/// fn(cpu, v, a, b): write CSR WriteCsr := v; signalling compare a < b and
/// a / b in the dynamic mode; return CSR ReadCsr (and the quotient in F[0]).
CsrFn compileCsrProbe(unsigned WriteCsr, unsigned ReadCsr, bool RestoreFlags) {
  static unsigned Counter = 0;
  NativeBackend &BE = backend();
  llvm::orc::ThreadSafeContext TSC(std::make_unique<llvm::LLVMContext>());
  llvm::LLVMContext &Ctx = *TSC.getContext();
  auto M = std::make_unique<llvm::Module>("csr", Ctx);
  M->setDataLayout(BE.targetMachine().createDataLayout());
  M->setTargetTriple(BE.targetMachine().getTargetTriple().str());
  llvm::IRBuilder<> B(Ctx);
  auto *FTy = llvm::FunctionType::get(
      B.getInt64Ty(), {B.getPtrTy(), B.getInt64Ty(), B.getDoubleTy(), B.getDoubleTy()}, false);
  std::string Name = "csr_probe_" + std::to_string(Counter++);
  auto *F = llvm::Function::Create(FTy, llvm::GlobalValue::ExternalLinkage, Name, *M);
  F->addFnAttr(llvm::Attribute::StrictFP);
  B.SetInsertPoint(llvm::BasicBlock::Create(Ctx, "entry", F));
  B.setIsFPConstrained(true);
  llvm::Value *Cpu = F->getArg(0);
  if (!emitFpCsrWrite(B, Cpu, WriteCsr, F->getArg(1))) return nullptr;
  // GCC's quiet compare: save fflags, signalling compare, restore.
  llvm::Value *Saved = RestoreFlags ? emitFpCsrRead(B, Cpu, CSR_FFLAGS) : nullptr;
  llvm::Value *Lt = B.CreateFCmpS(llvm::CmpInst::FCMP_OLT, F->getArg(2), F->getArg(3));
  if (Saved) emitFpCsrWrite(B, Cpu, CSR_FFLAGS, Saved);
  llvm::Value *Q = B.CreateFDiv(F->getArg(2), F->getArg(3));
  B.CreateStore(Q, Cpu); // X[0]: scratch
  llvm::Value *R = emitFpCsrRead(B, Cpu, ReadCsr);
  B.CreateRet(B.CreateOr(R, B.CreateShl(B.CreateZExt(Lt, B.getInt64Ty()), 32)));
  ir::RegionOptimizer(&BE.targetMachine()).run(*F);
  if (std::getenv("DBT_LIFTFLOAT_DUMP")) M->print(llvm::errs(), nullptr);
  auto C = BE.compile(llvm::orc::ThreadSafeModule(std::move(M), std::move(TSC)),
                      std::vector<std::string>{Name});
  if (!C) {
    ADD_FAILURE() << llvm::toString(C.takeError());
    return nullptr;
  }
  return reinterpret_cast<CsrFn>(C->Entries.front());
}

TEST(LiftFloatCsr, InlineFflagsAndFrm) {
  double QNaN = f64(0x7ff8000000000000);
  // fflags := 0, then 1/3 is inexact.
  CsrFn Fn = compileCsrProbe(CSR_FFLAGS, CSR_FFLAGS, false);
  ASSERT_TRUE(Fn);
  CpuState Cpu{};
  Cpu.FFlags = DZ | OF;
  enterGuestFp(Cpu);
  EXPECT_EQ(Fn(&Cpu, 0, 1.0, 3.0), (1ull << 32) | NX);
  EXPECT_EQ(Fn(&Cpu, UF, 1.0, 3.0), (1ull << 32) | UF | NX);
  // The signalling compare of a NaN raises NV; written flags are ANDed to 5 bits.
  EXPECT_EQ(Fn(&Cpu, 0xe0, QNaN, 1.0), uint64_t(NV));
  leaveGuestFp(Cpu);
  EXPECT_EQ(Cpu.FFlags, uint32_t(NV));

  // The quiet-compare idiom leaves no NV behind.
  CsrFn Quiet = compileCsrProbe(CSR_FFLAGS, CSR_FFLAGS, true);
  ASSERT_TRUE(Quiet);
  Cpu = CpuState{};
  enterGuestFp(Cpu);
  EXPECT_EQ(Quiet(&Cpu, DZ, QNaN, 1.0), uint64_t(DZ));
  leaveGuestFp(Cpu);
  EXPECT_EQ(Cpu.FFlags, uint32_t(DZ));

  // frm := RDN rounds the division down; fcsr reads both.
  CsrFn Frm = compileCsrProbe(CSR_FRM, CSR_FCSR, false);
  ASSERT_TRUE(Frm);
  Cpu = CpuState{};
  enterGuestFp(Cpu);
  EXPECT_EQ(Frm(&Cpu, 2, 2.0, 3.0), (1ull << 32) | (2u << 5) | NX);
  EXPECT_EQ(Cpu.X[0], 0x3fe5555555555555ull);
  EXPECT_EQ(Frm(&Cpu, 3, 2.0, 3.0), (1ull << 32) | (3u << 5) | NX);
  EXPECT_EQ(Cpu.X[0], 0x3fe5555555555556ull);
  // RMM and invalid values read back as written; the host runs RNE.
  EXPECT_EQ(Frm(&Cpu, 0xfc, 1.0, 3.0), (1ull << 32) | (4u << 5) | NX);
  EXPECT_EQ(Cpu.Frm, 4u);
  EXPECT_EQ(hostfp::rounding(), 0u);
  leaveGuestFp(Cpu);

  // fcsr := frm 1 (RTZ) | NV.
  CsrFn Fcsr = compileCsrProbe(CSR_FCSR, CSR_FCSR, false);
  ASSERT_TRUE(Fcsr);
  Cpu = CpuState{};
  enterGuestFp(Cpu);
  EXPECT_EQ(Fcsr(&Cpu, (1u << 5) | NV, 2.0, 3.0), (1ull << 32) | (1u << 5) | NV | NX);
  EXPECT_EQ(Cpu.X[0], 0x3fe5555555555555ull);
  EXPECT_EQ(hostfp::rounding(), 1u);
  leaveGuestFp(Cpu);
  EXPECT_EQ(Cpu.FFlags, uint32_t(NV | NX));
  EXPECT_EQ(Cpu.Frm, 1u);
}

} // namespace

namespace {

template <typename LifterT> constexpr bool HasSideExit = requires(LifterT &L) {
  L.exitIf(nullptr, ExitReason::IllegalInstruction, uint64_t(0));
};

TEST(LiftFloatMisc, DynamicModeWithInvalidFrmIsIllegal) {
  if constexpr (!HasSideExit<RegionLifter>) {
    GTEST_SKIP() << "RegionLifter has no exitIf yet: invalid frm runs as RNE";
  } else {
    // fadd.d f10, f1, f2 (dyn); fcvt.d.w f11, x11 (dyn, exact); fsgnj.d (no rm)
    for (uint32_t W : {encR(0x53, 7, 0x01, 10, 1, 2), encR(0x53, 7, 0x69, 10, 11, 0)}) {
      for (bool Opt : {false, true}) {
        Entry E = compile({W}, Opt, 1);
        ASSERT_TRUE(E);
        for (uint32_t Frm : {5u, 6u, 7u}) {
          CpuState Cpu{};
          Cpu.F[1] = bits(1.0);
          Cpu.F[2] = bits(0x1p-60); // inexact in RNE: no flag may leak
          Cpu.X[11] = 3;
          Cpu.F[10] = 0x1234;
          Cpu.Frm = Frm;
          EXPECT_EQ(runGuest(E, Cpu), ExitReason::IllegalInstruction);
          EXPECT_EQ(Cpu.Pc, CodeBase);
          EXPECT_EQ(Cpu.F[10], 0x1234u);
          EXPECT_EQ(Cpu.FFlags, 0u);
        }
        CpuState Cpu{};
        Cpu.Frm = RMM;
        EXPECT_EQ(runGuest(E, Cpu), ExitReason::Continue);
      }
    }
  }
}

} // namespace
