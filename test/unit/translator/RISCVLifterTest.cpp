//===- RISCVLifterTest.cpp - Known-answer tests for the RV64 lifter -------===//
//
// Lifts small hand-assembled RV64GC sequences, compiles them with the native
// backend both unoptimised and through the region pipeline, runs them on a
// CpuState, and checks registers, memory and exits against the ISA spec.
// Guest addresses are host addresses (direct mapping, guest base 0), so data
// lives in buffers owned by the tests. Both compiled variants must agree,
// which catches IR that is only right by accident of an optimisation.
//
//===----------------------------------------------------------------------===//

#include "Frontend/RISCV/Lifter.h"

#include "dbt/Backend/NativeBackend.h"
#include "dbt/Frontend/RISCV/CpuState.h"
#include "dbt/IR/GuestMemoryOps.h"
#include "dbt/IR/Pipeline.h"

#include "llvm/ExecutionEngine/Orc/ThreadSafeModule.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

using namespace dbt;
using namespace dbt::riscv;

namespace {

// ---- A tiny RV64GC assembler ------------------------------------------------

enum Reg : uint32_t {
  zero = 0,
  ra,
  sp,
  gp,
  tp,
  t0,
  t1,
  t2,
  s0,
  s1,
  a0,
  a1,
  a2,
  a3,
  a4,
  a5,
  a6,
  a7,
  s2,
  s3,
  s4,
  s5,
  s6,
  s7,
  s8,
  s9,
  s10,
  s11,
  t3,
  t4,
  t5,
  t6,
};

constexpr uint64_t CodeBase = 0x10000;

struct Asm {
  std::vector<uint8_t> Bytes;

  uint64_t pc() const { return CodeBase + Bytes.size(); }
  void w16(uint16_t H) {
    Bytes.push_back(uint8_t(H));
    Bytes.push_back(uint8_t(H >> 8));
  }
  void w32(uint32_t W) {
    w16(uint16_t(W));
    w16(uint16_t(W >> 16));
  }
  void patch32(uint64_t Pc, uint32_t W) {
    size_t Off = Pc - CodeBase;
    for (int I = 0; I < 4; ++I) Bytes[Off + I] = uint8_t(W >> (8 * I));
  }

  static uint32_t encR(uint32_t Op, uint32_t F3, uint32_t F7, uint32_t Rd, uint32_t Rs1,
                       uint32_t Rs2) {
    return (F7 << 25) | (Rs2 << 20) | (Rs1 << 15) | (F3 << 12) | (Rd << 7) | Op;
  }
  static uint32_t encI(uint32_t Op, uint32_t F3, uint32_t Rd, uint32_t Rs1, int32_t Imm) {
    return (uint32_t(Imm & 0xfff) << 20) | (Rs1 << 15) | (F3 << 12) | (Rd << 7) | Op;
  }
  static uint32_t encS(uint32_t Op, uint32_t F3, uint32_t Rs1, uint32_t Rs2, int32_t Imm) {
    uint32_t U = uint32_t(Imm);
    return (((U >> 5) & 0x7f) << 25) | (Rs2 << 20) | (Rs1 << 15) | (F3 << 12) | ((U & 0x1f) << 7) |
           Op;
  }
  static uint32_t encB(uint32_t F3, uint32_t Rs1, uint32_t Rs2, int32_t Off) {
    uint32_t U = uint32_t(Off);
    return (((U >> 12) & 1) << 31) | (((U >> 5) & 0x3f) << 25) | (Rs2 << 20) | (Rs1 << 15) |
           (F3 << 12) | (((U >> 1) & 0xf) << 8) | (((U >> 11) & 1) << 7) | 0x63;
  }
  static uint32_t encJ(uint32_t Rd, int32_t Off) {
    uint32_t U = uint32_t(Off);
    return (((U >> 20) & 1) << 31) | (((U >> 1) & 0x3ff) << 21) | (((U >> 11) & 1) << 20) |
           (((U >> 12) & 0xff) << 12) | (Rd << 7) | 0x6f;
  }

  void r(uint32_t Op, uint32_t F3, uint32_t F7, Reg Rd, Reg Rs1, Reg Rs2) {
    w32(encR(Op, F3, F7, Rd, Rs1, Rs2));
  }
  void i(uint32_t Op, uint32_t F3, Reg Rd, Reg Rs1, int32_t Imm) {
    w32(encI(Op, F3, Rd, Rs1, Imm));
  }

  void addi(Reg Rd, Reg Rs1, int32_t Imm) { i(0x13, 0, Rd, Rs1, Imm); }
  void li(Reg Rd, int32_t Imm) { addi(Rd, zero, Imm); }
  void add(Reg Rd, Reg Rs1, Reg Rs2) { r(0x33, 0, 0, Rd, Rs1, Rs2); }
  void sub(Reg Rd, Reg Rs1, Reg Rs2) { r(0x33, 0, 0x20, Rd, Rs1, Rs2); }
  void lui(Reg Rd, uint32_t Imm20) { w32((Imm20 << 12) | (uint32_t(Rd) << 7) | 0x37); }
  void auipc(Reg Rd, uint32_t Imm20) { w32((Imm20 << 12) | (uint32_t(Rd) << 7) | 0x17); }
  void jal(Reg Rd, int32_t Off) { w32(encJ(Rd, Off)); }
  void jalr(Reg Rd, Reg Rs1, int32_t Imm) { i(0x67, 0, Rd, Rs1, Imm); }
  void branch(uint32_t F3, Reg Rs1, Reg Rs2, int32_t Off) { w32(encB(F3, Rs1, Rs2, Off)); }
  void beq(Reg Rs1, Reg Rs2, int32_t Off) { branch(0, Rs1, Rs2, Off); }
  void bne(Reg Rs1, Reg Rs2, int32_t Off) { branch(1, Rs1, Rs2, Off); }
  void load(uint32_t F3, Reg Rd, Reg Rs1, int32_t Imm) { i(0x03, F3, Rd, Rs1, Imm); }
  void store(uint32_t F3, Reg Rs2, Reg Rs1, int32_t Imm) { w32(encS(0x23, F3, Rs1, Rs2, Imm)); }
  void amo(uint32_t Funct5, uint32_t F3, Reg Rd, Reg Rs1, Reg Rs2, bool Aq = false,
           bool Rl = false) {
    r(0x2f, F3, (Funct5 << 2) | (Aq ? 2 : 0) | (Rl ? 1 : 0), Rd, Rs1, Rs2);
  }
  void csr(uint32_t F3, Reg Rd, uint32_t Csr, uint32_t Rs1OrUimm) {
    w32((Csr << 20) | (Rs1OrUimm << 15) | (F3 << 12) | (uint32_t(Rd) << 7) | 0x73);
  }
  void ecall() { w32(0x00000073); }
  void ebreak() { w32(0x00100073); }
  void fence(uint32_t Pred, uint32_t Succ) { w32((Pred << 24) | (Succ << 20) | 0x0f); }
  void fenceI() { w32(0x0000100f); }
};

// ---- Running lifted code ------------------------------------------------------

uint64_t FakeCsr[4096];
std::vector<std::pair<uint32_t, uint64_t>> CsrWrites;

uint64_t fakeCsrRead(void *, uint32_t Csr) {
  return FakeCsr[Csr & 0xfff];
}
void fakeCsrWrite(void *Cpu, uint32_t Csr, uint64_t V) {
  FakeCsr[Csr & 0xfff] = V;
  // Like dbt_rv_csr_write: the lifter reads frm from CpuState::Frm inline.
  if (Csr == CSR_FRM) static_cast<CpuState *>(Cpu)->Frm = uint32_t(V & 7);
  CsrWrites.emplace_back(Csr, V);
}

NativeBackend &backend() {
  static std::unique_ptr<NativeBackend> B = [] {
    std::vector<HelperSymbol> Helpers = {
        {"dbt_rv_csr_read", reinterpret_cast<void *>(&fakeCsrRead)},
        {"dbt_rv_csr_write", reinterpret_cast<void *>(&fakeCsrWrite)},
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

struct FetchSource {
  const std::vector<uint8_t> *Bytes;
};

size_t fetchFromVector(void *Ctx, uint64_t Addr, uint8_t *Buf, size_t Len) {
  const auto &Bytes = *static_cast<FetchSource *>(Ctx)->Bytes;
  if (Addr < CodeBase || Addr - CodeBase >= Bytes.size()) return 0;
  size_t Off = Addr - CodeBase;
  size_t N = std::min(Len, Bytes.size() - Off);
  std::memcpy(Buf, Bytes.data() + Off, N);
  return N;
}

using Entry = uint32_t (*)(void *);

/// One region compiled twice: straight from the lifter and optimised.
struct Compiled {
  Entry Plain = nullptr;
  Entry Optimized = nullptr;
  LiftedRegion Info; // Fn is dangling once compiled; the rest stays valid
};

/// When set, modules claim a non-x86 target, so the lifter reaches FP CSRs
/// through the dbt_rv_csr_* helpers (which CsrAccessRules observes) instead
/// of inline MXCSR access. Code generation still uses the host machine.
bool UsePortableCsrPath = false;

Entry compileOnce(const Asm &A, uint64_t EntryPc, unsigned MaxInsns, bool FollowCalls,
                  bool Optimize, LiftedRegion *InfoOut) {
  static unsigned Counter = 0;
  NativeBackend &BE = backend();
  llvm::orc::ThreadSafeContext TSC(std::make_unique<llvm::LLVMContext>());
  auto M = std::make_unique<llvm::Module>("test" + std::to_string(Counter++), *TSC.getContext());
  M->setDataLayout(BE.targetMachine().createDataLayout());
  M->setTargetTriple(UsePortableCsrPath ? "riscv64-unknown-linux-gnu"
                                       : BE.targetMachine().getTargetTriple().str());

  FetchSource Src{&A.Bytes};
  TranslatorConfig Config;
  Config.FetchCode = fetchFromVector;
  Config.FetchContext = &Src;
  Config.MaxRegionInstructions = MaxInsns;
  RegionLifter L(*M, Config);
  L.setFollowCalls(FollowCalls);
  auto Region = L.liftRegion(EntryPc);
  if (!Region) {
    ADD_FAILURE() << llvm::toString(Region.takeError());
    return nullptr;
  }
  std::string Err;
  llvm::raw_string_ostream OS(Err);
  if (llvm::verifyFunction(*Region->Fn, &OS)) {
    std::string IR;
    llvm::raw_string_ostream IOS(IR);
    Region->Fn->print(IOS);
    ADD_FAILURE() << "lifted IR does not verify: " << Err << "\n" << IR;
    return nullptr;
  }
  ir::lowerGuestMemory(*Region->Fn, MemoryFastPath{});
  if (Optimize) {
    ir::RegionOptimizer Opt(&BE.targetMachine());
    Opt.run(*Region->Fn);
  }
  // Set DBT_LIFTER_TEST_DUMP to see what each test region becomes.
  if (std::getenv("DBT_LIFTER_TEST_DUMP")) Region->Fn->print(llvm::errs());
  if (llvm::verifyModule(*M, &OS)) {
    ADD_FAILURE() << "optimised IR does not verify: " << Err;
    return nullptr;
  }
  // Every test region lands in the backend's one JITDylib, where names must
  // be unique; most tests start at the same guest PC.
  Region->Fn->setName("test_region_" + std::to_string(Counter));
  std::string Name = Region->Fn->getName().str();
  if (InfoOut) *InfoOut = std::move(*Region);
  auto C = BE.compile(llvm::orc::ThreadSafeModule(std::move(M), std::move(TSC)), std::vector<std::string>{Name});
  if (!C) {
    ADD_FAILURE() << llvm::toString(C.takeError());
    return nullptr;
  }
  return reinterpret_cast<Entry>(C->Entries.front());
}

Compiled compile(const Asm &A, uint64_t EntryPc = CodeBase, unsigned MaxInsns = 512,
                 bool FollowCalls = false) {
  Compiled C;
  C.Plain = compileOnce(A, EntryPc, MaxInsns, FollowCalls, false, &C.Info);
  C.Optimized = compileOnce(A, EntryPc, MaxInsns, FollowCalls, true, nullptr);
  return C;
}

/// Guest data the tests point registers at.
alignas(16) uint8_t Mem[256];

/// Runs both variants from the same state (memory and fake CSRs restored in
/// between), checks they agree, and leaves the optimised run's results.
ExitReason run(const Compiled &C, CpuState &Cpu) {
  if (!C.Plain || !C.Optimized) {
    ADD_FAILURE() << "region did not compile";
    return ExitReason::Continue;
  }
  uint8_t MemBefore[sizeof Mem];
  std::memcpy(MemBefore, Mem, sizeof Mem);
  uint64_t CsrBefore[4096];
  std::memcpy(CsrBefore, FakeCsr, sizeof FakeCsr);

  CpuState PlainCpu = Cpu;
  CsrWrites.clear();
  auto PlainReason = ExitReason(C.Plain(&PlainCpu));
  uint8_t PlainMem[sizeof Mem];
  std::memcpy(PlainMem, Mem, sizeof Mem);
  auto PlainWrites = CsrWrites;

  std::memcpy(Mem, MemBefore, sizeof Mem);
  std::memcpy(FakeCsr, CsrBefore, sizeof FakeCsr);
  CsrWrites.clear();
  auto Reason = ExitReason(C.Optimized(&Cpu));

  EXPECT_EQ(unsigned(PlainReason), unsigned(Reason)) << "exit reasons differ";
  EXPECT_EQ(PlainCpu.Pc, Cpu.Pc) << "exit PCs differ";
  for (unsigned R = 0; R < 32; ++R) {
    EXPECT_EQ(PlainCpu.X[R], Cpu.X[R]) << "x" << R << " differs";
    EXPECT_EQ(PlainCpu.F[R], Cpu.F[R]) << "f" << R << " differs";
  }
  EXPECT_EQ(PlainCpu.ReservationAddr, Cpu.ReservationAddr);
  EXPECT_EQ(PlainCpu.ReservationValue, Cpu.ReservationValue);
  EXPECT_EQ(0, std::memcmp(PlainMem, Mem, sizeof Mem)) << "memory differs";
  EXPECT_EQ(PlainWrites, CsrWrites) << "CSR writes differ";
  return Reason;
}

CpuState freshCpu() {
  CpuState Cpu;
  std::memset(&Cpu, 0, sizeof Cpu);
  // Recognisable junk, so a register the code must not touch is checked too.
  for (unsigned R = 1; R < 32; ++R) Cpu.X[R] = 0x1111111111111111ull * (R % 15 + 1);
  Cpu.ReservationAddr = ~0ull;
  return Cpu;
}

uint64_t addrOf(const void *P) {
  return reinterpret_cast<uint64_t>(P);
}

uint64_t sext32(uint64_t V) {
  return uint64_t(int64_t(int32_t(uint32_t(V))));
}

const uint64_t Interesting[] = {
    0,
    1,
    2,
    3,
    ~0ull,
    ~1ull,
    7,
    uint64_t(-7),
    0x8000000000000000ull,
    0x7fffffffffffffffull,
    0x80000000ull,
    0x7fffffffull,
    0xffffffffull,
    0xffffffff80000000ull,
    0x100000000ull,
    31,
    32,
    33,
    63,
    64,
    65,
    0x123456789abcdef0ull,
    0xfedcba9876543210ull,
};

// ---- Register-register operations against a reference model ------------------

using Ref2 = std::function<uint64_t(uint64_t, uint64_t)>;

struct ROp {
  const char *Name;
  uint32_t Op, F3, F7;
  Ref2 Ref;
};

int64_t S(uint64_t V) {
  return int64_t(V);
}
int32_t S32(uint64_t V) {
  return int32_t(uint32_t(V));
}
uint32_t U32(uint64_t V) {
  return uint32_t(V);
}
constexpr uint64_t IntMin = 0x8000000000000000ull;

std::vector<ROp> registerOps() {
  return {
      {"add", 0x33, 0, 0, [](uint64_t A, uint64_t B) { return A + B; }},
      {"sub", 0x33, 0, 0x20, [](uint64_t A, uint64_t B) { return A - B; }},
      {"sll", 0x33, 1, 0, [](uint64_t A, uint64_t B) { return A << (B & 63); }},
      {"slt", 0x33, 2, 0, [](uint64_t A, uint64_t B) { return uint64_t(S(A) < S(B)); }},
      {"sltu", 0x33, 3, 0, [](uint64_t A, uint64_t B) { return uint64_t(A < B); }},
      {"xor", 0x33, 4, 0, [](uint64_t A, uint64_t B) { return A ^ B; }},
      {"srl", 0x33, 5, 0, [](uint64_t A, uint64_t B) { return A >> (B & 63); }},
      {"sra", 0x33, 5, 0x20, [](uint64_t A, uint64_t B) { return uint64_t(S(A) >> (B & 63)); }},
      {"or", 0x33, 6, 0, [](uint64_t A, uint64_t B) { return A | B; }},
      {"and", 0x33, 7, 0, [](uint64_t A, uint64_t B) { return A & B; }},
      {"addw", 0x3b, 0, 0, [](uint64_t A, uint64_t B) { return sext32(A + B); }},
      {"subw", 0x3b, 0, 0x20, [](uint64_t A, uint64_t B) { return sext32(A - B); }},
      {"sllw", 0x3b, 1, 0, [](uint64_t A, uint64_t B) { return sext32(U32(A) << (B & 31)); }},
      {"srlw", 0x3b, 5, 0, [](uint64_t A, uint64_t B) { return sext32(U32(A) >> (B & 31)); }},
      {"sraw", 0x3b, 5, 0x20,
       [](uint64_t A, uint64_t B) { return sext32(uint32_t(S32(A) >> (B & 31))); }},
      {"mul", 0x33, 0, 1, [](uint64_t A, uint64_t B) { return A * B; }},
      {"mulh", 0x33, 1, 1,
       [](uint64_t A, uint64_t B) { return uint64_t((__int128(S(A)) * __int128(S(B))) >> 64); }},
      {"mulhsu", 0x33, 2, 1,
       [](uint64_t A, uint64_t B) { return uint64_t((__int128(S(A)) * __int128(B)) >> 64); }},
      {"mulhu", 0x33, 3, 1,
       [](uint64_t A, uint64_t B) {
         return uint64_t((unsigned __int128)A * (unsigned __int128)B >> 64);
       }},
      {"div", 0x33, 4, 1,
       [](uint64_t A, uint64_t B) -> uint64_t {
         if (B == 0) return ~0ull;
         if (A == IntMin && B == ~0ull) return IntMin;
         return uint64_t(S(A) / S(B));
       }},
      {"divu", 0x33, 5, 1, [](uint64_t A, uint64_t B) { return B ? A / B : ~0ull; }},
      {"rem", 0x33, 6, 1,
       [](uint64_t A, uint64_t B) -> uint64_t {
         if (B == 0) return A;
         if (A == IntMin && B == ~0ull) return 0;
         return uint64_t(S(A) % S(B));
       }},
      {"remu", 0x33, 7, 1, [](uint64_t A, uint64_t B) { return B ? A % B : A; }},
      {"mulw", 0x3b, 0, 1, [](uint64_t A, uint64_t B) { return sext32(U32(A) * U32(B)); }},
      {"divw", 0x3b, 4, 1,
       [](uint64_t A, uint64_t B) -> uint64_t {
         int32_t X = S32(A), Y = S32(B);
         if (Y == 0) return ~0ull;
         if (X == std::numeric_limits<int32_t>::min() && Y == -1) return sext32(uint32_t(X));
         return sext32(uint32_t(X / Y));
       }},
      {"divuw", 0x3b, 5, 1,
       [](uint64_t A, uint64_t B) { return U32(B) ? sext32(U32(A) / U32(B)) : ~0ull; }},
      {"remw", 0x3b, 6, 1,
       [](uint64_t A, uint64_t B) -> uint64_t {
         int32_t X = S32(A), Y = S32(B);
         if (Y == 0) return sext32(uint32_t(X));
         if (X == std::numeric_limits<int32_t>::min() && Y == -1) return 0;
         return sext32(uint32_t(X % Y));
       }},
      {"remuw", 0x3b, 7, 1,
       [](uint64_t A, uint64_t B) { return U32(B) ? sext32(U32(A) % U32(B)) : sext32(A); }},
  };
}

TEST(RISCVLifter, RegisterOpsMatchReference) {
  for (const ROp &Op : registerOps()) {
    SCOPED_TRACE(Op.Name);
    Asm A;
    A.r(Op.Op, Op.F3, Op.F7, a2, a0, a1);
    // rd == rs1 and rd == rs2 read their sources before the write.
    A.r(Op.Op, Op.F3, Op.F7, a3, a0, a1);
    A.r(Op.Op, Op.F3, Op.F7, a3, a3, a1);
    A.r(Op.Op, Op.F3, Op.F7, a4, a0, a1);
    A.r(Op.Op, Op.F3, Op.F7, a4, a0, a4);
    A.ecall();
    Compiled C = compile(A);
    for (uint64_t X : Interesting)
      for (uint64_t Y : Interesting) {
        CpuState Cpu = freshCpu();
        Cpu.X[a0] = X;
        Cpu.X[a1] = Y;
        ASSERT_EQ(unsigned(ExitReason::Syscall), unsigned(run(C, Cpu)));
        uint64_t Want = Op.Ref(X, Y);
        ASSERT_EQ(Want, Cpu.X[a2]) << Op.Name << " " << std::hex << X << ", " << Y;
        ASSERT_EQ(Op.Ref(Want, Y), Cpu.X[a3]);
        ASSERT_EQ(Op.Ref(X, Want), Cpu.X[a4]);
        ASSERT_EQ(X, Cpu.X[a0]);
        ASSERT_EQ(Y, Cpu.X[a1]);
        ASSERT_EQ(CodeBase + 20, Cpu.Pc);
      }
  }
}

TEST(RISCVLifter, DivisionCornerCasesKnownAnswers) {
  struct Case {
    const char *Name;
    uint32_t Op, F3;
    uint64_t A, B, Want;
  };
  const Case Cases[] = {
      {"div by zero", 0x33, 4, 42, 0, ~0ull},
      {"div overflow", 0x33, 4, IntMin, ~0ull, IntMin},
      {"div", 0x33, 4, uint64_t(-7), 2, uint64_t(-3)},
      {"divu by zero", 0x33, 5, 42, 0, ~0ull},
      {"rem by zero", 0x33, 6, uint64_t(-42), 0, uint64_t(-42)},
      {"rem overflow", 0x33, 6, IntMin, ~0ull, 0},
      {"rem", 0x33, 6, uint64_t(-7), 2, uint64_t(-1)},
      {"remu by zero", 0x33, 7, 0xdeadbeefcafef00dull, 0, 0xdeadbeefcafef00dull},
      {"divw by zero", 0x3b, 4, 0x1234567800000005ull, 0xffffffff00000000ull, ~0ull},
      {"divw overflow", 0x3b, 4, 0x80000000ull, 0xffffffffull, 0xffffffff80000000ull},
      {"divuw by zero", 0x3b, 5, 5, 0x100000000ull, ~0ull},
      {"divuw", 0x3b, 5, 0xfffffffeull, 1, 0xfffffffffffffffeull},
      {"remw by zero", 0x3b, 6, 0x80000001ull, 0, 0xffffffff80000001ull},
      {"remw overflow", 0x3b, 6, 0x80000000ull, ~0ull, 0},
      {"remuw by zero", 0x3b, 7, 0x80000001ull, 0, 0xffffffff80000001ull},
  };
  for (const Case &K : Cases) {
    SCOPED_TRACE(K.Name);
    Asm A;
    A.r(K.Op, K.F3, 1, a2, a0, a1);
    A.ecall();
    Compiled C = compile(A);
    CpuState Cpu = freshCpu();
    Cpu.X[a0] = K.A;
    Cpu.X[a1] = K.B;
    run(C, Cpu);
    EXPECT_EQ(K.Want, Cpu.X[a2]);
  }
}

TEST(RISCVLifter, MulHighKnownAnswers) {
  Asm A;
  A.r(0x33, 1, 1, a2, a0, a1); // mulh
  A.r(0x33, 2, 1, a3, a0, a1); // mulhsu
  A.r(0x33, 3, 1, a4, a0, a1); // mulhu
  A.ecall();
  Compiled C = compile(A);
  CpuState Cpu = freshCpu();
  Cpu.X[a0] = ~0ull; // -1
  Cpu.X[a1] = ~0ull;
  run(C, Cpu);
  EXPECT_EQ(0u, Cpu.X[a2]);    // -1 * -1 = 1
  EXPECT_EQ(~0ull, Cpu.X[a3]); // -1 * (2^64-1) = -(2^64-1)
  EXPECT_EQ(~1ull, Cpu.X[a4]); // (2^64-1)^2 = 2^128 - 2^65 + 1
  Cpu = freshCpu();
  Cpu.X[a0] = IntMin;
  Cpu.X[a1] = IntMin;
  run(C, Cpu);
  EXPECT_EQ(0x4000000000000000ull, Cpu.X[a2]);
  EXPECT_EQ(0xc000000000000000ull, Cpu.X[a3]);
  EXPECT_EQ(0x4000000000000000ull, Cpu.X[a4]);
}

TEST(RISCVLifter, RegisterShiftAmountsAreMasked) {
  Asm A;
  A.r(0x33, 1, 0, a2, a0, a1);    // sll
  A.r(0x33, 5, 0, a3, a0, a1);    // srl
  A.r(0x33, 5, 0x20, a4, a0, a1); // sra
  A.r(0x3b, 1, 0, a5, a0, a1);    // sllw
  A.r(0x3b, 5, 0x20, a6, a0, a1); // sraw
  A.ecall();
  Compiled C = compile(A);
  struct Case {
    uint64_t Amount, Sll, Srl, Sra, Sllw, Sraw;
  };
  const uint64_t V = 0x8000000080000001ull;
  const Case Cases[] = {
      {63, 0x8000000000000000ull, 1, ~0ull, 0xffffffff80000000ull, 0xffffffffffffffffull},
      {64, V, V, V, 0xffffffff80000001ull, 0xffffffff80000001ull},
      {32, 0x8000000100000000ull, 0x80000000ull, 0xffffffff80000000ull, 0xffffffff80000001ull,
       0xffffffff80000001ull},
  };
  for (const Case &K : Cases) {
    CpuState Cpu = freshCpu();
    Cpu.X[a0] = V;
    Cpu.X[a1] = K.Amount;
    run(C, Cpu);
    EXPECT_EQ(K.Sll, Cpu.X[a2]) << K.Amount;
    EXPECT_EQ(K.Srl, Cpu.X[a3]) << K.Amount;
    EXPECT_EQ(K.Sra, Cpu.X[a4]) << K.Amount;
    EXPECT_EQ(K.Sllw, Cpu.X[a5]) << K.Amount;
    EXPECT_EQ(K.Sraw, Cpu.X[a6]) << K.Amount;
  }
}

// ---- Register-immediate operations ---------------------------------------------

struct IOp {
  const char *Name;
  std::function<uint32_t(Reg Rd, Reg Rs1, int32_t Imm)> Enc;
  Ref2 Ref; // (rs1, imm as sign-extended 64-bit)
  std::vector<int32_t> Imms;
};

std::vector<IOp> immediateOps() {
  auto IType = [](uint32_t Op, uint32_t F3) {
    return [=](Reg Rd, Reg Rs1, int32_t Imm) { return Asm::encI(Op, F3, Rd, Rs1, Imm); };
  };
  auto Shift = [](uint32_t Op, uint32_t F3, uint32_t Hi) {
    return [=](Reg Rd, Reg Rs1, int32_t Sh) { return (Hi << 25) | Asm::encI(Op, F3, Rd, Rs1, Sh); };
  };
  std::vector<int32_t> Arith = {0, 1, -1, 5, -5, 2047, -2048, 0x555, -0x556};
  std::vector<int32_t> Sh64 = {0, 1, 5, 31, 32, 33, 62, 63};
  std::vector<int32_t> Sh32 = {0, 1, 5, 15, 16, 30, 31};
  return {
      {"addi", IType(0x13, 0), [](uint64_t A, uint64_t I) { return A + I; }, Arith},
      {"slti", IType(0x13, 2), [](uint64_t A, uint64_t I) { return uint64_t(S(A) < S(I)); }, Arith},
      {"sltiu", IType(0x13, 3), [](uint64_t A, uint64_t I) { return uint64_t(A < I); }, Arith},
      {"xori", IType(0x13, 4), [](uint64_t A, uint64_t I) { return A ^ I; }, Arith},
      {"ori", IType(0x13, 6), [](uint64_t A, uint64_t I) { return A | I; }, Arith},
      {"andi", IType(0x13, 7), [](uint64_t A, uint64_t I) { return A & I; }, Arith},
      {"slli", Shift(0x13, 1, 0), [](uint64_t A, uint64_t I) { return A << I; }, Sh64},
      {"srli", Shift(0x13, 5, 0), [](uint64_t A, uint64_t I) { return A >> I; }, Sh64},
      {"srai", Shift(0x13, 5, 0x20), [](uint64_t A, uint64_t I) { return uint64_t(S(A) >> I); },
       Sh64},
      {"addiw", IType(0x1b, 0), [](uint64_t A, uint64_t I) { return sext32(A + I); }, Arith},
      {"slliw", Shift(0x1b, 1, 0), [](uint64_t A, uint64_t I) { return sext32(U32(A) << I); },
       Sh32},
      {"srliw", Shift(0x1b, 5, 0), [](uint64_t A, uint64_t I) { return sext32(U32(A) >> I); },
       Sh32},
      {"sraiw", Shift(0x1b, 5, 0x20),
       [](uint64_t A, uint64_t I) { return sext32(uint32_t(S32(A) >> I)); }, Sh32},
  };
}

TEST(RISCVLifter, ImmediateOpsMatchReference) {
  const Reg Dests[] = {t0, t1, t2, s0, s1, a2, a3, a4, a5, a6, a7, s2, s3, s4, s5};
  for (const IOp &Op : immediateOps()) {
    SCOPED_TRACE(Op.Name);
    ASSERT_LE(Op.Imms.size(), std::size(Dests));
    Asm A;
    for (size_t K = 0; K < Op.Imms.size(); ++K) A.w32(Op.Enc(Dests[K], a0, Op.Imms[K]));
    A.ecall();
    Compiled C = compile(A);
    for (uint64_t X : Interesting) {
      CpuState Cpu = freshCpu();
      Cpu.X[a0] = X;
      run(C, Cpu);
      for (size_t K = 0; K < Op.Imms.size(); ++K)
        ASSERT_EQ(Op.Ref(X, uint64_t(int64_t(Op.Imms[K]))), Cpu.X[Dests[K]])
            << Op.Name << " " << std::hex << X << ", " << std::dec << Op.Imms[K];
    }
  }
}

TEST(RISCVLifter, LuiAuipcAndX0) {
  Asm A;
  A.lui(a0, 0x80000); // sign-extended on RV64
  A.lui(a1, 0x12345);
  A.auipc(a2, 0xfffff); // pc - 4096
  A.auipc(a3, 1);
  A.addi(zero, zero, 5); // writes to x0 are dropped
  A.lui(zero, 0x12345);
  A.add(a4, zero, zero);
  A.addi(a5, zero, 0);
  A.ecall();
  Compiled C = compile(A);
  CpuState Cpu = freshCpu();
  run(C, Cpu);
  EXPECT_EQ(0xffffffff80000000ull, Cpu.X[a0]);
  EXPECT_EQ(0x12345000ull, Cpu.X[a1]);
  EXPECT_EQ(CodeBase + 8 - 4096, Cpu.X[a2]);
  EXPECT_EQ(CodeBase + 12 + 4096, Cpu.X[a3]);
  EXPECT_EQ(0u, Cpu.X[a4]);
  EXPECT_EQ(0u, Cpu.X[a5]);
  EXPECT_EQ(0u, Cpu.X[zero]);
}

// ---- Control flow ------------------------------------------------------------------

TEST(RISCVLifter, BranchesBothWays) {
  struct Br {
    const char *Name;
    uint32_t F3;
    std::function<bool(uint64_t, uint64_t)> Taken;
  };
  const Br Branches[] = {
      {"beq", 0, [](uint64_t A, uint64_t B) { return A == B; }},
      {"bne", 1, [](uint64_t A, uint64_t B) { return A != B; }},
      {"blt", 4, [](uint64_t A, uint64_t B) { return S(A) < S(B); }},
      {"bge", 5, [](uint64_t A, uint64_t B) { return S(A) >= S(B); }},
      {"bltu", 6, [](uint64_t A, uint64_t B) { return A < B; }},
      {"bgeu", 7, [](uint64_t A, uint64_t B) { return A >= B; }},
  };
  const uint64_t Values[] = {0, 1, ~0ull, IntMin, 0x7fffffffffffffffull, 5};
  for (const Br &Op : Branches) {
    SCOPED_TRACE(Op.Name);
    Asm A;
    A.branch(Op.F3, a0, a1, 12); // 0
    A.li(a2, 1);                 // 4: not taken
    A.ecall();                   // 8
    A.li(a2, 2);                 // 12: taken
    A.ecall();                   // 16
    Compiled C = compile(A);
    for (uint64_t X : Values)
      for (uint64_t Y : Values) {
        CpuState Cpu = freshCpu();
        Cpu.X[a0] = X;
        Cpu.X[a1] = Y;
        ASSERT_EQ(unsigned(ExitReason::Syscall), unsigned(run(C, Cpu)));
        bool Taken = Op.Taken(X, Y);
        EXPECT_EQ(Taken ? 2u : 1u, Cpu.X[a2]);
        EXPECT_EQ(CodeBase + (Taken ? 16 : 8), Cpu.Pc);
      }
  }
}

TEST(RISCVLifter, BranchOutOfRegionExitsToDispatcher) {
  Asm A;
  A.beq(a0, zero, -0x100); // target before the code: not fetchable
  A.li(a1, 7);
  A.ecall();
  Compiled C = compile(A);
  CpuState Cpu = freshCpu();
  Cpu.X[a0] = 0;
  EXPECT_EQ(unsigned(ExitReason::Continue), unsigned(run(C, Cpu)));
  EXPECT_EQ(CodeBase - 0x100, Cpu.Pc);
  Cpu.X[a0] = 1;
  EXPECT_EQ(unsigned(ExitReason::Syscall), unsigned(run(C, Cpu)));
  EXPECT_EQ(7u, Cpu.X[a1]);
}

TEST(RISCVLifter, LoopStaysInRegion) {
  // sum = 0; for (i = 1; i <= 100; ++i) sum += i;
  Asm A;
  A.li(a0, 0);       // 0
  A.li(a1, 1);       // 4
  A.li(a2, 101);     // 8
  A.add(a0, a0, a1); // 12: loop
  A.addi(a1, a1, 1); // 16
  A.bne(a1, a2, -8); // 20
  A.ecall();         // 24
  Compiled C = compile(A);
  CpuState Cpu = freshCpu();
  ASSERT_EQ(unsigned(ExitReason::Syscall), unsigned(run(C, Cpu)));
  EXPECT_EQ(5050u, Cpu.X[a0]);
  EXPECT_EQ(101u, Cpu.X[a1]);
  EXPECT_EQ(CodeBase + 24, Cpu.Pc);
  EXPECT_EQ(7u, C.Info.GuestInstructions);
  ASSERT_EQ(1u, C.Info.GuestRanges.size());
  EXPECT_EQ(CodeBase, C.Info.GuestRanges[0].first);
  EXPECT_EQ(CodeBase + 28, C.Info.GuestRanges[0].second);
}

TEST(RISCVLifter, BranchIntoMiddleOfBlock) {
  Asm A;
  A.addi(a0, a0, 1);  // 0
  A.addi(a0, a0, 1);  // 4: loop head, inside the first straight-line run
  A.addi(a1, a1, -1); // 8
  A.bne(a1, zero, -8);
  A.ecall();
  Compiled C = compile(A);
  CpuState Cpu = freshCpu();
  Cpu.X[a0] = 0;
  Cpu.X[a1] = 5;
  ASSERT_EQ(unsigned(ExitReason::Syscall), unsigned(run(C, Cpu)));
  EXPECT_EQ(6u, Cpu.X[a0]);
  EXPECT_EQ(0u, Cpu.X[a1]);
  EXPECT_EQ(5u, C.Info.GuestInstructions); // split, not lifted twice
}

TEST(RISCVLifter, CallsExitByDefault) {
  Asm A;
  A.jal(ra, 16);      // 0: call f
  A.addi(a0, a0, 1);  // 4
  A.ecall();          // 8
  A.ebreak();         // 12
  A.addi(a0, a0, 10); // 16: f
  A.jalr(zero, ra, 0);
  Compiled C = compile(A);
  CpuState Cpu = freshCpu();
  Cpu.X[a0] = 0;
  ASSERT_EQ(unsigned(ExitReason::Continue), unsigned(run(C, Cpu)));
  EXPECT_EQ(CodeBase + 16, Cpu.Pc);
  EXPECT_EQ(CodeBase + 4, Cpu.X[ra]);
  EXPECT_EQ(0u, Cpu.X[a0]);
  EXPECT_EQ(1u, C.Info.GuestInstructions);
}

TEST(RISCVLifter, FollowedCallAndReturnStayInRegion) {
  Asm A;
  A.jal(ra, 16);      // 0: call f
  A.addi(a0, a0, 1);  // 4
  A.ecall();          // 8
  A.ebreak();         // 12: never reached
  A.addi(a0, a0, 10); // 16: f
  A.jalr(zero, ra, 0);
  Compiled C = compile(A, CodeBase, 512, /*FollowCalls=*/true);
  CpuState Cpu = freshCpu();
  Cpu.X[a0] = 0;
  ASSERT_EQ(unsigned(ExitReason::Syscall), unsigned(run(C, Cpu)));
  EXPECT_EQ(11u, Cpu.X[a0]);
  EXPECT_EQ(CodeBase + 4, Cpu.X[ra]);
  EXPECT_EQ(CodeBase + 8, Cpu.Pc);
  // A return to somewhere else still leaves the region.
  Cpu = freshCpu();
  Asm B = A;
  B.patch32(CodeBase + 20, Asm::encI(0x67, 0, zero, a5, 0)); // jr a5
  Compiled D = compile(B, CodeBase, 512, true);
  Cpu.X[a5] = 0x4444;
  ASSERT_EQ(unsigned(ExitReason::Continue), unsigned(run(D, Cpu)));
  EXPECT_EQ(0x4444u, Cpu.Pc);
}

TEST(RISCVLifter, AuipcJalrCall) {
  Asm A;
  A.auipc(ra, 0);      // 0
  A.jalr(ra, ra, 16);  // 4: call 16
  A.ecall();           // 8
  A.ebreak();          // 12
  A.li(a0, 99);        // 16
  A.jalr(zero, ra, 0); // 20
  Compiled C = compile(A, CodeBase, 512, /*FollowCalls=*/true);
  CpuState Cpu = freshCpu();
  ASSERT_EQ(unsigned(ExitReason::Syscall), unsigned(run(C, Cpu)));
  EXPECT_EQ(99u, Cpu.X[a0]);
  EXPECT_EQ(CodeBase + 8, Cpu.X[ra]);
  EXPECT_EQ(CodeBase + 8, Cpu.Pc);

  // Not following calls: the known target is still where the region exits.
  Compiled D = compile(A);
  Cpu = freshCpu();
  ASSERT_EQ(unsigned(ExitReason::Continue), unsigned(run(D, Cpu)));
  EXPECT_EQ(CodeBase + 16, Cpu.Pc);
  EXPECT_EQ(CodeBase + 8, Cpu.X[ra]);
}

TEST(RISCVLifter, AuipcJalrTailCallIsFollowed) {
  Asm A;
  A.auipc(t1, 0);       // 0
  A.jalr(zero, t1, 12); // 4: tail call to 12
  A.ebreak();           // 8
  A.li(a0, 42);         // 12
  A.ecall();            // 16
  Compiled C = compile(A);
  CpuState Cpu = freshCpu();
  ASSERT_EQ(unsigned(ExitReason::Syscall), unsigned(run(C, Cpu)));
  EXPECT_EQ(42u, Cpu.X[a0]);
  EXPECT_EQ(CodeBase + 16, Cpu.Pc);
}

TEST(RISCVLifter, JalrRdEqualsRs1AndOddTarget) {
  Asm A;
  A.jalr(a0, a0, 1);
  Compiled C = compile(A);
  CpuState Cpu = freshCpu();
  Cpu.X[a0] = 0x40000;
  ASSERT_EQ(unsigned(ExitReason::Continue), unsigned(run(C, Cpu)));
  EXPECT_EQ(0x40000u, Cpu.Pc); // 0x40001 with bit 0 cleared
  EXPECT_EQ(CodeBase + 4, Cpu.X[a0]);

  Asm B;
  B.jalr(ra, a1, -3);
  Compiled D = compile(B);
  Cpu = freshCpu();
  Cpu.X[a1] = 0x50004;
  ASSERT_EQ(unsigned(ExitReason::Continue), unsigned(run(D, Cpu)));
  EXPECT_EQ(0x50000u, Cpu.Pc);
  EXPECT_EQ(CodeBase + 4, Cpu.X[ra]);
}

TEST(RISCVLifter, JumpToUnliftedTargetWritesRegistersBack) {
  Asm A;
  A.li(s1, 77);
  A.jal(zero, 0x800); // beyond the code: exits
  Compiled C = compile(A);
  CpuState Cpu = freshCpu();
  ASSERT_EQ(unsigned(ExitReason::Continue), unsigned(run(C, Cpu)));
  EXPECT_EQ(CodeBase + 4 + 0x800, Cpu.Pc);
  EXPECT_EQ(77u, Cpu.X[s1]);
  EXPECT_EQ(freshCpu().X[s2], Cpu.X[s2]);
}

// ---- Memory --------------------------------------------------------------------------

TEST(RISCVLifter, LoadsExtendCorrectly) {
  std::memset(Mem, 0, sizeof Mem);
  const uint8_t Pattern[8] = {0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88};
  std::memcpy(Mem + 16, Pattern, 8);
  Asm A;
  A.load(0, t0, a0, 0);   // lb
  A.load(1, t1, a0, 0);   // lh
  A.load(2, t2, a0, 0);   // lw
  A.load(3, s0, a0, 0);   // ld
  A.load(4, s1, a0, 0);   // lbu
  A.load(5, a2, a0, 0);   // lhu
  A.load(6, a3, a0, 0);   // lwu
  A.load(3, a4, a1, -8);  // ld with negative offset
  A.load(2, a5, a0, 1);   // unaligned lw
  A.load(3, zero, a0, 0); // load to x0 is still performed, result dropped
  A.ecall();
  Compiled C = compile(A);
  CpuState Cpu = freshCpu();
  Cpu.X[a0] = addrOf(Mem + 16);
  Cpu.X[a1] = addrOf(Mem + 24);
  run(C, Cpu);
  EXPECT_EQ(0xffffffffffffff81ull, Cpu.X[t0]);
  EXPECT_EQ(0xffffffffffff8281ull, Cpu.X[t1]);
  EXPECT_EQ(0xffffffff84838281ull, Cpu.X[t2]);
  EXPECT_EQ(0x8887868584838281ull, Cpu.X[s0]);
  EXPECT_EQ(0x81u, Cpu.X[s1]);
  EXPECT_EQ(0x8281u, Cpu.X[a2]);
  EXPECT_EQ(0x84838281u, Cpu.X[a3]);
  EXPECT_EQ(0x8887868584838281ull, Cpu.X[a4]);
  EXPECT_EQ(0xffffffff85848382ull, Cpu.X[a5]);
  EXPECT_EQ(0u, Cpu.X[zero]);
}

TEST(RISCVLifter, StoresWriteTheirWidth) {
  std::memset(Mem, 0xee, sizeof Mem);
  Asm A;
  A.store(0, a1, a0, 0);  // sb
  A.store(1, a1, a0, 2);  // sh
  A.store(2, a1, a0, 4);  // sw
  A.store(3, a1, a0, 8);  // sd
  A.store(3, a1, a0, 17); // unaligned sd
  A.store(2, zero, a0, -4);
  A.ecall();
  Compiled C = compile(A);
  CpuState Cpu = freshCpu();
  Cpu.X[a0] = addrOf(Mem + 32);
  Cpu.X[a1] = 0x0102030405060708ull;
  run(C, Cpu);
  const uint8_t Want[] = {0x00, 0x00, 0x00, 0x00,                         // -4: sw zero
                          0x08, 0xee, 0x08, 0x07, 0x08, 0x07, 0x06, 0x05, // sb, sh, sw
                          0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, // sd
                          0xee, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, 0xee};
  EXPECT_EQ(0, std::memcmp(Want, Mem + 28, sizeof Want));
  EXPECT_EQ(0xee, Mem[27]);
}

// ---- Atomics ---------------------------------------------------------------------------

TEST(RISCVLifter, LoadReservedStoreConditional) {
  uint64_t *Word = reinterpret_cast<uint64_t *>(Mem);
  Asm A;
  A.amo(0x02, 2, a2, a0, zero, true, false); // lr.w.aq a2, (a0)
  A.amo(0x03, 2, a3, a0, a1);                // sc.w a3, a1, (a0)
  A.amo(0x03, 2, a4, a0, a1);                // sc.w again: no reservation
  A.ecall();
  Compiled C = compile(A);

  Word[0] = 0x1111111180000000ull;
  CpuState Cpu = freshCpu();
  Cpu.X[a0] = addrOf(Mem);
  Cpu.X[a1] = 0xabcdef0012345678ull;
  run(C, Cpu);
  EXPECT_EQ(0xffffffff80000000ull, Cpu.X[a2]); // lr.w sign-extends
  EXPECT_EQ(0u, Cpu.X[a3]);
  EXPECT_EQ(1u, Cpu.X[a4]);
  EXPECT_EQ(0x1111111112345678ull, Word[0]);
  EXPECT_EQ(~0ull, Cpu.ReservationAddr);

  // A reservation on another address fails without touching memory.
  Asm B;
  B.amo(0x02, 3, a2, a0, zero); // lr.d a2, (a0)
  B.amo(0x03, 3, a3, a5, a1);   // sc.d a3, a1, (a5)
  B.ecall();
  Compiled D = compile(B);
  Word[0] = 5;
  Word[1] = 5;
  Cpu = freshCpu();
  Cpu.X[a0] = addrOf(Mem);
  Cpu.X[a5] = addrOf(Mem + 8);
  Cpu.X[a1] = 9;
  run(D, Cpu);
  EXPECT_EQ(5u, Cpu.X[a2]);
  EXPECT_EQ(1u, Cpu.X[a3]);
  EXPECT_EQ(5u, Word[0]);
  EXPECT_EQ(5u, Word[1]);

  // A changed value makes sc fail: store between lr and sc.
  Asm E;
  E.amo(0x02, 3, a2, a0, zero);            // lr.d
  E.store(3, a4, a0, 0);                   // sd a4, 0(a0)
  E.amo(0x03, 3, a3, a0, a1, false, true); // sc.d.rl
  E.ecall();
  Compiled F = compile(E);
  Word[0] = 5;
  Cpu = freshCpu();
  Cpu.X[a0] = addrOf(Mem);
  Cpu.X[a1] = 9;
  Cpu.X[a4] = 6;
  run(F, Cpu);
  EXPECT_EQ(1u, Cpu.X[a3]);
  EXPECT_EQ(6u, Word[0]);

  // The reservation survives an exit: sc in a later region succeeds.
  Asm G;
  G.amo(0x03, 3, a3, a0, a1); // sc.d
  G.ecall();
  Compiled H = compile(G);
  Word[0] = 5;
  Cpu = freshCpu();
  Cpu.X[a0] = addrOf(Mem);
  Cpu.X[a1] = 9;
  Cpu.ReservationAddr = addrOf(Mem);
  Cpu.ReservationValue = 5;
  run(H, Cpu);
  EXPECT_EQ(0u, Cpu.X[a3]);
  EXPECT_EQ(9u, Word[0]);
}

TEST(RISCVLifter, AmosMatchReference) {
  struct Amo {
    const char *Name;
    uint32_t Funct5;
    Ref2 Ref; // (old, operand) -> new
  };
  const Amo Amos[] = {
      {"swap", 0x01, [](uint64_t, uint64_t B) { return B; }},
      {"add", 0x00, [](uint64_t A, uint64_t B) { return A + B; }},
      {"xor", 0x04, [](uint64_t A, uint64_t B) { return A ^ B; }},
      {"and", 0x0c, [](uint64_t A, uint64_t B) { return A & B; }},
      {"or", 0x08, [](uint64_t A, uint64_t B) { return A | B; }},
      {"min", 0x10, [](uint64_t A, uint64_t B) { return S(A) < S(B) ? A : B; }},
      {"max", 0x14, [](uint64_t A, uint64_t B) { return S(A) > S(B) ? A : B; }},
      {"minu", 0x18, [](uint64_t A, uint64_t B) { return A < B ? A : B; }},
      {"maxu", 0x1c, [](uint64_t A, uint64_t B) { return A > B ? A : B; }},
  };
  const uint64_t Values[] = {0,
                             1,
                             ~0ull,
                             IntMin,
                             0x7fffffffffffffffull,
                             0x80000000ull,
                             0x7fffffffull,
                             0x1234567890abcdefull};
  for (const Amo &Op : Amos) {
    for (bool Word : {false, true}) {
      SCOPED_TRACE(std::string(Op.Name) + (Word ? ".w" : ".d"));
      Asm A;
      A.amo(Op.Funct5, Word ? 2 : 3, a2, a0, a1, true, true);
      A.ecall();
      Compiled C = compile(A);
      for (uint64_t Old : Values)
        for (uint64_t V : Values) {
          uint64_t *Cell = reinterpret_cast<uint64_t *>(Mem + 64);
          *Cell = Old;
          CpuState Cpu = freshCpu();
          Cpu.X[a0] = addrOf(Cell);
          Cpu.X[a1] = V;
          run(C, Cpu);
          if (Word) {
            uint64_t New = Op.Ref(sext32(Old), sext32(V));
            ASSERT_EQ(sext32(Old), Cpu.X[a2]);
            ASSERT_EQ((Old & 0xffffffff00000000ull) | U32(New), *Cell)
                << std::hex << Old << " " << V;
          } else {
            ASSERT_EQ(Old, Cpu.X[a2]);
            ASSERT_EQ(Op.Ref(Old, V), *Cell) << std::hex << Old << " " << V;
          }
        }
    }
  }
}

// ---- System -------------------------------------------------------------------------

TEST(RISCVLifter, EcallEbreakIllegalExits) {
  Asm A;
  A.li(a0, 1);
  A.ebreak();
  Compiled C = compile(A);
  CpuState Cpu = freshCpu();
  EXPECT_EQ(unsigned(ExitReason::Breakpoint), unsigned(run(C, Cpu)));
  EXPECT_EQ(CodeBase + 4, Cpu.Pc);
  EXPECT_EQ(1u, Cpu.X[a0]);

  Asm B;
  B.li(a0, 2);
  B.w32(0xffffffff); // not an RV64GC encoding
  Compiled D = compile(B);
  Cpu = freshCpu();
  EXPECT_EQ(unsigned(ExitReason::IllegalInstruction), unsigned(run(D, Cpu)));
  EXPECT_EQ(CodeBase + 4, Cpu.Pc);
  EXPECT_EQ(2u, Cpu.X[a0]);

  Asm E;
  E.w16(0x0000); // c.unimp
  Compiled F = compile(E);
  Cpu = freshCpu();
  EXPECT_EQ(unsigned(ExitReason::IllegalInstruction), unsigned(run(F, Cpu)));
  EXPECT_EQ(CodeBase, Cpu.Pc);

  Asm G;
  G.li(a7, 64);
  G.ecall();
  Compiled H = compile(G);
  Cpu = freshCpu();
  EXPECT_EQ(unsigned(ExitReason::Syscall), unsigned(run(H, Cpu)));
  EXPECT_EQ(CodeBase + 4, Cpu.Pc);
  EXPECT_EQ(64u, Cpu.X[a7]);
}

TEST(RISCVLifter, FencesAndFenceI) {
  Asm A;
  A.fence(3, 3);     // rw,rw
  A.fence(1, 2);     // w,r
  A.fence(2, 1);     // r,w
  A.w32(0x8330000f); // fence.tso
  A.li(a0, 3);
  A.fenceI();
  A.ebreak();
  Compiled C = compile(A);
  CpuState Cpu = freshCpu();
  EXPECT_EQ(unsigned(ExitReason::FlushICache), unsigned(run(C, Cpu)));
  EXPECT_EQ(CodeBase + 24, Cpu.Pc);
  EXPECT_EQ(3u, Cpu.X[a0]);
}

TEST(RISCVLifter, CsrAccessRules) {
  std::memset(FakeCsr, 0, sizeof FakeCsr);
  FakeCsr[CSR_FFLAGS] = 0x5;
  FakeCsr[CSR_FRM] = 0x2;
  FakeCsr[CSR_FCSR] = 0x45;
  FakeCsr[CSR_CYCLE] = 1000;
  Asm A;
  A.csr(2, a0, CSR_FFLAGS, zero); // csrrs a0, fflags, x0: read only
  A.csr(1, zero, CSR_FRM, a1);    // csrrw x0, frm, a1: write only
  A.csr(2, a2, CSR_FCSR, a3);     // csrrs a2, fcsr, a3
  A.csr(3, a4, CSR_FFLAGS, a4);   // csrrc a4, fflags, a4 (rd == rs1)
  A.csr(5, a5, CSR_FRM, 4);       // csrrwi a5, frm, 4
  A.csr(6, a6, CSR_FFLAGS, 0);    // csrrsi with 0: no write
  A.csr(7, a7, CSR_FCSR, 1);      // csrrci a7, fcsr, 1
  A.csr(2, s2, CSR_CYCLE, zero);  // rdcycle
  A.csr(6, s3, CSR_TIME, 0);      // csrrsi with 0 on a counter: read only
  A.ecall();
  UsePortableCsrPath = true;
  Compiled C = compile(A);
  UsePortableCsrPath = false;
  CpuState Cpu = freshCpu();
  Cpu.X[a1] = 1;
  Cpu.X[a3] = 0x20;
  Cpu.X[a4] = 0x1;
  ASSERT_EQ(unsigned(ExitReason::Syscall), unsigned(run(C, Cpu)));
  EXPECT_EQ(0x5u, Cpu.X[a0]);
  EXPECT_EQ(0x45u, Cpu.X[a2]);
  EXPECT_EQ(0x5u, Cpu.X[a4]);
  EXPECT_EQ(0x1u, Cpu.X[a5]);
  EXPECT_EQ(0x4u, Cpu.X[a6]);
  EXPECT_EQ(0x65u, Cpu.X[a7]);
  EXPECT_EQ(1000u, Cpu.X[s2]);
  std::vector<std::pair<uint32_t, uint64_t>> Want = {
      {CSR_FRM, 1}, {CSR_FCSR, 0x65}, {CSR_FFLAGS, 0x4}, {CSR_FRM, 4}, {CSR_FCSR, 0x64}};
  EXPECT_EQ(Want, CsrWrites);
}

TEST(RISCVLifter, IllegalCsrAccesses) {
  struct Case {
    const char *Name;
    uint32_t F3, Csr, Src;
  };
  const Case Cases[] = {
      {"write cycle", 1, CSR_CYCLE, a1}, {"csrrw x0 to instret", 1, CSR_INSTRET, zero},
      {"set time", 2, CSR_TIME, a1},     {"csrrwi cycle", 5, CSR_CYCLE, 0},
      {"csrrci cycle", 7, CSR_CYCLE, 1}, {"mstatus", 2, 0x300, zero},
      {"cycleh", 2, 0xc80, zero},
  };
  for (const Case &K : Cases) {
    SCOPED_TRACE(K.Name);
    Asm A;
    A.li(a0, 9);
    A.csr(K.F3, a2, K.Csr, K.Src);
    A.ecall();
    Compiled C = compile(A);
    CpuState Cpu = freshCpu();
    CsrWrites.clear();
    EXPECT_EQ(unsigned(ExitReason::IllegalInstruction), unsigned(run(C, Cpu)));
    EXPECT_EQ(CodeBase + 4, Cpu.Pc);
    EXPECT_EQ(9u, Cpu.X[a0]);
    EXPECT_EQ(freshCpu().X[a2], Cpu.X[a2]);
    EXPECT_TRUE(CsrWrites.empty());
  }
}

// ---- Compressed instructions -----------------------------------------------------------

TEST(RISCVLifter, CompressedInstructionsInTheStream) {
  Asm A;
  A.w16(0x4515);     // 0: c.li a0, 5
  A.w16(0x050d);     // 2: c.addi a0, 3
  A.w16(0x85aa);     // 4: c.mv a1, a0
  A.w16(0x95aa);     // 6: c.add a1, a0
  A.w16(0x058a);     // 8: c.slli a1, 2
  A.addi(a2, a1, 1); // 10: a 32-bit instruction at a 2-byte boundary
  A.w16(0x357d);     // 14: c.addiw a0, -1
  A.w16(0x0001);     // 16: c.nop
  A.w16(0x9582);     // 18: c.jalr a1
  Compiled C = compile(A);
  CpuState Cpu = freshCpu();
  ASSERT_EQ(unsigned(ExitReason::Continue), unsigned(run(C, Cpu)));
  EXPECT_EQ(7u, Cpu.X[a0]);
  EXPECT_EQ(64u, Cpu.X[a1]);
  EXPECT_EQ(65u, Cpu.X[a2]);
  EXPECT_EQ(CodeBase + 20, Cpu.X[ra]); // link is pc + 2
  EXPECT_EQ(64u, Cpu.Pc);
  EXPECT_EQ(9u, C.Info.GuestInstructions);
}

TEST(RISCVLifter, CompressedBranchesAndJumps) {
  // Same shape as the assembler's output for:
  //   a: c.j b; c.nop; b: c.beqz a0, d; c.nop; d: c.bnez a0, a; c.j a
  // with a counting loop wrapped around it.
  Asm A;
  A.w16(0xa011);       // 0: c.j 4
  A.w16(0x0001);       // 2: c.nop (skipped)
  A.w16(0xc111);       // 4: c.beqz a0, 8
  A.w16(0x0001);       // 6
  A.addi(a1, a1, 1);   // 8
  A.addi(a0, a0, -1);  // 12
  A.bne(a0, zero, -8); // 16: back to 8
  A.w16(0x8082);       // 20: c.jr ra
  Compiled C = compile(A);
  CpuState Cpu = freshCpu();
  Cpu.X[a0] = 4;
  Cpu.X[a1] = 0;
  Cpu.X[ra] = 0x7000;
  ASSERT_EQ(unsigned(ExitReason::Continue), unsigned(run(C, Cpu)));
  EXPECT_EQ(4u, Cpu.X[a1]);
  EXPECT_EQ(0x7000u, Cpu.Pc);
}

TEST(RISCVLifter, CompressedEbreakAndLoadStore) {
  std::memset(Mem, 0, sizeof Mem);
  uint64_t *Words = reinterpret_cast<uint64_t *>(Mem);
  Words[1] = 0x1122334455667788ull;
  Asm A;
  A.w16(0x6510); // c.ld a2, 8(a0)
  A.w16(0xe910); // c.sd a2, 16(a0)
  A.w16(0x9002); // c.ebreak
  Compiled C = compile(A);
  CpuState Cpu = freshCpu();
  Cpu.X[a0] = addrOf(Mem);
  EXPECT_EQ(unsigned(ExitReason::Breakpoint), unsigned(run(C, Cpu)));
  EXPECT_EQ(CodeBase + 4, Cpu.Pc);
  EXPECT_EQ(0x1122334455667788ull, Cpu.X[a2]);
  EXPECT_EQ(0x1122334455667788ull, Words[2]);
}

TEST(RISCVLifter, BranchIntoTheMiddleOfAnInstruction) {
  // The upper half of this addi is c.li a1, 5: a branch to pc+2 decodes a
  // different instruction stream over the same bytes.
  Asm A;
  A.bne(a3, zero, 6); // 0
  A.w32(0x45950613);  // 4: addi a2, a0, 0x459 / 6: c.li a1, 5
  A.ecall();          // 8
  Compiled C = compile(A);
  CpuState Cpu = freshCpu();
  Cpu.X[a0] = 1;
  Cpu.X[a3] = 0;
  ASSERT_EQ(unsigned(ExitReason::Syscall), unsigned(run(C, Cpu)));
  EXPECT_EQ(0x45au, Cpu.X[a2]);
  EXPECT_EQ(freshCpu().X[a1], Cpu.X[a1]);
  EXPECT_EQ(CodeBase + 8, Cpu.Pc);
  Cpu = freshCpu();
  Cpu.X[a3] = 1;
  ASSERT_EQ(unsigned(ExitReason::Syscall), unsigned(run(C, Cpu)));
  EXPECT_EQ(5u, Cpu.X[a1]);
  EXPECT_EQ(freshCpu().X[a2], Cpu.X[a2]);
  EXPECT_EQ(CodeBase + 8, Cpu.Pc);
}

// ---- Region edges ----------------------------------------------------------------------

struct EncodingShape {
  Format Fmt;
  int Opcode7, Funct3, Funct7, Rs2;
};

const EncodingShape Shapes[] = {
#define RV_INSN(Enum, Mnemonic, Fmt, Opcode7, Funct3, Funct7, Rs2, Operands)                       \
  {Format::Fmt, Opcode7, Funct3, Funct7, Rs2},
#include "dbt/Frontend/RISCV/Opcodes.def"
};

/// A random but well-formed encoding of a random RV64GC instruction, with
/// branch and jump offsets kept small so that regions stay inside the code.
uint32_t randomEncoding(const std::function<uint64_t()> &Rand) {
  const EncodingShape &S = Shapes[Rand() % std::size(Shapes)];
  uint64_t R = Rand();
  uint32_t Rd = R & 31, Rs1 = (R >> 5) & 31, Rs2 = (R >> 10) & 31, Rs3 = (R >> 15) & 31;
  uint32_t F3 =
      S.Funct3 >= 0 ? uint32_t(S.Funct3) : uint32_t((R >> 20) % 6 == 5 ? 7 : (R >> 20) % 6);
  if (S.Rs2 >= 0) Rs2 = uint32_t(S.Rs2);
  int32_t Small = int32_t((R >> 24) % 64) * 2 - 64;
  uint32_t Imm12 = uint32_t(R >> 32) & 0xfff;
  uint32_t Op = uint32_t(S.Opcode7);
  const uint16_t Csrs[] = {CSR_FFLAGS, CSR_FRM, CSR_FCSR, CSR_CYCLE, CSR_TIME, CSR_INSTRET, 0x300};
  switch (S.Fmt) {
  case Format::R:
    return Asm::encR(Op, F3, uint32_t(S.Funct7), Rd, Rs1, Rs2);
  case Format::R4:
    return (Rs3 << 27) | Asm::encR(Op, F3, uint32_t(S.Funct7) & 3, Rd, Rs1, Rs2);
  case Format::I:
    return Asm::encI(Op, F3, Rd, Rs1, int32_t(Imm12 << 20) >> 20);
  case Format::S:
    return Asm::encS(Op, F3, Rs1, Rs2, int32_t(Imm12 << 20) >> 20);
  case Format::B:
    return Asm::encB(F3, Rs1, Rs2, Small);
  case Format::U:
    return (uint32_t(R >> 32) & 0xfffff000u) | (Rd << 7) | Op;
  case Format::J:
    return Asm::encJ(Rd, Small);
  case Format::Shift64:
    return (uint32_t(S.Funct7) << 25) | Asm::encI(Op, F3, Rd, Rs1, int32_t(Imm12 & 63));
  case Format::Shift32:
    return (uint32_t(S.Funct7) << 25) | Asm::encI(Op, F3, Rd, Rs1, int32_t(Imm12 & 31));
  case Format::Csr:
  case Format::CsrImm:
    return (uint32_t(Csrs[(R >> 40) % std::size(Csrs)]) << 20) | (Rs1 << 15) | (F3 << 12) |
           (Rd << 7) | Op;
  case Format::Fence:
    return (Imm12 << 20) | (F3 << 12) | Op;
  case Format::System:
    return (uint32_t(S.Funct7) << 25) | (Rs2 << 20) | Op;
  case Format::Atomic:
  case Format::LoadReserved:
    return Asm::encR(Op, F3, uint32_t(S.Funct7) | ((R >> 44) & 3), Rd, Rs1, Rs2);
  }
  return 0;
}

TEST(RISCVLifter, ArbitraryCodeLiftsToValidIR) {
  // Whatever the code, lifting must give verifiable IR that the pipeline
  // accepts; it is not run (it would touch random addresses).
  uint64_t Seed = 0x9e3779b97f4a7c15ull;
  std::function<uint64_t()> Rand = [&] {
    Seed ^= Seed << 13;
    Seed ^= Seed >> 7;
    Seed ^= Seed << 17;
    return Seed;
  };
  Asm A;
  for (int K = 0; K < 4000; ++K) {
    uint64_t R = Rand();
    if (R % 4 == 0)
      A.w16(uint16_t((uint16_t(R >> 8) & ~uint16_t(0x3)) | uint16_t((R >> 30) % 3))); // compressed
    else if (R % 97 == 1)
      A.w32(uint32_t(R >> 16)); // anything at all
    else
      A.w32(randomEncoding(Rand));
  }
  unsigned Lifted = 0;
  NativeBackend &BE = backend();
  ir::RegionOptimizer Opt(&BE.targetMachine());
  for (uint64_t Off = 0; Off < A.Bytes.size(); Off += 502) {
    llvm::LLVMContext Ctx;
    llvm::Module M("fuzz", Ctx);
    M.setDataLayout(BE.targetMachine().createDataLayout());
    FetchSource Src{&A.Bytes};
    TranslatorConfig Config;
    Config.FetchCode = fetchFromVector;
    Config.FetchContext = &Src;
    RegionLifter L(M, Config);
    auto Region = L.liftRegion(CodeBase + Off);
    ASSERT_TRUE(bool(Region));
    Lifted += Region->GuestInstructions;
    ASSERT_FALSE(llvm::verifyFunction(*Region->Fn, &llvm::errs())) << Off;
    ir::lowerGuestMemory(*Region->Fn, MemoryFastPath{});
    Opt.run(*Region->Fn);
    ASSERT_FALSE(llvm::verifyFunction(*Region->Fn, &llvm::errs())) << Off;
  }
  // The generator is only useful if regions get long.
  EXPECT_GT(Lifted, 1000u);
}

TEST(RISCVLifter, FetchFaults) {
  // Straight-line code running off the end of readable memory.
  Asm A;
  A.li(a0, 1);
  A.li(a1, 2);
  Compiled C = compile(A);
  CpuState Cpu = freshCpu();
  EXPECT_EQ(unsigned(ExitReason::FetchFault), unsigned(run(C, Cpu)));
  EXPECT_EQ(CodeBase + 8, Cpu.Pc);
  EXPECT_EQ(2u, Cpu.X[a1]);

  // Half of a 32-bit instruction readable.
  Asm B;
  B.li(a0, 3);
  B.w16(0x0513); // low half of an addi
  Compiled D = compile(B);
  Cpu = freshCpu();
  EXPECT_EQ(unsigned(ExitReason::FetchFault), unsigned(run(D, Cpu)));
  EXPECT_EQ(CodeBase + 4, Cpu.Pc);
  EXPECT_EQ(3u, Cpu.X[a0]);

  // Nothing readable at the entry.
  Compiled E = compile(A, CodeBase + 0x1000);
  Cpu = freshCpu();
  EXPECT_EQ(unsigned(ExitReason::FetchFault), unsigned(run(E, Cpu)));
  EXPECT_EQ(CodeBase + 0x1000, Cpu.Pc);
  EXPECT_EQ(0u, E.Info.GuestInstructions);
}

TEST(RISCVLifter, InstructionCapEndsRegion) {
  Asm A;
  for (int K = 1; K <= 10; ++K) A.li(Reg(t0 + K), K);
  A.ecall();
  Compiled C = compile(A, CodeBase, 3);
  CpuState Cpu = freshCpu();
  EXPECT_EQ(unsigned(ExitReason::Continue), unsigned(run(C, Cpu)));
  EXPECT_EQ(CodeBase + 12, Cpu.Pc);
  EXPECT_EQ(3u, Cpu.X[t0 + 3]);
  EXPECT_EQ(freshCpu().X[t0 + 4], Cpu.X[t0 + 4]);
  EXPECT_EQ(3u, C.Info.GuestInstructions);
}

TEST(RISCVLifter, TwoRegionsInOneModuleGetDistinctNames) {
  Asm A;
  A.ecall();
  FetchSource Src{&A.Bytes};
  TranslatorConfig Config;
  Config.FetchCode = fetchFromVector;
  Config.FetchContext = &Src;
  llvm::LLVMContext Ctx;
  llvm::Module M("m", Ctx);
  RegionLifter L(M, Config);
  auto R1 = L.liftRegion(CodeBase);
  ASSERT_TRUE(bool(R1));
  auto R2 = L.liftRegion(CodeBase);
  ASSERT_TRUE(bool(R2));
  EXPECT_EQ("guest_10000", R1->Fn->getName());
  EXPECT_NE(R1->Fn->getName(), R2->Fn->getName());
  EXPECT_FALSE(llvm::verifyModule(M, &llvm::errs()));
  ASSERT_EQ(1u, R1->Decoded.size());
  EXPECT_EQ(CodeBase, R1->Decoded[0].first);
  EXPECT_EQ(Opcode::ECALL, R1->Decoded[0].second.Op);
}

} // namespace
