//===- GuestMemoryOps.cpp - Abstract guest memory accesses ----------------===//
//
// Builders for the abstract dbt.* memory operations and the pass that lowers
// them for an address space's fast path. The abstract calls carry no
// willreturn: a guest access may fault, so optimisers must not drop one
// before it is lowered.
//
//===----------------------------------------------------------------------===//

#include "dbt/IR/GuestMemoryOps.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace dbt::ir {
namespace {

constexpr StringLiteral Prefix = "dbt.";

StringRef rmwOpName(AtomicRMWInst::BinOp Op) {
  switch (Op) {
  case AtomicRMWInst::Xchg: return "xchg";
  case AtomicRMWInst::Add: return "add";
  case AtomicRMWInst::And: return "and";
  case AtomicRMWInst::Or: return "or";
  case AtomicRMWInst::Xor: return "xor";
  case AtomicRMWInst::Min: return "min";
  case AtomicRMWInst::Max: return "max";
  case AtomicRMWInst::UMin: return "umin";
  case AtomicRMWInst::UMax: return "umax";
  default: llvm_unreachable("atomic operation guests cannot express");
  }
}

std::optional<AtomicRMWInst::BinOp> parseRmwOp(StringRef Name) {
  return StringSwitch<std::optional<AtomicRMWInst::BinOp>>(Name)
      .Case("xchg", AtomicRMWInst::Xchg)
      .Case("add", AtomicRMWInst::Add)
      .Case("and", AtomicRMWInst::And)
      .Case("or", AtomicRMWInst::Or)
      .Case("xor", AtomicRMWInst::Xor)
      .Case("min", AtomicRMWInst::Min)
      .Case("max", AtomicRMWInst::Max)
      .Case("umin", AtomicRMWInst::UMin)
      .Case("umax", AtomicRMWInst::UMax)
      .Default(std::nullopt);
}

Function *declare(Module &M, StringRef Name, FunctionType *Ty, MemoryEffects Effects) {
  if (Function *F = M.getFunction(Name)) return F;
  Function *F = Function::Create(Ty, GlobalValue::ExternalLinkage, Name, M);
  F->setDoesNotThrow();
  F->setMemoryEffects(Effects);
  return F;
}

std::string typedName(StringRef Base, Type *Ty) {
  return (Twine(Prefix) + Base + ".i" + Twine(Ty->getIntegerBitWidth())).str();
}

} // namespace

Value *emitGuestLoad(IRBuilderBase &B, Value *Cpu, Value *Addr, unsigned Bits) {
  Module &M = *B.GetInsertBlock()->getModule();
  Type *Ty = B.getIntNTy(Bits);
  auto *FTy = FunctionType::get(Ty, {B.getPtrTy(), B.getInt64Ty()}, false);
  Function *F = declare(M, typedName("load", Ty), FTy, MemoryEffects::readOnly());
  return B.CreateCall(F, {Cpu, Addr});
}

void emitGuestStore(IRBuilderBase &B, Value *Cpu, Value *Addr, Value *V) {
  Module &M = *B.GetInsertBlock()->getModule();
  Type *Ty = V->getType();
  auto *FTy = FunctionType::get(B.getVoidTy(), {B.getPtrTy(), B.getInt64Ty(), Ty}, false);
  Function *F = declare(M, typedName("store", Ty), FTy, MemoryEffects::unknown());
  B.CreateCall(F, {Cpu, Addr, V});
}

Value *emitGuestAtomicRMW(IRBuilderBase &B, AtomicRMWInst::BinOp Op, Value *Cpu, Value *Addr,
                          Value *V) {
  Module &M = *B.GetInsertBlock()->getModule();
  Type *Ty = V->getType();
  auto *FTy = FunctionType::get(Ty, {B.getPtrTy(), B.getInt64Ty(), Ty}, false);
  Function *F = declare(M, typedName(("atomicrmw." + rmwOpName(Op)).str(), Ty), FTy,
                        MemoryEffects::unknown());
  return B.CreateCall(F, {Cpu, Addr, V});
}

Value *emitGuestCmpXchg(IRBuilderBase &B, Value *Cpu, Value *Addr, Value *Expected,
                        Value *New) {
  Module &M = *B.GetInsertBlock()->getModule();
  Type *Ty = Expected->getType();
  auto *FTy = FunctionType::get(Ty, {B.getPtrTy(), B.getInt64Ty(), Ty, Ty}, false);
  Function *F = declare(M, typedName("cmpxchg", Ty), FTy, MemoryEffects::unknown());
  return B.CreateCall(F, {Cpu, Addr, Expected, New});
}

namespace {

/// Host address of a guest address under the direct mapping.
Value *directHostPointer(IRBuilderBase &B, Value *GuestAddr, const MemoryFastPath &FP) {
  Value *Host = FP.GuestBase ? B.CreateAdd(GuestAddr, B.getInt64(FP.GuestBase)) : GuestAddr;
  return B.CreateIntToPtr(Host, B.getPtrTy());
}

void lowerCall(CallInst &CI, StringRef Op, const MemoryFastPath &FP) {
  IRBuilder<> B(&CI);
  Value *Ptr = directHostPointer(B, CI.getArgOperand(1), FP);
  Value *Result = nullptr;
  if (Op == "load") {
    Result = B.CreateAlignedLoad(CI.getType(), Ptr, Align(1));
  } else if (Op == "store") {
    B.CreateAlignedStore(CI.getArgOperand(2), Ptr, Align(1));
  } else if (Op == "cmpxchg") {
    Type *Ty = CI.getType();
    auto *X = B.CreateAtomicCmpXchg(Ptr, CI.getArgOperand(2), CI.getArgOperand(3),
                                    Align(Ty->getIntegerBitWidth() / 8),
                                    AtomicOrdering::SequentiallyConsistent,
                                    AtomicOrdering::SequentiallyConsistent);
    Result = B.CreateExtractValue(X, 0);
  } else if (Op.consume_front("atomicrmw.")) {
    auto RmwOp = parseRmwOp(Op);
    assert(RmwOp && "unknown dbt.atomicrmw operation");
    Type *Ty = CI.getType();
    Result = B.CreateAtomicRMW(*RmwOp, Ptr, CI.getArgOperand(2),
                               Align(Ty->getIntegerBitWidth() / 8),
                               AtomicOrdering::SequentiallyConsistent);
  } else {
    llvm_unreachable("unknown abstract guest memory operation");
  }
  if (Result) CI.replaceAllUsesWith(Result);
  CI.eraseFromParent();
}

} // namespace

void lowerGuestMemory(Function &F, const MemoryFastPath &FastPath) {
  SmallVector<std::pair<CallInst *, StringRef>, 32> Calls;
  for (BasicBlock &BB : F)
    for (Instruction &I : BB)
      if (auto *CI = dyn_cast<CallInst>(&I))
        if (Function *Callee = CI->getCalledFunction()) {
          StringRef Name = Callee->getName();
          if (!Name.consume_front(Prefix)) continue;
          // Strip the ".iN" type suffix; the call's own types carry it.
          Calls.push_back({CI, Name.rsplit('.').first});
        }
  for (auto &[CI, Op] : Calls) lowerCall(*CI, Op, FastPath);
}

} // namespace dbt::ir
