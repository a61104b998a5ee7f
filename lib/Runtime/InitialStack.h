//===- InitialStack.h - The guest's stack at exec time ----------*- C++ -*-===//
//
// Maps the main thread's stack at the top of the guest window and lays out
// what the riscv64 Linux kernel leaves there for a new program: argc, argv,
// envp, the auxiliary vector, and above them the strings and AT_RANDOM's
// bytes. Also sets up the program break from the loaded image.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_LIB_RUNTIME_INITIALSTACK_H
#define DBT_LIB_RUNTIME_INITIALSTACK_H

#include "ElfLoader.h"
#include "Process.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace dbt {

/// Auxiliary vector keys (asm-generic and riscv values).
enum AuxKey : uint64_t {
  AuxNull = 0,
  AuxIgnore = 1,
  AuxPhdr = 3,
  AuxPhEnt = 4,
  AuxPhNum = 5,
  AuxPageSz = 6,
  AuxBase = 7,
  AuxFlags = 8,
  AuxEntry = 9,
  AuxUid = 11,
  AuxEUid = 12,
  AuxGid = 13,
  AuxEGid = 14,
  AuxPlatform = 15,
  AuxHwCap = 16,
  AuxClkTck = 17,
  AuxSecure = 23,
  AuxRandom = 25,
  AuxExecFn = 31,
  AuxSysInfoEhdr = 33,
  AuxL1ICacheSize = 40,
  AuxL1ICacheGeometry = 41,
  AuxL1DCacheSize = 42,
  AuxL1DCacheGeometry = 43,
  AuxL2CacheSize = 44,
  AuxL2CacheGeometry = 45,
  AuxL3CacheSize = 46,
  AuxL3CacheGeometry = 47,
  AuxMinSigStkSz = 51,
};

/// AT_HWCAP for RV64GC: one bit per single-letter extension, 'a' = bit 0.
inline constexpr uint64_t RiscvHwCap =
    (uint64_t(1) << ('i' - 'a')) | (uint64_t(1) << ('m' - 'a')) | (uint64_t(1) << ('a' - 'a')) |
    (uint64_t(1) << ('f' - 'a')) | (uint64_t(1) << ('d' - 'a')) | (uint64_t(1) << ('c' - 'a'));

/// AT_MINSIGSTKSZ as the riscv kernel computes it without the V extension:
/// sizeof(struct rt_sigframe) (siginfo 128 + ucontext 960) rounded to 16.
inline constexpr uint64_t RiscvMinSigStkSz = 1088;

struct StackOptions {
  std::vector<std::string> Argv;
  std::vector<std::string> Envp;
  std::string ExecFn;                    ///< AT_EXECFN: the path as the user gave it
  uint64_t Size = uint64_t(8) << 20;     ///< Linux's default RLIMIT_STACK
  const uint8_t *RandomBytes = nullptr;  ///< 16 fixed AT_RANDOM bytes (tests); else getrandom
};

struct InitialStack {
  uint64_t Sp = 0;                  ///< the guest's sp at entry; points at argc
  uint64_t Bottom = 0, Top = 0;     ///< the mapped stack [Bottom, Top)
  uint64_t ArgvAddr = 0, EnvpAddr = 0, AuxvAddr = 0;
  uint64_t RandomAddr = 0, ExecFnAddr = 0;
  /// The auxiliary vector as written, AT_NULL included (for /proc/self/auxv).
  std::vector<std::pair<uint64_t, uint64_t>> Auxv;
};

/// Maps the stack just below AS.guestLimit() (above AS.mmapBase()) and
/// writes the initial process image. False with \p Error set when the stack
/// cannot be mapped or the arguments do not fit (Linux: a quarter of the
/// stack).
bool setupInitialStack(AddressSpace &AS, const LoadedElf &Elf, const StackOptions &Options,
                       InitialStack &Out, std::string &Error);

/// setupInitialStack with the default stack size and random bytes; returns
/// the initial sp, or 0 with \p Error set.
uint64_t buildInitialStack(AddressSpace &AS, const LoadedElf &Elf,
                           const std::vector<std::string> &Argv,
                           const std::vector<std::string> &Envp, const std::string &ExecFn,
                           std::string &Error);

/// Starts the program break at the end of the loaded image, nothing mapped.
void initProgramBreak(Process &P, const LoadedElf &Elf);

} // namespace dbt

#endif
