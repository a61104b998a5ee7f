//===- Strace.cpp - --strace: one line per guest syscall ------------------===//
//
// Formats a syscall from its table entry: each argument by its ArgKind,
// the result by its ResultKind, errors as strace does ("= -1 ENOENT (No
// such file or directory)"). Lines look like qemu's -strace: the guest pid,
// then `name(arg,arg) = result`, arguments separated by a bare comma.
//
// A line is written whole after the call returns, so output buffers can be
// shown with what the call put there and the guest's own output never
// splits a line; a call that blocks shows up when it completes. Calls that
// do not return (exit, exit_group) are written before they run, with the
// result "?". Guest memory is only read through the AddressSpace, so a bad
// pointer prints as a pointer, never faults.
//
//===----------------------------------------------------------------------===//

#include "Runtime/Linux/SyscallsInternal.h"

#include <cinttypes>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace dbt::linux {

using namespace target;

namespace {

/// How many bytes of a buffer or string strace shows before "...".
constexpr uint64_t MaxShownBytes = 32;
/// How many iovec entries it shows.
constexpr uint64_t MaxShownIovecs = 8;

struct Named {
  uint64_t Value;
  const char *Name;
};

void appendf(std::string &Out, const char *Fmt, ...)
    __attribute__((format(printf, 2, 3)));

void appendf(std::string &Out, const char *Fmt, ...) {
  char Buf[128];
  va_list Ap;
  va_start(Ap, Fmt);
  int N = std::vsnprintf(Buf, sizeof(Buf), Fmt, Ap);
  va_end(Ap);
  if (N > 0)
    Out.append(Buf, std::min<size_t>(N, sizeof(Buf) - 1));
}

void appendHex(std::string &Out, uint64_t V) { appendf(Out, "%#" PRIx64, V); }

void appendPtr(std::string &Out, uint64_t V) {
  if (V == 0)
    Out += "NULL";
  else
    appendHex(Out, V);
}

/// The name of \p V in \p Table, or the number.
template <size_t N>
void appendEnum(std::string &Out, int64_t V, const Named (&Table)[N]) {
  for (const Named &E : Table)
    if (static_cast<int64_t>(E.Value) == V) {
      Out += E.Name;
      return;
    }
  appendf(Out, "%" PRId64, V);
}

/// Flag names joined by '|', leftover bits in hex; "0" when none.
template <size_t N>
void appendFlags(std::string &Out, uint64_t V, const Named (&Table)[N],
                 bool Empty = true) {
  bool Any = !Empty;
  for (const Named &F : Table) {
    if (F.Value && (V & F.Value) == F.Value) {
      if (Any)
        Out += '|';
      Out += F.Name;
      Any = true;
      V &= ~F.Value;
    }
  }
  if (V) {
    if (Any)
      Out += '|';
    appendHex(Out, V);
    Any = true;
  }
  if (!Any)
    Out += '0';
}

constexpr Named OpenFlagNames[] = {
    {OCreat, "O_CREAT"},         {OExcl, "O_EXCL"},
    {ONoCtty, "O_NOCTTY"},       {OTrunc, "O_TRUNC"},
    {OAppend, "O_APPEND"},       {ONonBlock, "O_NONBLOCK"},
    {OSyncBit | ODSync, "O_SYNC"}, {ODSync, "O_DSYNC"},
    {OAsync, "O_ASYNC"},         {ODirect, "O_DIRECT"},
    {OLargeFile, "O_LARGEFILE"}, {OTmpFileBit | ODirectory, "O_TMPFILE"},
    {ODirectory, "O_DIRECTORY"}, {ONoFollow, "O_NOFOLLOW"},
    {ONoAtime, "O_NOATIME"},     {OCloExec, "O_CLOEXEC"},
    {OPath, "O_PATH"},
};

constexpr Named MmapProtNames[] = {
    {ProtRead, "PROT_READ"}, {ProtWrite, "PROT_WRITE"}, {ProtExec, "PROT_EXEC"},
    {ProtSem, "PROT_SEM"},   {ProtGrowsDown, "PROT_GROWSDOWN"},
    {ProtGrowsUp, "PROT_GROWSUP"},
};

constexpr Named MmapTypeNames[] = {
    {MapShared, "MAP_SHARED"},
    {MapPrivate, "MAP_PRIVATE"},
    {MapSharedValidate, "MAP_SHARED_VALIDATE"},
};

constexpr Named MmapFlagNames[] = {
    {MapFixed, "MAP_FIXED"},          {MapAnonymous, "MAP_ANONYMOUS"},
    {MapGrowsDown, "MAP_GROWSDOWN"},  {MapDenyWrite, "MAP_DENYWRITE"},
    {MapExecutable, "MAP_EXECUTABLE"}, {MapLocked, "MAP_LOCKED"},
    {MapNoReserve, "MAP_NORESERVE"},  {MapPopulate, "MAP_POPULATE"},
    {MapNonBlock, "MAP_NONBLOCK"},    {MapStack, "MAP_STACK"},
    {MapHugeTlb, "MAP_HUGETLB"},      {MapSync, "MAP_SYNC"},
    {MapFixedNoReplace, "MAP_FIXED_NOREPLACE"},
    {MapUninitialized, "MAP_UNINITIALIZED"},
};

constexpr Named MremapFlagNames[] = {
    {MRemapMayMove, "MREMAP_MAYMOVE"},
    {MRemapFixed, "MREMAP_FIXED"},
    {MRemapDontUnmap, "MREMAP_DONTUNMAP"},
};

constexpr Named MAdviceNames[] = {
    {MAdvNormal, "MADV_NORMAL"},         {MAdvRandom, "MADV_RANDOM"},
    {MAdvSequential, "MADV_SEQUENTIAL"}, {MAdvWillNeed, "MADV_WILLNEED"},
    {MAdvDontNeed, "MADV_DONTNEED"},     {MAdvFree, "MADV_FREE"},
    {MAdvRemove, "MADV_REMOVE"},         {MAdvDontFork, "MADV_DONTFORK"},
    {MAdvDoFork, "MADV_DOFORK"},         {MAdvMergeable, "MADV_MERGEABLE"},
    {MAdvUnmergeable, "MADV_UNMERGEABLE"}, {MAdvHugePage, "MADV_HUGEPAGE"},
    {MAdvNoHugePage, "MADV_NOHUGEPAGE"}, {MAdvDontDump, "MADV_DONTDUMP"},
    {MAdvDoDump, "MADV_DODUMP"},         {MAdvWipeOnFork, "MADV_WIPEONFORK"},
    {MAdvKeepOnFork, "MADV_KEEPONFORK"}, {MAdvCold, "MADV_COLD"},
    {MAdvPageOut, "MADV_PAGEOUT"},
};

constexpr const char *SignalNames[] = {
    nullptr,   "SIGHUP",  "SIGINT",    "SIGQUIT", "SIGILL",    "SIGTRAP",
    "SIGABRT", "SIGBUS",  "SIGFPE",    "SIGKILL", "SIGUSR1",   "SIGSEGV",
    "SIGUSR2", "SIGPIPE", "SIGALRM",   "SIGTERM", "SIGSTKFLT", "SIGCHLD",
    "SIGCONT", "SIGSTOP", "SIGTSTP",   "SIGTTIN", "SIGTTOU",   "SIGURG",
    "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",  "SIGIO",
    "SIGPWR",  "SIGSYS",
};

void appendSignal(std::string &Out, int64_t Sig) {
  if (Sig > 0 && Sig < SigRtMin)
    Out += SignalNames[Sig];
  else if (Sig >= SigRtMin && Sig <= NumSignals)
    appendf(Out, "SIGRT_%" PRId64, Sig - SigRtMin);
  else
    appendf(Out, "%" PRId64, Sig);
}

constexpr Named SigHowNames[] = {
    {SigBlock, "SIG_BLOCK"}, {SigUnblock, "SIG_UNBLOCK"},
    {SigSetMask, "SIG_SETMASK"},
};

constexpr Named ClockNames[] = {
    {0, "CLOCK_REALTIME"},         {1, "CLOCK_MONOTONIC"},
    {2, "CLOCK_PROCESS_CPUTIME_ID"}, {3, "CLOCK_THREAD_CPUTIME_ID"},
    {4, "CLOCK_MONOTONIC_RAW"},    {5, "CLOCK_REALTIME_COARSE"},
    {6, "CLOCK_MONOTONIC_COARSE"}, {7, "CLOCK_BOOTTIME"},
    {8, "CLOCK_REALTIME_ALARM"},   {9, "CLOCK_BOOTTIME_ALARM"},
    {11, "CLOCK_TAI"},
};

constexpr Named FcntlNames[] = {
    {FDupFd, "F_DUPFD"},         {FGetFd, "F_GETFD"},
    {FSetFd, "F_SETFD"},         {FGetFl, "F_GETFL"},
    {FSetFl, "F_SETFL"},         {FGetLk, "F_GETLK"},
    {FSetLk, "F_SETLK"},         {FSetLkW, "F_SETLKW"},
    {FSetOwn, "F_SETOWN"},       {FGetOwn, "F_GETOWN"},
    {FSetSig, "F_SETSIG"},       {FGetSig, "F_GETSIG"},
    {FSetOwnEx, "F_SETOWN_EX"},  {FGetOwnEx, "F_GETOWN_EX"},
    {FOfdGetLk, "F_OFD_GETLK"},  {FOfdSetLk, "F_OFD_SETLK"},
    {FOfdSetLkW, "F_OFD_SETLKW"}, {FSetLease, "F_SETLEASE"},
    {FGetLease, "F_GETLEASE"},   {FNotify, "F_NOTIFY"},
    {FDupFdCloExec, "F_DUPFD_CLOEXEC"}, {FSetPipeSz, "F_SETPIPE_SZ"},
    {FGetPipeSz, "F_GETPIPE_SZ"}, {FAddSeals, "F_ADD_SEALS"},
    {FGetSeals, "F_GET_SEALS"},
};

constexpr Named IoctlNames[] = {
    {TcGetS, "TCGETS"},         {TcSetS, "TCSETS"},
    {TcSetSW, "TCSETSW"},       {TcSetSF, "TCSETSF"},
    {TcGetS2, "TCGETS2"},       {TcSetS2, "TCSETS2"},
    {TcSetSW2, "TCSETSW2"},     {TcSetSF2, "TCSETSF2"},
    {TcSBrk, "TCSBRK"},         {TcSBrkP, "TCSBRKP"},
    {TcXonC, "TCXONC"},         {TcFlsh, "TCFLSH"},
    {TiocExcl, "TIOCEXCL"},     {TiocNxcl, "TIOCNXCL"},
    {TiocSCtty, "TIOCSCTTY"},   {TiocNotty, "TIOCNOTTY"},
    {TiocGPgrp, "TIOCGPGRP"},   {TiocSPgrp, "TIOCSPGRP"},
    {TiocGSid, "TIOCGSID"},     {TiocOutQ, "TIOCOUTQ"},
    {TiocGWinSz, "TIOCGWINSZ"}, {TiocSWinSz, "TIOCSWINSZ"},
    {FionRead, "FIONREAD"},     {FionBio, "FIONBIO"},
    {FioAsync, "FIOASYNC"},     {FioClex, "FIOCLEX"},
    {FionClex, "FIONCLEX"},     {TiocGPtn, "TIOCGPTN"},
    {TiocSPtLck, "TIOCSPTLCK"},
};

constexpr Named WhenceNames[] = {
    {0, "SEEK_SET"}, {1, "SEEK_CUR"}, {2, "SEEK_END"},
    {3, "SEEK_DATA"}, {4, "SEEK_HOLE"},
};

constexpr Named FutexNames[] = {
    {FutexWait, "FUTEX_WAIT"},           {FutexWake, "FUTEX_WAKE"},
    {2, "FUTEX_FD"},                     {FutexRequeue, "FUTEX_REQUEUE"},
    {FutexCmpRequeue, "FUTEX_CMP_REQUEUE"}, {FutexWakeOp, "FUTEX_WAKE_OP"},
    {6, "FUTEX_LOCK_PI"},                {7, "FUTEX_UNLOCK_PI"},
    {8, "FUTEX_TRYLOCK_PI"},             {FutexWaitBitset, "FUTEX_WAIT_BITSET"},
    {FutexWakeBitset, "FUTEX_WAKE_BITSET"}, {11, "FUTEX_WAIT_REQUEUE_PI"},
    {12, "FUTEX_CMP_REQUEUE_PI"},        {13, "FUTEX_LOCK_PI2"},
};

constexpr Named ResourceNames[] = {
    {RlimitCpu, "RLIMIT_CPU"},         {RlimitFSize, "RLIMIT_FSIZE"},
    {RlimitData, "RLIMIT_DATA"},       {RlimitStack, "RLIMIT_STACK"},
    {RlimitCore, "RLIMIT_CORE"},       {RlimitRss, "RLIMIT_RSS"},
    {RlimitNProc, "RLIMIT_NPROC"},     {RlimitNoFile, "RLIMIT_NOFILE"},
    {RlimitMemLock, "RLIMIT_MEMLOCK"}, {RlimitAs, "RLIMIT_AS"},
    {RlimitLocks, "RLIMIT_LOCKS"},     {RlimitSigPending, "RLIMIT_SIGPENDING"},
    {RlimitMsgQueue, "RLIMIT_MSGQUEUE"}, {RlimitNice, "RLIMIT_NICE"},
    {RlimitRtPrio, "RLIMIT_RTPRIO"},   {RlimitRtTime, "RLIMIT_RTTIME"},
};

constexpr Named PrctlNames[] = {
    {PrGetDumpable, "PR_GET_DUMPABLE"}, {PrSetDumpable, "PR_SET_DUMPABLE"},
    {PrSetName, "PR_SET_NAME"},         {PrGetName, "PR_GET_NAME"},
    {0x53564d41, "PR_SET_VMA"},
};

constexpr Named DomainNames[] = {
    {1, "AF_UNIX"}, {2, "AF_INET"}, {10, "AF_INET6"}, {16, "AF_NETLINK"},
    {17, "AF_PACKET"},
};

constexpr Named SockTypeNames[] = {
    {1, "SOCK_STREAM"}, {2, "SOCK_DGRAM"}, {3, "SOCK_RAW"}, {4, "SOCK_RDM"},
    {5, "SOCK_SEQPACKET"},
};

constexpr Named SockTypeFlagNames[] = {
    {ONonBlock, "SOCK_NONBLOCK"},
    {OCloExec, "SOCK_CLOEXEC"},
};

constexpr Named AccessNames[] = {{4, "R_OK"}, {2, "W_OK"}, {1, "X_OK"}};

void appendOpenFlags(std::string &Out, uint64_t V) {
  static constexpr const char *Modes[] = {"O_RDONLY", "O_WRONLY", "O_RDWR",
                                          "O_ACCMODE"};
  Out += Modes[V & OAccMode];
  V &= ~uint64_t(OAccMode);
  if (V) {
    Out += '|';
    appendFlags(Out, V, OpenFlagNames);
  }
}

void appendAtFlags(std::string &Out, uint64_t V, const SyscallInfo &Info) {
  const char *Bit200 =
      std::strcmp(Info.Name, "unlinkat") == 0 ? "AT_REMOVEDIR" : "AT_EACCESS";
  const Named Names[] = {
      {AtSymlinkNoFollow, "AT_SYMLINK_NOFOLLOW"},
      {0x200, Bit200},
      {AtSymlinkFollow, "AT_SYMLINK_FOLLOW"},
      {AtNoAutomount, "AT_NO_AUTOMOUNT"},
      {AtEmptyPath, "AT_EMPTY_PATH"},
      {AtStatxForceSync, "AT_STATX_FORCE_SYNC"},
      {AtStatxDontSync, "AT_STATX_DONT_SYNC"},
  };
  appendFlags(Out, V, Names);
}

void appendMmapFlags(std::string &Out, uint64_t V) {
  if (!(V & MapType)) {
    appendFlags(Out, V, MmapFlagNames); // no type: mmap will say EINVAL
    return;
  }
  appendEnum(Out, V & MapType, MmapTypeNames);
  V &= ~uint64_t(MapType);
  if (V) {
    Out += '|';
    appendFlags(Out, V, MmapFlagNames);
  }
}

void appendFutexOp(std::string &Out, uint64_t V) {
  appendEnum(Out, V & 127, FutexNames);
  if (V & FutexPrivateFlag)
    Out += "_PRIVATE";
  if (V & FutexClockRealtime)
    Out += "|FUTEX_CLOCK_REALTIME";
}

void appendSockType(std::string &Out, uint64_t V) {
  appendEnum(Out, V & 0xf, SockTypeNames);
  if (V & ~uint64_t(0xf)) {
    Out += '|';
    appendFlags(Out, V & ~uint64_t(0xf), SockTypeFlagNames);
  }
}

void appendSigset(std::string &Out, AddressSpace &AS, uint64_t Addr) {
  uint64_t Set;
  if (Addr == 0) {
    Out += "NULL";
    return;
  }
  if (readGuest(AS, Addr, Set) < 0) {
    appendHex(Out, Addr);
    return;
  }
  Out += '[';
  bool First = true;
  for (int Sig = 1; Sig <= NumSignals; ++Sig) {
    if (!(Set & (uint64_t(1) << (Sig - 1))))
      continue;
    if (!First)
      Out += ' ';
    First = false;
    std::string Name;
    appendSignal(Name, Sig);
    Out += Name.compare(0, 3, "SIG") == 0 ? Name.substr(3) : Name;
  }
  Out += ']';
}

void appendTimespec(std::string &Out, AddressSpace &AS, uint64_t Addr) {
  target::Timespec T;
  if (Addr == 0)
    Out += "NULL";
  else if (readGuest(AS, Addr, T) < 0)
    appendHex(Out, Addr);
  else
    appendf(Out, "{tv_sec=%" PRId64 ",tv_nsec=%" PRId64 "}", T.Sec, T.Nsec);
}

/// An iovec array whose entries hold \p Total bytes in all (the result of
/// a read), or their full lengths when \p Total is negative.
void appendIovec(std::string &Out, AddressSpace &AS, uint64_t Addr,
                 uint64_t Count, int64_t Total) {
  if (Count > IovMax) {
    appendPtr(Out, Addr);
    return;
  }
  std::vector<target::Iovec> Iov(Count);
  if (Count && AS.copyFromGuest(Iov.data(), Addr, Count * sizeof(Iovec)) < 0) {
    appendPtr(Out, Addr);
    return;
  }
  Out += '[';
  for (uint64_t I = 0; I < Count; ++I) {
    if (I)
      Out += ',';
    if (I == MaxShownIovecs) {
      Out += "...";
      break;
    }
    uint64_t Shown = Iov[I].Len;
    if (Total >= 0) {
      Shown = std::min<uint64_t>(Shown, Total);
      Total -= Shown;
    }
    Out += "{iov_base=";
    Out += formatGuestBytes(AS, Iov[I].Base, Shown, false);
    appendf(Out, ",iov_len=%" PRIu64 "}", Iov[I].Len);
  }
  Out += ']';
}

void appendEscaped(std::string &Out, const uint8_t *Data, size_t Len) {
  for (size_t I = 0; I < Len; ++I) {
    uint8_t C = Data[I];
    switch (C) {
    case '\n': Out += "\\n"; continue;
    case '\t': Out += "\\t"; continue;
    case '\r': Out += "\\r"; continue;
    case '\v': Out += "\\v"; continue;
    case '\f': Out += "\\f"; continue;
    case '"': Out += "\\\""; continue;
    case '\\': Out += "\\\\"; continue;
    }
    if (C >= 0x20 && C < 0x7f) {
      Out += static_cast<char>(C);
      continue;
    }
    // Shortest octal escape, unless a digit follows and would join it.
    bool DigitNext = I + 1 < Len && Data[I + 1] >= '0' && Data[I + 1] <= '7';
    if (DigitNext)
      appendf(Out, "\\%03o", C);
    else
      appendf(Out, "\\%o", C);
  }
}

/// The arguments strace shows: openat's mode only with O_CREAT/O_TMPFILE,
/// fcntl's third argument only for commands that take one.
unsigned shownArgs(const SyscallInfo &Info, const SyscallArgs &A) {
  unsigned N = Info.numArgs();
  if (std::strcmp(Info.Name, "openat") == 0 &&
      !(A.u32(2) & (OCreat | OTmpFileBit)))
    return 3;
  if (std::strcmp(Info.Name, "fcntl") == 0) {
    switch (A.i32(1)) {
    case FGetFd: case FGetFl: case FGetOwn: case FGetSig: case FGetLease:
    case FGetPipeSz: case FGetSeals:
      return 2;
    }
  }
  return N;
}

void appendArg(std::string &Out, Process &P, const SyscallInfo &Info,
               const SyscallArgs &A, unsigned I, int64_t Result,
               bool Returned) {
  uint64_t V = A[I];
  bool Ok = Returned && Result >= 0;
  switch (Info.Args[I]) {
  case ArgKind::None:
    return;
  case ArgKind::Dec:
    appendf(Out, "%" PRId64, static_cast<int64_t>(V));
    return;
  case ArgKind::UDec:
    appendf(Out, "%" PRIu64, V);
    return;
  case ArgKind::Hex:
    appendHex(Out, V);
    return;
  case ArgKind::Ptr:
    appendPtr(Out, V);
    return;
  case ArgKind::Oct:
    appendf(Out, "%#" PRIo64, V);
    return;
  case ArgKind::Fd:
    appendf(Out, "%d", A.i32(I));
    return;
  case ArgKind::DirFd:
    if (A.i32(I) == AtFdCwd)
      Out += "AT_FDCWD";
    else
      appendf(Out, "%d", A.i32(I));
    return;
  case ArgKind::Path:
    Out += formatGuestBytes(P.AS, V, 0, /*StopAtNul=*/true);
    return;
  case ArgKind::InBuf:
    Out += formatGuestBytes(P.AS, V, A[I + 1], false);
    return;
  case ArgKind::OutBuf:
    if (Ok)
      Out += formatGuestBytes(P.AS, V, static_cast<uint64_t>(Result), false);
    else
      appendPtr(Out, V);
    return;
  case ArgKind::OutCStr:
    if (Ok)
      Out += formatGuestBytes(P.AS, V, 0, true);
    else
      appendPtr(Out, V);
    return;
  case ArgKind::InIovec:
    appendIovec(Out, P.AS, V, A[I + 1], -1);
    return;
  case ArgKind::OutIovec:
    if (Ok)
      appendIovec(Out, P.AS, V, A[I + 1], Result);
    else
      appendPtr(Out, V);
    return;
  case ArgKind::PipeFds: {
    int32_t Fds[2];
    if (Ok && readGuest(P.AS, V, Fds) == 0)
      appendf(Out, "[%d,%d]", Fds[0], Fds[1]);
    else
      appendPtr(Out, V);
    return;
  }
  case ArgKind::InTimespec:
    appendTimespec(Out, P.AS, V);
    return;
  case ArgKind::InSigset:
    appendSigset(Out, P.AS, V);
    return;
  case ArgKind::OpenFlags:
    appendOpenFlags(Out, A.u32(I));
    return;
  case ArgKind::FdFlags:
    appendFlags(Out, A.u32(I), OpenFlagNames);
    return;
  case ArgKind::AtFlags:
    appendAtFlags(Out, A.u32(I), Info);
    return;
  case ArgKind::AccessMode:
    if (A.u32(I) == 0)
      Out += "F_OK";
    else
      appendFlags(Out, A.u32(I), AccessNames);
    return;
  case ArgKind::MmapProt:
    if (A.u32(I) == 0)
      Out += "PROT_NONE";
    else
      appendFlags(Out, A.u32(I), MmapProtNames);
    return;
  case ArgKind::MmapFlags:
    appendMmapFlags(Out, A.u32(I));
    return;
  case ArgKind::MremapFlags:
    appendFlags(Out, A.u32(I), MremapFlagNames);
    return;
  case ArgKind::MAdvice:
    appendEnum(Out, A.i32(I), MAdviceNames);
    return;
  case ArgKind::Signal:
    appendSignal(Out, A.i32(I));
    return;
  case ArgKind::SigHow:
    appendEnum(Out, A.i32(I), SigHowNames);
    return;
  case ArgKind::ClockId:
    appendEnum(Out, A.i32(I), ClockNames);
    return;
  case ArgKind::FcntlCmd:
    appendEnum(Out, A.i32(I), FcntlNames);
    return;
  case ArgKind::IoctlReq:
    for (const Named &E : IoctlNames)
      if (E.Value == A.u32(I)) {
        Out += E.Name;
        return;
      }
    appendHex(Out, A.u32(I));
    return;
  case ArgKind::Whence:
    appendEnum(Out, A.i32(I), WhenceNames);
    return;
  case ArgKind::FutexOp:
    appendFutexOp(Out, A.u32(I));
    return;
  case ArgKind::Resource:
    appendEnum(Out, A.i32(I), ResourceNames);
    return;
  case ArgKind::PrctlOp:
    appendEnum(Out, A.i32(I), PrctlNames);
    return;
  case ArgKind::SockDomain:
    appendEnum(Out, A.i32(I), DomainNames);
    return;
  case ArgKind::SockType:
    appendSockType(Out, A.u32(I));
    return;
  }
}

void appendResult(std::string &Out, ResultKind Kind, int64_t Result,
                  bool Returned) {
  if (!Returned) {
    Out += " = ?";
    return;
  }
  if (Result < 0 && Result >= -4095) {
    int E = static_cast<int>(-Result);
    appendf(Out, " = -1 %s (%s)", errnoName(E).c_str(), std::strerror(E));
    return;
  }
  switch (Kind) {
  case ResultKind::Hex:
    Out += " = ";
    appendHex(Out, static_cast<uint64_t>(Result));
    return;
  case ResultKind::Oct:
    appendf(Out, " = %#" PRIo64, static_cast<uint64_t>(Result));
    return;
  case ResultKind::Dec:
  case ResultKind::NoReturn:
    appendf(Out, " = %" PRId64, Result);
    return;
  }
}

} // namespace

std::string errnoName(int E) {
  if (const char *Name = ::strerrorname_np(E))
    return Name;
  return std::to_string(E);
}

std::string formatGuestBytes(AddressSpace &AS, uint64_t Addr, uint64_t Length,
                             bool StopAtNul) {
  std::string Out;
  if (StopAtNul) {
    int64_t Len = AS.guestStrlen(Addr, 4096);
    if (Len == -ENAMETOOLONG)
      Len = 4096;
    if (Len < 0) {
      appendPtr(Out, Addr);
      return Out;
    }
    Length = static_cast<uint64_t>(Len);
  }
  uint64_t Shown = std::min(Length, MaxShownBytes);
  uint8_t Buf[MaxShownBytes];
  if (Shown && AS.copyFromGuest(Buf, Addr, Shown) < 0) {
    appendPtr(Out, Addr);
    return Out;
  }
  Out += '"';
  appendEscaped(Out, Buf, Shown);
  Out += '"';
  if (Shown < Length)
    Out += "...";
  return Out;
}

std::string formatSyscall(Process &P, uint64_t Number, const SyscallArgs &A,
                          int64_t Result, bool Returned) {
  std::string Out;
  const SyscallInfo *Info = findSyscall(Number);
  if (!Info) {
    appendf(Out, "syscall_%" PRIu64 "(", Number);
    for (unsigned I = 0; I < MaxSyscallArgs; ++I) {
      if (I)
        Out += ',';
      appendHex(Out, A[I]);
    }
    Out += ')';
    appendResult(Out, ResultKind::Dec, Result, Returned);
    return Out;
  }
  Out += Info->Name;
  Out += '(';
  unsigned N = shownArgs(*Info, A);
  for (unsigned I = 0; I < N; ++I) {
    if (I)
      Out += ',';
    appendArg(Out, P, *Info, A, I, Result, Returned);
  }
  Out += ')';
  appendResult(Out, Info->Result, Result, Returned);
  return Out;
}

void straceSyscall(Process &P, uint64_t Number, const SyscallArgs &A,
                   int64_t Result, bool Returned) {
  FILE *Log = P.Options.Log ? P.Options.Log : stderr;
  std::string Line = std::to_string(guestPid()) + ' ' +
                     formatSyscall(P, Number, A, Result, Returned) + '\n';
  // One write per line, flushed: the guest writes to the same descriptors.
  std::fwrite(Line.data(), 1, Line.size(), Log);
  std::fflush(Log);
}

} // namespace dbt::linux
