//===- SyscallsSignal.cpp - Signal dispositions, masks and sending --------===//
//
// Guest signal state is recorded in Process (dispositions, blocked mask)
// and in this file (the alternate stack) for the runtime to deliver from;
// the host's own dispositions stay the runtime's, except for SIGPIPE and
// SIGXFSZ, which host syscalls made on the guest's behalf raise on the
// emulator itself. A signal the guest sends itself is acted on here: its
// default action, if that kills, becomes P.FatalSignal.
//
//===----------------------------------------------------------------------===//

#include "Runtime/Linux/SyscallsInternal.h"

#include <csignal>
#include <sys/syscall.h>
#include <unistd.h>

namespace dbt::linux {

using namespace target;

namespace {

constexpr uint64_t sigBit(int Sig) { return uint64_t(1) << (Sig - 1); }

/// SIGKILL and SIGSTOP can be neither blocked nor caught.
constexpr uint64_t Unblockable = sigBit(SigKill) | sigBit(SigStop);

bool isStopSignal(int Sig) {
  return Sig == SigStop || Sig == SigTstp || Sig == SigTtin || Sig == SigTtou;
}

/// The guest sent \p Sig to itself.
int64_t signalSelf(Process &P, int Sig) {
  if (Sig == 0)
    return 0; // only asks whether the process exists
  if (Sig != SigKill && Sig != SigStop) {
    const GuestSigAction &Act = P.SigActions[Sig];
    if (Act.Handler == SigIgn)
      return 0;
    // A blocked signal stays pending until unblocked and a handled one
    // needs a guest signal frame; both are the runtime's delivery work,
    // which does not exist yet, so the signal is dropped.
    if (Act.Handler != SigDfl || (P.SigMask & sigBit(Sig)))
      return 0;
  }
  if (isDefaultFatal(Sig)) {
    P.FatalSignal = Sig;
    return 0;
  }
  // Stopping really stops the emulator, which is what the guest asked.
  if (isStopSignal(Sig))
    ::raise(Sig);
  return 0;
}

/// True when \p Tid is a thread of this host process other than the one
/// that runs the guest: the runtime's own threads are not the guest's to
/// signal.
bool isRuntimeThread(int32_t Tid) {
  if (Tid == guestPid() || Tid == ::gettid())
    return false;
  return ::syscall(SYS_tgkill, ::getpid(), Tid, 0) == 0;
}

bool isSelfTid(int32_t Tid) { return Tid == guestPid() || Tid == ::gettid(); }

} // namespace

// Process has no field for it yet; one guest thread means one alt stack.
GuestAltStack &guestAltStack(Process &P) {
  static GuestAltStack Alt;
  return Alt;
}

bool isDefaultFatal(int Sig) {
  switch (Sig) {
  case SigChld:
  case SigCont:
  case SigUrg:
  case SigWinch:
  case SigStop:
  case SigTstp:
  case SigTtin:
  case SigTtou:
    return false;
  }
  return Sig >= 1 && Sig <= NumSignals;
}

void syncHostDisposition(Process &P, int Sig) {
  if (Sig != SigPipe && Sig != SigXfsz)
    return;
  // The guest numbers are the host's for these two. Ignoring covers the
  // handler case too: the guest then at least sees EPIPE/EFBIG rather than
  // dying, until handlers can be delivered.
  struct sigaction Host = {};
  Host.sa_handler = P.SigActions[Sig].Handler == SigDfl ? SIG_DFL : SIG_IGN;
  sigemptyset(&Host.sa_mask);
  ::sigaction(Sig, &Host, nullptr);
}

int64_t sysKill(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  int Sig = A.i32(1);
  if (Sig < 0 || Sig > NumSignals)
    return -EINVAL;
  if (A.i32(0) == guestPid())
    return signalSelf(P, Sig);
  // Other processes, groups and -1 are the host's business (the numbers
  // agree); a group that includes us gets the host's default treatment.
  return hostResult(::kill(A.i32(0), Sig));
}

int64_t sysTkill(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  int32_t Tid = A.i32(0);
  int Sig = A.i32(1);
  if (Tid <= 0 || Sig < 0 || Sig > NumSignals)
    return -EINVAL;
  if (isSelfTid(Tid))
    return signalSelf(P, Sig);
  if (isRuntimeThread(Tid))
    return -ESRCH;
  return hostResult(::syscall(SYS_tkill, Tid, Sig));
}

int64_t sysTgkill(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  int32_t Tgid = A.i32(0), Tid = A.i32(1);
  int Sig = A.i32(2);
  if (Tgid <= 0 || Tid <= 0 || Sig < 0 || Sig > NumSignals)
    return -EINVAL;
  if (Tgid == guestPid())
    return isSelfTid(Tid) ? signalSelf(P, Sig) : -ESRCH;
  return hostResult(::syscall(SYS_tgkill, Tgid, Tid, Sig));
}

int64_t sysRtSigaction(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  int Sig = A.i32(0);
  if (A[3] != SigSetSize || Sig < 1 || Sig > NumSignals)
    return -EINVAL;
  if (A[1] && (Sig == SigKill || Sig == SigStop))
    return -EINVAL;
  target::SigAction New;
  if (A[1])
    if (int64_t R = readGuest(P.AS, A[1], New); R < 0)
      return R;
  GuestSigAction Old = P.SigActions[Sig];
  if (A[1]) {
    GuestSigAction &Act = P.SigActions[Sig];
    Act.Handler = New.Handler;
    Act.Flags = New.Flags;
    Act.Restorer = 0; // riscv64 has no sa_restorer
    Act.Mask = New.Mask & ~Unblockable;
    syncHostDisposition(P, Sig);
  }
  if (A[2]) {
    target::SigAction G = {Old.Handler, Old.Flags, Old.Mask};
    if (int64_t R = writeGuest(P.AS, A[2], G); R < 0)
      return R;
  }
  return 0;
}

int64_t sysRtSigprocmask(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  if (A[3] != SigSetSize)
    return -EINVAL;
  uint64_t Old = P.SigMask;
  if (A[1]) {
    uint64_t Set;
    if (int64_t R = readGuest(P.AS, A[1], Set); R < 0)
      return R;
    uint64_t New;
    switch (A.i32(0)) {
    case SigBlock: New = Old | Set; break;
    case SigUnblock: New = Old & ~Set; break;
    case SigSetMask: New = Set; break;
    default: return -EINVAL;
    }
    P.SigMask = New & ~Unblockable;
  }
  if (A[2])
    if (int64_t R = writeGuest(P.AS, A[2], Old); R < 0)
      return R;
  return 0;
}

// Nothing is ever left pending (see signalSelf).
int64_t sysRtSigpending(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  if (A[1] > SigSetSize)
    return -EINVAL;
  uint64_t None = 0;
  int64_t R = P.AS.copyToGuest(A[0], &None, A[1]);
  return R < 0 ? R : 0;
}

int64_t sysSigaltstack(Process &P, riscv::CpuState &Cpu, const SyscallArgs &A) {
  GuestAltStack &Alt = guestAltStack(P);
  bool OnStack = Alt.Size != 0 && Cpu.X[2] - Alt.Sp < Alt.Size;
  int32_t OldFlags = Alt.Size == 0 ? SsDisable : OnStack ? SsOnStack : 0;
  target::StackT Old = {Alt.Sp, OldFlags | Alt.Flags, 0, Alt.Size};
  if (A[0]) {
    target::StackT New;
    if (int64_t R = readGuest(P.AS, A[0], New); R < 0)
      return R;
    if (OnStack)
      return -EPERM;
    int Mode = New.Flags & ~SsAutoDisarm;
    if (Mode != 0 && Mode != SsDisable && Mode != SsOnStack)
      return -EINVAL;
    if (Mode == SsDisable) {
      Alt = GuestAltStack();
    } else {
      if (New.Size < MinSigStkSz)
        return -ENOMEM;
      Alt.Sp = New.Sp;
      Alt.Size = New.Size;
      Alt.Flags = New.Flags & SsAutoDisarm;
    }
  }
  if (A[1])
    if (int64_t R = writeGuest(P.AS, A[1], Old); R < 0)
      return R;
  return 0;
}

} // namespace dbt::linux
