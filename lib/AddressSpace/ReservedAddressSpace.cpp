//===- ReservedAddressSpace.cpp - Guest memory in one host reservation ----===//
//
// Linux mmap/munmap/mprotect/mremap semantics for the guest, implemented with
// host calls inside the reservation. The rule everything here keeps: every
// page of the window is either a guest mapping recorded in the table or
// PROT_NONE reservation, so the host allocator never lands inside the window
// (the host's mremap is the one exception, see moveLocked).
//
//===----------------------------------------------------------------------===//
#include "ReservedAddressSpace.h"

#include <cerrno>
#include <climits>
#include <cstring>
#include <mutex>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif

namespace dbt {

static constexpr uint64_t PageMask = ReservedAddressSpace::PageSize - 1;
static constexpr int AllProt = ProtRead | ProtWrite | ProtExec;

/// Rounds up to a page; false on overflow.
static bool pageAlignUp(uint64_t V, uint64_t &Out) {
  Out = (V + PageMask) & ~PageMask;
  return Out >= V;
}

/// Host protection for a guest protection. Guest code is never run in place
/// but read by the translator, so executable means readable on the host.
static int hostProt(int GuestProt) {
  int P = 0;
  if (GuestProt & ProtRead) P |= PROT_READ;
  if (GuestProt & ProtWrite) P |= PROT_READ | PROT_WRITE;
  if (GuestProt & ProtExec) P |= PROT_READ;
  return P;
}

static std::string describeSize(uint64_t Bytes) {
  if (Bytes % (uint64_t(1) << 30) == 0) return std::to_string(Bytes >> 30) + " GiB";
  if (Bytes % (uint64_t(1) << 20) == 0) return std::to_string(Bytes >> 20) + " MiB";
  return std::to_string(Bytes) + " bytes";
}

std::unique_ptr<ReservedAddressSpace>
ReservedAddressSpace::create(const AddressSpaceOptions &Options, std::string &Error) {
  uint64_t Window = Options.GuestWindow;
  long HostPage = sysconf(_SC_PAGESIZE);
  if (HostPage != long(PageSize)) {
    Error = "reserved memory mode needs 4 KiB host pages; this host uses " +
            std::to_string(HostPage) + "-byte pages";
    return nullptr;
  }
  // Below 1 GiB there is no room for the image, heap, mmap area and stack
  // gap; above 2^47 no x86-64 host could reserve it.
  if (Window & PageMask || Window < (uint64_t(1) << 30) || Window > (uint64_t(1) << 47)) {
    Error = "guest address window of " + describeSize(Window) +
            " is not a page-aligned size between 1 GiB and 128 TiB";
    return nullptr;
  }
  void *P = ::mmap(nullptr, Window, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
  if (P == MAP_FAILED) {
    Error = "cannot reserve " + describeSize(Window) +
            " of host address space for the guest: " + std::strerror(errno);
    return nullptr;
  }
  return std::unique_ptr<ReservedAddressSpace>(
      new ReservedAddressSpace(static_cast<uint8_t *>(P), Window));
}

ReservedAddressSpace::~ReservedAddressSpace() { ::munmap(Base, Window); }

MemoryFastPath ReservedAddressSpace::fastPath() const {
  MemoryFastPath FP;
  FP.Kind = MemoryFastPath::Kind::Direct;
  FP.GuestBase = reinterpret_cast<uint64_t>(Base);
  return FP;
}

std::vector<MappingRange> ReservedAddressSpace::mappings() const {
  std::shared_lock L(Lock);
  return Table.all();
}

int ReservedAddressSpace::reserve(uint64_t Addr, uint64_t Length) {
  void *P = ::mmap(Base + Addr, Length, PROT_NONE,
                   MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  return P == MAP_FAILED ? -errno : 0;
}

void ReservedAddressSpace::runInvalidations(const std::vector<Range> &Inval) {
  // Called without the lock held: the hook may well ask us about pages.
  for (const Range &R : Inval) invalidateCode(R.first, R.second);
}

//===-- (1) finding free guest address space -----------------------------===//

int64_t ReservedAddressSpace::findUnmappedLocked(uint64_t Hint, uint64_t Length) const {
  if (Hint) {
    uint64_t H;
    if (pageAlignUp(Hint, H) && H >= LowestAddress && inWindow(H, Length) &&
        Table.isFree(H, H + Length))
      return int64_t(H);
  }
  if (auto A = Table.findFreeTopDown(LowestAddress, mmapBase(), Length, PageSize))
    return int64_t(*A);
  // Like Linux when the top-down area is exhausted: anywhere at all.
  if (auto A = Table.findFreeBottomUp(LowestAddress, Window, Length, PageSize))
    return int64_t(*A);
  return -ENOMEM;
}

int64_t ReservedAddressSpace::findUnmapped(uint64_t Hint, uint64_t Length) {
  uint64_t Len;
  if (Length == 0) return -EINVAL;
  if (!pageAlignUp(Length, Len) || Len > Window) return -ENOMEM;
  std::shared_lock L(Lock);
  return findUnmappedLocked(Hint, Len);
}

//===-- (2) and (3) mapping, unmapping, protection -----------------------===//

int64_t ReservedAddressSpace::map(const MapRequest &Req) {
  uint64_t Length;
  if (Req.Length == 0 || (Req.Prot & ~AllProt) || (Req.Offset & PageMask)) return -EINVAL;
  if (!pageAlignUp(Req.Length, Length) || Length > Window) return -ENOMEM;
  // Linux: MAP_FIXED_NOREPLACE is MAP_FIXED that refuses to clobber.
  bool Fixed = Req.Fixed || Req.NoReplace;
  if (Fixed && (Req.Addr & PageMask)) return -EINVAL;

  bool IsFile = Req.HostFd >= 0;
  MappingInfo Info;
  Info.Prot = Req.Prot;
  Info.Shared = Req.Shared;
  Info.GrowsDown = Req.GrowsDown;
  if (IsFile) {
    if (Req.Offset > uint64_t(INT64_MAX) - Length) return -EOVERFLOW;
    struct stat St;
    if (::fstat(Req.HostFd, &St) != 0) return -errno;
    Info.File = true;
    Info.Dev = St.st_dev;
    Info.Ino = St.st_ino;
  }

  std::vector<Range> Inval;
  uint64_t Addr;
  {
    std::unique_lock L(Lock);
    if (Fixed) {
      if (!inWindow(Req.Addr, Length)) return -ENOMEM;
      if (Req.Addr < LowestAddress) return -EPERM; // mmap_min_addr
      if (Req.NoReplace && !Table.isFree(Req.Addr, Req.Addr + Length)) return -EEXIST;
      Addr = Req.Addr;
    } else {
      int64_t Found = findUnmappedLocked(Req.Addr, Length);
      if (Found < 0) return Found;
      Addr = uint64_t(Found);
    }

    std::vector<MappingRange> Old = Table.ranges(Addr, Addr + Length);
    int Flags = MAP_FIXED | (Req.Shared ? MAP_SHARED : MAP_PRIVATE) |
                (IsFile ? 0 : MAP_ANONYMOUS);
    void *P = ::mmap(Base + Addr, Length, hostProt(Req.Prot), Flags, IsFile ? Req.HostFd : -1,
                     IsFile ? off_t(Req.Offset) : 0);
    if (P == MAP_FAILED) {
      int E = errno;
      // A failed MAP_FIXED may have torn the reservation; close it again.
      // Over old guest mappings the kernel checks before unmapping, so
      // they are left as they were.
      if (Old.empty()) reserve(Addr, Length);
      return -E;
    }
    for (const MappingRange &R : Old)
      if (R.Info.Prot & ProtExec) Inval.push_back({R.Start, R.End - R.Start});
    Info.OffsetBias = IsFile ? MappingInfo::biasFor(Addr, Req.Offset) : 0;
    Table.insert(Addr, Addr + Length, Info);
  }
  runInvalidations(Inval);
  return int64_t(Addr);
}

int64_t ReservedAddressSpace::unmapLocked(uint64_t Addr, uint64_t Length,
                                          std::vector<Range> &Inval) {
  std::vector<MappingRange> Old = Table.ranges(Addr, Addr + Length);
  if (Old.empty()) return 0;
  uint64_t Start = Old.front().Start, End = Old.back().End;
  if (int E = reserve(Start, End - Start)) return E;
  for (const MappingRange &R : Old)
    if (R.Info.Prot & ProtExec) Inval.push_back({R.Start, R.End - R.Start});
  Table.erase(Start, End);
  return 0;
}

int64_t ReservedAddressSpace::unmap(uint64_t Addr, uint64_t Length) {
  uint64_t Len;
  if ((Addr & PageMask) || Length == 0) return -EINVAL;
  if (!pageAlignUp(Length, Len) || !inWindow(Addr, Len)) return -EINVAL;
  std::vector<Range> Inval;
  int64_t Result;
  {
    std::unique_lock L(Lock);
    Result = unmapLocked(Addr, Len, Inval);
  }
  runInvalidations(Inval);
  return Result;
}

int64_t ReservedAddressSpace::protect(uint64_t Addr, uint64_t Length, int Prot) {
  // PROT_GROWSDOWN/PROT_GROWSUP only widen the range on Linux; there is no
  // stack growth to follow here, so they are accepted and ignored.
  Prot &= ~(0x01000000 | 0x02000000);
  if ((Prot & ~AllProt) || (Addr & PageMask)) return -EINVAL;
  if (Length == 0) return 0;
  uint64_t Len;
  if (!pageAlignUp(Length, Len) || !inWindow(Addr, Len)) return -ENOMEM;

  std::vector<Range> Inval;
  int64_t Result = 0;
  {
    std::unique_lock L(Lock);
    // Linux changes the mapped prefix and reports the first hole with ENOMEM.
    uint64_t End = Table.accessibleEnd(Addr, Addr + Len, ProtNone);
    if (End != Addr + Len) Result = -ENOMEM;
    // One host call per run, so a refusal (EACCES making a read-only shared
    // file writable) leaves the bookkeeping true for the runs before it.
    for (const MappingRange &R : Table.ranges(Addr, End)) {
      if (::mprotect(Base + R.Start, R.End - R.Start, hostProt(Prot)) != 0) {
        Result = -errno;
        break;
      }
      if ((R.Info.Prot & ProtExec) && !(Prot & ProtExec))
        Inval.push_back({R.Start, R.End - R.Start});
      Table.protect(R.Start, R.End, Prot);
    }
  }
  runInvalidations(Inval);
  return Result;
}

//===-- mremap ------------------------------------------------------------===//

int64_t ReservedAddressSpace::growInPlace(uint64_t Addr, uint64_t OldLength,
                                          uint64_t NewLength, const MappingInfo &Info) {
  uint64_t Tail = Addr + OldLength, TailLength = NewLength - OldLength;
  if (!Info.File && !Info.Shared) {
    // Fresh zero pages are all private anonymous growth needs, and mapping
    // them over the reservation never opens a hole.
    void *P = ::mmap(Base + Tail, TailLength, hostProt(Info.Prot),
                     MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (P == MAP_FAILED) {
      int E = errno;
      reserve(Tail, TailLength);
      return -E;
    }
  } else {
    // Files and shared memory can only be extended by the host's mremap,
    // which needs the tail free: a short-lived hole in the reservation.
    if (::munmap(Base + Tail, TailLength) != 0) return -errno;
    if (::mremap(Base + Addr, OldLength, NewLength, 0) == MAP_FAILED) {
      int E = errno;
      reserve(Tail, TailLength);
      return -E;
    }
  }
  // Same OffsetBias: a grown file mapping continues at the next file offset.
  Table.insert(Tail, Tail + TailLength, Info);
  return 0;
}

int64_t ReservedAddressSpace::moveLocked(uint64_t OldAddr, uint64_t OldLength,
                                         uint64_t NewAddr, uint64_t NewLength,
                                         const MappingInfo &Info, std::vector<Range> &Inval) {
  // Precondition: [NewAddr, NewAddr+NewLength) is free (reserved) and
  // NewLength >= OldLength.
  bool Moved = false;
  bool PrivateAnon = !Info.File && !Info.Shared;
  if (OldLength > 0 && (OldLength == NewLength || PrivateAnon)) {
    // MREMAP_DONTUNMAP leaves an empty mapping behind instead of a hole,
    // which reserve() then replaces: the window is never open to the host.
    uint64_t Tail = NewAddr + OldLength, TailLength = NewLength - OldLength;
    bool TailOk = true;
    if (TailLength) {
      TailOk = ::mmap(Base + Tail, TailLength, hostProt(Info.Prot),
                      MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED;
      if (!TailOk) {
        int E = errno;
        reserve(Tail, TailLength);
        return -E;
      }
    }
    if (::mremap(Base + OldAddr, OldLength, OldLength,
                 MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP,
                 Base + NewAddr) != MAP_FAILED) {
      reserve(OldAddr, OldLength);
      Moved = true;
    } else {
      int E = errno;
      if (TailLength) reserve(Tail, TailLength);
      // EINVAL: a kernel without MREMAP_DONTUNMAP for this kind of mapping.
      if (E != EINVAL) return -E;
    }
  }
  if (!Moved) {
    // The plain move leaves the source a hole until reserve() closes it; a
    // host thread mapping memory in between could land there. QEMU has the
    // same window; DONTUNMAP above avoids it for the common cases.
    if (::mremap(Base + OldAddr, OldLength, NewLength, MREMAP_MAYMOVE | MREMAP_FIXED,
                 Base + NewAddr) == MAP_FAILED)
      return -errno;
    if (OldLength > 0) reserve(OldAddr, OldLength);
  }

  MappingInfo NewInfo = Info;
  NewInfo.OffsetBias = Info.OffsetBias + OldAddr - NewAddr;
  if (OldLength > 0) {
    if (Info.Prot & ProtExec) Inval.push_back({OldAddr, OldLength});
    Table.erase(OldAddr, OldAddr + OldLength);
  }
  Table.insert(NewAddr, NewAddr + NewLength, NewInfo);
  return int64_t(NewAddr);
}

int64_t ReservedAddressSpace::remap(uint64_t OldAddr, uint64_t OldLength, uint64_t NewLength,
                                    bool MayMove, bool Fixed, uint64_t NewAddr) {
  uint64_t OldLen, NewLen;
  if ((OldAddr & PageMask) || (Fixed && !MayMove)) return -EINVAL;
  if (!pageAlignUp(OldLength, OldLen) || !pageAlignUp(NewLength, NewLen) || NewLen == 0)
    return -EINVAL;

  std::vector<Range> Inval;
  int64_t Result;
  {
    std::unique_lock L(Lock);
    Result = [&]() -> int64_t {
      if (!inWindow(OldAddr, OldLen)) return -EFAULT;
      // Linux wants the old range inside one VMA; the table's merged runs
      // are the closest equivalent.
      std::optional<MappingRange> Old = Table.lookup(OldAddr);
      if (!Old || OldAddr + OldLen > Old->End) return -EFAULT;
      // Length 0 duplicates a shared mapping; private ones have no pages to share.
      if (OldLen == 0 && !Old->Info.Shared) return -EINVAL;

      if (Fixed) {
        if ((NewAddr & PageMask) || !inWindow(NewAddr, NewLen)) return -EINVAL;
        if (NewAddr < LowestAddress) return -EPERM;
        if (NewAddr < OldAddr + OldLen && OldAddr < NewAddr + NewLen) return -EINVAL;
        if (int64_t E = unmapLocked(NewAddr, NewLen, Inval)) return E;
        if (OldLen > NewLen) {
          if (int64_t E = unmapLocked(OldAddr + NewLen, OldLen - NewLen, Inval)) return E;
          OldLen = NewLen;
        }
        return moveLocked(OldAddr, OldLen, NewAddr, NewLen, Old->Info, Inval);
      }
      if (OldLen > 0 && NewLen <= OldLen) {
        if (NewLen < OldLen)
          if (int64_t E = unmapLocked(OldAddr + NewLen, OldLen - NewLen, Inval)) return E;
        return int64_t(OldAddr);
      }
      if (OldLen > 0 && inWindow(OldAddr, NewLen) &&
          Table.isFree(OldAddr + OldLen, OldAddr + NewLen) &&
          growInPlace(OldAddr, OldLen, NewLen, Old->Info) == 0)
        return int64_t(OldAddr);
      if (!MayMove) return -ENOMEM;
      int64_t Dest = findUnmappedLocked(0, NewLen);
      if (Dest < 0) return Dest;
      return moveLocked(OldAddr, OldLen, uint64_t(Dest), NewLen, Old->Info, Inval);
    }();
  }
  runInvalidations(Inval);
  return Result;
}

//===-- queries and (4), (5) access ---------------------------------------===//

int ReservedAddressSpace::pageProt(uint64_t Addr) const {
  if (Addr >= Window) return -1;
  std::shared_lock L(Lock);
  return Table.protAt(Addr);
}

bool ReservedAddressSpace::isAccessible(uint64_t Addr, uint64_t Length, int Prot) const {
  if (Length == 0) return true;
  if (!inWindow(Addr, Length)) return false;
  std::shared_lock L(Lock);
  return Table.isAccessible(Addr, Addr + Length, Prot);
}

int64_t ReservedAddressSpace::hostPieces(uint64_t Addr, uint64_t Length, int Prot,
                                         std::vector<struct iovec> &Out) {
  if (!isAccessible(Addr, Length, Prot)) return -EFAULT;
  if (Length) Out.push_back({Base + Addr, size_t(Length)});
  return 0;
}

// The copies check the table and then copy without holding the lock, as
// QEMU does: a guest thread unmapping the buffer during the syscall that
// uses it is a guest bug, and holding a lock across a possibly faulting
// memcpy would be worse.
int64_t ReservedAddressSpace::copyFromGuest(void *Dst, uint64_t Src, size_t Length) {
  if (!isAccessible(Src, Length, ProtRead)) return -EFAULT;
  if (Length) std::memcpy(Dst, Base + Src, Length);
  return 0;
}

int64_t ReservedAddressSpace::copyToGuest(uint64_t Dst, const void *Src, size_t Length) {
  if (!isAccessible(Dst, Length, ProtWrite)) return -EFAULT;
  if (Length) std::memcpy(Base + Dst, Src, Length);
  return 0;
}

int64_t ReservedAddressSpace::guestStrlen(uint64_t Addr, size_t Max) {
  if (Max == 0) return -ENAMETOOLONG;
  if (Addr >= Window) return -EFAULT;
  uint64_t Limit = Max > Window - Addr ? Window : Addr + Max;
  uint64_t End;
  {
    std::shared_lock L(Lock);
    End = Table.accessibleEnd(Addr, Limit, ProtRead);
  }
  const uint8_t *Start = Base + Addr;
  if (const void *Nul = std::memchr(Start, 0, End - Addr))
    return static_cast<const uint8_t *>(Nul) - Start;
  return End - Addr == Max ? -ENAMETOOLONG : -EFAULT;
}

} // namespace dbt
