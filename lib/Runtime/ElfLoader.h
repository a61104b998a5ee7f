//===- ElfLoader.h - Load a riscv64 ELF executable --------------*- C++ -*-===//
//
// Validates a guest executable and maps its PT_LOAD segments into the
// address space the way Linux's binfmt_elf does: file-backed where the
// file offset allows it, zero-filled .bss, final protections from p_flags.
// Every malformed input ends in one error message, never in a crash.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_LIB_RUNTIME_ELFLOADER_H
#define DBT_LIB_RUNTIME_ELFLOADER_H

#include "dbt/AddressSpace/AddressSpace.h"

#include <cstdint>
#include <string>

namespace dbt {

/// What the stack builder, the dispatcher and brk need from a loaded image.
/// Addresses are guest addresses with the load bias applied.
struct LoadedElf {
  uint64_t Entry = 0;
  uint64_t PhdrAddr = 0; ///< AT_PHDR (0 when no segment holds the headers)
  uint64_t PhEnt = 0;    ///< AT_PHENT
  uint64_t PhNum = 0;    ///< AT_PHNUM
  uint64_t LoadBias = 0; ///< 0 for ET_EXEC, the chosen base for static PIE
  uint64_t LowAddr = 0;  ///< page-aligned extent of the mapped image
  uint64_t HighAddr = 0;
  uint64_t BrkStart = 0; ///< page-aligned end of the highest segment
  bool IsPie = false;
  bool ExecStack = false;  ///< PT_GNU_STACK asks for PF_X (riscv default: no)
  std::string Interpreter; ///< PT_INTERP path, empty for static programs
};

struct ElfLoadOptions {
  /// Accept PT_INTERP and report it in LoadedElf::Interpreter; otherwise a
  /// dynamically linked program is refused.
  bool AllowInterpreter = false;
  /// Where ET_DYN images go; 0 picks defaultPieBase().
  uint64_t PieBase = 0;
};

struct ElfLoadError {
  std::string Message; ///< without "dbt-run: <program>: "
  /// What a shell would exit with: 127 for a missing file, 126 for one that
  /// cannot be executed, 1 for a valid program this build cannot run.
  int ExitStatus = 1;
};

/// Linux's ELF_ET_DYN_BASE for a window of \p GuestLimit bytes: two thirds
/// up, leaving the space above for brk growth and the mmap area.
uint64_t defaultPieBase(uint64_t GuestLimit);

/// Loads the executable at \p Path into \p AS. Returns false and fills
/// \p Error on failure; the address space may then hold part of the image.
bool loadElfExecutable(AddressSpace &AS, const std::string &Path,
                       const ElfLoadOptions &Options, LoadedElf &Out, ElfLoadError &Error);

/// loadElfExecutable with default options, for callers that only need the
/// message.
bool loadElf(AddressSpace &AS, const std::string &Path, LoadedElf &Out, std::string &Error);

} // namespace dbt

#endif
