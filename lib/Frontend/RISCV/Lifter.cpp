//===- Lifter.cpp - RV64GC region lifter core ------------------------------===//
//
// Owns the region machinery shared by every instruction class: discovery of
// the guest basic blocks reachable from the entry PC, the LLVM function and
// its blocks, guest-register slots with their entry loads and exit
// write-backs, helper declarations, and the control-flow primitives the
// per-class lifters end blocks with.
//
// Lifting runs in two passes. Discovery decodes everything reachable by
// direct control flow first, so every branch target is known as a block
// leader before any IR exists: a branch into the middle of straight-line code
// splits it instead of lifting the tail twice, and loops become LLVM loops.
// The second pass lifts each leader's block until it ends or runs into the
// next leader.
//
//===----------------------------------------------------------------------===//

#include "Lifter.h"

#include "dbt/Frontend/RISCV/CpuState.h"
#include "dbt/Frontend/RISCV/Decoder.h"
#include "dbt/IR/GuestMemoryOps.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Function.h"

#include <algorithm>
#include <cstddef>

using namespace llvm;

namespace dbt::riscv {

namespace {

/// Helper signatures as written in Helpers.def, parsed on first use.
struct HelperDesc {
  const char *Name;
  const char *Ret;
  const char *Params;
};

const HelperDesc HelperTable[] = {
#define RV_HELPER(Name, Ret, ...) {#Name, #Ret, #__VA_ARGS__},
#include "dbt/Frontend/RISCV/Helpers.def"
    {nullptr, nullptr, nullptr},
};

Type *helperTypeNamed(LLVMContext &Ctx, StringRef Name) {
  Name = Name.trim();
  if (Name == "void") return Type::getVoidTy(Ctx);
  if (Name == "i32") return Type::getInt32Ty(Ctx);
  if (Name == "i64") return Type::getInt64Ty(Ctx);
  if (Name == "f32") return Type::getFloatTy(Ctx);
  if (Name == "f64") return Type::getDoubleTy(Ctx);
  if (Name == "ptr") return PointerType::getUnqual(Ctx);
  report_fatal_error(Twine("Helpers.def: unknown type '") + Name + "'");
}

/// A return address and the most plausible callers' return sites are tried
/// before an indirect jump leaves the region; more than this many cases cost
/// more in compile time than they save.
constexpr unsigned MaxIndirectCandidates = 16;

/// DenseMap reserves the two largest uint64_t keys. Only absurd computed
/// targets reach them; they are never part of a region.
bool isMapKey(uint64_t Pc) {
  return Pc < ~uint64_t(1);
}

} // namespace

RegionLifter::RegionLifter(Module &M, const TranslatorConfig &Config)
    : M(M), Ctx(M.getContext()), Config(Config), B(M.getContext()) {}

void RegionLifter::resetState() {
  Fn = nullptr;
  CpuArg = nullptr;
  EntryBB = nullptr;
  std::fill(std::begin(XRegs), std::end(XRegs), nullptr);
  std::fill(std::begin(FRegs), std::end(FRegs), nullptr);
  XWritten = FWritten = 0;
  BlockAt.clear();
  ExitAt.clear();
  Pending.clear();
  Leaders.clear();
  Entries.clear();
  EntryIndex.clear();
  ReturnSites.clear();
  Successors.clear();
  IndirectHint.clear();
  Exits.clear();
  WindowPc = 0;
  WindowLen = 0;
  CurPc = 0;
  CurInsn = nullptr;
  BlockEnded = false;
}

// ---- Discovery --------------------------------------------------------------

RegionLifter::DecodedEntry RegionLifter::fetchAndDecode(uint64_t Pc) {
  // Refill when the longest instruction might not fit in what is buffered.
  if (Pc < WindowPc || Pc - WindowPc + 4 > WindowLen) {
    WindowPc = Pc;
    WindowLen = Config.FetchCode(Config.FetchContext, Pc, Window, sizeof Window);
    if (WindowLen > sizeof Window) WindowLen = sizeof Window;
  }
  size_t Avail = Pc - WindowPc < WindowLen ? WindowLen - (Pc - WindowPc) : 0;
  const uint8_t *Bytes = Window + (Pc - WindowPc);

  DecodedEntry E;
  if (Avail < 2) {
    E.FetchFault = true;
    return E;
  }
  uint16_t Low = uint16_t(Bytes[0] | (Bytes[1] << 8));
  unsigned Len = instructionLength(Low);
  if (Len == 0) {
    // Encodings longer than 32 bits do not exist in RV64GC: illegal, and the
    // two bytes looked at are what the translation depends on.
    E.Insn.Op = Opcode::Invalid;
    E.Insn.Length = 2;
    E.Insn.Raw = Low;
    return E;
  }
  if (Avail < Len) {
    E.FetchFault = true;
    return E;
  }
  E.Insn = decode(Bytes, Avail);
  if (E.Insn.Length == 0) E.Insn.Length = uint8_t(Len);
  return E;
}

const RegionLifter::DecodedEntry *RegionLifter::lookupDecoded(uint64_t Pc) const {
  if (!isMapKey(Pc)) return nullptr;
  auto It = EntryIndex.find(Pc);
  return It == EntryIndex.end() ? nullptr : &Entries[It->second];
}

BasicBlock *RegionLifter::leaderBlock(uint64_t Pc) const {
  if (!isMapKey(Pc)) return nullptr;
  auto It = BlockAt.find(Pc);
  return It == BlockAt.end() ? nullptr : It->second;
}

void RegionLifter::discover(uint64_t EntryPc) {
  const size_t Cap = std::max(1u, Config.MaxRegionInstructions);
  auto AddLeader = [&](uint64_t Pc) {
    if (BlockAt.try_emplace(Pc, nullptr).second) Leaders.push_back(Pc);
  };

  // Depth-first: the last target pushed is explored next, so a conditional
  // branch's fall-through (pushed last) keeps straight-line code together
  // and a caller's code is explored before the bodies of its callees.
  Pending.assign(1, EntryPc);
  while (!Pending.empty()) {
    uint64_t Pc = Pending.back();
    Pending.pop_back();
    if (!isMapKey(Pc)) continue;
    if (EntryIndex.count(Pc)) {
      AddLeader(Pc); // splits the straight-line run that contains it
      continue;
    }
    if (Entries.size() >= Cap) continue; // stays outside: jumps to it exit to the dispatcher

    // A copy: Entries may reallocate while the run grows.
    Instruction Prev;
    uint64_t PrevPc = 0;
    for (bool First = true;; First = false) {
      DecodedEntry Fetched = fetchAndDecode(Pc);
      if (First) {
        // An unreadable branch target stays an exit: the dispatcher reports
        // the fault only if the branch is taken, and sees the page if it is
        // mapped by then. Only the entry itself is lifted as a FetchFault.
        if (Fetched.FetchFault && Pc != EntryPc) break;
        AddLeader(Pc);
      }
      EntryIndex[Pc] = unsigned(Entries.size());
      Entries.push_back(Fetched);
      const DecodedEntry &E = Entries.back();
      if (E.FetchFault || !E.Insn.isValid()) break;
      const Instruction &I = E.Insn;
      uint64_t Next = Pc + I.Length;
      bool Ends = true;
      switch (I.Op) {
      case Opcode::JAL:
        if (I.Rd == 0 || FollowCalls) Pending.push_back(Pc + uint64_t(I.Imm));
        if (I.Rd != 0 && FollowCalls) Pending.push_back(Next), ReturnSites.push_back(Next);
        break;
      case Opcode::JALR:
        // auipc+jalr is how far calls and tail calls reach a known target.
        if (Prev.Op == Opcode::AUIPC && Prev.Rd != 0 && Prev.Rd == I.Rs1) {
          uint64_t Target =
              (PrevPc + uint64_t(int64_t(int32_t(Prev.Imm))) + uint64_t(I.Imm)) & ~uint64_t(1);
          IndirectHint[Pc] = Target;
          if (I.Rd == 0 || FollowCalls) Pending.push_back(Target);
          if (I.Rd != 0 && FollowCalls) Pending.push_back(Next), ReturnSites.push_back(Next);
        }
        break;
      case Opcode::BEQ:
      case Opcode::BNE:
      case Opcode::BLT:
      case Opcode::BGE:
      case Opcode::BLTU:
      case Opcode::BGEU:
        Pending.push_back(Pc + uint64_t(I.Imm));
        Pending.push_back(Next);
        break;
      case Opcode::ECALL:
      case Opcode::EBREAK:
      case Opcode::FENCE_I:
        break;
      default:
        Ends = false;
        break;
      }
      if (Ends) break;
      if (EntryIndex.count(Next)) {
        AddLeader(Next);
        break;
      }
      if (Entries.size() >= Cap || !isMapKey(Next)) break;
      Prev = I;
      PrevPc = Pc;
      Pc = Next;
    }
  }
}

// ---- Function construction ----------------------------------------------------

Expected<LiftedRegion> RegionLifter::liftRegion(uint64_t EntryPc) {
  if (!Config.FetchCode)
    return createStringError(inconvertibleErrorCode(), "lifter: no FetchCode callback");
  if (!isMapKey(EntryPc))
    return createStringError(inconvertibleErrorCode(), "lifter: entry PC out of range");
  resetState();
  Entries.reserve(std::min(1024u, std::max(1u, Config.MaxRegionInstructions)));
  discover(EntryPc);

  auto *FnTy = FunctionType::get(B.getInt32Ty(), {PointerType::getUnqual(Ctx)}, false);
  // Module::getOrInsert would reuse an existing function; Create renames on a
  // clash, so two regions at one PC in a module stay distinct.
  Fn = Function::Create(FnTy, GlobalValue::ExternalLinkage, "guest_" + utohexstr(EntryPc, true), M);
  Fn->addFnAttr(Attribute::NoUnwind);
  Fn->addParamAttr(0, Attribute::NoAlias);
  CpuArg = Fn->getArg(0);
  CpuArg->setName("cpu");
  EntryBB = BasicBlock::Create(Ctx, "entry", Fn);

  for (uint64_t Leader : Leaders)
    BlockAt[Leader] = BasicBlock::Create(Ctx, "pc_" + utohexstr(Leader, true), Fn);
  for (uint64_t Leader : Leaders) liftBlock(Leader);
  finishFunction(EntryPc);

  LiftedRegion Region;
  Region.Fn = Fn;
  Region.Decoded.reserve(Entries.size());
  for (const auto &[Pc, Index] : EntryIndex) {
    const DecodedEntry &E = Entries[Index];
    if (!E.FetchFault) Region.Decoded.emplace_back(Pc, E.Insn);
  }
  llvm::sort(Region.Decoded, [](const auto &A, const auto &B) { return A.first < B.first; });
  Region.GuestInstructions = unsigned(Region.Decoded.size());
  Region.Successors = std::move(Successors);
  for (const auto &[Pc, Insn] : Region.Decoded) {
    uint64_t End = Pc + Insn.Length;
    if (!Region.GuestRanges.empty() && Region.GuestRanges.back().second >= Pc)
      Region.GuestRanges.back().second = std::max(Region.GuestRanges.back().second, End);
    else
      Region.GuestRanges.emplace_back(Pc, End);
  }
  return Region;
}

void RegionLifter::liftBlock(uint64_t Leader) {
  B.SetInsertPoint(BlockAt[Leader]);
  uint64_t Pc = Leader;
  for (;;) {
    const DecodedEntry *E = lookupDecoded(Pc);
    CurPc = Pc;
    BlockEnded = false;
    if (!E) {
      // Past the instruction cap: the dispatcher continues here.
      exitWith(ExitReason::Continue, Pc);
      return;
    }
    CurInsn = &E->Insn;
    if (E->FetchFault) {
      exitWith(ExitReason::FetchFault, Pc);
      return;
    }
    liftInstruction();
    if (BlockEnded) return;
    Pc = nextPc();
    if (BasicBlock *Next = leaderBlock(Pc)) {
      B.CreateBr(Next);
      return;
    }
  }
}

void RegionLifter::liftInstruction() {
  if (CurInsn->isValid() && (liftIntegerArith(*this) || liftMemory(*this) || liftControl(*this) ||
                             liftSystem(*this) || liftAtomic(*this) || liftFloat(*this)))
    return;
  exitWith(ExitReason::IllegalInstruction, CurPc);
}

void RegionLifter::finishFunction(uint64_t EntryPc) {
  Type *I64 = B.getInt64Ty();
  B.SetInsertPoint(EntryBB);
  for (unsigned R = 1; R < 32; ++R)
    if (XRegs[R])
      B.CreateStore(B.CreateLoad(I64, cpuField(offsetof(CpuState, X) + 8 * R)), XRegs[R]);
  for (unsigned R = 0; R < 32; ++R)
    if (FRegs[R])
      B.CreateStore(B.CreateLoad(I64, cpuField(offsetof(CpuState, F) + 8 * R)), FRegs[R]);
  B.CreateBr(BlockAt[EntryPc]);

  // The written set is only complete now, so write-backs go in last.
  if (XWritten == 0 && FWritten == 0) return;
  for (ReturnInst *Ret : Exits) {
    B.SetInsertPoint(Ret);
    for (unsigned R = 1; R < 32; ++R)
      if (XWritten & (1u << R))
        B.CreateStore(B.CreateLoad(I64, XRegs[R]), cpuField(offsetof(CpuState, X) + 8 * R));
    for (unsigned R = 0; R < 32; ++R)
      if (FWritten & (1u << R))
        B.CreateStore(B.CreateLoad(I64, FRegs[R]), cpuField(offsetof(CpuState, F) + 8 * R));
  }
}

// ---- Registers ------------------------------------------------------------------

Value *RegionLifter::xSlot(unsigned R) {
  if (!XRegs[R]) {
    IRBuilder<> EB(EntryBB);
    XRegs[R] = EB.CreateAlloca(EB.getInt64Ty(), nullptr, "x" + Twine(R));
  }
  return XRegs[R];
}

Value *RegionLifter::fSlot(unsigned R) {
  if (!FRegs[R]) {
    IRBuilder<> EB(EntryBB);
    FRegs[R] = EB.CreateAlloca(EB.getInt64Ty(), nullptr, "f" + Twine(R));
  }
  return FRegs[R];
}

Value *RegionLifter::getX(unsigned R) {
  if (R == 0) return B.getInt64(0);
  return B.CreateLoad(B.getInt64Ty(), xSlot(R));
}

void RegionLifter::setX(unsigned R, Value *V) {
  if (R == 0) return;
  B.CreateStore(V, xSlot(R));
  XWritten |= 1u << R;
}

void RegionLifter::setXSext32(unsigned R, Value *V32) {
  if (R == 0) return;
  if (V32->getType() != B.getInt32Ty()) V32 = B.CreateTrunc(V32, B.getInt32Ty());
  setX(R, B.CreateSExt(V32, B.getInt64Ty()));
}

Value *RegionLifter::getFBits(unsigned R) {
  return B.CreateLoad(B.getInt64Ty(), fSlot(R));
}

void RegionLifter::setFBits(unsigned R, Value *V64) {
  B.CreateStore(V64, fSlot(R));
  FWritten |= 1u << R;
}

Value *RegionLifter::getF32(unsigned R) {
  Value *Bits = getFBits(R);
  Value *Boxed = B.CreateICmpEQ(B.CreateLShr(Bits, 32), B.getInt64(0xffffffff));
  Value *Low = B.CreateTrunc(Bits, B.getInt32Ty());
  Value *Val = B.CreateSelect(Boxed, Low, B.getInt32(0x7fc00000));
  return B.CreateBitCast(Val, B.getFloatTy());
}

Value *RegionLifter::getF64(unsigned R) {
  return B.CreateBitCast(getFBits(R), B.getDoubleTy());
}

void RegionLifter::setF32(unsigned R, Value *V) {
  Value *Low = B.CreateZExt(B.CreateBitCast(V, B.getInt32Ty()), B.getInt64Ty());
  setFBits(R, B.CreateOr(Low, B.getInt64(0xffffffff00000000ull)));
}

void RegionLifter::setF64(unsigned R, Value *V) {
  setFBits(R, B.CreateBitCast(V, B.getInt64Ty()));
}

Value *RegionLifter::cpuField(size_t Offset) {
  if (Offset == 0) return CpuArg;
  return B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), CpuArg, Offset);
}

// ---- Memory and helpers -----------------------------------------------------------

Value *RegionLifter::load(Value *Addr, unsigned Bits) {
  return ir::emitGuestLoad(B, CpuArg, Addr, Bits);
}

void RegionLifter::store(Value *Addr, Value *V) {
  ir::emitGuestStore(B, CpuArg, Addr, V);
}

Function *RegionLifter::helperFunction(Helper H) {
  unsigned Index = static_cast<unsigned>(H);
  if (HelperFns[Index]) return HelperFns[Index];
  const HelperDesc &D = HelperTable[Index];
  SmallVector<Type *, 4> Params;
  SmallVector<StringRef, 4> Names;
  StringRef(D.Params).split(Names, ',', -1, false);
  for (StringRef N : Names) Params.push_back(helperTypeNamed(Ctx, N));
  auto *Ty = FunctionType::get(helperTypeNamed(Ctx, D.Ret), Params, false);
  FunctionCallee Callee = M.getOrInsertFunction(D.Name, Ty);
  auto *F = cast<Function>(Callee.getCallee());
  F->addFnAttr(Attribute::NoUnwind);
  HelperFns[Index] = F;
  return F;
}

CallInst *RegionLifter::callHelper(Helper H, ArrayRef<Value *> Args) {
  return B.CreateCall(helperFunction(H), Args);
}

// ---- Control flow ---------------------------------------------------------------

void RegionLifter::emitExit(Value *Pc, ExitReason Reason) {
  B.CreateStore(Pc, cpuField(offsetof(CpuState, Pc)));
  Exits.push_back(B.CreateRet(B.getInt32(static_cast<uint32_t>(Reason))));
}

BasicBlock *RegionLifter::exitBlockFor(uint64_t Pc) {
  BasicBlock *Cached = isMapKey(Pc) ? ExitAt.lookup(Pc) : nullptr;
  if (Cached) return Cached;
  IRBuilderBase::InsertPointGuard Guard(B);
  BasicBlock *BB = BasicBlock::Create(Ctx, "exit_" + utohexstr(Pc, true), Fn);
  B.SetInsertPoint(BB);
  emitExit(B.getInt64(Pc), ExitReason::Continue);
  if (isMapKey(Pc)) ExitAt[Pc] = BB;
  return BB;
}

BasicBlock *RegionLifter::targetBlock(uint64_t Pc) {
  BasicBlock *BB = leaderBlock(Pc);
  return BB ? BB : exitBlockFor(Pc);
}

void RegionLifter::jumpTo(uint64_t Target) {
  if (BasicBlock *BB = leaderBlock(Target)) {
    B.CreateBr(BB);
  } else {
    noteSuccessor(Target);
    emitExit(B.getInt64(Target), ExitReason::Continue);
  }
  BlockEnded = true;
}

void RegionLifter::branchIf(Value *Cond, uint64_t Taken, uint64_t NotTaken) {
  B.CreateCondBr(Cond, targetBlock(Taken), targetBlock(NotTaken));
  BlockEnded = true;
}

void RegionLifter::jumpIndirect(Value *Target) {
  // Targets that may be inside the region are compared first, so calls and
  // returns within the region (and auipc+jalr pairs, which fold to a
  // constant) stay in host code.
  SmallVector<std::pair<uint64_t, BasicBlock *>, 8> Candidates;
  auto Add = [&](uint64_t Pc) {
    BasicBlock *BB = leaderBlock(Pc);
    if (!BB || Candidates.size() >= MaxIndirectCandidates) return;
    for (const auto &C : Candidates)
      if (C.first == Pc) return;
    Candidates.emplace_back(Pc, BB);
  };
  auto Hint = IndirectHint.find(CurPc);
  if (Hint != IndirectHint.end()) Add(Hint->second);
  if (CurInsn && CurInsn->Rd == 0)
    for (uint64_t Site : ReturnSites) Add(Site);

  if (Candidates.empty()) {
    emitExit(Target, ExitReason::Continue);
  } else {
    BasicBlock *Out = BasicBlock::Create(Ctx, "indirect", Fn);
    SwitchInst *SI = B.CreateSwitch(Target, Out, unsigned(Candidates.size()));
    for (const auto &[Pc, BB] : Candidates) SI->addCase(B.getInt64(Pc), BB);
    B.SetInsertPoint(Out);
    emitExit(Target, ExitReason::Continue);
  }
  BlockEnded = true;
}

void RegionLifter::exitIf(Value *Cond, ExitReason Reason, uint64_t Pc) {
  BasicBlock *Exit = BasicBlock::Create(Ctx, "side_exit", Fn);
  BasicBlock *Cont = BasicBlock::Create(Ctx, "side_cont", Fn);
  B.CreateCondBr(Cond, Exit, Cont, MDBuilder(Ctx).createUnlikelyBranchWeights());
  B.SetInsertPoint(Exit);
  emitExit(B.getInt64(Pc), Reason);
  B.SetInsertPoint(Cont);
}

void RegionLifter::exitWith(ExitReason Reason, uint64_t Pc) {
  emitExit(B.getInt64(Pc), Reason);
  BlockEnded = true;
}

} // namespace dbt::riscv
