//===- ReservedAddressSpace.h - Guest memory in one host reservation -*- C++ -*-===//
//
// The `reserved` memory mode: one PROT_NONE host reservation of the whole
// guest window, guest address g at host GuestBase + g. Guest mappings are
// host mappings placed with MAP_FIXED inside the reservation; unmapped guest
// ranges are re-reserved so the host never puts its own memory there. The
// MappingTable is the authority on what the guest may touch, so syscall
// copies are checked without probing the host.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_LIB_ADDRESSSPACE_RESERVEDADDRESSSPACE_H
#define DBT_LIB_ADDRESSSPACE_RESERVEDADDRESSSPACE_H

#include "MappingTable.h"

#include "dbt/AddressSpace/AddressSpace.h"

#include <shared_mutex>

namespace dbt {

class ReservedAddressSpace final : public AddressSpace {
public:
  static constexpr uint64_t PageSize = 4096;
  /// Lowest guest address handed out or accepted (Linux's default
  /// vm.mmap_min_addr), so guest NULL dereferences keep faulting.
  static constexpr uint64_t LowestAddress = 0x10000;
  /// Distance from the top of the window down to mmapBase(): room for the
  /// 8 MiB stack and its growth, Linux's minimum stack gap.
  static constexpr uint64_t StackGap = uint64_t(128) << 20;

  static std::unique_ptr<ReservedAddressSpace> create(const AddressSpaceOptions &Options,
                                                      std::string &Error);
  ~ReservedAddressSpace() override;

  MemoryMode mode() const override { return MemoryMode::Reserved; }
  uint64_t guestPageSize() const override { return PageSize; }
  uint64_t guestLowest() const override { return LowestAddress; }
  uint64_t guestLimit() const override { return Window; }
  MemoryFastPath fastPath() const override;
  uint64_t mmapBase() const override { return Window - StackGap; }
  void *hostPointer(uint64_t Addr) const override { return Base + Addr; }

  int64_t findUnmapped(uint64_t Hint, uint64_t Length) override;
  int64_t map(const MapRequest &Req) override;
  int64_t unmap(uint64_t Addr, uint64_t Length) override;
  int64_t protect(uint64_t Addr, uint64_t Length, int Prot) override;
  int64_t remap(uint64_t OldAddr, uint64_t OldLength, uint64_t NewLength, bool MayMove,
                bool Fixed, uint64_t NewAddr) override;

  int pageProt(uint64_t Addr) const override;
  bool isAccessible(uint64_t Addr, uint64_t Length, int Prot) const override;
  int64_t hostPieces(uint64_t Addr, uint64_t Length, int Prot,
                     std::vector<struct iovec> &Out) override;
  int64_t copyFromGuest(void *Dst, uint64_t Src, size_t Length) override;
  int64_t copyToGuest(uint64_t Dst, const void *Src, size_t Length) override;
  int64_t guestStrlen(uint64_t Addr, size_t Max) override;

  /// A copy of the bookkeeping, for tests and diagnostics.
  std::vector<MappingRange> mappings() const;

private:
  using Range = std::pair<uint64_t, uint64_t>;

  ReservedAddressSpace(uint8_t *Base, uint64_t Window) : Base(Base), Window(Window) {}

  bool inWindow(uint64_t Addr, uint64_t Length) const {
    return Addr <= Window && Length <= Window - Addr;
  }
  int64_t findUnmappedLocked(uint64_t Hint, uint64_t Length) const;
  /// Puts PROT_NONE reservation back over [Addr, Addr+Length).
  int reserve(uint64_t Addr, uint64_t Length);
  /// Unmaps [Addr, Addr+Length) and queues its executable parts in \p Inval.
  int64_t unmapLocked(uint64_t Addr, uint64_t Length, std::vector<Range> &Inval);
  int64_t growInPlace(uint64_t Addr, uint64_t OldLength, uint64_t NewLength,
                      const MappingInfo &Info);
  int64_t moveLocked(uint64_t OldAddr, uint64_t OldLength, uint64_t NewAddr,
                     uint64_t NewLength, const MappingInfo &Info, std::vector<Range> &Inval);
  void runInvalidations(const std::vector<Range> &Inval);

  uint8_t *Base;
  uint64_t Window;
  /// Readers: access checks. Writers: anything that changes mappings.
  mutable std::shared_mutex Lock;
  MappingTable Table;
};

} // namespace dbt

#endif
