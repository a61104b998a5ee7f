//===- CodeCache.cpp - Translated code by guest PC ------------------------===//

#include "CodeCache.h"

#include <algorithm>

namespace dbt {

CodeCache::CodeCache() : Fast(size_t(1) << FastBits) {}

GuestCodeEntry CodeCache::lookupSlow(uint64_t Pc) {
  auto It = ByPc.find(Pc);
  if (It == ByPc.end()) return nullptr;
  Fast[fastIndex(Pc)] = {Pc, It->second.Code};
  return It->second.Code;
}

void CodeCache::insert(uint64_t Pc, const Translation &T) {
  std::vector<uint64_t> Stale;
  erase(Pc, Stale); // a retranslation replaces; its handle is already gone
  ByPc[Pc] = {T.Entry, T.Handle, T.GuestRanges};
  for (auto [Lo, Hi] : T.GuestRanges)
    for (uint64_t Page = Lo >> PageShift; Page <= (Hi - 1) >> PageShift; ++Page)
      PcsByPage[Page].push_back(Pc);
  Fast[fastIndex(Pc)] = {Pc, T.Entry};
}

void CodeCache::erase(uint64_t Pc, std::vector<uint64_t> &Handles) {
  auto It = ByPc.find(Pc);
  if (It == ByPc.end()) return;
  Handles.push_back(It->second.Handle);
  for (auto [Lo, Hi] : It->second.Ranges)
    for (uint64_t Page = Lo >> PageShift; Page <= (Hi - 1) >> PageShift; ++Page) {
      auto P = PcsByPage.find(Page);
      if (P == PcsByPage.end()) continue;
      std::erase(P->second, Pc);
      if (P->second.empty()) PcsByPage.erase(P);
    }
  FastSlot &S = Fast[fastIndex(Pc)];
  if (S.Pc == Pc) S = FastSlot();
  ByPc.erase(It);
}

std::vector<uint64_t> CodeCache::invalidate(uint64_t Lo, uint64_t Hi) {
  std::vector<uint64_t> Handles;
  if (Hi <= Lo) return Handles;
  std::vector<uint64_t> Victims;
  for (uint64_t Page = Lo >> PageShift; Page <= (Hi - 1) >> PageShift; ++Page) {
    auto P = PcsByPage.find(Page);
    if (P == PcsByPage.end()) continue;
    for (uint64_t Pc : P->second) {
      const Entry &E = ByPc.at(Pc);
      bool Overlaps = std::any_of(E.Ranges.begin(), E.Ranges.end(),
                                  [&](auto R) { return R.first < Hi && Lo < R.second; });
      if (Overlaps) Victims.push_back(Pc);
    }
  }
  std::sort(Victims.begin(), Victims.end());
  Victims.erase(std::unique(Victims.begin(), Victims.end()), Victims.end());
  for (uint64_t Pc : Victims) erase(Pc, Handles);
  return Handles;
}

std::vector<uint64_t> CodeCache::clear() {
  std::vector<uint64_t> Handles;
  for (auto &[Pc, E] : ByPc) Handles.push_back(E.Handle);
  ByPc.clear();
  PcsByPage.clear();
  std::fill(Fast.begin(), Fast.end(), FastSlot());
  return Handles;
}

} // namespace dbt
