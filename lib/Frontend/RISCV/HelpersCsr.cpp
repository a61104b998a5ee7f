//===- HelpersCsr.cpp - The user-mode CSRs lifted code reads and writes ---===//
//
// fflags, frm and fcsr live in the host FP environment while guest code runs
// (see FpEnvironment.h): fflags are the host's sticky flags, frm is kept in
// CpuState::Frm (3 bits, as written) and mirrored into the host rounding
// mode. Writes also update CpuState::FFlags, so leaving guest code (which
// ORs the host flags into it) does not resurrect flags the guest cleared.
// The counters read host clocks: cycle and instret the time-stamp counter
// (as qemu-user does), time CLOCK_MONOTONIC in nanoseconds.
//
//===----------------------------------------------------------------------===//

#include "Helpers.h"

#include <ctime>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

using namespace dbt::riscv;

namespace {

uint64_t monotonicNs() {
  timespec Ts;
  clock_gettime(CLOCK_MONOTONIC, &Ts);
  return uint64_t(Ts.tv_sec) * 1000000000u + uint64_t(Ts.tv_nsec);
}

uint64_t cycles() {
#if defined(__x86_64__)
  return __rdtsc();
#else
  return monotonicNs();
#endif
}

void writeFflags(CpuState *Cpu, uint32_t F) {
  Cpu->FFlags = F;
  hostfp::setFlags(F);
}

void writeFrm(CpuState *Cpu, uint32_t Rm) {
  Cpu->Frm = Rm;
  hostfp::setRounding(Rm);
}

} // namespace

extern "C" {

uint64_t dbt_rv_csr_read(CpuState *Cpu, uint32_t Csr) {
  switch (Csr) {
  case CSR_FFLAGS:
    return hostfp::flags();
  case CSR_FRM:
    return Cpu->Frm & 7;
  case CSR_FCSR:
    return ((Cpu->Frm & 7) << 5) | hostfp::flags();
  case CSR_CYCLE:
  case CSR_INSTRET:
    return cycles();
  case CSR_TIME:
    return monotonicNs();
  default:
    return 0;
  }
}

void dbt_rv_csr_write(CpuState *Cpu, uint32_t Csr, uint64_t Value) {
  switch (Csr) {
  case CSR_FFLAGS:
    writeFflags(Cpu, uint32_t(Value) & 0x1f);
    break;
  case CSR_FRM:
    writeFrm(Cpu, uint32_t(Value) & 7);
    break;
  case CSR_FCSR:
    writeFrm(Cpu, uint32_t(Value >> 5) & 7);
    writeFflags(Cpu, uint32_t(Value) & 0x1f);
    break;
  default:
    break;
  }
}

} // extern "C"
