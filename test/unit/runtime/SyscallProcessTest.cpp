//===- SyscallProcessTest.cpp - Exit, identity, time, signals, futex ------===//

#include "SyscallTestSupport.h"

#include <csignal>
#include <ctime>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/utsname.h>

using namespace dbt;
using namespace dbt::linux;
using namespace dbt::test;

namespace {

class SyscallProcess : public SyscallTest {};

TEST_F(SyscallProcess, ExitGroupRecordsTheStatus) {
  EXPECT_FALSE(P.Exiting);
  call(NrExitGroup, 0x1234);
  EXPECT_TRUE(P.Exiting);
  EXPECT_EQ(P.ExitStatus, 0x34);
  EXPECT_EQ(P.FatalSignal, 0);
}

TEST_F(SyscallProcess, ExitEndsTheOnlyThread) {
  call(NrExit, 3);
  EXPECT_TRUE(P.Exiting);
  EXPECT_EQ(P.ExitStatus, 3);
}

TEST_F(SyscallProcess, Identity) {
  EXPECT_EQ(call(NrGetpid), ::getpid());
  EXPECT_EQ(call(NrGettid), ::getpid());
  EXPECT_EQ(call(NrSetTidAddress, DataLo), ::getpid());
  EXPECT_EQ(P.ClearChildTid, DataLo);
  EXPECT_EQ(call(NrSetRobustList, DataLo, 24), 0);
  EXPECT_EQ(P.RobustList, DataLo);
  EXPECT_EQ(call(NrSetRobustList, DataLo, 16), -EINVAL);
}

TEST_F(SyscallProcess, UnameSaysRiscv64) {
  ASSERT_EQ(call(NrUname, DataLo + Page - 100), 0);
  auto U = get<target::Utsname>(DataLo + Page - 100);
  EXPECT_STREQ(U.SysName, "Linux");
  EXPECT_STREQ(U.Machine, "riscv64");
  struct utsname H;
  ::uname(&H);
  EXPECT_STREQ(U.Release, H.release);
  EXPECT_EQ(call(NrUname, ReadOnlyPage), -EFAULT);
}

TEST_F(SyscallProcess, Limits) {
  struct rlimit H;
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &H), 0);
  ASSERT_EQ(call(NrPrlimit64, 0, target::RlimitNoFile, 0, DataLo), 0);
  auto G = get<target::Rlimit>(DataLo);
  EXPECT_EQ(G.Cur, H.rlim_cur);
  EXPECT_EQ(G.Max, H.rlim_max);
  ASSERT_EQ(call(NrGetrlimit, target::RlimitNoFile, DataLo + 16), 0);
  EXPECT_EQ(get<target::Rlimit>(DataLo + 16).Cur, H.rlim_cur);
  // Limiting the address space is accepted, not applied to the emulator.
  target::Rlimit Tiny = {1 << 20, 1 << 20};
  put(DataLo, &Tiny, sizeof(Tiny));
  EXPECT_EQ(call(NrPrlimit64, 0, target::RlimitAs, DataLo, 0), 0);
  ASSERT_EQ(::getrlimit(RLIMIT_AS, &H), 0);
  EXPECT_NE(H.rlim_cur, rlim_t(1 << 20));
}

TEST_F(SyscallProcess, Clocks) {
  struct timespec Before;
  ::clock_gettime(CLOCK_REALTIME, &Before);
  ASSERT_EQ(call(NrClockGettime, CLOCK_REALTIME, DataLo), 0);
  auto T = get<target::Timespec>(DataLo);
  EXPECT_GE(T.Sec, Before.tv_sec);
  EXPECT_LT(T.Nsec, 1000000000);
  EXPECT_EQ(call(NrClockGettime, 12345, DataLo), -EINVAL);
  EXPECT_EQ(call(NrClockGettime, CLOCK_MONOTONIC, Unmapped), -EFAULT);
  ASSERT_EQ(call(NrGettimeofday, DataLo, 0), 0);
  EXPECT_GE(get<target::Timeval>(DataLo).Sec, Before.tv_sec);
  target::Timespec Short = {0, 1000};
  put(DataLo, &Short, sizeof(Short));
  EXPECT_EQ(call(NrNanosleep, DataLo, 0), 0);
  target::Timespec Bad = {0, 2000000000};
  put(DataLo, &Bad, sizeof(Bad));
  EXPECT_EQ(call(NrNanosleep, DataLo, 0), -EINVAL);
}

TEST_F(SyscallProcess, SysinfoAndRandom) {
  ASSERT_EQ(call(NrSysinfo, DataLo), 0);
  auto S = get<target::SysInfo>(DataLo);
  EXPECT_GT(S.TotalRam, 0u);
  EXPECT_GT(S.MemUnit, 0u);
  uint64_t Buf = DataLo + 2 * Page - 16; // two pieces
  put(Buf, std::string(64, '\0').data(), 64);
  EXPECT_EQ(call(NrGetrandom, Buf, 64, 0), 64);
  EXPECT_NE(getBytes(Buf, 64), std::string(64, '\0'));
  EXPECT_EQ(call(NrGetrandom, ReadOnlyPage, 8, 0), -EFAULT);
}

TEST_F(SyscallProcess, Prctl) {
  char Saved[16] = {};
  ::prctl(PR_GET_NAME, Saved);
  putString(DataLo, "guest-name-that-is-long");
  EXPECT_EQ(call(NrPrctl, target::PrSetName, DataLo), 0);
  EXPECT_EQ(call(NrPrctl, target::PrGetName, DataLo + Page), 0);
  EXPECT_EQ(getBytes(DataLo + Page, 16), std::string("guest-name-that") + '\0');
  EXPECT_EQ(call(NrPrctl, 0x12345), -EINVAL);
  ::prctl(PR_SET_NAME, Saved);
}

TEST_F(SyscallProcess, SigactionRecordsAndReturnsOld) {
  target::SigAction New = {0x12340, target::SaSigInfo | target::SaRestart,
                           ~uint64_t(0)};
  put(DataLo, &New, sizeof(New));
  uint64_t OldAddr = DataLo + 64;
  ASSERT_EQ(call(NrRtSigaction, target::SigUsr1, DataLo, OldAddr, 8), 0);
  auto Old = get<target::SigAction>(OldAddr);
  EXPECT_EQ(Old.Handler, target::SigDfl);
  EXPECT_EQ(P.SigActions[target::SigUsr1].Handler, 0x12340u);
  EXPECT_EQ(P.SigActions[target::SigUsr1].Flags,
            uint64_t(target::SaSigInfo | target::SaRestart));
  // SIGKILL and SIGSTOP can never be in a handler's mask.
  EXPECT_EQ(P.SigActions[target::SigUsr1].Mask & (1u << 8), 0u);
  ASSERT_EQ(call(NrRtSigaction, target::SigUsr1, 0, OldAddr, 8), 0);
  Old = get<target::SigAction>(OldAddr);
  EXPECT_EQ(Old.Handler, 0x12340u);
  EXPECT_EQ(Old.Mask, ~uint64_t(0) & ~((1ull << 8) | (1ull << 18)));

  EXPECT_EQ(call(NrRtSigaction, target::SigKill, DataLo, 0, 8), -EINVAL);
  EXPECT_EQ(call(NrRtSigaction, target::SigStop, DataLo, 0, 8), -EINVAL);
  EXPECT_EQ(call(NrRtSigaction, target::SigKill, 0, OldAddr, 8), 0);
  EXPECT_EQ(call(NrRtSigaction, 0, DataLo, 0, 8), -EINVAL);
  EXPECT_EQ(call(NrRtSigaction, 65, DataLo, 0, 8), -EINVAL);
  EXPECT_EQ(call(NrRtSigaction, target::SigUsr1, DataLo, 0, 16), -EINVAL);
  EXPECT_EQ(call(NrRtSigaction, target::SigUsr1, Unmapped, 0, 8), -EFAULT);
}

TEST_F(SyscallProcess, IgnoringSigpipeReachesTheHost) {
  struct sigaction Saved;
  ::sigaction(SIGPIPE, nullptr, &Saved);
  target::SigAction Ign = {target::SigIgn, 0, 0};
  put(DataLo, &Ign, sizeof(Ign));
  ASSERT_EQ(call(NrRtSigaction, target::SigPipe, DataLo, 0, 8), 0);
  struct sigaction Now;
  ::sigaction(SIGPIPE, nullptr, &Now);
  EXPECT_EQ(Now.sa_handler, SIG_IGN);
  int Fds[2];
  ASSERT_EQ(::pipe(Fds), 0);
  ::close(Fds[0]);
  put(DataLo, "x", 1);
  EXPECT_EQ(call(NrWrite, Fds[1], DataLo, 1), -EPIPE);
  ::close(Fds[1]);
  ::sigaction(SIGPIPE, &Saved, nullptr);
}

TEST_F(SyscallProcess, Sigprocmask) {
  uint64_t Set = (1ull << (SIGINT - 1)) | (1ull << (SIGKILL - 1));
  put(DataLo, &Set, 8);
  ASSERT_EQ(call(NrRtSigprocmask, target::SigBlock, DataLo, DataLo + 8, 8), 0);
  EXPECT_EQ(get<uint64_t>(DataLo + 8), 0u);
  EXPECT_EQ(P.SigMask, 1ull << (SIGINT - 1));
  ASSERT_EQ(call(NrRtSigprocmask, target::SigUnblock, DataLo, 0, 8), 0);
  EXPECT_EQ(P.SigMask, 0u);
  EXPECT_EQ(call(NrRtSigprocmask, 7, DataLo, 0, 8), -EINVAL);
  EXPECT_EQ(call(NrRtSigprocmask, target::SigBlock, DataLo, 0, 4), -EINVAL);
}

TEST_F(SyscallProcess, SignallingYourselfToDeath) {
  int Pid = ::getpid();
  // Default-ignored signals do nothing.
  EXPECT_EQ(call(NrTgkill, Pid, Pid, SIGCHLD), 0);
  EXPECT_EQ(call(NrKill, Pid, 0), 0);
  EXPECT_EQ(P.FatalSignal, 0);
  // An ignored SIGABRT too.
  P.SigActions[SIGABRT].Handler = target::SigIgn;
  EXPECT_EQ(call(NrTgkill, Pid, Pid, SIGABRT), 0);
  EXPECT_EQ(P.FatalSignal, 0);
  // Blocked: stays pending (dropped for now), not fatal.
  P.SigActions[SIGABRT].Handler = target::SigDfl;
  P.SigMask = 1ull << (SIGABRT - 1);
  EXPECT_EQ(call(NrTgkill, Pid, Pid, SIGABRT), 0);
  EXPECT_EQ(P.FatalSignal, 0);
  P.SigMask = 0;
  EXPECT_EQ(call(NrTgkill, Pid, Pid, SIGABRT), 0);
  EXPECT_EQ(P.FatalSignal, SIGABRT);
  P.FatalSignal = 0;
  EXPECT_EQ(call(NrKill, Pid, SIGTERM), 0);
  EXPECT_EQ(P.FatalSignal, SIGTERM);
  P.FatalSignal = 0;
  EXPECT_EQ(call(NrTkill, Pid, SIGKILL), 0);
  EXPECT_EQ(P.FatalSignal, SIGKILL);
  P.FatalSignal = 0;
  EXPECT_EQ(call(NrKill, Pid, 65), -EINVAL);
  EXPECT_EQ(call(NrTgkill, Pid, 0, SIGTERM), -EINVAL);
  EXPECT_EQ(P.FatalSignal, 0);
}

TEST_F(SyscallProcess, Sigaltstack) {
  Cpu.X[2] = DataLo + 10 * Page;
  ASSERT_EQ(call(NrSigaltstack, 0, DataLo), 0);
  EXPECT_EQ(get<target::StackT>(DataLo).Flags, target::SsDisable);
  target::StackT New = {DataLo + 20 * Page, 0, 0, 8192};
  put(DataLo, &New, sizeof(New));
  ASSERT_EQ(call(NrSigaltstack, DataLo, 0), 0);
  ASSERT_EQ(call(NrSigaltstack, 0, DataLo + 64), 0);
  auto Old = get<target::StackT>(DataLo + 64);
  EXPECT_EQ(Old.Sp, DataLo + 20 * Page);
  EXPECT_EQ(Old.Size, 8192u);
  EXPECT_EQ(Old.Flags, 0);
  // On the alternate stack it cannot change.
  Cpu.X[2] = DataLo + 20 * Page + 100;
  EXPECT_EQ(call(NrSigaltstack, DataLo, 0), -EPERM);
  ASSERT_EQ(call(NrSigaltstack, 0, DataLo + 64), 0);
  EXPECT_EQ(get<target::StackT>(DataLo + 64).Flags, target::SsOnStack);
  Cpu.X[2] = DataLo + 10 * Page;
  New.Size = 100;
  put(DataLo, &New, sizeof(New));
  EXPECT_EQ(call(NrSigaltstack, DataLo, 0), -ENOMEM);
  target::StackT Off = {0, target::SsDisable, 0, 0};
  put(DataLo, &Off, sizeof(Off));
  EXPECT_EQ(call(NrSigaltstack, DataLo, 0), 0);
  EXPECT_EQ(guestAltStack(P).Size, 0u);
}

TEST_F(SyscallProcess, FutexSingleThreaded) {
  uint32_t V = 5;
  put(DataLo, &V, 4);
  EXPECT_EQ(call(NrFutex, DataLo, target::FutexWait | target::FutexPrivateFlag, 4), -EAGAIN);
  EXPECT_EQ(call(NrFutex, DataLo, target::FutexWake | target::FutexPrivateFlag, 1), 0);
  EXPECT_EQ(call(NrFutex, DataLo + 1, target::FutexWake, 1), -EINVAL);
  EXPECT_EQ(call(NrFutex, Unmapped, target::FutexWait, 4), -EFAULT);
  // FUTEX_WAKE_OP: *uaddr2 += 3.
  uint32_t Op = (1u << 28) | (3u << 12);
  EXPECT_EQ(call(NrFutex, DataLo, target::FutexWakeOp, 1, 1, DataLo + 4, Op), 0);
  EXPECT_EQ(get<uint32_t>(DataLo + 4), 3u);
}

} // namespace
