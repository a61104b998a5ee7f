//===- ChainExits.cpp - Region-to-region jumps without the dispatcher -----===//

#include "dbt/IR/ChainExits.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace dbt::ir {
namespace {

/// The value stored to the PC field last before \p Ret in its block.
Value *storedPc(ReturnInst &Ret, Value *Cpu, unsigned PcOffset) {
  const DataLayout &DL = Ret.getModule()->getDataLayout();
  for (auto It = Ret.getReverseIterator(), E = Ret.getParent()->rend(); It != E; ++It) {
    auto *SI = dyn_cast<StoreInst>(&*It);
    if (!SI || !SI->getValueOperand()->getType()->isIntegerTy(64)) continue;
    APInt Offset(64, 0);
    const Value *Base = SI->getPointerOperand()->stripAndAccumulateConstantOffsets(
        DL, Offset, /*AllowNonInbounds=*/true);
    if (Base == Cpu && Offset == PcOffset) return SI->getValueOperand();
  }
  return nullptr;
}

} // namespace

void chainExits(Function &F, const DispatchTable &Table, unsigned PcOffset) {
  if (!Table.Address || F.arg_empty()) return;
  Value *Cpu = F.getArg(0);
  SmallVector<std::pair<ReturnInst *, Value *>, 16> Exits;
  for (BasicBlock &BB : F)
    if (auto *Ret = dyn_cast<ReturnInst>(BB.getTerminator()))
      if (auto *Reason = dyn_cast_or_null<ConstantInt>(Ret->getReturnValue()))
        if (Reason->getZExtValue() == uint64_t(ExitReason::Continue))
          if (Value *Pc = storedPc(*Ret, Cpu, PcOffset)) Exits.push_back({Ret, Pc});

  LLVMContext &Ctx = F.getContext();
  for (auto [Ret, Pc] : Exits) {
    BasicBlock *Probe = Ret->getParent();
    BasicBlock *Miss = Probe->splitBasicBlock(Ret, "chain.miss");
    BasicBlock *Hit = BasicBlock::Create(Ctx, "chain.hit", &F, Miss);
    Probe->getTerminator()->eraseFromParent();

    IRBuilder<> B(Probe);
    Value *Index = B.CreateAnd(B.CreateLShr(Pc, 1), (uint64_t(1) << Table.IndexBits) - 1);
    Value *SlotAddr = B.CreateAdd(B.getInt64(Table.Address), B.CreateShl(Index, 4));
    Value *Slot = B.CreateIntToPtr(SlotAddr, B.getPtrTy());
    Value *SlotPc = B.CreateAlignedLoad(B.getInt64Ty(), Slot, Align(8), "slot.pc");
    B.CreateCondBr(B.CreateICmpEQ(SlotPc, Pc), Hit, Miss);

    B.SetInsertPoint(Hit);
    Value *Code = B.CreateAlignedLoad(B.getPtrTy(), B.CreateConstGEP1_64(B.getInt8Ty(), Slot, 8),
                                      Align(8), "slot.code");
    CallInst *Next = B.CreateCall(F.getFunctionType(), Code, {Cpu});
    Next->setTailCallKind(CallInst::TCK_MustTail);
    B.CreateRet(Next);
  }
}

} // namespace dbt::ir
