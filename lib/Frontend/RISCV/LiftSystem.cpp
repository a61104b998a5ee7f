//===- LiftSystem.cpp - ecall, ebreak, fences and Zicsr -------------------===//
//
// Owns the instructions that talk to the environment: ecall and ebreak leave
// the region for the runtime, fence becomes an LLVM fence, fence.i asks the
// runtime to flush translated code, and the user-mode CSRs (fflags, frm,
// fcsr and the read-only counters) go through runtime helpers. Every other
// CSR, and any write to a counter, is an illegal instruction.
//
//===----------------------------------------------------------------------===//

#include "Lifter.h"

#include "dbt/Frontend/RISCV/CpuState.h"

using namespace llvm;

namespace dbt::riscv {

namespace {

void liftFence(RegionLifter &L) {
  const Instruction &I = L.insn();
  // Imm holds bits 31:20: fm[11:8], pred[7:4], succ[3:0], each set as IORW.
  unsigned Fm = unsigned(I.Imm >> 8) & 0xf;
  unsigned Pred = unsigned(I.Imm >> 4) & 0xf;
  unsigned Succ = unsigned(I.Imm) & 0xf;
  constexpr unsigned R = 2, W = 1;
  // Only store->load ordering needs a full (seq_cst) fence; an acq_rel fence
  // orders everything else and is free on x86. fence.tso never orders
  // store->load.
  bool StoreLoad = Fm != 8 && (Pred & W) && (Succ & R);
  L.builder().CreateFence(StoreLoad ? AtomicOrdering::SequentiallyConsistent
                                    : AtomicOrdering::AcquireRelease);
}

void liftCsr(RegionLifter &L) {
  const Instruction &I = L.insn();
  IRBuilder<> &B = L.builder();
  Opcode Op = I.Op;
  bool IsImm = Op == Opcode::CSRRWI || Op == Opcode::CSRRSI || Op == Opcode::CSRRCI;
  bool IsSwap = Op == Opcode::CSRRW || Op == Opcode::CSRRWI;
  bool IsSet = Op == Opcode::CSRRS || Op == Opcode::CSRRSI;
  unsigned Uimm = unsigned(I.Imm) & 31;

  // The spec's access rules: csrrs/csrrc with x0 or a zero immediate do not
  // write (so they may read read-only CSRs); csrrw with rd = x0 does not read.
  bool Writes = IsSwap || (IsImm ? Uimm != 0 : I.Rs1 != 0);
  bool Reads = !(IsSwap && I.Rd == 0);

  bool Legal;
  switch (I.Csr) {
  case CSR_FFLAGS:
  case CSR_FRM:
  case CSR_FCSR:
    Legal = true;
    break;
  case CSR_CYCLE:
  case CSR_TIME:
  case CSR_INSTRET:
    Legal = !Writes;
    break;
  default:
    Legal = false;
    break;
  }
  if (!Legal) {
    L.exitWith(ExitReason::IllegalInstruction, L.pc());
    return;
  }

  // The source is read before rd is written: rd may be rs1.
  Value *Src = IsImm ? B.getInt64(Uimm) : L.getX(I.Rs1);
  Value *Csr = B.getInt32(I.Csr);
  Value *Old = nullptr;
  if (Reads) {
    Old = emitFpCsrRead(B, L.cpu(), I.Csr);
    if (!Old) Old = L.callHelper(Helper::dbt_rv_csr_read, {L.cpu(), Csr});
  }
  if (Writes) {
    Value *New = Src;
    if (!IsSwap) New = IsSet ? B.CreateOr(Old, Src) : B.CreateAnd(Old, B.CreateNot(Src));
    if (!emitFpCsrWrite(B, L.cpu(), I.Csr, New))
      L.callHelper(Helper::dbt_rv_csr_write, {L.cpu(), Csr, New});
  }
  if (Reads) L.setX(I.Rd, Old);
}

} // namespace

bool liftSystem(RegionLifter &L) {
  switch (L.insn().Op) {
  case Opcode::ECALL:
    L.exitWith(ExitReason::Syscall, L.pc());
    return true;
  case Opcode::EBREAK:
    L.exitWith(ExitReason::Breakpoint, L.pc());
    return true;
  case Opcode::FENCE:
    liftFence(L);
    return true;
  case Opcode::FENCE_I:
    L.exitWith(ExitReason::FlushICache, L.nextPc());
    return true;
  case Opcode::CSRRW:
  case Opcode::CSRRS:
  case Opcode::CSRRC:
  case Opcode::CSRRWI:
  case Opcode::CSRRSI:
  case Opcode::CSRRCI:
    liftCsr(L);
    return true;
  default:
    return false;
  }
}

} // namespace dbt::riscv
