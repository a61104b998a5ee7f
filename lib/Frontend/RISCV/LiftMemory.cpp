//===- LiftMemory.cpp - RV64I integer loads and stores --------------------===//
//
// Owns lb/lh/lw/ld/lbu/lhu/lwu and sb/sh/sw/sd. Addresses are guest
// addresses; the access itself is an abstract GuestMemoryOps operation, so
// nothing here knows how guest memory is mapped.
//
//===----------------------------------------------------------------------===//

#include "Lifter.h"

using namespace llvm;

namespace dbt::riscv {

bool liftMemory(RegionLifter &L) {
  const Instruction &I = L.insn();
  IRBuilder<> &B = L.builder();
  Type *I64 = B.getInt64Ty();
  auto Addr = [&] { return B.CreateAdd(L.getX(I.Rs1), B.getInt64(uint64_t(I.Imm))); };

  // A load into x0 still accesses memory (it may fault), so it is emitted.
  auto Load = [&](unsigned Bits, bool Signed) {
    Value *V = L.load(Addr(), Bits);
    if (Bits < 64) V = Signed ? B.CreateSExt(V, I64) : B.CreateZExt(V, I64);
    L.setX(I.Rd, V);
    return true;
  };
  auto Store = [&](unsigned Bits) {
    Value *A = Addr();
    Value *V = L.getX(I.Rs2);
    if (Bits < 64) V = B.CreateTrunc(V, B.getIntNTy(Bits));
    L.store(A, V);
    return true;
  };

  switch (I.Op) {
  case Opcode::LB:
    return Load(8, true);
  case Opcode::LH:
    return Load(16, true);
  case Opcode::LW:
    return Load(32, true);
  case Opcode::LD:
    return Load(64, true);
  case Opcode::LBU:
    return Load(8, false);
  case Opcode::LHU:
    return Load(16, false);
  case Opcode::LWU:
    return Load(32, false);
  case Opcode::SB:
    return Store(8);
  case Opcode::SH:
    return Store(16);
  case Opcode::SW:
    return Store(32);
  case Opcode::SD:
    return Store(64);
  default:
    return false;
  }
}

} // namespace dbt::riscv
