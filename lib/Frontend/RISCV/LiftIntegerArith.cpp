//===- LiftIntegerArith.cpp - RV64I/M computational instructions ----------===//
//
// Owns the semantics of the register-register and register-immediate integer
// instructions of RV64I and RV64M, lui and auipc. None of them can trap: the
// guest's division corner cases are computed with a divisor the host can
// never fault on.
//
//===----------------------------------------------------------------------===//

#include "Lifter.h"

using namespace llvm;

namespace dbt::riscv {

namespace {

/// RISC-V division at the width of \p A and \p D: x/0 = all ones, x%0 = x,
/// MIN/-1 = MIN, MIN%-1 = 0. The host division always sees a divisor that is
/// neither zero nor (for signed) -1 with MIN, so it cannot trap; with a
/// divisor of 1 the overflow case already yields MIN and 0.
Value *emitDivRem(IRBuilder<> &B, Value *A, Value *D, bool Signed, bool Rem) {
  Type *Ty = A->getType();
  unsigned Bits = Ty->getIntegerBitWidth();
  Value *Zero = ConstantInt::get(Ty, 0);
  Value *One = ConstantInt::get(Ty, 1);
  Value *IsZero = B.CreateICmpEQ(D, Zero);
  Value *Unsafe = IsZero;
  if (Signed) {
    Value *IsOverflow =
        B.CreateAnd(B.CreateICmpEQ(A, ConstantInt::get(Ty, APInt::getSignedMinValue(Bits))),
                    B.CreateICmpEQ(D, ConstantInt::getAllOnesValue(Ty)));
    Unsafe = B.CreateOr(IsZero, IsOverflow);
  }
  Value *SafeD = B.CreateSelect(Unsafe, One, D);
  Value *R;
  if (Rem)
    R = Signed ? B.CreateSRem(A, SafeD) : B.CreateURem(A, SafeD);
  else
    R = Signed ? B.CreateSDiv(A, SafeD) : B.CreateUDiv(A, SafeD);
  return B.CreateSelect(IsZero, Rem ? A : ConstantInt::getAllOnesValue(Ty), R);
}

/// High 64 bits of the 128-bit product, each operand extended as asked.
Value *emitMulHigh(IRBuilder<> &B, Value *A, Value *D, bool SignedA, bool SignedD) {
  Type *I128 = B.getInt128Ty();
  Value *WA = SignedA ? B.CreateSExt(A, I128) : B.CreateZExt(A, I128);
  Value *WD = SignedD ? B.CreateSExt(D, I128) : B.CreateZExt(D, I128);
  return B.CreateTrunc(B.CreateLShr(B.CreateMul(WA, WD), 64), B.getInt64Ty());
}

} // namespace

bool liftIntegerArith(RegionLifter &L) {
  const Instruction &I = L.insn();
  IRBuilder<> &B = L.builder();
  Type *I32 = B.getInt32Ty();

  // Every instruction here only writes rd: with rd = x0 (a hint or nop) the
  // computation is dead and the optimiser drops it.
  auto Done = [&](Value *V) {
    L.setX(I.Rd, V);
    return true;
  };
  auto DoneW = [&](Value *V32) {
    L.setXSext32(I.Rd, V32);
    return true;
  };
  auto Rs1 = [&] { return L.getX(I.Rs1); };
  auto Rs2 = [&] { return L.getX(I.Rs2); };
  auto Imm = [&] { return B.getInt64(uint64_t(I.Imm)); };
  auto Rs1W = [&] { return B.CreateTrunc(L.getX(I.Rs1), I32); };
  auto Rs2W = [&] { return B.CreateTrunc(L.getX(I.Rs2), I32); };
  auto Shamt64 = [&] { return B.CreateAnd(Rs2(), 63); };
  auto Shamt32 = [&] { return B.CreateAnd(Rs2W(), 31); };
  auto Bool = [&](Value *C) { return B.CreateZExt(C, B.getInt64Ty()); };

  switch (I.Op) {
  // The U-immediate is bits 31:12 of a 32-bit value, sign-extended on RV64.
  case Opcode::LUI:
    return Done(B.getInt64(uint64_t(int64_t(int32_t(I.Imm)))));
  case Opcode::AUIPC:
    return Done(B.getInt64(L.pc() + uint64_t(int64_t(int32_t(I.Imm)))));

  case Opcode::ADDI:
    return Done(B.CreateAdd(Rs1(), Imm()));
  case Opcode::SLTI:
    return Done(Bool(B.CreateICmpSLT(Rs1(), Imm())));
  case Opcode::SLTIU:
    return Done(Bool(B.CreateICmpULT(Rs1(), Imm())));
  case Opcode::XORI:
    return Done(B.CreateXor(Rs1(), Imm()));
  case Opcode::ORI:
    return Done(B.CreateOr(Rs1(), Imm()));
  case Opcode::ANDI:
    return Done(B.CreateAnd(Rs1(), Imm()));
  case Opcode::SLLI:
    return Done(B.CreateShl(Rs1(), I.Imm & 63));
  case Opcode::SRLI:
    return Done(B.CreateLShr(Rs1(), I.Imm & 63));
  case Opcode::SRAI:
    return Done(B.CreateAShr(Rs1(), I.Imm & 63));

  case Opcode::ADD:
    return Done(B.CreateAdd(Rs1(), Rs2()));
  case Opcode::SUB:
    return Done(B.CreateSub(Rs1(), Rs2()));
  case Opcode::SLL:
    return Done(B.CreateShl(Rs1(), Shamt64()));
  case Opcode::SLT:
    return Done(Bool(B.CreateICmpSLT(Rs1(), Rs2())));
  case Opcode::SLTU:
    return Done(Bool(B.CreateICmpULT(Rs1(), Rs2())));
  case Opcode::XOR:
    return Done(B.CreateXor(Rs1(), Rs2()));
  case Opcode::SRL:
    return Done(B.CreateLShr(Rs1(), Shamt64()));
  case Opcode::SRA:
    return Done(B.CreateAShr(Rs1(), Shamt64()));
  case Opcode::OR:
    return Done(B.CreateOr(Rs1(), Rs2()));
  case Opcode::AND:
    return Done(B.CreateAnd(Rs1(), Rs2()));

  case Opcode::ADDIW:
    return DoneW(B.CreateAdd(Rs1W(), B.getInt32(uint32_t(I.Imm))));
  case Opcode::SLLIW:
    return DoneW(B.CreateShl(Rs1W(), I.Imm & 31));
  case Opcode::SRLIW:
    return DoneW(B.CreateLShr(Rs1W(), I.Imm & 31));
  case Opcode::SRAIW:
    return DoneW(B.CreateAShr(Rs1W(), I.Imm & 31));
  case Opcode::ADDW:
    return DoneW(B.CreateAdd(Rs1W(), Rs2W()));
  case Opcode::SUBW:
    return DoneW(B.CreateSub(Rs1W(), Rs2W()));
  case Opcode::SLLW:
    return DoneW(B.CreateShl(Rs1W(), Shamt32()));
  case Opcode::SRLW:
    return DoneW(B.CreateLShr(Rs1W(), Shamt32()));
  case Opcode::SRAW:
    return DoneW(B.CreateAShr(Rs1W(), Shamt32()));

  case Opcode::MUL:
    return Done(B.CreateMul(Rs1(), Rs2()));
  case Opcode::MULH:
    return Done(emitMulHigh(B, Rs1(), Rs2(), true, true));
  case Opcode::MULHSU:
    return Done(emitMulHigh(B, Rs1(), Rs2(), true, false));
  case Opcode::MULHU:
    return Done(emitMulHigh(B, Rs1(), Rs2(), false, false));
  case Opcode::DIV:
    return Done(emitDivRem(B, Rs1(), Rs2(), true, false));
  case Opcode::DIVU:
    return Done(emitDivRem(B, Rs1(), Rs2(), false, false));
  case Opcode::REM:
    return Done(emitDivRem(B, Rs1(), Rs2(), true, true));
  case Opcode::REMU:
    return Done(emitDivRem(B, Rs1(), Rs2(), false, true));
  case Opcode::MULW:
    return DoneW(B.CreateMul(Rs1W(), Rs2W()));
  case Opcode::DIVW:
    return DoneW(emitDivRem(B, Rs1W(), Rs2W(), true, false));
  case Opcode::DIVUW:
    return DoneW(emitDivRem(B, Rs1W(), Rs2W(), false, false));
  case Opcode::REMW:
    return DoneW(emitDivRem(B, Rs1W(), Rs2W(), true, true));
  case Opcode::REMUW:
    return DoneW(emitDivRem(B, Rs1W(), Rs2W(), false, true));
  default:
    return false;
  }
}

} // namespace dbt::riscv
