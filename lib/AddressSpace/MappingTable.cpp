//===- MappingTable.cpp - Bookkeeping of guest mappings -------------------===//
//
// Interval-map operations behind MappingTable: replace, erase, re-protect,
// move, and the searches for free ranges.
//
//===----------------------------------------------------------------------===//
#include "MappingTable.h"

namespace dbt {

namespace icl = boost::icl;

void MappingTable::insert(uint64_t Start, uint64_t End, const MappingInfo &Info) {
  if (Start >= End) return;
  Map.set(std::make_pair(Interval(Start, End), Info));
}

void MappingTable::erase(uint64_t Start, uint64_t End) {
  if (Start >= End) return;
  Map.erase(Interval(Start, End));
}

void MappingTable::protect(uint64_t Start, uint64_t End, int Prot) {
  // Collect first: set() invalidates the iterators the walk would use.
  std::vector<MappingRange> Pieces = ranges(Start, End);
  for (MappingRange &P : Pieces) {
    P.Info.Prot = Prot;
    insert(P.Start, P.End, P.Info);
  }
}

void MappingTable::move(uint64_t OldStart, uint64_t Length, uint64_t NewStart) {
  std::vector<MappingRange> Pieces = ranges(OldStart, OldStart + Length);
  erase(OldStart, OldStart + Length);
  erase(NewStart, NewStart + Length);
  for (MappingRange &P : Pieces) {
    uint64_t NewPieceStart = P.Start - OldStart + NewStart;
    // Keep fileOffset() of each byte: bias + new address == old bias + old address.
    P.Info.OffsetBias = P.Info.OffsetBias + P.Start - NewPieceStart;
    insert(NewPieceStart, NewPieceStart + (P.End - P.Start), P.Info);
  }
}

std::optional<MappingRange> MappingTable::lookup(uint64_t Addr) const {
  auto It = Map.find(Addr);
  if (It == Map.end()) return std::nullopt;
  return MappingRange{icl::lower(It->first), icl::upper(It->first), It->second};
}

int MappingTable::protAt(uint64_t Addr) const {
  auto It = Map.find(Addr);
  return It == Map.end() ? -1 : It->second.Prot;
}

bool MappingTable::isFree(uint64_t Start, uint64_t End) const {
  if (Start >= End) return true;
  // Any stored interval overlapping [Start, End) is found by find() on the
  // interval: ICL orders intervals so that overlapping ones compare equal.
  return Map.find(Interval(Start, End)) == Map.end();
}

uint64_t MappingTable::accessibleEnd(uint64_t Start, uint64_t Limit, int Prot) const {
  uint64_t At = Start;
  for (auto It = Map.find(Start); It != Map.end() && At < Limit; ++It) {
    uint64_t Lo = icl::lower(It->first), Hi = icl::upper(It->first);
    if (Lo > At || (It->second.Prot & Prot) != Prot) break;
    At = Hi;
  }
  return At < Limit ? At : Limit;
}

std::vector<MappingRange> MappingTable::ranges(uint64_t Start, uint64_t End) const {
  std::vector<MappingRange> Out;
  if (Start >= End) return Out;
  auto [First, Last] = Map.equal_range(Interval(Start, End));
  for (auto It = First; It != Last; ++It) {
    uint64_t Lo = std::max(Start, icl::lower(It->first));
    uint64_t Hi = std::min(End, icl::upper(It->first));
    Out.push_back({Lo, Hi, It->second});
  }
  return Out;
}

static uint64_t alignDown(uint64_t V, uint64_t Align) { return V & ~(Align - 1); }

static std::optional<uint64_t> alignUpChecked(uint64_t V, uint64_t Align) {
  uint64_t R = (V + Align - 1) & ~(Align - 1);
  if (R < V) return std::nullopt;
  return R;
}

std::optional<uint64_t> MappingTable::findFreeTopDown(uint64_t Low, uint64_t High,
                                                      uint64_t Length, uint64_t Align) const {
  if (Length == 0 || High <= Low || High - Low < Length) return std::nullopt;
  // Walk the gaps from High downwards: GapEnd is the top of the current gap.
  uint64_t GapEnd = High;
  auto It = Map.lower_bound(Interval(High - 1, High));
  // An interval straddling High caps the first gap.
  if (It != Map.end() && icl::lower(It->first) < High) GapEnd = icl::lower(It->first);
  for (auto R = std::make_reverse_iterator(It);; ++R) {
    uint64_t GapStart = R == Map.rend() ? Low : std::max(Low, icl::upper(R->first));
    if (GapEnd > GapStart && GapEnd - GapStart >= Length) {
      uint64_t Candidate = alignDown(GapEnd - Length, Align);
      if (Candidate >= GapStart) return Candidate;
    }
    if (R == Map.rend()) break;
    GapEnd = icl::lower(R->first);
    if (GapEnd <= Low) break;
  }
  return std::nullopt;
}

std::optional<uint64_t> MappingTable::findFreeBottomUp(uint64_t Low, uint64_t High,
                                                       uint64_t Length, uint64_t Align) const {
  if (Length == 0 || High <= Low || High - Low < Length) return std::nullopt;
  uint64_t GapStart = Low;
  auto It = Map.lower_bound(Interval(Low, Low + 1));
  for (;; ++It) {
    uint64_t GapEnd = It == Map.end() ? High : std::min(High, icl::lower(It->first));
    std::optional<uint64_t> Candidate = alignUpChecked(GapStart, Align);
    if (Candidate && *Candidate < GapEnd && GapEnd - *Candidate >= Length) return *Candidate;
    if (It == Map.end()) break;
    GapStart = std::max(GapStart, icl::upper(It->first));
    if (GapStart >= High) break;
  }
  return std::nullopt;
}

} // namespace dbt
