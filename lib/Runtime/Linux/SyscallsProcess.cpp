//===- SyscallsProcess.cpp - Exit, identity, limits, scheduling, futex ----===//
//
// The guest is one process with one thread, which the host sees as the
// emulator: identity calls pass through (the guest's pid is ours and its
// tid equals its pid), exit only records the status for the dispatcher,
// and futex works for the single-threaded cases glibc needs.
//
//===----------------------------------------------------------------------===//

#include "Runtime/Linux/SyscallsInternal.h"

#include <algorithm>
#include <cstring>
#include <grp.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

namespace dbt::linux {

using namespace target;

namespace {

/// A guest pid naming the guest itself becomes 0 (the calling thread) for
/// per-thread host calls, since the guest may run on a host thread other
/// than the main one.
pid_t hostTarget(int32_t Pid) { return Pid == guestPid() ? 0 : Pid; }

int64_t writeIds(Process &P, const SyscallArgs &A, uint32_t R, uint32_t E,
                 uint32_t S) {
  uint32_t Ids[3] = {R, E, S};
  for (unsigned I = 0; I < 3; ++I)
    if (int64_t Err = writeGuest(P.AS, A[I], Ids[I]); Err < 0)
      return Err;
  return 0;
}

int64_t doPrlimit(Process &P, int32_t Pid, int Resource, uint64_t NewAddr,
                  uint64_t OldAddr) {
  struct rlimit New, Old;
  struct rlimit *NewPtr = nullptr;
  if (NewAddr) {
    target::Rlimit G;
    if (int64_t R = readGuest(P.AS, NewAddr, G); R < 0)
      return R;
    New = {G.Cur, G.Max};
    NewPtr = &New;
    // Limits on the address space, data or stack would bind the emulator
    // (its code cache, the guest window) rather than the guest program.
    // Accept them without applying them, as qemu-user does.
    bool Self = Pid == 0 || Pid == guestPid();
    if (Self && (Resource == RlimitAs || Resource == RlimitData ||
                 Resource == RlimitStack)) {
      if (New.rlim_cur > New.rlim_max)
        return -EINVAL;
      NewPtr = nullptr;
    }
  }
  if (::prlimit(Pid == guestPid() ? 0 : Pid,
                static_cast<__rlimit_resource>(Resource), NewPtr,
                OldAddr ? &Old : nullptr) < 0)
    return hostErrno();
  if (OldAddr) {
    target::Rlimit G = {Old.rlim_cur, Old.rlim_max};
    if (int64_t R = writeGuest(P.AS, OldAddr, G); R < 0)
      return R;
  }
  return 0;
}

int32_t signExtend12(uint32_t V) {
  return static_cast<int32_t>(V << 20) >> 20;
}

/// FUTEX_WAKE_OP's operation on *uaddr2 (linux/futex.h encoding).
int64_t futexWakeOp(Process &P, uint64_t Addr2, uint32_t Encoded) {
  uint32_t Op = (Encoded >> 28) & 0xf;
  int32_t OpArg = signExtend12((Encoded >> 12) & 0xfff);
  if (Op & 8) { // FUTEX_OP_OPARG_SHIFT
    Op &= 7;
    if (OpArg < 0 || OpArg > 31)
      return -EINVAL;
    OpArg = static_cast<int32_t>(1u << OpArg);
  }
  uint32_t Old;
  if (int64_t R = readGuest(P.AS, Addr2, Old); R < 0)
    return R;
  uint32_t New;
  uint32_t Arg = static_cast<uint32_t>(OpArg);
  switch (Op) {
  case 0: New = Arg; break;        // SET
  case 1: New = Old + Arg; break;  // ADD
  case 2: New = Old | Arg; break;  // OR
  case 3: New = Old & ~Arg; break; // ANDN
  case 4: New = Old ^ Arg; break;  // XOR
  default: return -ENOSYS;
  }
  if (int64_t R = writeGuest(P.AS, Addr2, New); R < 0)
    return R;
  return 0; // the comparison only decides whether to wake: nobody waits
}

} // namespace

void convertSysInfo(const struct sysinfo &H, target::SysInfo &G) {
  G = {};
  G.Uptime = H.uptime;
  for (unsigned I = 0; I < 3; ++I)
    G.Loads[I] = H.loads[I];
  G.TotalRam = H.totalram;
  G.FreeRam = H.freeram;
  G.SharedRam = H.sharedram;
  G.BufferRam = H.bufferram;
  G.TotalSwap = H.totalswap;
  G.FreeSwap = H.freeswap;
  G.Procs = H.procs;
  G.TotalHigh = H.totalhigh;
  G.FreeHigh = H.freehigh;
  G.MemUnit = H.mem_unit;
}

void convertRusage(const struct rusage &H, target::Rusage &G) {
  G = {};
  G.UTime = {H.ru_utime.tv_sec, H.ru_utime.tv_usec};
  G.STime = {H.ru_stime.tv_sec, H.ru_stime.tv_usec};
  G.MaxRss = H.ru_maxrss;
  G.IxRss = H.ru_ixrss;
  G.IdRss = H.ru_idrss;
  G.IsRss = H.ru_isrss;
  G.MinFlt = H.ru_minflt;
  G.MajFlt = H.ru_majflt;
  G.NSwap = H.ru_nswap;
  G.InBlock = H.ru_inblock;
  G.OuBlock = H.ru_oublock;
  G.MsgSnd = H.ru_msgsnd;
  G.MsgRcv = H.ru_msgrcv;
  G.NSignals = H.ru_nsignals;
  G.NVCsw = H.ru_nvcsw;
  G.NIvCsw = H.ru_nivcsw;
}

//===-- Exit --------------------------------------------------------------===//

// With one guest thread, exit ends the process just like exit_group.
int64_t sysExit(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  P.Exiting = true;
  P.ExitStatus = A.i32(0) & 0xff;
  return 0;
}

int64_t sysExitGroup(Process &P, riscv::CpuState &Cpu, const SyscallArgs &A) {
  return sysExit(P, Cpu, A);
}

//===-- Threads (of which there is one) ----------------------------------===//

int64_t sysSetTidAddress(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  P.ClearChildTid = A[0];
  return guestPid();
}

int64_t sysSetRobustList(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  if (A[1] != 24) // sizeof(struct robust_list_head)
    return -EINVAL;
  P.RobustList = A[0];
  P.RobustListLen = A[1];
  return 0;
}

int64_t sysGetRobustList(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  if (A.i32(0) != 0 && A.i32(0) != guestPid())
    return -ESRCH;
  if (int64_t R = writeGuest(P.AS, A[1], P.RobustList); R < 0)
    return R;
  uint64_t Len = P.RobustList ? P.RobustListLen : 24;
  return writeGuest(P.AS, A[2], Len);
}

int64_t sysFutex(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  int Cmd = A.i32(1) & ~(FutexPrivateFlag | FutexClockRealtime);
  uint64_t Addr = A[0];
  if (Addr & 3)
    return -EINVAL;
  switch (Cmd) {
  case FutexWait:
  case FutexWaitBitset: {
    if (Cmd == FutexWaitBitset && A.u32(5) == 0)
      return -EINVAL;
    uint32_t Current;
    if (int64_t R = readGuest(P.AS, Addr, Current); R < 0)
      return R;
    if (Current != A.u32(2))
      return -EAGAIN;
    // Nothing else can wake the only guest thread. A real kernel would
    // block forever; until guest threads exist, say so instead of hanging.
    return -ENOSYS;
  }
  case FutexWake:
  case FutexWakeBitset:
    return 0; // nobody is waiting
  case FutexRequeue:
    return 0;
  case FutexCmpRequeue: {
    uint32_t Current;
    if (int64_t R = readGuest(P.AS, Addr, Current); R < 0)
      return R;
    return Current == A.u32(5) ? 0 : -EAGAIN;
  }
  case FutexWakeOp:
    return futexWakeOp(P, A[4], A.u32(5));
  }
  return -ENOSYS;
}

//===-- Identity ----------------------------------------------------------===//

int64_t sysGetpid(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return guestPid();
}
int64_t sysGettid(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return guestPid();
}
int64_t sysGetppid(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return ::getppid();
}
int64_t sysGetuid(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return ::getuid();
}
int64_t sysGeteuid(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return ::geteuid();
}
int64_t sysGetgid(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return ::getgid();
}
int64_t sysGetegid(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return ::getegid();
}

int64_t sysGetresuid(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  uid_t R, E, S;
  if (::getresuid(&R, &E, &S) < 0)
    return hostErrno();
  return writeIds(P, A, R, E, S);
}

int64_t sysGetresgid(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  gid_t R, E, S;
  if (::getresgid(&R, &E, &S) < 0)
    return hostErrno();
  return writeIds(P, A, R, E, S);
}

// The glibc wrappers change the ids of every host thread, which is what a
// process-wide change means to the guest.
int64_t sysSetuid(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::setuid(A.u32(0)));
}
int64_t sysSetgid(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::setgid(A.u32(0)));
}
int64_t sysSetreuid(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::setreuid(A.u32(0), A.u32(1)));
}
int64_t sysSetregid(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::setregid(A.u32(0), A.u32(1)));
}
int64_t sysSetresuid(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::setresuid(A.u32(0), A.u32(1), A.u32(2)));
}
int64_t sysSetresgid(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::setresgid(A.u32(0), A.u32(1), A.u32(2)));
}

int64_t sysGetgroups(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  int Size = A.i32(0);
  if (Size < 0)
    return -EINVAL;
  std::vector<gid_t> Groups(std::min(Size, 65536));
  int N = ::getgroups(static_cast<int>(Groups.size()), Groups.data());
  if (N < 0)
    return hostErrno();
  if (Size > 0) {
    std::vector<uint32_t> Guest(Groups.begin(), Groups.begin() + N);
    if (int64_t R = P.AS.copyToGuest(A[1], Guest.data(), N * sizeof(uint32_t));
        R < 0)
      return R;
  }
  return N;
}

int64_t sysSetpgid(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::setpgid(A.i32(0), A.i32(1)));
}
int64_t sysGetpgid(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::getpgid(A.i32(0)));
}
int64_t sysGetsid(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::getsid(A.i32(0)));
}
int64_t sysSetsid(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::setsid());
}

int64_t sysUname(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  struct utsname H;
  if (::uname(&H) < 0)
    return hostErrno();
  target::Utsname G = {};
  static_assert(sizeof(H.sysname) == sizeof(G.SysName));
  std::memcpy(G.SysName, H.sysname, sizeof(G.SysName));
  std::memcpy(G.NodeName, H.nodename, sizeof(G.NodeName));
  std::memcpy(G.Release, H.release, sizeof(G.Release));
  std::memcpy(G.Version, H.version, sizeof(G.Version));
  std::strncpy(G.Machine, MachineName, sizeof(G.Machine) - 1);
  std::memcpy(G.DomainName, H.domainname, sizeof(G.DomainName));
  return writeGuest(P.AS, A[0], G);
}

int64_t sysPersonality(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  // Recorded, not applied: flags like READ_IMPLIES_EXEC would change the
  // emulator's own mappings. Starts as PER_LINUX.
  static uint32_t Persona = 0;
  uint32_t Old = Persona;
  if (A.u32(0) != 0xffffffffu)
    Persona = A.u32(0);
  return Old;
}

int64_t sysPrctl(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  switch (A.i32(0)) {
  case PrSetName: {
    // The name is at most 16 bytes with its NUL; longer ones are cut.
    char Name[16] = {};
    int64_t Len = P.AS.guestStrlen(A[1], sizeof(Name) - 1);
    if (Len == -EFAULT)
      return -EFAULT;
    Len = Len < 0 ? sizeof(Name) - 1 : Len;
    if (int64_t R = P.AS.copyFromGuest(Name, A[1], Len); R < 0)
      return R;
    return hostResult(::prctl(PR_SET_NAME, Name, 0, 0, 0));
  }
  case PrGetName: {
    char Name[16] = {};
    if (::prctl(PR_GET_NAME, Name, 0, 0, 0) < 0)
      return hostErrno();
    int64_t R = P.AS.copyToGuest(A[1], Name, sizeof(Name));
    return R < 0 ? R : 0;
  }
  case PrGetDumpable:
    return hostResult(::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
  case PrSetDumpable:
    return hostResult(::prctl(PR_SET_DUMPABLE, A[1], 0, 0, 0));
  }
  return -EINVAL;
}

//===-- Resources ---------------------------------------------------------===//

int64_t sysGetrlimit(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return doPrlimit(P, 0, A.i32(0), 0, A[1]);
}

int64_t sysSetrlimit(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return doPrlimit(P, 0, A.i32(0), A[1], 0);
}

int64_t sysPrlimit64(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return doPrlimit(P, A.i32(0), A.i32(1), A[2], A[3]);
}

int64_t sysGetrusage(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  struct rusage H;
  if (::getrusage(A.i32(0), &H) < 0)
    return hostErrno();
  target::Rusage G;
  convertRusage(H, G);
  return writeGuest(P.AS, A[1], G);
}

int64_t sysSysinfo(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  struct sysinfo H;
  if (::sysinfo(&H) < 0)
    return hostErrno();
  target::SysInfo G;
  convertSysInfo(H, G);
  return writeGuest(P.AS, A[0], G);
}

int64_t sysGetrandom(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  uint64_t Len = std::min<uint64_t>(A[1], 1u << 25);
  GuestBuffer Buf(P.AS, A[0], Len, GuestBuffer::Out);
  if (!Buf.ok())
    return -EFAULT;
  long N = ::syscall(SYS_getrandom, Buf.data(), Len, A.u32(2));
  return producedOrErrno(Buf, N);
}

//===-- Scheduling --------------------------------------------------------===//

int64_t sysSchedYield(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::sched_yield());
}

int64_t sysSchedGetaffinity(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  uint64_t Len = std::min<uint64_t>(A[1], 8192);
  std::vector<uint8_t> Mask(Len);
  // The raw call returns how many bytes of mask it wrote.
  long N = ::syscall(SYS_sched_getaffinity, hostTarget(A.i32(0)), Len,
                     Mask.data());
  if (N < 0)
    return hostErrno();
  if (int64_t R = P.AS.copyToGuest(A[2], Mask.data(), N); R < 0)
    return R;
  return N;
}

int64_t sysSchedSetaffinity(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  uint64_t Len = std::min<uint64_t>(A[1], 8192);
  std::vector<uint8_t> Mask(Len);
  if (Len)
    if (int64_t R = P.AS.copyFromGuest(Mask.data(), A[2], Len); R < 0)
      return R;
  return hostResult(::syscall(SYS_sched_setaffinity, hostTarget(A.i32(0)), Len,
                              Mask.data()));
}

int64_t sysSchedGetscheduler(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::sched_getscheduler(hostTarget(A.i32(0))));
}

int64_t sysSchedGetparam(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  struct sched_param Param;
  if (::sched_getparam(hostTarget(A.i32(0)), &Param) < 0)
    return hostErrno();
  int32_t Priority = Param.sched_priority;
  return writeGuest(P.AS, A[1], Priority);
}

int64_t sysSchedSetparam(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  int32_t Priority;
  if (int64_t R = readGuest(P.AS, A[1], Priority); R < 0)
    return R;
  struct sched_param Param = {};
  Param.sched_priority = Priority;
  return hostResult(::sched_setparam(hostTarget(A.i32(0)), &Param));
}

int64_t sysSchedSetscheduler(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  int32_t Priority;
  if (int64_t R = readGuest(P.AS, A[2], Priority); R < 0)
    return R;
  struct sched_param Param = {};
  Param.sched_priority = Priority;
  return hostResult(::sched_setscheduler(hostTarget(A.i32(0)), A.i32(1), &Param));
}

int64_t sysSchedGetPriorityMax(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::sched_get_priority_max(A.i32(0)));
}

int64_t sysSchedGetPriorityMin(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::sched_get_priority_min(A.i32(0)));
}

// The raw syscall's result (20 - nice), not glibc's, is what the guest's
// libc expects to convert.
int64_t sysGetpriority(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::syscall(SYS_getpriority, A.i32(0), A.i32(1)));
}

int64_t sysSetpriority(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::setpriority(static_cast<__priority_which>(A.i32(0)),
                                  A.u32(1), A.i32(2)));
}

int64_t sysGetcpu(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  unsigned Cpu = 0, Node = 0;
  if (::getcpu(&Cpu, &Node) < 0)
    return hostErrno();
  if (A[0])
    if (int64_t R = writeGuest(P.AS, A[0], static_cast<uint32_t>(Cpu)); R < 0)
      return R;
  if (A[1])
    if (int64_t R = writeGuest(P.AS, A[1], static_cast<uint32_t>(Node)); R < 0)
      return R;
  return 0;
}

} // namespace dbt::linux
