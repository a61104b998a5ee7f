//===- Translator.h - The seam between runtime and translator ---*- C++ -*-===//
//
// Everything that needs LLVM (frontends, IR passes, backends) sits behind
// this interface in libdbt-translator.so, which the runtime dlopens the
// first time it must translate. This header must never include LLVM: the
// runtime and dbt-run are built without it.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_TRANSLATOR_TRANSLATOR_H
#define DBT_TRANSLATOR_TRANSLATOR_H

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace dbt {

/// Bumped whenever anything in this header changes shape, so a stale
/// translator library is refused instead of misbehaving.
inline constexpr unsigned TranslatorAbiVersion = 3;

/// Why translated code returned to the dispatcher. The CPU state's Pc says
/// where the guest continues (or which instruction caused the exit).
enum class ExitReason : uint32_t {
  Continue = 0,       ///< Pc is the next guest PC; just dispatch it.
  Syscall,            ///< ecall at Pc.
  Breakpoint,         ///< ebreak at Pc.
  IllegalInstruction, ///< undecodable or unsupported instruction at Pc.
  FlushICache,        ///< fence.i retired; Pc is the next PC.
  FetchFault,         ///< instruction bytes at Pc could not be read.
};

/// Entry of translated code: runs guest code from the CPU state's Pc.
using GuestCodeEntry = ExitReason (*)(void *Cpu);

/// What the address space tells the translator about its fast path, so the
/// memory-lowering pass can inline it. Plain data: the address space lives in
/// the runtime.
struct MemoryFastPath {
  enum class Kind : uint8_t {
    Direct, ///< host = GuestBase + guest address (reserved, unreserved)
  };
  Kind Kind = Kind::Direct;
  uint64_t GuestBase = 0;
};

/// The dispatcher's direct-mapped table of translated code, which lifted
/// code probes at its exits to enter the next region without returning to
/// the dispatcher. Slot i, for guest PC p with i = (p >> 1) & (2^IndexBits -
/// 1), is {uint64_t Pc; GuestCodeEntry Code;}; a slot whose Pc differs is a
/// miss. Address 0 turns chaining off.
struct DispatchTable {
  uint64_t Address = 0;
  unsigned IndexBits = 0;
};

/// A runtime function that lifted code may call (FP corner cases, CSRs...).
struct HelperSymbol {
  const char *Name;
  void *Address;
};

/// What -d asks the translator to print, to TranslatorConfig::Log.
enum DumpFlags : unsigned {
  DumpInAsm = 1u << 0,  ///< guest instructions of each translation
  DumpIR = 1u << 1,     ///< lifted IR before optimisation
  DumpIROpt = 1u << 2,  ///< IR after optimisation and memory lowering
  DumpOutAsm = 1u << 3, ///< host machine code
};

enum class GuestIsa : uint8_t { RISCV64 };

struct TranslatorConfig {
  unsigned AbiVersion = TranslatorAbiVersion;
  GuestIsa Isa = GuestIsa::RISCV64;
  MemoryFastPath Memory;
  DispatchTable Dispatch;
  std::vector<HelperSymbol> Helpers;
  /// Reads up to Len bytes of guest code at Addr; returns how many could be
  /// read (fewer at the end of executable memory).
  size_t (*FetchCode)(void *Ctx, uint64_t Addr, uint8_t *Buf, size_t Len) = nullptr;
  void *FetchContext = nullptr;
  unsigned Dump = 0;
  FILE *Log = nullptr;
  /// Largest number of guest instructions lifted into one region.
  unsigned MaxRegionInstructions = 512;
  /// Largest number of regions and guest instructions in one batch. Measured
  /// on glibc start-up: speculative successors cost more code generation than
  /// the per-module overhead they save, so by default a batch is one region.
  unsigned MaxBatchRegions = 1;
  unsigned MaxBatchInstructions = 2048;
};

/// One unit of translated code: the code entered at GuestPc.
struct Translation {
  uint64_t GuestPc = 0;
  GuestCodeEntry Entry = nullptr;
  /// Guest byte ranges [first, second) whose contents this code depends on.
  std::vector<std::pair<uint64_t, uint64_t>> GuestRanges;
  /// For Translator::discard. Translations compiled together share a
  /// handle: discarding it frees all of them.
  uint64_t Handle = 0;
  unsigned GuestInstructions = 0;
};

/// What one translate() call produced: the requested PC first, then code
/// for PCs it is likely to reach soon, compiled in the same batch because
/// LLVM's cost per compiled module dominates small regions.
struct TranslationBatch {
  std::vector<Translation> Units;
  std::string Error; ///< set when Units is empty
};

struct TranslatorStats {
  uint64_t Translations = 0;  ///< regions
  uint64_t Batches = 0;       ///< translate() calls that compiled code
  uint64_t GuestInstructions = 0;
  uint64_t LoopRegions = 0; ///< regions given the full code generator
  double LiftSeconds = 0, OptimizeSeconds = 0, CodegenSeconds = 0;
};

class Translator {
public:
  virtual ~Translator() = default;
  /// Translates the code starting at \p GuestPc (and perhaps more).
  virtual TranslationBatch translate(uint64_t GuestPc) = 0;
  /// Frees the code of a translation the runtime no longer references.
  virtual void discard(uint64_t Handle) = 0;
  virtual TranslatorStats stats() const = 0;
};

} // namespace dbt

/// The translator library's single exported entry point. Returns nullptr and
/// fills \p Error when the configuration cannot be honoured.
extern "C" dbt::Translator *dbtCreateTranslator(const dbt::TranslatorConfig *Config,
                                                std::string *Error);
using DbtCreateTranslatorFn = dbt::Translator *(*)(const dbt::TranslatorConfig *,
                                                    std::string *);

#endif
