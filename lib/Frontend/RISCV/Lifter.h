//===- Lifter.h - RV64GC to LLVM IR -----------------------------*- C++ -*-===//
//
// Owns lifting: turns the guest code reachable from one entry PC (a region of
// basic blocks linked by direct branches) into one LLVM function
//   i32 @guest_<pc>(ptr %cpu)        ; returns a dbt::ExitReason
// over the CpuState layout. Guest registers live in allocas for the whole
// region (promoted to SSA by the pipeline) and are written back at every
// exit. Memory is accessed only through GuestMemoryOps. Lifting of each
// instruction class lives in its own Lift*.cpp file; an instruction no class
// accepts ends the region with ExitReason::IllegalInstruction at its PC.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_LIB_FRONTEND_RISCV_LIFTER_H
#define DBT_LIB_FRONTEND_RISCV_LIFTER_H

#include "dbt/Frontend/RISCV/Instruction.h"
#include "dbt/Translator/Translator.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <vector>

namespace dbt::riscv {

/// Names of runtime helpers, generated from Helpers.def.
enum class Helper : unsigned {
#define RV_HELPER(Name, ...) Name,
#include "dbt/Frontend/RISCV/Helpers.def"
  NumHelpers
};

struct LiftedRegion {
  llvm::Function *Fn = nullptr;
  std::vector<std::pair<uint64_t, uint64_t>> GuestRanges; // bytes it covers
  unsigned GuestInstructions = 0;
  std::vector<std::pair<uint64_t, Instruction>> Decoded; // for -d in_asm
  /// PCs outside the region that it is likely to continue at: direct exits
  /// and the return sites of calls. The translator may translate them in
  /// the same batch.
  std::vector<uint64_t> Successors;
};

class RegionLifter {
public:
  RegionLifter(llvm::Module &M, const TranslatorConfig &Config);

  /// Lifts the region entered at \p EntryPc into a new function of the module.
  llvm::Expected<LiftedRegion> liftRegion(uint64_t EntryPc);

  /// Whether calls (jal/auipc+jalr with rd != x0) pull the callee and the
  /// return site into the region; returns to those sites then stay in host
  /// code. Off by default: every caller would carry its own copy of each
  /// callee, which multiplied the code translated for a static hello by 8.
  void setFollowCalls(bool Follow) { FollowCalls = Follow; }

  // ---- Used by the per-class Lift*.cpp files ------------------------------
  llvm::IRBuilder<> &builder() { return B; }
  llvm::LLVMContext &context() { return Ctx; }
  llvm::Module &module() { return M; }
  /// PC and decoded form of the instruction being lifted.
  uint64_t pc() const { return CurPc; }
  const Instruction &insn() const { return *CurInsn; }
  /// PC of the instruction after the current one.
  uint64_t nextPc() const { return CurPc + CurInsn->Length; }
  llvm::Value *cpu() const { return CpuArg; }

  /// Integer registers as i64; reads of x0 give 0, writes to x0 are dropped.
  llvm::Value *getX(unsigned R);
  void setX(unsigned R, llvm::Value *V);
  /// Writes the low 32 bits of \p V32 sign-extended to 64 (the W-forms).
  void setXSext32(unsigned R, llvm::Value *V32);

  /// FP registers: raw 64 bits, or unboxed values. getF32 yields the
  /// canonical NaN when the register does not hold a NaN-boxed single.
  llvm::Value *getFBits(unsigned R);
  void setFBits(unsigned R, llvm::Value *V64);
  llvm::Value *getF32(unsigned R);
  llvm::Value *getF64(unsigned R);
  void setF32(unsigned R, llvm::Value *V); // NaN-boxes
  void setF64(unsigned R, llvm::Value *V);

  /// Pointer to a CpuState field at byte \p Offset, e.g. offsetof(CpuState, Frm).
  llvm::Value *cpuField(size_t Offset);

  /// Abstract guest memory (see GuestMemoryOps.h).
  llvm::Value *load(llvm::Value *Addr, unsigned Bits);
  void store(llvm::Value *Addr, llvm::Value *V);

  /// Calls a runtime helper; arguments must match Helpers.def.
  llvm::CallInst *callHelper(Helper H, llvm::ArrayRef<llvm::Value *> Args);

  // ---- Control flow: each of these ends the current guest basic block ------
  /// Continues at a guest PC known now: a branch inside the region, or an
  /// exit to the dispatcher.
  void jumpTo(uint64_t Target);
  /// Two-way branch on \p Cond (i1).
  void branchIf(llvm::Value *Cond, uint64_t Taken, uint64_t NotTaken);
  /// Records \p Pc as a likely entry after this region (a call's return site).
  void noteSuccessor(uint64_t Pc) { Successors.push_back(Pc); }
  /// Continues at a PC computed at run time (jalr): exit to the dispatcher.
  void jumpIndirect(llvm::Value *Target);
  /// Leaves the region with \p Reason at \p Pc when \p Cond (i1) holds, and
  /// otherwise goes on lifting in the same guest block (a rarely taken side
  /// exit, e.g. an FP instruction whose dynamic rounding mode is invalid).
  void exitIf(llvm::Value *Cond, ExitReason Reason, uint64_t Pc);
  /// Leaves the region: stores registers back, sets Pc, returns \p Reason.
  void exitWith(ExitReason Reason, uint64_t Pc);

  /// True once the current instruction ended the guest basic block.
  bool blockEnded() const { return BlockEnded; }

private:
  /// One entry of the discovery pass: an instruction, or the note that the
  /// bytes at its PC could not be fetched.
  struct DecodedEntry {
    Instruction Insn;
    bool FetchFault = false;
  };

  void resetState();
  /// Pass 1: decodes everything reachable by direct control flow from
  /// \p EntryPc (up to MaxRegionInstructions) and picks the block leaders.
  void discover(uint64_t EntryPc);
  /// Decodes the instruction at \p Pc through a small fetch window.
  DecodedEntry fetchAndDecode(uint64_t Pc);
  const DecodedEntry *lookupDecoded(uint64_t Pc) const;
  /// The LLVM block of a region leader, or null when \p Pc is not one.
  llvm::BasicBlock *leaderBlock(uint64_t Pc) const;
  /// Pass 2: lifts the guest basic block that starts at \p Leader.
  void liftBlock(uint64_t Leader);
  void liftInstruction();
  /// Adds the entry loads and the exit write-backs once all is lifted.
  void finishFunction(uint64_t EntryPc);
  llvm::Value *xSlot(unsigned R);
  llvm::Value *fSlot(unsigned R);
  llvm::Function *helperFunction(Helper H);
  /// Stores Pc and returns Reason; write-backs are added by finishFunction.
  void emitExit(llvm::Value *Pc, ExitReason Reason);
  /// A block that exits to the dispatcher at \p Pc (shared per target).
  llvm::BasicBlock *exitBlockFor(uint64_t Pc);
  llvm::BasicBlock *targetBlock(uint64_t Pc);

  // Implementation state; see Lifter.cpp.
  llvm::Module &M;
  llvm::LLVMContext &Ctx;
  const TranslatorConfig &Config;
  llvm::IRBuilder<> B;
  llvm::Function *Fn = nullptr;
  llvm::Value *CpuArg = nullptr;
  llvm::BasicBlock *EntryBB = nullptr;
  llvm::Value *XRegs[32] = {};
  llvm::Value *FRegs[32] = {};
  uint32_t XWritten = 0;
  uint32_t FWritten = 0;
  llvm::DenseMap<uint64_t, llvm::BasicBlock *> BlockAt;
  llvm::DenseMap<uint64_t, llvm::BasicBlock *> ExitAt;
  std::vector<uint64_t> Pending;
  std::vector<uint64_t> Leaders;
  std::vector<DecodedEntry> Entries;
  llvm::DenseMap<uint64_t, unsigned> EntryIndex;
  /// Return addresses of calls (jal with rd != x0) inside the region, and
  /// targets of auipc+jalr pairs: an indirect jump compares against these
  /// before leaving the region.
  std::vector<uint64_t> ReturnSites;
  llvm::DenseMap<uint64_t, uint64_t> IndirectHint;
  std::vector<llvm::ReturnInst *> Exits;
  bool FollowCalls = false;
  std::vector<uint64_t> Successors;
  llvm::Function *HelperFns[static_cast<unsigned>(Helper::NumHelpers) + 1] = {};
  uint8_t Window[256];
  uint64_t WindowPc = 0;
  size_t WindowLen = 0;
  uint64_t CurPc = 0;
  const Instruction *CurInsn = nullptr;
  bool BlockEnded = false;
  friend class LifterImpl;
};

/// Per-class lifting entry points. Each returns true when it recognised and
/// lifted the current instruction (L.insn()), false when the opcode is not
/// its class. They may end the block through L's control-flow calls.
bool liftIntegerArith(RegionLifter &L); // RV64I/M register and immediate ops, lui, auipc
bool liftControl(RegionLifter &L);      // jal, jalr, branches
bool liftMemory(RegionLifter &L);       // integer loads and stores
bool liftAtomic(RegionLifter &L);       // A extension
bool liftSystem(RegionLifter &L);       // ecall, ebreak, fence, fence.i, CSRs
bool liftFloat(RegionLifter &L);

/// Inline access to fflags/frm/fcsr (LiftFloat.cpp), so the frflags/fsflags
/// pairs compilers put around quiet comparisons cost no helper call. They
/// return nullptr / false when the host needs the CSR helpers instead.
llvm::Value *emitFpCsrRead(llvm::IRBuilder<> &B, llvm::Value *Cpu, unsigned Csr);
bool emitFpCsrWrite(llvm::IRBuilder<> &B, llvm::Value *Cpu, unsigned Csr, llvm::Value *V64);        // F and D (incl. FP loads/stores)

} // namespace dbt::riscv

#endif
