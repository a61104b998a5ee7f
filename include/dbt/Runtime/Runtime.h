//===- Runtime.h - Run one guest program ------------------------*- C++ -*-===//
//
// The runtime's public face, used by tools/dbt-run: load a guest
// executable, build its process image and run it to completion. Never links
// LLVM; the translator library is dlopened on first use.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_RUNTIME_RUNTIME_H
#define DBT_RUNTIME_RUNTIME_H

#include "dbt/AddressSpace/AddressSpace.h"

#include <cstdio>
#include <string>
#include <vector>

namespace dbt {

struct RuntimeOptions {
  std::string Program;                 ///< path of the guest executable
  std::vector<std::string> Argv;       ///< guest argv (argv[0] included)
  std::vector<std::string> Envp;       ///< guest environment
  std::string Sysroot;                 ///< -L: reserved for dynamic programs
  std::string TranslatorPath;          ///< libdbt-translator.so (empty: next to dbt-run)
  bool Strace = false;
  bool Stats = false;
  bool Verbose = false;
  unsigned Dump = 0;                   ///< DumpFlags
  FILE *Log = stderr;                  ///< -d / --strace / --stats output
  AddressSpaceOptions Memory;
  unsigned MaxRegionInstructions = 512;
};

/// Runs the guest; returns the process exit status. If the guest dies of a
/// signal, this kills the calling process with the same signal and does not
/// return. Bad input prints one line "dbt-run: ..." and returns 1 (or 126/127
/// like a shell for unexecutable / missing programs).
int runGuestProgram(const RuntimeOptions &Options);

} // namespace dbt

#endif
