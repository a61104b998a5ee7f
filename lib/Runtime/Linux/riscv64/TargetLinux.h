//===- TargetLinux.h - riscv64 Linux ABI: constants and structs -*- C++ -*-===//
//
// The guest side of the Linux user ABI for riscv64, written down as values
// and layouts rather than taken from host headers, because the host's
// <sys/stat.h>, <fcntl.h>, ... describe x86-64. riscv64 uses the asm-generic
// definitions throughout (checked against linux-libc-dev-riscv64-cross:
// asm/{fcntl,stat,signal,mman,termbits,ioctls,statfs}.h all include the
// asm-generic ones). Where the host happens to agree the syscall layer
// still converts field by field, so a different host only changes one side.
// Syscall numbers live in Syscalls.def next to this file.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_LIB_RUNTIME_LINUX_RISCV64_TARGETLINUX_H
#define DBT_LIB_RUNTIME_LINUX_RISCV64_TARGETLINUX_H

#include <cstddef>
#include <cstdint>

namespace dbt::linux::target {

constexpr uint64_t PageSize = 4096;
constexpr const char *MachineName = "riscv64";

//===-- open(2) / fcntl(2) flags (asm-generic/fcntl.h) ---------------------===//
enum : uint32_t {
  OAccMode = 03,
  ORdOnly = 0,
  OWrOnly = 01,
  ORdWr = 02,
  OCreat = 0100,
  OExcl = 0200,
  ONoCtty = 0400,
  OTrunc = 01000,
  OAppend = 02000,
  ONonBlock = 04000,
  ODSync = 010000,
  OAsync = 020000, // FASYNC
  ODirect = 040000,
  OLargeFile = 0100000,
  ODirectory = 0200000,
  ONoFollow = 0400000,
  ONoAtime = 01000000,
  OCloExec = 02000000,
  OSyncBit = 04000000, // __O_SYNC; O_SYNC is OSyncBit | ODSync
  OPath = 010000000,
  OTmpFileBit = 020000000, // __O_TMPFILE; O_TMPFILE adds ODirectory
};

enum : int {
  FDupFd = 0, FGetFd = 1, FSetFd = 2, FGetFl = 3, FSetFl = 4,
  FGetLk = 5, FSetLk = 6, FSetLkW = 7, FSetOwn = 8, FGetOwn = 9,
  FSetSig = 10, FGetSig = 11, FSetOwnEx = 15, FGetOwnEx = 16,
  FOfdGetLk = 36, FOfdSetLk = 37, FOfdSetLkW = 38,
  FSetLease = 1024, FGetLease = 1025, FNotify = 1026,
  FDupFdCloExec = 1030, FSetPipeSz = 1031, FGetPipeSz = 1032,
  FAddSeals = 1033, FGetSeals = 1034,
};

/// struct flock on 64-bit asm-generic.
struct Flock {
  int16_t Type;
  int16_t Whence;
  int32_t Pad0;
  int64_t Start;
  int64_t Len;
  int32_t Pid;
  int32_t Pad1;
};
static_assert(sizeof(Flock) == 32);

/// struct f_owner_ex.
struct FOwnerEx {
  int32_t Type;
  int32_t Pid;
};

//===-- *at(2) (linux/fcntl.h, arch-independent) ---------------------------===//
enum : int64_t { AtFdCwd = -100 };
enum : uint32_t {
  AtSymlinkNoFollow = 0x100,
  AtRemoveDir = 0x200, // unlinkat
  AtEAccess = 0x200,   // faccessat2
  AtSymlinkFollow = 0x400,
  AtNoAutomount = 0x800,
  AtEmptyPath = 0x1000,
  AtStatxForceSync = 0x2000,
  AtStatxDontSync = 0x4000,
};

//===-- struct stat (asm-generic/stat.h; not x86-64's 144-byte one) --------===//
struct Stat {
  uint64_t Dev;
  uint64_t Ino;
  uint32_t Mode;
  uint32_t Nlink;
  uint32_t Uid;
  uint32_t Gid;
  uint64_t Rdev;
  uint64_t Pad1;
  int64_t Size;
  int32_t BlkSize;
  int32_t Pad2;
  int64_t Blocks;
  int64_t ATime;
  uint64_t ATimeNsec;
  int64_t MTime;
  uint64_t MTimeNsec;
  int64_t CTime;
  uint64_t CTimeNsec;
  uint32_t Unused4;
  uint32_t Unused5;
};
static_assert(sizeof(Stat) == 128);
static_assert(offsetof(Stat, Mode) == 16 && offsetof(Stat, Rdev) == 32 &&
              offsetof(Stat, Size) == 48 && offsetof(Stat, BlkSize) == 56 &&
              offsetof(Stat, Blocks) == 64 && offsetof(Stat, ATime) == 72 &&
              offsetof(Stat, MTime) == 88 && offsetof(Stat, CTime) == 104);

/// struct statfs for 64-bit asm-generic (__statfs_word is long).
struct StatFs {
  int64_t Type;
  int64_t BSize;
  uint64_t Blocks;
  uint64_t BFree;
  uint64_t BAvail;
  uint64_t Files;
  uint64_t FFree;
  int32_t Fsid[2];
  int64_t NameLen;
  int64_t FrSize;
  int64_t Flags;
  int64_t Spare[4];
};
static_assert(sizeof(StatFs) == 120);

/// struct statx is arch-independent: 256 bytes, passed through.
constexpr size_t StatxSize = 256;

//===-- Time -----------------------------------------------------------===//
struct Timespec {
  int64_t Sec;
  int64_t Nsec;
};
struct Timeval {
  int64_t Sec;
  int64_t Usec;
};
struct Timezone {
  int32_t MinutesWest;
  int32_t DstTime;
};
struct Tms {
  int64_t UTime, STime, CUTime, CSTime;
};

//===-- I/O ------------------------------------------------------------===//
struct Iovec {
  uint64_t Base;
  uint64_t Len;
};
constexpr uint64_t IovMax = 1024; // UIO_MAXIOV

/// struct linux_dirent64: same on every 64-bit Linux, passed through.
struct PollFd {
  int32_t Fd;
  int16_t Events;
  int16_t REvents;
};

/// struct epoll_event: x86-64 packs it to 12 bytes, riscv64 does not.
struct EpollEvent {
  uint32_t Events;
  uint32_t Pad;
  uint64_t Data;
};
static_assert(sizeof(EpollEvent) == 16);

//===-- Terminals (asm-generic/termbits.h, asm-generic/ioctls.h) -----------===//
struct Termios {
  uint32_t IFlag, OFlag, CFlag, LFlag;
  uint8_t Line;
  uint8_t Cc[19];
};
static_assert(sizeof(Termios) == 36);
struct Termios2 {
  uint32_t IFlag, OFlag, CFlag, LFlag;
  uint8_t Line;
  uint8_t Cc[19];
  uint32_t ISpeed, OSpeed;
};
static_assert(sizeof(Termios2) == 44);
struct Winsize {
  uint16_t Row, Col, XPixel, YPixel;
};

enum : uint32_t {
  TcGetS = 0x5401, TcSetS = 0x5402, TcSetSW = 0x5403, TcSetSF = 0x5404,
  TcSBrk = 0x5409, TcXonC = 0x540A, TcFlsh = 0x540B,
  TiocExcl = 0x540C, TiocNxcl = 0x540D, TiocSCtty = 0x540E,
  TiocGPgrp = 0x540F, TiocSPgrp = 0x5410, TiocOutQ = 0x5411,
  TiocGWinSz = 0x5413, TiocSWinSz = 0x5414, FionRead = 0x541B,
  FionBio = 0x5421, TiocNotty = 0x5422, TcSBrkP = 0x5425, TiocGSid = 0x5429,
  TcGetS2 = 0x802C542A, TcSetS2 = 0x402C542B, TcSetSW2 = 0x402C542C,
  TcSetSF2 = 0x402C542D, TiocGPtn = 0x80045430, TiocSPtLck = 0x40045431,
  FionClex = 0x5450, FioClex = 0x5451, FioAsync = 0x5452,
};

//===-- Memory (asm-generic/mman*.h, linux/mman.h) -----------------------===//
enum : uint32_t {
  ProtRead = 1, ProtWrite = 2, ProtExec = 4, ProtSem = 8,
  ProtGrowsDown = 0x01000000, ProtGrowsUp = 0x02000000,
};
enum : uint32_t {
  MapShared = 0x01,
  MapPrivate = 0x02,
  MapSharedValidate = 0x03,
  MapType = 0x0f,
  MapFixed = 0x10,
  MapAnonymous = 0x20,
  MapGrowsDown = 0x0100,
  MapDenyWrite = 0x0800,
  MapExecutable = 0x1000,
  MapLocked = 0x2000,
  MapNoReserve = 0x4000,
  MapPopulate = 0x8000,
  MapNonBlock = 0x10000,
  MapStack = 0x20000,
  MapHugeTlb = 0x40000,
  MapSync = 0x80000,
  MapFixedNoReplace = 0x100000,
  MapUninitialized = 0x4000000,
};
enum : uint32_t { MRemapMayMove = 1, MRemapFixed = 2, MRemapDontUnmap = 4 };
enum : int {
  MAdvNormal = 0, MAdvRandom = 1, MAdvSequential = 2, MAdvWillNeed = 3,
  MAdvDontNeed = 4, MAdvFree = 8, MAdvRemove = 9, MAdvDontFork = 10,
  MAdvDoFork = 11, MAdvMergeable = 12, MAdvUnmergeable = 13,
  MAdvHugePage = 14, MAdvNoHugePage = 15, MAdvDontDump = 16, MAdvDoDump = 17,
  MAdvWipeOnFork = 18, MAdvKeepOnFork = 19, MAdvCold = 20, MAdvPageOut = 21,
  MAdvPopulateRead = 22, MAdvPopulateWrite = 23, MAdvDontNeedLocked = 24,
  MAdvCollapse = 25,
};

//===-- Signals (asm-generic/signal.h, signal-defs.h) ----------------------===//
enum : int {
  SigHup = 1, SigInt = 2, SigQuit = 3, SigIll = 4, SigTrap = 5, SigAbrt = 6,
  SigBus = 7, SigFpe = 8, SigKill = 9, SigUsr1 = 10, SigSegv = 11,
  SigUsr2 = 12, SigPipe = 13, SigAlrm = 14, SigTerm = 15, SigStkFlt = 16,
  SigChld = 17, SigCont = 18, SigStop = 19, SigTstp = 20, SigTtin = 21,
  SigTtou = 22, SigUrg = 23, SigXcpu = 24, SigXfsz = 25, SigVtAlrm = 26,
  SigProf = 27, SigWinch = 28, SigIo = 29, SigPwr = 30, SigSys = 31,
  SigRtMin = 32, NumSignals = 64,
};
enum : uint64_t { SigDfl = 0, SigIgn = 1 };
enum : int { SigBlock = 0, SigUnblock = 1, SigSetMask = 2 };
enum : uint64_t {
  SaNoCldStop = 0x1, SaNoCldWait = 0x2, SaSigInfo = 0x4,
  SaOnStack = 0x08000000, SaRestart = 0x10000000, SaNoDefer = 0x40000000,
  SaResetHand = 0x80000000,
};
constexpr uint64_t SigSetSize = 8; // _NSIG / 8

/// The kernel's struct sigaction on riscv64: no sa_restorer, because
/// arch/riscv does not define SA_RESTORER (the vDSO provides the trampoline).
struct SigAction {
  uint64_t Handler;
  uint64_t Flags;
  uint64_t Mask;
};
static_assert(sizeof(SigAction) == 24);

/// stack_t.
struct StackT {
  uint64_t Sp;
  int32_t Flags;
  int32_t Pad;
  uint64_t Size;
};
static_assert(sizeof(StackT) == 24);
enum : int { SsOnStack = 1, SsDisable = 2, SsAutoDisarm = int(1u << 31) };
constexpr uint64_t MinSigStkSz = 2048;

//===-- Process, resources ----------------------------------------------===//
struct Rlimit {
  uint64_t Cur;
  uint64_t Max;
};
struct Rusage {
  Timeval UTime;
  Timeval STime;
  int64_t MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock,
      OuBlock, MsgSnd, MsgRcv, NSignals, NVCsw, NIvCsw;
};
static_assert(sizeof(Rusage) == 144);

struct SysInfo {
  int64_t Uptime;
  uint64_t Loads[3];
  uint64_t TotalRam, FreeRam, SharedRam, BufferRam, TotalSwap, FreeSwap;
  uint16_t Procs;
  uint16_t Pad;
  uint32_t Pad2;
  uint64_t TotalHigh, FreeHigh;
  uint32_t MemUnit;
  uint32_t Pad3; // char _f[20 - 2 * 8 - 4] is empty; tail padding to 8
};
static_assert(sizeof(SysInfo) == 112 && offsetof(SysInfo, Procs) == 80 &&
              offsetof(SysInfo, TotalHigh) == 88 &&
              offsetof(SysInfo, MemUnit) == 104);

struct Utsname {
  char SysName[65], NodeName[65], Release[65], Version[65], Machine[65],
      DomainName[65];
};
static_assert(sizeof(Utsname) == 390);

enum : int {
  RlimitCpu = 0, RlimitFSize = 1, RlimitData = 2, RlimitStack = 3,
  RlimitCore = 4, RlimitRss = 5, RlimitNProc = 6, RlimitNoFile = 7,
  RlimitMemLock = 8, RlimitAs = 9, RlimitLocks = 10, RlimitSigPending = 11,
  RlimitMsgQueue = 12, RlimitNice = 13, RlimitRtPrio = 14, RlimitRtTime = 15,
};

enum : int { PrSetName = 15, PrGetName = 16, PrGetDumpable = 3,
             PrSetDumpable = 4 };

enum : int {
  FutexWait = 0, FutexWake = 1, FutexRequeue = 3, FutexCmpRequeue = 4,
  FutexWakeOp = 5, FutexWaitBitset = 9, FutexWakeBitset = 10,
  FutexPrivateFlag = 128, FutexClockRealtime = 256,
};

/// riscv_flush_icache flags.
enum : uint64_t { FlushIcacheLocal = 1 };

//===-- Sockets: the generic layouts, same as x86-64 on 64-bit -------------===//
struct MsgHdr {
  uint64_t Name;
  uint32_t NameLen;
  uint32_t Pad0;
  uint64_t Iov;
  uint64_t IovLen;
  uint64_t Control;
  uint64_t ControlLen;
  int32_t Flags;
  int32_t Pad1;
};
static_assert(sizeof(MsgHdr) == 56);

} // namespace dbt::linux::target

#endif
