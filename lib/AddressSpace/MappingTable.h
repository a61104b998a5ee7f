//===- MappingTable.h - Bookkeeping of guest mappings -----------*- C++ -*-===//
//
// The guest's vm_area_structs: which guest page ranges are mapped, with what
// protection, sharing and backing (anonymous, or a file identified by
// device, inode and offset). Every memory mode keeps one; reserved mode uses
// it to answer access checks without asking the host, softmmu will also use
// it to fill its TLB. Holds no host memory and does no locking: the owning
// address space serialises access.
//
// Built on a Boost.ICL interval_map, which splits ranges when part of one
// changes and joins neighbours whose values compare equal, like the kernel
// merging adjacent compatible VMAs.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_LIB_ADDRESSSPACE_MAPPINGTABLE_H
#define DBT_LIB_ADDRESSSPACE_MAPPINGTABLE_H

#include <boost/icl/interval_map.hpp>
#include <boost/icl/right_open_interval.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace dbt {

/// What is known about one mapped guest page. Equal values on adjacent
/// ranges are merged, so every field must be the same along one mapping.
struct MappingInfo {
  int Prot = 0;           ///< GuestProt bits
  bool Shared = false;    ///< MAP_SHARED
  bool GrowsDown = false; ///< MAP_GROWSDOWN (the stack)
  bool File = false;      ///< file-backed (else anonymous)
  uint64_t Dev = 0, Ino = 0;
  /// File offset of guest address 0, modulo 2^64. Storing the offset
  /// relative to address 0 rather than to the start of the range keeps the
  /// value constant along a file mapping, so splitting it needs no fix-up
  /// and its pieces merge back when they are made compatible again.
  uint64_t OffsetBias = 0;

  uint64_t fileOffset(uint64_t Addr) const { return OffsetBias + Addr; }
  static uint64_t biasFor(uint64_t Addr, uint64_t Offset) { return Offset - Addr; }

  bool operator==(const MappingInfo &O) const {
    return Prot == O.Prot && Shared == O.Shared && GrowsDown == O.GrowsDown &&
           File == O.File && Dev == O.Dev && Ino == O.Ino && OffsetBias == O.OffsetBias;
  }
  /// ICL's aggregate-on-overlap hook; the table only ever replaces values.
  MappingInfo &operator+=(const MappingInfo &O) {
    *this = O;
    return *this;
  }
};

/// One maximal run [Start, End) with a single MappingInfo.
struct MappingRange {
  uint64_t Start = 0, End = 0;
  MappingInfo Info;
};

class MappingTable {
public:
  /// Records [Start, End) as mapped with \p Info, replacing what was there.
  void insert(uint64_t Start, uint64_t End, const MappingInfo &Info);
  /// Forgets [Start, End); unmapped parts are fine.
  void erase(uint64_t Start, uint64_t End);
  /// Sets the protection of the mapped parts of [Start, End).
  void protect(uint64_t Start, uint64_t End, int Prot);
  /// Moves the mappings of [OldStart, OldStart+Length) to NewStart, keeping
  /// file offsets; the destination is replaced, the source forgotten.
  void move(uint64_t OldStart, uint64_t Length, uint64_t NewStart);

  /// The run holding \p Addr, or nullopt when it is unmapped.
  std::optional<MappingRange> lookup(uint64_t Addr) const;
  /// Protection at \p Addr, or -1 when unmapped.
  int protAt(uint64_t Addr) const;
  /// True when no byte of [Start, End) is mapped.
  bool isFree(uint64_t Start, uint64_t End) const;
  /// End of the longest prefix of [Start, Limit) that is mapped with at least
  /// \p Prot (0: just mapped); Start itself when the first byte is not.
  uint64_t accessibleEnd(uint64_t Start, uint64_t Limit, int Prot) const;
  bool isAccessible(uint64_t Start, uint64_t End, int Prot) const {
    return Start >= End || accessibleEnd(Start, End, Prot) == End;
  }
  /// The mapped runs intersecting [Start, End), clipped to it.
  std::vector<MappingRange> ranges(uint64_t Start, uint64_t End) const;
  /// Every run, in address order.
  std::vector<MappingRange> all() const { return ranges(0, UINT64_MAX); }

  /// Highest \p Align-aligned start of a free range of \p Length bytes inside
  /// [Low, High), or nullopt.
  std::optional<uint64_t> findFreeTopDown(uint64_t Low, uint64_t High, uint64_t Length,
                                          uint64_t Align) const;
  /// Lowest such start.
  std::optional<uint64_t> findFreeBottomUp(uint64_t Low, uint64_t High, uint64_t Length,
                                           uint64_t Align) const;

  /// Number of runs (after merging).
  size_t size() const { return Map.iterative_size(); }
  bool empty() const { return Map.empty(); }
  void clear() { Map.clear(); }

private:
  using Interval = boost::icl::right_open_interval<uint64_t>;
  // partial_enricher: a default-constructed MappingInfo (anonymous,
  // private, PROT_NONE) is a real mapping and must be stored, not absorbed.
  using MapType =
      boost::icl::interval_map<uint64_t, MappingInfo, boost::icl::partial_enricher,
                               ICL_COMPARE_INSTANCE(ICL_COMPARE_DEFAULT, uint64_t),
                               ICL_COMBINE_INSTANCE(boost::icl::inplace_plus, MappingInfo),
                               ICL_SECTION_INSTANCE(boost::icl::inter_section, MappingInfo),
                               Interval>;
  MapType Map;
};

} // namespace dbt

#endif
