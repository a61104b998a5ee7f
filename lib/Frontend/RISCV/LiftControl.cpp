//===- LiftControl.cpp - RV64I jumps and branches -------------------------===//
//
// Owns jal, jalr and the conditional branches. Direct targets go through the
// lifter's jumpTo/branchIf, which branch inside the region when the target
// was discovered and exit to the dispatcher otherwise.
//
//===----------------------------------------------------------------------===//

#include "Lifter.h"

using namespace llvm;

namespace dbt::riscv {

bool liftControl(RegionLifter &L) {
  const Instruction &I = L.insn();
  IRBuilder<> &B = L.builder();
  uint64_t Target = L.pc() + uint64_t(I.Imm);

  auto Branch = [&](CmpInst::Predicate P) {
    L.branchIf(B.CreateICmp(P, L.getX(I.Rs1), L.getX(I.Rs2)), Target, L.nextPc());
    return true;
  };

  switch (I.Op) {
  case Opcode::JAL:
    L.setX(I.Rd, B.getInt64(L.nextPc()));
    if (I.Rd != 0) L.noteSuccessor(L.nextPc()); // where the callee returns
    L.jumpTo(Target);
    return true;
  case Opcode::JALR: {
    // The target is computed before rd is written: rd may be rs1.
    Value *Dest = B.CreateAnd(B.CreateAdd(L.getX(I.Rs1), B.getInt64(uint64_t(I.Imm))),
                              B.getInt64(~uint64_t(1)));
    L.setX(I.Rd, B.getInt64(L.nextPc()));
    if (I.Rd != 0) L.noteSuccessor(L.nextPc());
    L.jumpIndirect(Dest);
    return true;
  }
  case Opcode::BEQ:
    return Branch(CmpInst::ICMP_EQ);
  case Opcode::BNE:
    return Branch(CmpInst::ICMP_NE);
  case Opcode::BLT:
    return Branch(CmpInst::ICMP_SLT);
  case Opcode::BGE:
    return Branch(CmpInst::ICMP_SGE);
  case Opcode::BLTU:
    return Branch(CmpInst::ICMP_ULT);
  case Opcode::BGEU:
    return Branch(CmpInst::ICMP_UGE);
  default:
    return false;
  }
}

} // namespace dbt::riscv
