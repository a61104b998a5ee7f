//===- SyscallsMemory.cpp - brk, mmap and friends -------------------------===//
//
// Guest memory management goes through the AddressSpace only: these
// handlers check arguments the way Linux does, turn guest MAP_* flags into
// a MapRequest, and keep the program break in Process. The address space
// tells the code cache about unmapped or re-protected code itself.
//
//===----------------------------------------------------------------------===//

#include "Runtime/Linux/SyscallsInternal.h"

#include <algorithm>
#include <cstring>
#include <sys/mman.h>
#include <unistd.h>

namespace dbt::linux {

using namespace target;

namespace {

uint64_t pageSize(Process &P) { return P.AS.guestPageSize(); }

bool isAligned(uint64_t V, uint64_t Page) { return (V & (Page - 1)) == 0; }

/// Rounds \p Len up to whole pages; false when that overflows.
bool pageAlignLength(uint64_t Len, uint64_t Page, uint64_t &Out) {
  Out = (Len + Page - 1) & ~(Page - 1);
  return Out >= Len;
}

/// MADV_DONTNEED: the next access sees zeroes (private anonymous memory) or
/// the file's contents (private file mappings). Host madvise does exactly
/// that for whole host pages behind the guest range; a piece that covers
/// part of a host page (host pages larger than the guest's) can only be
/// zeroed, which is right for the anonymous memory programs discard.
int64_t discardPages(Process &P, uint64_t Addr, uint64_t Len) {
  std::vector<struct iovec> Pieces;
  if (P.AS.hostPieces(Addr, Len, ProtNone, Pieces) < 0)
    return -ENOMEM;
  uint64_t HostPage = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
  uint64_t GuestAddr = Addr;
  for (const struct iovec &Piece : Pieces) {
    auto Base = reinterpret_cast<uintptr_t>(Piece.iov_base);
    bool Whole = isAligned(Base, HostPage) && isAligned(Piece.iov_len, HostPage);
    if (!(Whole && ::madvise(Piece.iov_base, Piece.iov_len, MADV_DONTNEED) == 0)) {
      // Zero by hand only what the guest could have written; writing to a
      // page the host maps read-only would fault.
      if (P.AS.isAccessible(GuestAddr, Piece.iov_len, ProtWrite))
        std::memset(Piece.iov_base, 0, Piece.iov_len);
    }
    GuestAddr += Piece.iov_len;
  }
  return 0;
}

} // namespace

int64_t sysBrk(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  uint64_t Page = pageSize(P);
  uint64_t Requested = A[0];
  if (P.BrkMappedEnd == 0)
    P.BrkMappedEnd = (P.BrkStart + Page - 1) & ~(Page - 1);
  if (P.BrkCurrent == 0)
    P.BrkCurrent = P.BrkStart;
  // Like Linux, a break that cannot be set leaves the old one and returns
  // it; the guest's libc notices that nothing changed.
  if (Requested < P.BrkStart || Requested > P.AS.guestLimit())
    return P.BrkCurrent;
  uint64_t NewEnd = (Requested + Page - 1) & ~(Page - 1);
  if (NewEnd > P.BrkMappedEnd) {
    uint64_t Len = NewEnd - P.BrkMappedEnd;
    // The heap grows in place or not at all: never over another mapping.
    if (P.AS.findUnmapped(P.BrkMappedEnd, Len) !=
        static_cast<int64_t>(P.BrkMappedEnd))
      return P.BrkCurrent;
    MapRequest Req;
    Req.Addr = P.BrkMappedEnd;
    Req.Length = Len;
    Req.Prot = ProtRead | ProtWrite;
    Req.Fixed = true;
    Req.NoReplace = true;
    if (P.AS.map(Req) < 0)
      return P.BrkCurrent;
    P.BrkMappedEnd = NewEnd;
  } else if (NewEnd < P.BrkMappedEnd) {
    if (P.AS.unmap(NewEnd, P.BrkMappedEnd - NewEnd) < 0)
      return P.BrkCurrent;
    P.BrkMappedEnd = NewEnd;
  }
  P.BrkCurrent = Requested;
  return static_cast<int64_t>(Requested);
}

int64_t sysMmap(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  uint64_t Page = pageSize(P);
  uint64_t Addr = A[0];
  uint32_t Prot = A.u32(2);
  uint32_t Flags = A.u32(3);
  int Fd = A.i32(4);
  uint64_t Offset = A[5];
  uint64_t Len;
  if (A[1] == 0 || !isAligned(Offset, Page))
    return -EINVAL;
  if (!pageAlignLength(A[1], Page, Len))
    return -ENOMEM;
  uint32_t Type = Flags & MapType;
  if (Type != MapShared && Type != MapPrivate && Type != MapSharedValidate)
    return -EINVAL;
  bool Fixed = Flags & (MapFixed | MapFixedNoReplace);
  if (Fixed && !isAligned(Addr, Page))
    return -EINVAL;
  bool Anonymous = Flags & MapAnonymous;
  if (!Anonymous && Fd < 0)
    return -EBADF;
  MapRequest Req;
  Req.Addr = Fixed ? Addr : Addr & ~(Page - 1);
  Req.Length = Len;
  Req.Prot = static_cast<int>(Prot & (ProtRead | ProtWrite | ProtExec));
  Req.Fixed = Fixed;
  // Linux lets MAP_FIXED_NOREPLACE win when both are given.
  Req.NoReplace = Flags & MapFixedNoReplace;
  Req.Shared = Type != MapPrivate;
  Req.GrowsDown = Flags & MapGrowsDown;
  Req.HostFd = Anonymous ? -1 : Fd;
  Req.Offset = Anonymous ? 0 : Offset;
  return P.AS.map(Req);
}

int64_t sysMunmap(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  uint64_t Page = pageSize(P);
  uint64_t Len;
  if (!isAligned(A[0], Page) || A[1] == 0 || !pageAlignLength(A[1], Page, Len))
    return -EINVAL;
  return P.AS.unmap(A[0], Len);
}

int64_t sysMprotect(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  uint64_t Page = pageSize(P);
  uint64_t Len;
  uint32_t Prot = A.u32(2);
  if (!isAligned(A[0], Page))
    return -EINVAL;
  if (Prot & ~(ProtRead | ProtWrite | ProtExec | ProtSem | ProtGrowsDown |
               ProtGrowsUp))
    return -EINVAL;
  if (!pageAlignLength(A[1], Page, Len))
    return -ENOMEM;
  if (Len == 0)
    return 0;
  return P.AS.protect(A[0], Len,
                      static_cast<int>(Prot & (ProtRead | ProtWrite | ProtExec)));
}

int64_t sysMremap(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  uint64_t Page = pageSize(P);
  uint32_t Flags = A.u32(3);
  uint64_t OldLen, NewLen;
  if (!isAligned(A[0], Page))
    return -EINVAL;
  if (Flags & ~(MRemapMayMove | MRemapFixed | MRemapDontUnmap))
    return -EINVAL;
  if ((Flags & MRemapFixed) && !(Flags & MRemapMayMove))
    return -EINVAL;
  // MREMAP_DONTUNMAP leaves the old range mapped to fresh zero pages; no
  // guest libc relies on it, so it is refused rather than half done.
  if (Flags & MRemapDontUnmap)
    return -EINVAL;
  if (!pageAlignLength(A[1], Page, OldLen) || !pageAlignLength(A[2], Page, NewLen) ||
      NewLen == 0)
    return -EINVAL;
  if ((Flags & MRemapFixed) && !isAligned(A[4], Page))
    return -EINVAL;
  return P.AS.remap(A[0], OldLen, NewLen, Flags & MRemapMayMove,
                    Flags & MRemapFixed, A[4]);
}

int64_t sysMadvise(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  uint64_t Page = pageSize(P);
  uint64_t Len;
  if (!isAligned(A[0], Page))
    return -EINVAL;
  if (!pageAlignLength(A[1], Page, Len))
    return -EINVAL;
  switch (A.i32(2)) {
  case MAdvDontNeed:
  case MAdvDontNeedLocked:
    return Len ? discardPages(P, A[0], Len) : 0;
  // Hints the emulator may ignore: they change performance, not contents.
  // MADV_FREE lets the kernel keep the data until it needs the memory, so
  // keeping it forever is a valid implementation.
  case MAdvNormal:
  case MAdvRandom:
  case MAdvSequential:
  case MAdvWillNeed:
  case MAdvFree:
  case MAdvDontFork:
  case MAdvDoFork:
  case MAdvMergeable:
  case MAdvUnmergeable:
  case MAdvHugePage:
  case MAdvNoHugePage:
  case MAdvDontDump:
  case MAdvDoDump:
  case MAdvWipeOnFork:
  case MAdvKeepOnFork:
  case MAdvCold:
  case MAdvPageOut:
  case MAdvPopulateRead:
  case MAdvPopulateWrite:
  case MAdvCollapse:
    return 0;
  }
  return -EINVAL;
}

int64_t sysMsync(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  uint64_t Page = pageSize(P);
  uint64_t Len;
  int Flags = A.i32(2);
  if (!isAligned(A[0], Page) || (Flags & ~(MS_ASYNC | MS_SYNC | MS_INVALIDATE)) ||
      ((Flags & MS_ASYNC) && (Flags & MS_SYNC)))
    return -EINVAL;
  if (!pageAlignLength(A[1], Page, Len))
    return -ENOMEM;
  if (Len == 0)
    return 0;
  std::vector<struct iovec> Pieces;
  if (P.AS.hostPieces(A[0], Len, ProtNone, Pieces) < 0)
    return -ENOMEM;
  uint64_t HostPage = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
  for (const struct iovec &Piece : Pieces) {
    auto Base = reinterpret_cast<uintptr_t>(Piece.iov_base);
    uintptr_t Start = Base & ~(HostPage - 1);
    if (::msync(reinterpret_cast<void *>(Start), Base + Piece.iov_len - Start,
                Flags) < 0)
      return hostErrno();
  }
  return 0;
}

// Locking guest pages would lock the emulator's memory on the guest's
// behalf; the guest cannot tell the difference, so these succeed quietly
// (as long as the range is mapped, which Linux checks).
int64_t sysMlock(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  if (A[1] && !P.AS.isAccessible(A[0] & ~(pageSize(P) - 1), A[1], ProtNone))
    return -ENOMEM;
  return 0;
}

int64_t sysMunlock(Process &P, riscv::CpuState &Cpu, const SyscallArgs &A) {
  return sysMlock(P, Cpu, A);
}

int64_t sysMlockall(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  if (A.u32(0) == 0 || (A.u32(0) & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)))
    return -EINVAL;
  return 0;
}

int64_t sysMunlockall(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return 0;
}

// The kernel flushes every hart whatever the range; the range still tells
// the code cache what changed. An empty range means the whole guest space,
// which is bounded by the address space rather than 2^64 because the code
// cache may walk the range.
int64_t sysRiscvFlushIcache(Process &P, riscv::CpuState &,
                            const SyscallArgs &A) {
  if (A[2] & ~FlushIcacheLocal)
    return -EINVAL;
  if (!P.FlushCode)
    return 0;
  uint64_t Lo = std::max(A[0], P.AS.guestLowest());
  uint64_t Hi = std::min(A[1], P.AS.guestLimit());
  if (A[1] <= A[0]) {
    Lo = P.AS.guestLowest();
    Hi = P.AS.guestLimit();
  }
  if (Hi > Lo)
    P.FlushCode(Lo, Hi);
  return 0;
}

} // namespace dbt::linux
