//===- LiftAtomic.cpp - RV64A ------------------------------------------------===//
//
// Owns lr/sc and the AMOs. LR records the address and the value it loaded in
// the CpuState; SC succeeds when its address matches and a compare-exchange
// against the recorded value succeeds. That is the usual emulator
// approximation of a reservation (it cannot see an ABA store in between),
// and it keeps the reservation valid across exits to the dispatcher.
// AMOs map one-to-one onto abstract atomic read-modify-writes, which are
// sequentially consistent, so their aq/rl bits need no extra fences.
// Misaligned AMO addresses are not detected (the host does them atomically
// or not, as it may).
//
//===----------------------------------------------------------------------===//

#include "Lifter.h"

#include "dbt/Frontend/RISCV/CpuState.h"
#include "dbt/IR/GuestMemoryOps.h"

#include <cstddef>

using namespace llvm;

namespace dbt::riscv {

namespace {

/// ReservationAddr after SC: no guest access can be at this address.
constexpr uint64_t NoReservation = ~uint64_t(0);

void liftLoadReserved(RegionLifter &L, unsigned Bits) {
  const Instruction &I = L.insn();
  IRBuilder<> &B = L.builder();
  if (I.Aq && I.Rl)
    B.CreateFence(AtomicOrdering::SequentiallyConsistent);
  else if (I.Rl)
    B.CreateFence(AtomicOrdering::Release);
  Value *Addr = L.getX(I.Rs1);
  Value *V = L.load(Addr, Bits);
  if (Bits < 64) V = B.CreateSExt(V, B.getInt64Ty());
  B.CreateStore(Addr, L.cpuField(offsetof(CpuState, ReservationAddr)));
  B.CreateStore(V, L.cpuField(offsetof(CpuState, ReservationValue)));
  // x86 orders loads anyway; the fence keeps the optimiser from hoisting
  // later accesses above the LR.
  if (I.Aq) B.CreateFence(AtomicOrdering::Acquire);
  L.setX(I.Rd, V);
}

void liftStoreConditional(RegionLifter &L, unsigned Bits) {
  const Instruction &I = L.insn();
  IRBuilder<> &B = L.builder();
  LLVMContext &Ctx = L.context();
  Type *I64 = B.getInt64Ty();
  Type *Ty = B.getIntNTy(Bits);

  Value *Addr = L.getX(I.Rs1);
  Value *New = L.getX(I.Rs2);
  if (Bits < 64) New = B.CreateTrunc(New, Ty);
  Value *ResAddrPtr = L.cpuField(offsetof(CpuState, ReservationAddr));
  Value *ResValuePtr = L.cpuField(offsetof(CpuState, ReservationValue));
  Value *Match = B.CreateICmpEQ(B.CreateLoad(I64, ResAddrPtr), Addr);

  // The compare-exchange must not run at all when the address differs: it
  // would store whenever memory happens to hold the reserved value.
  BasicBlock *From = B.GetInsertBlock();
  Function *F = From->getParent();
  BasicBlock *Try = BasicBlock::Create(Ctx, "sc.try", F);
  BasicBlock *Done = BasicBlock::Create(Ctx, "sc.done", F);
  B.CreateCondBr(Match, Try, Done);

  B.SetInsertPoint(Try);
  Value *Expected = B.CreateLoad(I64, ResValuePtr);
  if (Bits < 64) Expected = B.CreateTrunc(Expected, Ty);
  Value *Old = ir::emitGuestCmpXchg(B, L.cpu(), Addr, Expected, New);
  Value *Swapped = B.CreateICmpEQ(Old, Expected);
  BasicBlock *TryEnd = B.GetInsertBlock();
  B.CreateBr(Done);

  B.SetInsertPoint(Done);
  PHINode *Ok = B.CreatePHI(B.getInt1Ty(), 2);
  Ok->addIncoming(B.getFalse(), From);
  Ok->addIncoming(Swapped, TryEnd);
  B.CreateStore(B.getInt64(NoReservation), ResAddrPtr);
  L.setX(I.Rd, B.CreateSelect(Ok, B.getInt64(0), B.getInt64(1)));
}

void liftAmo(RegionLifter &L, AtomicRMWInst::BinOp Op, unsigned Bits) {
  const Instruction &I = L.insn();
  IRBuilder<> &B = L.builder();
  Value *V = L.getX(I.Rs2);
  if (Bits < 64) V = B.CreateTrunc(V, B.getIntNTy(Bits));
  Value *Old = ir::emitGuestAtomicRMW(B, Op, L.cpu(), L.getX(I.Rs1), V);
  if (Bits < 64) Old = B.CreateSExt(Old, B.getInt64Ty());
  L.setX(I.Rd, Old);
}

} // namespace

bool liftAtomic(RegionLifter &L) {
  using Op = AtomicRMWInst::BinOp;
  switch (L.insn().Op) {
  case Opcode::LR_W:
    liftLoadReserved(L, 32);
    return true;
  case Opcode::LR_D:
    liftLoadReserved(L, 64);
    return true;
  case Opcode::SC_W:
    liftStoreConditional(L, 32);
    return true;
  case Opcode::SC_D:
    liftStoreConditional(L, 64);
    return true;
  case Opcode::AMOSWAP_W:
    liftAmo(L, Op::Xchg, 32);
    return true;
  case Opcode::AMOADD_W:
    liftAmo(L, Op::Add, 32);
    return true;
  case Opcode::AMOXOR_W:
    liftAmo(L, Op::Xor, 32);
    return true;
  case Opcode::AMOAND_W:
    liftAmo(L, Op::And, 32);
    return true;
  case Opcode::AMOOR_W:
    liftAmo(L, Op::Or, 32);
    return true;
  case Opcode::AMOMIN_W:
    liftAmo(L, Op::Min, 32);
    return true;
  case Opcode::AMOMAX_W:
    liftAmo(L, Op::Max, 32);
    return true;
  case Opcode::AMOMINU_W:
    liftAmo(L, Op::UMin, 32);
    return true;
  case Opcode::AMOMAXU_W:
    liftAmo(L, Op::UMax, 32);
    return true;
  case Opcode::AMOSWAP_D:
    liftAmo(L, Op::Xchg, 64);
    return true;
  case Opcode::AMOADD_D:
    liftAmo(L, Op::Add, 64);
    return true;
  case Opcode::AMOXOR_D:
    liftAmo(L, Op::Xor, 64);
    return true;
  case Opcode::AMOAND_D:
    liftAmo(L, Op::And, 64);
    return true;
  case Opcode::AMOOR_D:
    liftAmo(L, Op::Or, 64);
    return true;
  case Opcode::AMOMIN_D:
    liftAmo(L, Op::Min, 64);
    return true;
  case Opcode::AMOMAX_D:
    liftAmo(L, Op::Max, 64);
    return true;
  case Opcode::AMOMINU_D:
    liftAmo(L, Op::UMin, 64);
    return true;
  case Opcode::AMOMAXU_D:
    liftAmo(L, Op::UMax, 64);
    return true;
  default:
    return false;
  }
}

} // namespace dbt::riscv
