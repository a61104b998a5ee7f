//===- CodeCache.h - Translated code by guest PC ----------------*- C++ -*-===//
//
// Owns the map from guest PC to translated code, the direct-mapped lookup
// table the dispatcher probes first, and the page index that finds the
// translations to drop when guest code changes or is unmapped.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_LIB_RUNTIME_CODECACHE_H
#define DBT_LIB_RUNTIME_CODECACHE_H

#include "dbt/Translator/Translator.h"

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace dbt {

class CodeCache {
public:
  CodeCache();

  /// The code for \p Pc, or nullptr.
  GuestCodeEntry lookup(uint64_t Pc) {
    FastSlot &S = Fast[fastIndex(Pc)];
    if (S.Pc == Pc) return S.Code; // the empty slot's Pc is odd: never matches
    return lookupSlow(Pc);
  }

  void insert(uint64_t Pc, const Translation &T);

  /// Removes every translation that depends on guest bytes in [Lo, Hi),
  /// and the others compiled with it (they share a handle and are freed
  /// together); returns the handles for Translator::discard.
  std::vector<uint64_t> invalidate(uint64_t Lo, uint64_t Hi);
  /// Removes everything.
  std::vector<uint64_t> clear();

  size_t size() const { return ByPc.size(); }
  /// The direct-mapped table, for lifted code to probe (DispatchTable).
  DispatchTable dispatchTable() const {
    return {reinterpret_cast<uint64_t>(Fast.data()), FastBits};
  }

private:
  static constexpr unsigned FastBits = 14;
  struct FastSlot {
    uint64_t Pc = ~uint64_t(0); // odd: never a guest PC
    GuestCodeEntry Code = nullptr;
  };
  static_assert(sizeof(FastSlot) == 16 && offsetof(FastSlot, Code) == 8,
                "lifted code probes this layout (DispatchTable)");
  struct Entry {
    GuestCodeEntry Code;
    uint64_t Handle;
    std::vector<std::pair<uint64_t, uint64_t>> Ranges;
  };
  static size_t fastIndex(uint64_t Pc) { return (Pc >> 1) & ((1u << FastBits) - 1); }
  GuestCodeEntry lookupSlow(uint64_t Pc);
  void erase(uint64_t Pc, std::vector<uint64_t> &Handles);
  void eraseOne(uint64_t Pc);

  static constexpr unsigned PageShift = 12;
  std::vector<FastSlot> Fast;
  std::unordered_map<uint64_t, Entry> ByPc;
  std::unordered_map<uint64_t, std::vector<uint64_t>> PcsByPage;
  std::unordered_map<uint64_t, std::vector<uint64_t>> PcsByHandle;
};

} // namespace dbt

#endif
