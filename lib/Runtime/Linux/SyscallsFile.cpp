//===- SyscallsFile.cpp - Files, descriptors and I/O ----------------------===//
//
// Guest file descriptors are host descriptors, as in qemu-user. Data moves
// between a file and guest memory without a bounce copy: the guest range is
// described as host iovecs (AddressSpace::hostPieces) and handed to
// readv/writev/preadv/pwritev. Structures whose riscv64 layout differs from
// the host's (struct stat, epoll_event) are converted; flags are mapped bit
// by bit even where the values agree today.
//
//===----------------------------------------------------------------------===//

#include "Runtime/Linux/SyscallsInternal.h"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace dbt::linux {

using namespace target;

namespace {

// glibc defines O_LARGEFILE as 0 on 64-bit hosts, but the kernel still
// reports its own bit in F_GETFL, so the host side needs the kernel value.
#if defined(__x86_64__) || defined(__riscv)
constexpr int HostOLargeFile = 0100000;
#elif defined(__aarch64__) || defined(__powerpc64__)
constexpr int HostOLargeFile = 0400000;
#else
#error "kernel O_LARGEFILE value for this host is unknown"
#endif

struct FlagPair {
  uint32_t Guest;
  int Host;
};

constexpr FlagPair OpenFlagMap[] = {
    {OCreat, O_CREAT},
    {OExcl, O_EXCL},
    {ONoCtty, O_NOCTTY},
    {OTrunc, O_TRUNC},
    {OAppend, O_APPEND},
    {ONonBlock, O_NONBLOCK},
    {ODSync, O_DSYNC},
    {OAsync, O_ASYNC},
    {ODirect, O_DIRECT},
    {OLargeFile, HostOLargeFile},
    {ODirectory, O_DIRECTORY},
    {ONoFollow, O_NOFOLLOW},
    {ONoAtime, O_NOATIME},
    {OCloExec, O_CLOEXEC},
    {OSyncBit, O_SYNC & ~O_DSYNC},
    {OPath, O_PATH},
    {OTmpFileBit, O_TMPFILE & ~O_DIRECTORY},
};

/// The kernel caps one read or write at this many bytes (MAX_RW_COUNT).
constexpr uint64_t MaxRwCount = INT_MAX & ~(PageSize - 1);

int64_t pathArg(Process &P, uint64_t Addr, std::string &Out) {
  return readGuestPath(P, Addr, Out);
}

/// read/pread64: the guest buffer as host pieces, then one host call.
int64_t doRead(Process &P, int Fd, uint64_t Buf, uint64_t Count,
               bool HasOffset, int64_t Offset) {
  Count = std::min(Count, MaxRwCount);
  if (Count == 0)
    return hostResult(HasOffset ? ::pread(Fd, nullptr, 0, Offset)
                                : ::read(Fd, nullptr, 0));
  std::vector<struct iovec> Iov;
  if (int64_t R = P.AS.hostPieces(Buf, Count, ProtWrite, Iov); R < 0)
    return R;
  if (Iov.size() > IOV_MAX)
    Iov.resize(IOV_MAX);
  // One piece is the common case; plain read keeps the exact semantics of
  // files whose driver treats readv differently.
  if (Iov.size() == 1)
    return hostResult(HasOffset
                          ? ::pread(Fd, Iov[0].iov_base, Iov[0].iov_len, Offset)
                          : ::read(Fd, Iov[0].iov_base, Iov[0].iov_len));
  return hostResult(HasOffset ? ::preadv(Fd, Iov.data(), Iov.size(), Offset)
                              : ::readv(Fd, Iov.data(), Iov.size()));
}

int64_t doWrite(Process &P, int Fd, uint64_t Buf, uint64_t Count,
                bool HasOffset, int64_t Offset) {
  Count = std::min(Count, MaxRwCount);
  if (Count == 0)
    return hostResult(HasOffset ? ::pwrite(Fd, nullptr, 0, Offset)
                                : ::write(Fd, nullptr, 0));
  std::vector<struct iovec> Iov;
  if (int64_t R = P.AS.hostPieces(Buf, Count, ProtRead, Iov); R < 0)
    return R;
  if (Iov.size() > IOV_MAX)
    Iov.resize(IOV_MAX);
  if (Iov.size() == 1)
    return hostResult(
        HasOffset ? ::pwrite(Fd, Iov[0].iov_base, Iov[0].iov_len, Offset)
                  : ::write(Fd, Iov[0].iov_base, Iov[0].iov_len));
  return hostResult(HasOffset ? ::pwritev(Fd, Iov.data(), Iov.size(), Offset)
                              : ::writev(Fd, Iov.data(), Iov.size()));
}

int64_t doVectorIo(Process &P, const SyscallArgs &A, bool Write,
                   bool HasOffset) {
  int Fd = A.i32(0);
  int Count = A.i32(2);
  if (Count < 0)
    return -EINVAL;
  std::vector<struct iovec> Iov;
  if (int64_t R = guestIovecsToHost(P.AS, A[1], Count,
                                    Write ? ProtRead : ProtWrite, Iov);
      R < 0)
    return R;
  int64_t Offset = A.i64(3);
  if (Write)
    return hostResult(HasOffset ? ::pwritev(Fd, Iov.data(), Iov.size(), Offset)
                                : ::writev(Fd, Iov.data(), Iov.size()));
  return hostResult(HasOffset ? ::preadv(Fd, Iov.data(), Iov.size(), Offset)
                              : ::readv(Fd, Iov.data(), Iov.size()));
}

int64_t writeStat(Process &P, uint64_t Addr, const struct stat &St) {
  target::Stat G;
  convertStat(St, G);
  return writeGuest(P.AS, Addr, G);
}

/// The path argument of a *at call that may be NULL with AT_EMPTY_PATH.
int64_t optionalPathArg(Process &P, uint64_t Addr, uint32_t Flags,
                        std::string &Out) {
  if (Addr == 0 && (Flags & AtEmptyPath)) {
    Out.clear();
    return 0;
  }
  return pathArg(P, Addr, Out);
}

int64_t copyFlockIn(Process &P, uint64_t Addr, struct flock &H) {
  target::Flock G;
  if (int64_t R = readGuest(P.AS, Addr, G); R < 0)
    return R;
  H = {};
  H.l_type = G.Type;
  H.l_whence = G.Whence;
  H.l_start = G.Start;
  H.l_len = G.Len;
  H.l_pid = G.Pid;
  return 0;
}

int64_t copyFlockOut(Process &P, uint64_t Addr, const struct flock &H) {
  target::Flock G = {};
  G.Type = H.l_type;
  G.Whence = H.l_whence;
  G.Start = H.l_start;
  G.Len = H.l_len;
  G.Pid = H.l_pid;
  return writeGuest(P.AS, Addr, G);
}

int hostLockCmd(int Cmd) {
  switch (Cmd) {
  case FGetLk: return F_GETLK;
  case FSetLk: return F_SETLK;
  case FSetLkW: return F_SETLKW;
  case FOfdGetLk: return F_OFD_GETLK;
  case FOfdSetLk: return F_OFD_SETLK;
  case FOfdSetLkW: return F_OFD_SETLKW;
  }
  return -1;
}

/// Terminal and file ioctls the guest may pass through: the request, the
/// size of the struct its argument points to (0: the argument is a value),
/// and whether the kernel reads and/or writes that struct. The riscv64 and
/// x86-64 kernels share asm-generic/ioctls.h and termbits.h, so requests and
/// layouts are the same on both sides; anything else is -ENOTTY, which is
/// what Linux says about a request a file does not support.
struct IoctlInfo {
  uint32_t Request;
  uint16_t Size;
  bool In, Out;
};

constexpr IoctlInfo KnownIoctls[] = {
    {TcGetS, sizeof(Termios), false, true},
    {TcSetS, sizeof(Termios), true, false},
    {TcSetSW, sizeof(Termios), true, false},
    {TcSetSF, sizeof(Termios), true, false},
    {TcGetS2, sizeof(Termios2), false, true},
    {TcSetS2, sizeof(Termios2), true, false},
    {TcSetSW2, sizeof(Termios2), true, false},
    {TcSetSF2, sizeof(Termios2), true, false},
    {TcSBrk, 0, false, false},
    {TcSBrkP, 0, false, false},
    {TcXonC, 0, false, false},
    {TcFlsh, 0, false, false},
    {TiocExcl, 0, false, false},
    {TiocNxcl, 0, false, false},
    {TiocSCtty, 0, false, false},
    {TiocNotty, 0, false, false},
    {TiocGPgrp, sizeof(int32_t), false, true},
    {TiocSPgrp, sizeof(int32_t), true, false},
    {TiocGSid, sizeof(int32_t), false, true},
    {TiocOutQ, sizeof(int32_t), false, true},
    {TiocGWinSz, sizeof(Winsize), false, true},
    {TiocSWinSz, sizeof(Winsize), true, false},
    {FionRead, sizeof(int32_t), false, true},
    {FionBio, sizeof(int32_t), true, false},
    {FioAsync, sizeof(int32_t), true, false},
    {FioClex, 0, false, false},
    {FionClex, 0, false, false},
    {TiocGPtn, sizeof(uint32_t), false, true},
    {TiocSPtLck, sizeof(int32_t), true, false},
};

static_assert(TCGETS == TcGetS && TCSETSF == TcSetSF && TIOCGWINSZ == TiocGWinSz &&
                  FIONREAD == FionRead && FIOCLEX == FioClex &&
                  TIOCGPTN == TiocGPtn,
              "host ioctl numbers differ from asm-generic: translate them");

int64_t epollEventsOut(Process &P, uint64_t Addr,
                       const struct epoll_event *Events, int N) {
  for (int I = 0; I < N; ++I) {
    target::EpollEvent G = {};
    G.Events = Events[I].events;
    G.Data = Events[I].data.u64;
    if (int64_t R = writeGuest(P.AS, Addr + I * sizeof(G), G); R < 0)
      return R;
  }
  return 0;
}

} // namespace

//===-- Conversions -------------------------------------------------------===//

int openFlagsToHost(uint32_t GuestFlags) {
  int Host = static_cast<int>(GuestFlags & OAccMode);
  for (const FlagPair &F : OpenFlagMap)
    if (GuestFlags & F.Guest)
      Host |= F.Host;
  return Host;
}

uint32_t openFlagsToGuest(int HostFlags) {
  uint32_t Guest = static_cast<uint32_t>(HostFlags) & OAccMode;
  for (const FlagPair &F : OpenFlagMap)
    if ((HostFlags & F.Host) == F.Host)
      Guest |= F.Guest;
  return Guest;
}

void convertStat(const struct stat &H, target::Stat &G) {
  G = {};
  G.Dev = H.st_dev;
  G.Ino = H.st_ino;
  G.Mode = H.st_mode;
  G.Nlink = static_cast<uint32_t>(H.st_nlink);
  G.Uid = H.st_uid;
  G.Gid = H.st_gid;
  G.Rdev = H.st_rdev;
  G.Size = H.st_size;
  G.BlkSize = static_cast<int32_t>(H.st_blksize);
  G.Blocks = H.st_blocks;
  G.ATime = H.st_atim.tv_sec;
  G.ATimeNsec = H.st_atim.tv_nsec;
  G.MTime = H.st_mtim.tv_sec;
  G.MTimeNsec = H.st_mtim.tv_nsec;
  G.CTime = H.st_ctim.tv_sec;
  G.CTimeNsec = H.st_ctim.tv_nsec;
}

void convertStatFs(const struct statfs &H, target::StatFs &G) {
  G = {};
  G.Type = H.f_type;
  G.BSize = H.f_bsize;
  G.Blocks = H.f_blocks;
  G.BFree = H.f_bfree;
  G.BAvail = H.f_bavail;
  G.Files = H.f_files;
  G.FFree = H.f_ffree;
  std::memcpy(G.Fsid, &H.f_fsid, sizeof(G.Fsid));
  G.NameLen = H.f_namelen;
  G.FrSize = H.f_frsize;
  G.Flags = H.f_flags;
}

//===-- Descriptors -------------------------------------------------------===//

int64_t sysOpenat(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  std::string Path;
  if (int64_t R = pathArg(P, A[1], Path); R < 0)
    return R;
  return hostResult(::openat(A.i32(0), Path.c_str(), openFlagsToHost(A.u32(2)),
                             static_cast<mode_t>(A.u32(3))));
}

int64_t sysClose(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::close(A.i32(0)));
}

int64_t sysDup(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::dup(A.i32(0)));
}

int64_t sysDup3(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  if (A.u32(2) & ~OCloExec)
    return -EINVAL;
  return hostResult(::dup3(A.i32(0), A.i32(1), openFlagsToHost(A.u32(2))));
}

int64_t sysPipe2(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  int Fds[2];
  if (::pipe2(Fds, openFlagsToHost(A.u32(1))) < 0)
    return hostErrno();
  int32_t Guest[2] = {Fds[0], Fds[1]};
  if (int64_t R = writeGuest(P.AS, A[0], Guest); R < 0) {
    ::close(Fds[0]);
    ::close(Fds[1]);
    return R;
  }
  return 0;
}

int64_t sysFcntl(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  int Fd = A.i32(0);
  int Cmd = A.i32(1);
  switch (Cmd) {
  case FDupFd:
    return hostResult(::fcntl(Fd, F_DUPFD, A.i32(2)));
  case FDupFdCloExec:
    return hostResult(::fcntl(Fd, F_DUPFD_CLOEXEC, A.i32(2)));
  case FGetFd:
    return hostResult(::fcntl(Fd, F_GETFD));
  case FSetFd:
    return hostResult(::fcntl(Fd, F_SETFD, A.i32(2)));
  case FGetFl: {
    int R = ::fcntl(Fd, F_GETFL);
    return R < 0 ? hostErrno() : openFlagsToGuest(R);
  }
  case FSetFl:
    return hostResult(::fcntl(Fd, F_SETFL, openFlagsToHost(A.u32(2))));
  case FGetLk:
  case FSetLk:
  case FSetLkW:
  case FOfdGetLk:
  case FOfdSetLk:
  case FOfdSetLkW: {
    struct flock Lock;
    if (int64_t R = copyFlockIn(P, A[2], Lock); R < 0)
      return R;
    if (::fcntl(Fd, hostLockCmd(Cmd), &Lock) < 0)
      return hostErrno();
    if (Cmd == FGetLk || Cmd == FOfdGetLk)
      return copyFlockOut(P, A[2], Lock);
    return 0;
  }
  case FGetOwnEx: {
    struct f_owner_ex Owner;
    if (::fcntl(Fd, F_GETOWN_EX, &Owner) < 0)
      return hostErrno();
    target::FOwnerEx G = {Owner.type, Owner.pid};
    return writeGuest(P.AS, A[2], G);
  }
  case FSetOwnEx: {
    target::FOwnerEx G;
    if (int64_t R = readGuest(P.AS, A[2], G); R < 0)
      return R;
    struct f_owner_ex Owner = {static_cast<__pid_type>(G.Type), G.Pid};
    return hostResult(::fcntl(Fd, F_SETOWN_EX, &Owner));
  }
  case FGetOwn:
    return hostResult(::fcntl(Fd, F_GETOWN));
  case FSetOwn:
    return hostResult(::fcntl(Fd, F_SETOWN, A.i32(2)));
  case FGetSig:
    return hostResult(::fcntl(Fd, F_GETSIG));
  case FSetSig:
    return hostResult(::fcntl(Fd, F_SETSIG, A.i32(2)));
  case FGetLease:
    return hostResult(::fcntl(Fd, F_GETLEASE));
  case FSetLease:
    return hostResult(::fcntl(Fd, F_SETLEASE, A.i32(2)));
  case FNotify:
    return hostResult(::fcntl(Fd, F_NOTIFY, A.i32(2)));
  case FGetPipeSz:
    return hostResult(::fcntl(Fd, F_GETPIPE_SZ));
  case FSetPipeSz:
    return hostResult(::fcntl(Fd, F_SETPIPE_SZ, A.i32(2)));
  case FGetSeals:
    return hostResult(::fcntl(Fd, F_GET_SEALS));
  case FAddSeals:
    return hostResult(::fcntl(Fd, F_ADD_SEALS, A.i32(2)));
  }
  return -EINVAL;
}

int64_t sysIoctl(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  int Fd = A.i32(0);
  uint32_t Request = A.u32(1);
  const IoctlInfo *Info = nullptr;
  for (const IoctlInfo &I : KnownIoctls)
    if (I.Request == Request)
      Info = &I;
  if (!Info)
    return -ENOTTY;
  if (Info->Size == 0)
    return hostResult(::ioctl(Fd, static_cast<unsigned long>(Request),
                              static_cast<unsigned long>(A[2])));
  uint8_t Buf[64] = {};
  if (Info->In)
    if (int64_t R = P.AS.copyFromGuest(Buf, A[2], Info->Size); R < 0)
      return R;
  int R = ::ioctl(Fd, static_cast<unsigned long>(Request), Buf);
  if (R < 0)
    return hostErrno();
  if (Info->Out)
    if (int64_t W = P.AS.copyToGuest(A[2], Buf, Info->Size); W < 0)
      return W;
  return R;
}

int64_t sysMemfdCreate(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  // A name, not a path: taken verbatim. MFD_* values are arch-independent.
  std::string Name;
  if (int64_t R = readGuestString(P.AS, A[0], Name, 250); R < 0)
    return R == -ENAMETOOLONG ? -EINVAL : R;
  return hostResult(::syscall(SYS_memfd_create, Name.c_str(), A.u32(1)));
}

int64_t sysFlock(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::flock(A.i32(0), A.i32(1)));
}

int64_t sysEventfd2(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  // EFD_CLOEXEC and EFD_NONBLOCK are the O_ bits; EFD_SEMAPHORE is bit 0.
  return hostResult(::eventfd(A.u32(0), openFlagsToHost(A.u32(1))));
}

int64_t sysEpollCreate1(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  if (A.u32(0) & ~OCloExec)
    return -EINVAL;
  return hostResult(::epoll_create1(openFlagsToHost(A.u32(0))));
}

int64_t sysEpollCtl(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  struct epoll_event Event = {};
  struct epoll_event *EventPtr = nullptr;
  if (A[3]) {
    target::EpollEvent G;
    if (int64_t R = readGuest(P.AS, A[3], G); R < 0)
      return R;
    Event.events = G.Events;
    Event.data.u64 = G.Data;
    EventPtr = &Event;
  }
  return hostResult(::epoll_ctl(A.i32(0), A.i32(1), A.i32(2), EventPtr));
}

// The signal mask argument is not applied: guest signals are delivered by
// the runtime, not by the host kernel, so the host mask is irrelevant.
int64_t sysEpollPwait(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  int Max = A.i32(2);
  if (Max <= 0 || Max > 65536)
    return -EINVAL;
  std::vector<struct epoll_event> Events(Max);
  int N = ::epoll_wait(A.i32(0), Events.data(), Max, A.i32(3));
  if (N < 0)
    return hostErrno();
  if (int64_t R = epollEventsOut(P, A[1], Events.data(), N); R < 0)
    return R;
  return N;
}

//===-- Reading and writing ---------------------------------------------===//

int64_t sysRead(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return doRead(P, A.i32(0), A[1], A[2], false, 0);
}

int64_t sysWrite(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return doWrite(P, A.i32(0), A[1], A[2], false, 0);
}

int64_t sysPread64(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  if (A.i64(3) < 0)
    return -EINVAL;
  return doRead(P, A.i32(0), A[1], A[2], true, A.i64(3));
}

int64_t sysPwrite64(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  if (A.i64(3) < 0)
    return -EINVAL;
  return doWrite(P, A.i32(0), A[1], A[2], true, A.i64(3));
}

int64_t sysReadv(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return doVectorIo(P, A, /*Write=*/false, /*HasOffset=*/false);
}

int64_t sysWritev(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return doVectorIo(P, A, /*Write=*/true, /*HasOffset=*/false);
}

// On 64-bit the kernel takes the whole offset from pos_l (a3); pos_h is
// ignored.
int64_t sysPreadv(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  if (A.i64(3) < 0)
    return -EINVAL;
  return doVectorIo(P, A, /*Write=*/false, /*HasOffset=*/true);
}

int64_t sysPwritev(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  if (A.i64(3) < 0)
    return -EINVAL;
  return doVectorIo(P, A, /*Write=*/true, /*HasOffset=*/true);
}

int64_t sysLseek(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::lseek(A.i32(0), A.i64(1), A.i32(2)));
}

int64_t sysSendfile(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  off_t Offset = 0;
  if (A[2])
    if (int64_t R = readGuest(P.AS, A[2], Offset); R < 0)
      return R;
  ssize_t N = ::sendfile(A.i32(0), A.i32(1), A[2] ? &Offset : nullptr,
                         std::min(A[3], MaxRwCount));
  if (N < 0)
    return hostErrno();
  if (A[2])
    if (int64_t R = writeGuest(P.AS, A[2], Offset); R < 0)
      return R;
  return N;
}

int64_t sysCopyFileRange(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  off_t In = 0, Out = 0;
  if (A[1])
    if (int64_t R = readGuest(P.AS, A[1], In); R < 0)
      return R;
  if (A[3])
    if (int64_t R = readGuest(P.AS, A[3], Out); R < 0)
      return R;
  ssize_t N = ::copy_file_range(A.i32(0), A[1] ? &In : nullptr, A.i32(2),
                                A[3] ? &Out : nullptr, A[4], A.u32(5));
  if (N < 0)
    return hostErrno();
  if (A[1])
    if (int64_t R = writeGuest(P.AS, A[1], In); R < 0)
      return R;
  if (A[3])
    if (int64_t R = writeGuest(P.AS, A[3], Out); R < 0)
      return R;
  return N;
}

int64_t sysGetdents64(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  // struct linux_dirent64 is the same on every 64-bit Linux.
  uint64_t Count = std::min<uint64_t>(A.u32(2), MaxRwCount);
  GuestBuffer Buf(P.AS, A[1], Count, GuestBuffer::Out);
  if (!Buf.ok())
    return -EFAULT;
  long N = ::syscall(SYS_getdents64, A.i32(0), Buf.data(), Count);
  return producedOrErrno(Buf, N);
}

// The timeout is written back with the time left, like the raw syscall
// does; the signal mask is not applied (see sysEpollPwait).
int64_t sysPpoll(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  uint64_t Nfds = A[1];
  if (Nfds > 1024 * 1024)
    return -EINVAL;
  std::vector<struct pollfd> Fds(Nfds);
  static_assert(sizeof(struct pollfd) == sizeof(target::PollFd));
  if (Nfds)
    if (int64_t R = P.AS.copyFromGuest(Fds.data(), A[0],
                                       Nfds * sizeof(struct pollfd));
        R < 0)
      return R;
  struct timespec Ts, *TsPtr = nullptr;
  if (A[2]) {
    target::Timespec G;
    if (int64_t R = readGuest(P.AS, A[2], G); R < 0)
      return R;
    Ts = {G.Sec, G.Nsec};
    TsPtr = &Ts;
  }
  long N = ::syscall(SYS_ppoll, Fds.data(), Nfds, TsPtr, nullptr, 8);
  if (N < 0)
    return hostErrno();
  if (Nfds)
    if (int64_t R = P.AS.copyToGuest(A[0], Fds.data(),
                                     Nfds * sizeof(struct pollfd));
        R < 0)
      return R;
  if (TsPtr) {
    target::Timespec G = {Ts.tv_sec, Ts.tv_nsec};
    if (int64_t R = writeGuest(P.AS, A[2], G); R < 0)
      return R;
  }
  return N;
}

int64_t sysPselect6(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  int Nfds = A.i32(0);
  if (Nfds < 0 || Nfds > FD_SETSIZE)
    return -EINVAL;
  // fd_set is an array of 64-bit words on both sides.
  size_t Bytes = (static_cast<size_t>(Nfds) + 63) / 64 * 8;
  fd_set Sets[3];
  fd_set *Ptrs[3] = {nullptr, nullptr, nullptr};
  for (unsigned I = 0; I < 3; ++I) {
    if (!A[1 + I])
      continue;
    std::memset(&Sets[I], 0, sizeof(fd_set));
    if (Bytes)
      if (int64_t R = P.AS.copyFromGuest(&Sets[I], A[1 + I], Bytes); R < 0)
        return R;
    Ptrs[I] = &Sets[I];
  }
  struct timespec Ts, *TsPtr = nullptr;
  if (A[4]) {
    target::Timespec G;
    if (int64_t R = readGuest(P.AS, A[4], G); R < 0)
      return R;
    Ts = {G.Sec, G.Nsec};
    TsPtr = &Ts;
  }
  long N = ::syscall(SYS_pselect6, Nfds, Ptrs[0], Ptrs[1], Ptrs[2], TsPtr,
                     nullptr);
  if (N < 0)
    return hostErrno();
  for (unsigned I = 0; I < 3; ++I)
    if (Ptrs[I] && Bytes)
      if (int64_t R = P.AS.copyToGuest(A[1 + I], Ptrs[I], Bytes); R < 0)
        return R;
  if (TsPtr) {
    target::Timespec G = {Ts.tv_sec, Ts.tv_nsec};
    if (int64_t R = writeGuest(P.AS, A[4], G); R < 0)
      return R;
  }
  return N;
}

//===-- Metadata ----------------------------------------------------------===//

int64_t sysFstat(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  struct stat St;
  if (::fstat(A.i32(0), &St) < 0)
    return hostErrno();
  return writeStat(P, A[1], St);
}

int64_t sysNewfstatat(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  std::string Path;
  if (int64_t R = optionalPathArg(P, A[1], A.u32(3), Path); R < 0)
    return R;
  struct stat St;
  if (::fstatat(A.i32(0), Path.c_str(), &St, A.i32(3)) < 0)
    return hostErrno();
  return writeStat(P, A[2], St);
}

int64_t sysStatx(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  std::string Path;
  if (int64_t R = optionalPathArg(P, A[1], A.u32(2), Path); R < 0)
    return R;
  // struct statx is arch-independent.
  alignas(8) uint8_t Buf[StatxSize];
  if (::syscall(SYS_statx, A.i32(0), Path.c_str(), A.i32(2), A.u32(3), Buf) < 0)
    return hostErrno();
  int64_t R = P.AS.copyToGuest(A[4], Buf, sizeof(Buf));
  return R < 0 ? R : 0;
}

int64_t sysStatfs(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  std::string Path;
  if (int64_t R = pathArg(P, A[0], Path); R < 0)
    return R;
  struct statfs H;
  if (::statfs(Path.c_str(), &H) < 0)
    return hostErrno();
  target::StatFs G;
  convertStatFs(H, G);
  return writeGuest(P.AS, A[1], G);
}

int64_t sysFstatfs(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  struct statfs H;
  if (::fstatfs(A.i32(0), &H) < 0)
    return hostErrno();
  target::StatFs G;
  convertStatFs(H, G);
  return writeGuest(P.AS, A[1], G);
}

int64_t sysReadlinkat(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  std::string Path;
  if (int64_t R = readGuestString(P.AS, A[1], Path, PATH_MAX); R < 0)
    return R;
  int Size = A.i32(3);
  if (Size <= 0)
    return -EINVAL;
  std::string Target;
  if (isProcSelfExe(Path) && !P.ExePath.empty()) {
    // The kernel's link holds the resolved path of the executable.
    char Resolved[PATH_MAX];
    Target = ::realpath(P.ExePath.c_str(), Resolved) ? Resolved : P.ExePath;
  } else {
    std::vector<char> Buf(std::min(Size, 65536));
    ssize_t N = ::readlinkat(A.i32(0), Path.c_str(), Buf.data(), Buf.size());
    if (N < 0)
      return hostErrno();
    Target.assign(Buf.data(), N);
  }
  size_t N = std::min<size_t>(Target.size(), Size);
  if (int64_t R = P.AS.copyToGuest(A[2], Target.data(), N); R < 0)
    return R;
  return static_cast<int64_t>(N);
}

int64_t sysFaccessat(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  std::string Path;
  if (int64_t R = pathArg(P, A[1], Path); R < 0)
    return R;
  return hostResult(::syscall(SYS_faccessat, A.i32(0), Path.c_str(), A.i32(2)));
}

int64_t sysFaccessat2(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  std::string Path;
  if (int64_t R = optionalPathArg(P, A[1], A.u32(3), Path); R < 0)
    return R;
  return hostResult(::faccessat(A.i32(0), Path.c_str(), A.i32(2), A.i32(3)));
}

int64_t sysUtimensat(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  std::string Path;
  // A NULL path means the descriptor itself (futimens).
  if (A[1])
    if (int64_t R = pathArg(P, A[1], Path); R < 0)
      return R;
  struct timespec Times[2];
  if (A[2]) {
    target::Timespec G[2];
    if (int64_t R = readGuest(P.AS, A[2], G); R < 0)
      return R;
    Times[0] = {G[0].Sec, G[0].Nsec};
    Times[1] = {G[1].Sec, G[1].Nsec};
  }
  return hostResult(::syscall(SYS_utimensat, A.i32(0),
                              A[1] ? Path.c_str() : nullptr,
                              A[2] ? Times : nullptr, A.i32(3)));
}

int64_t sysFchmod(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::fchmod(A.i32(0), A.u32(1)));
}

int64_t sysFchmodat(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  std::string Path;
  if (int64_t R = pathArg(P, A[1], Path); R < 0)
    return R;
  return hostResult(::syscall(SYS_fchmodat, A.i32(0), Path.c_str(), A.u32(2)));
}

int64_t sysFchownat(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  std::string Path;
  if (int64_t R = optionalPathArg(P, A[1], A.u32(4), Path); R < 0)
    return R;
  return hostResult(
      ::fchownat(A.i32(0), Path.c_str(), A.u32(2), A.u32(3), A.i32(4)));
}

int64_t sysFchown(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::fchown(A.i32(0), A.u32(1), A.u32(2)));
}

int64_t sysUmask(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return ::umask(A.u32(0) & 0777);
}

//===-- Names in the filesystem -------------------------------------------===//

int64_t sysGetcwd(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  char Buf[PATH_MAX + 1];
  size_t Size = std::min<uint64_t>(A[1], sizeof(Buf));
  // The raw syscall returns the length including the NUL, as the guest's
  // libc expects.
  long N = ::syscall(SYS_getcwd, Buf, Size);
  if (N < 0)
    return hostErrno();
  if (int64_t R = P.AS.copyToGuest(A[0], Buf, N); R < 0)
    return R;
  return N;
}

int64_t sysChdir(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  std::string Path;
  if (int64_t R = pathArg(P, A[0], Path); R < 0)
    return R;
  return hostResult(::chdir(Path.c_str()));
}

int64_t sysFchdir(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::fchdir(A.i32(0)));
}

int64_t sysMkdirat(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  std::string Path;
  if (int64_t R = pathArg(P, A[1], Path); R < 0)
    return R;
  return hostResult(::mkdirat(A.i32(0), Path.c_str(), A.u32(2)));
}

int64_t sysMknodat(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  std::string Path;
  if (int64_t R = pathArg(P, A[1], Path); R < 0)
    return R;
  return hostResult(::syscall(SYS_mknodat, A.i32(0), Path.c_str(), A.u32(2),
                              A.u32(3)));
}

int64_t sysUnlinkat(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  std::string Path;
  if (int64_t R = pathArg(P, A[1], Path); R < 0)
    return R;
  return hostResult(::unlinkat(A.i32(0), Path.c_str(), A.i32(2)));
}

int64_t sysSymlinkat(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  // The link's contents are stored verbatim, so they are not remapped.
  std::string Target, Path;
  if (int64_t R = readGuestString(P.AS, A[0], Target, PATH_MAX); R < 0)
    return R;
  if (int64_t R = pathArg(P, A[2], Path); R < 0)
    return R;
  return hostResult(::symlinkat(Target.c_str(), A.i32(1), Path.c_str()));
}

int64_t sysLinkat(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  std::string Old, New;
  if (int64_t R = optionalPathArg(P, A[1], A.u32(4), Old); R < 0)
    return R;
  if (int64_t R = pathArg(P, A[3], New); R < 0)
    return R;
  return hostResult(
      ::linkat(A.i32(0), Old.c_str(), A.i32(2), New.c_str(), A.i32(4)));
}

int64_t sysRenameat2(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  std::string Old, New;
  if (int64_t R = pathArg(P, A[1], Old); R < 0)
    return R;
  if (int64_t R = pathArg(P, A[3], New); R < 0)
    return R;
  return hostResult(::syscall(SYS_renameat2, A.i32(0), Old.c_str(), A.i32(2),
                              New.c_str(), A.u32(4)));
}

int64_t sysTruncate(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  std::string Path;
  if (int64_t R = pathArg(P, A[0], Path); R < 0)
    return R;
  return hostResult(::truncate(Path.c_str(), A.i64(1)));
}

int64_t sysFtruncate(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::ftruncate(A.i32(0), A.i64(1)));
}

int64_t sysFallocate(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::fallocate(A.i32(0), A.i32(1), A.i64(2), A.i64(3)));
}

int64_t sysFadvise64(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  // posix_fadvise returns the error instead of setting errno; the raw
  // syscall has the guest's convention.
  return hostResult(
      ::syscall(SYS_fadvise64, A.i32(0), A.i64(1), A.i64(2), A.i32(3)));
}

int64_t sysSync(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  ::sync();
  return 0;
}

int64_t sysSyncfs(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::syncfs(A.i32(0)));
}

int64_t sysFsync(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::fsync(A.i32(0)));
}

int64_t sysFdatasync(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::fdatasync(A.i32(0)));
}

int64_t sysSyncFileRange(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(
      ::sync_file_range(A.i32(0), A.i64(1), A.i64(2), A.u32(3)));
}

} // namespace dbt::linux
