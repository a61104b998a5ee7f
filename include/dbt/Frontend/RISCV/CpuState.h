//===- CpuState.h - RV64 guest CPU state ------------------------*- C++ -*-===//
//
// The architectural state of one RV64GC hart as translated code sees it.
// Lifted IR addresses fields by offsetof, so this is a standard-layout
// struct shared by the runtime (syscalls, signals, the dispatcher) and the
// translator (the lifter). One per guest thread.
//
// Floating-point environment: while translated code runs, the host's FP
// environment *is* the guest's: the host rounding mode follows frm and the
// host's sticky exception flags accumulate fflags. The runtime saves the
// host flags into FFlags (and resets them) whenever it leaves translated code
// for work that may touch FP, and restores them before it re-enters; see
// FpEnvironment.h.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_FRONTEND_RISCV_CPUSTATE_H
#define DBT_FRONTEND_RISCV_CPUSTATE_H

#include <cstddef>
#include <cstdint>

namespace dbt::riscv {

struct CpuState {
  uint64_t X[32];          // X[0] reads as zero; writes to it are dropped
  uint64_t F[32];          // NaN-boxed: single values have bits 63:32 all ones
  uint64_t Pc;             // next guest PC when translated code returns
  uint64_t ReservationAddr;  // LR/SC: guest address of the reservation
  uint64_t ReservationValue; // LR/SC: value loaded by LR (compared by SC)
  uint32_t Frm;            // dynamic rounding mode, fcsr[7:5]
  uint32_t FFlags;         // accrued exceptions, fcsr[4:0], when saved
  uint64_t InstRet;        // retired-instruction estimate for rdinstret
  void *Runtime;           // the runtime's per-thread context (opaque here)
};

static_assert(offsetof(CpuState, X) == 0, "lifted code assumes X at offset 0");

/// fflags bits.
enum FFlag : uint32_t { NX = 1, UF = 2, OF = 4, DZ = 8, NV = 16 };

/// CSR numbers the user-mode guest may touch.
enum CsrNumber : uint16_t {
  CSR_FFLAGS = 0x001, CSR_FRM = 0x002, CSR_FCSR = 0x003,
  CSR_CYCLE = 0xc00, CSR_TIME = 0xc01, CSR_INSTRET = 0xc02,
};

} // namespace dbt::riscv

#endif
