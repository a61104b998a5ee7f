//===- FpEnvironment.cpp - Guest FP state <-> host FP environment ---------===//
//
// Switches the host FP environment between the guest's (rounding = frm,
// sticky flags = fflags) and the runtime's own (RNE, no flags). Called on
// every transition in and out of translated code, so each direction is one
// MXCSR read and at most one write on x86-64.
//
//===----------------------------------------------------------------------===//

#include "dbt/Frontend/RISCV/FpEnvironment.h"

#include "Helpers.h"

namespace dbt::riscv {

void enterGuestFp(const CpuState &Cpu) {
  hostfp::load(Cpu.Frm, Cpu.FFlags & 0x1f);
}

void leaveGuestFp(CpuState &Cpu) {
  Cpu.FFlags |= hostfp::reset();
}

} // namespace dbt::riscv
