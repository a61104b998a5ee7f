//===- Process.h - State of the emulated guest process ----------*- C++ -*-===//
//
// What the loader, the syscall layer and the dispatcher share about the one
// guest process: its address space, program break, signal dispositions and
// how it is exiting. Per-thread state lives in the CpuState.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_LIB_RUNTIME_PROCESS_H
#define DBT_LIB_RUNTIME_PROCESS_H

#include "dbt/AddressSpace/AddressSpace.h"
#include "dbt/Runtime/Runtime.h"

#include <cstdint>
#include <functional>
#include <string>

namespace dbt {

/// A guest struct sigaction as the riscv64 kernel sees it (asm-generic).
struct GuestSigAction {
  uint64_t Handler = 0; // SIG_DFL = 0, SIG_IGN = 1
  uint64_t Flags = 0;
  uint64_t Restorer = 0;
  uint64_t Mask = 0;
};

struct Process {
  Process(AddressSpace &AS, const RuntimeOptions &Options) : AS(AS), Options(Options) {}

  AddressSpace &AS;
  const RuntimeOptions &Options;

  std::string ExePath;         ///< absolute path of the guest executable
  uint64_t BrkStart = 0;       ///< end of the loaded image, page aligned
  uint64_t BrkCurrent = 0;     ///< current program break
  uint64_t BrkMappedEnd = 0;   ///< end of the memory mapped for the heap

  static constexpr int NumSignals = 64;
  GuestSigAction SigActions[NumSignals + 1]; ///< index = signal number
  uint64_t SigMask = 0;                      ///< blocked set of the main thread
  uint64_t ClearChildTid = 0;                ///< set_tid_address
  uint64_t RobustList = 0, RobustListLen = 0;

  bool Exiting = false;        ///< exit/exit_group was called
  int ExitStatus = 0;
  int FatalSignal = 0;         ///< the guest must die of this signal

  /// Drops translated code for a guest range (riscv_flush_icache, fence.i).
  std::function<void(uint64_t, uint64_t)> FlushCode;
};

} // namespace dbt

#endif
