//===- Dispatcher.h - The loop that runs guest code -------------*- C++ -*-===//
//
// Owns the run loop of one guest thread: find translated code for the PC
// (code cache, else translate), enter it, and act on why it returned
// (syscall, fence.i, illegal instruction, fault). Keeps the guest FP
// environment live across plain block-to-block transitions and saves it
// around everything else.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_LIB_RUNTIME_DISPATCHER_H
#define DBT_LIB_RUNTIME_DISPATCHER_H

#include "CodeCache.h"
#include "Process.h"
#include "dbt/Frontend/RISCV/CpuState.h"
#include "dbt/Translator/Translator.h"

#include <memory>

namespace dbt {

class Dispatcher {
public:
  Dispatcher(Process &P, riscv::CpuState &Cpu);
  ~Dispatcher();

  /// Runs the guest until it exits (P.Exiting) or must die of a signal
  /// (P.FatalSignal). Returns false after printing an internal error.
  bool run();

  /// Drops translations of guest code in [Lo, Hi).
  void flushCode(uint64_t Lo, uint64_t Hi);
  void printStats(FILE *Out) const;

private:
  GuestCodeEntry translate(uint64_t Pc);
  bool handleExit(ExitReason Reason);
  void discard(const std::vector<uint64_t> &Handles);

  Process &P;
  riscv::CpuState &Cpu;
  CodeCache Cache;
  std::unique_ptr<Translator> Xlat;
  TranslatorConfig Config;
  bool InternalError = false;
  uint64_t RegionEntries = 0, Syscalls = 0, Flushes = 0;
  double TranslatorLoadSeconds = 0;
};

} // namespace dbt

#endif
