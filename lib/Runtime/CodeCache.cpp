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
  eraseOne(Pc); // a newer translation of the same PC wins
  ByPc[Pc] = {T.Entry, T.Handle, T.GuestRanges};
  PcsByHandle[T.Handle].push_back(Pc);
  for (auto [Lo, Hi] : T.GuestRanges)
    for (uint64_t Page = Lo >> PageShift; Page <= (Hi - 1) >> PageShift; ++Page)
      PcsByPage[Page].push_back(Pc);
  Fast[fastIndex(Pc)] = {Pc, T.Entry};
}

void CodeCache::eraseOne(uint64_t Pc) {
  auto It = ByPc.find(Pc);
  if (It == ByPc.end()) return;
  for (auto [Lo, Hi] : It->second.Ranges)
    for (uint64_t Page = Lo >> PageShift; Page <= (Hi - 1) >> PageShift; ++Page) {
      auto P = PcsByPage.find(Page);
      if (P == PcsByPage.end()) continue;
      std::erase(P->second, Pc);
      if (P->second.empty()) PcsByPage.erase(P);
    }
  if (auto H = PcsByHandle.find(It->second.Handle); H != PcsByHandle.end()) {
    std::erase(H->second, Pc);
    if (H->second.empty()) PcsByHandle.erase(H);
  }
  FastSlot &S = Fast[fastIndex(Pc)];
  if (S.Pc == Pc) S = FastSlot();
  ByPc.erase(It);
}

void CodeCache::erase(uint64_t Pc, std::vector<uint64_t> &Handles) {
  auto It = ByPc.find(Pc);
  if (It == ByPc.end()) return;
  uint64_t Handle = It->second.Handle;
  Handles.push_back(Handle);
  auto H = PcsByHandle.find(Handle);
  std::vector<uint64_t> Siblings = H == PcsByHandle.end() ? std::vector<uint64_t>{Pc} : H->second;
  for (uint64_t S : Siblings) eraseOne(S);
}

std::vector<uint64_t> CodeCache::invalidate(uint64_t Lo, uint64_t Hi) {
  std::vector<uint64_t> Handles;
  if (Hi <= Lo) return Handles;
  std::vector<uint64_t> Victims;
  auto Consider = [&](const std::vector<uint64_t> &Pcs) {
    for (uint64_t Pc : Pcs) {
      const Entry &E = ByPc.at(Pc);
      if (std::any_of(E.Ranges.begin(), E.Ranges.end(),
                      [&](auto R) { return R.first < Hi && Lo < R.second; }))
        Victims.push_back(Pc);
    }
  };
  // munmap of a large range, or a whole-space flush, must not walk every
  // page of it: walk the index instead when it is the smaller of the two.
  uint64_t FirstPage = Lo >> PageShift, LastPage = (Hi - 1) >> PageShift;
  if (LastPage - FirstPage >= PcsByPage.size()) {
    for (const auto &[Page, Pcs] : PcsByPage)
      if (Page >= FirstPage && Page <= LastPage) Consider(Pcs);
  } else {
    for (uint64_t Page = FirstPage; Page <= LastPage; ++Page)
      if (auto P = PcsByPage.find(Page); P != PcsByPage.end()) Consider(P->second);
  }
  std::sort(Victims.begin(), Victims.end());
  Victims.erase(std::unique(Victims.begin(), Victims.end()), Victims.end());
  for (uint64_t Pc : Victims) erase(Pc, Handles);
  std::sort(Handles.begin(), Handles.end());
  Handles.erase(std::unique(Handles.begin(), Handles.end()), Handles.end());
  return Handles;
}

std::vector<uint64_t> CodeCache::clear() {
  std::vector<uint64_t> Handles;
  for (auto &[Handle, Pcs] : PcsByHandle) Handles.push_back(Handle);
  ByPc.clear();
  PcsByPage.clear();
  PcsByHandle.clear();
  std::fill(Fast.begin(), Fast.end(), FastSlot());
  return Handles;
}

} // namespace dbt
