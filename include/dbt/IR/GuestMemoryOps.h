//===- GuestMemoryOps.h - Abstract guest memory accesses in IR --*- C++ -*-===//
//
// Frontends never compute host addresses. They emit calls to these abstract
// operations, declared in the module as
//   iN   @dbt.load.iN(ptr %cpu, i64 %guestaddr)
//   void @dbt.store.iN(ptr %cpu, i64 %guestaddr, iN %value)
//   iN   @dbt.atomicrmw.<op>.iN(ptr %cpu, i64 %guestaddr, iN %value)   seq_cst
//   iN   @dbt.cmpxchg.iN(ptr %cpu, i64 %guestaddr, iN %expected, iN %new)
//        (returns the old value; seq_cst)
// and a memory-lowering pass chosen by the address space replaces them with
// host IR (guest_base + addr for the direct modes). The interpreter backend
// executes them directly. Accesses may be unaligned.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_IR_GUESTMEMORYOPS_H
#define DBT_IR_GUESTMEMORYOPS_H

#include "dbt/Translator/Translator.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"

namespace dbt::ir {

llvm::Value *emitGuestLoad(llvm::IRBuilderBase &B, llvm::Value *Cpu, llvm::Value *Addr,
                           unsigned Bits);
void emitGuestStore(llvm::IRBuilderBase &B, llvm::Value *Cpu, llvm::Value *Addr,
                    llvm::Value *Value);
/// \p Op is one of Xchg, Add, And, Or, Xor, Min, Max, UMin, UMax.
llvm::Value *emitGuestAtomicRMW(llvm::IRBuilderBase &B, llvm::AtomicRMWInst::BinOp Op,
                                llvm::Value *Cpu, llvm::Value *Addr, llvm::Value *Value);
llvm::Value *emitGuestCmpXchg(llvm::IRBuilderBase &B, llvm::Value *Cpu, llvm::Value *Addr,
                              llvm::Value *Expected, llvm::Value *New);

/// Replaces every abstract access in \p F by host IR for \p FastPath.
void lowerGuestMemory(llvm::Function &F, const MemoryFastPath &FastPath);

} // namespace dbt::ir

#endif
