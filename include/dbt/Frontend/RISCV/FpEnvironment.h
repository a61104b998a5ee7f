//===- FpEnvironment.h - Guest FP state <-> host FP environment -*- C++ -*-===//
//
// Translated code computes with host FP instructions, so the host's rounding
// mode and sticky exception flags stand for the guest's frm and fflags while
// it runs. The runtime calls enterGuestFp before it (re-)enters translated
// code and leaveGuestFp when it leaves it for anything that may compute in
// FP itself (syscalls, translation, signal delivery). No LLVM.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_FRONTEND_RISCV_FPENVIRONMENT_H
#define DBT_FRONTEND_RISCV_FPENVIRONMENT_H

#include "dbt/Frontend/RISCV/CpuState.h"

namespace dbt::riscv {

/// Host rounding mode := guest Frm (RMM and invalid modes run as RNE; the
/// lifter routes static RMM through helpers); host flags := guest FFlags.
void enterGuestFp(const CpuState &Cpu);
/// Guest FFlags |= host flags; host environment back to the default.
void leaveGuestFp(CpuState &Cpu);

} // namespace dbt::riscv

#endif
