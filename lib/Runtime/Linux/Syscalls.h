//===- Syscalls.h - Linux user-mode syscalls for riscv64 guests -*- C++ -*-===//
//
// The one entry point the dispatcher calls when the guest executes ecall.
// Everything behind it (the table in riscv64/Syscalls.def, the handlers in
// Syscalls<Class>.cpp, --strace in Strace.cpp) is private to this directory.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_LIB_RUNTIME_LINUX_SYSCALLS_H
#define DBT_LIB_RUNTIME_LINUX_SYSCALLS_H

#include "Runtime/Process.h"
#include "dbt/Frontend/RISCV/CpuState.h"

#include <cstdint>

namespace dbt::linux {

/// Runs the syscall numbered in a7 with arguments a0..a5 and returns the
/// value for a0 (a result, or -errno). The caller writes a0 and advances
/// the PC. exit/exit_group set P.Exiting and P.ExitStatus; a signal that
/// must kill the guest sets P.FatalSignal; neither exits the host. Prints
/// the call to P.Options.Log when P.Options.Strace is set.
int64_t handleSyscall(Process &P, riscv::CpuState &Cpu);

/// The guest's sigaltstack, for signal delivery. Size 0 means disabled;
/// Flags holds only SS_AUTODISARM.
struct GuestAltStack {
  uint64_t Sp = 0;
  uint64_t Size = 0;
  int32_t Flags = 0;
};
GuestAltStack &guestAltStack(Process &P);

} // namespace dbt::linux

#endif
