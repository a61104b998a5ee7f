//===- SyscallsTime.cpp - Clocks, sleeping, process times -----------------===//
//
// Time is the host's: clock ids, struct timespec and struct timeval are the
// same on riscv64 and x86-64, but each struct is still copied field by
// field. Sleeps that a host signal interrupts report the time left, as the
// kernel does.
//
//===----------------------------------------------------------------------===//

#include "Runtime/Linux/SyscallsInternal.h"

#include <ctime>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <unistd.h>

namespace dbt::linux {

using namespace target;

namespace {

int64_t readTimespec(Process &P, uint64_t Addr, struct timespec &Out) {
  target::Timespec G;
  if (int64_t R = readGuest(P.AS, Addr, G); R < 0)
    return R;
  Out.tv_sec = G.Sec;
  Out.tv_nsec = G.Nsec;
  return 0;
}

int64_t writeTimespec(Process &P, uint64_t Addr, const struct timespec &T) {
  target::Timespec G = {T.tv_sec, T.tv_nsec};
  return writeGuest(P.AS, Addr, G);
}

} // namespace

int64_t sysClockGettime(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  struct timespec T;
  if (::clock_gettime(A.i32(0), &T) < 0)
    return hostErrno();
  return writeTimespec(P, A[1], T);
}

int64_t sysClockGetres(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  struct timespec T;
  if (::clock_getres(A.i32(0), &T) < 0)
    return hostErrno();
  return A[1] ? writeTimespec(P, A[1], T) : 0;
}

int64_t sysGettimeofday(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  struct timeval Tv;
  struct timezone Tz;
  // The raw call fills the kernel's timezone, which glibc's wrapper may not.
  if (::syscall(SYS_gettimeofday, &Tv, &Tz) < 0)
    return hostErrno();
  if (A[0]) {
    target::Timeval G = {Tv.tv_sec, Tv.tv_usec};
    if (int64_t R = writeGuest(P.AS, A[0], G); R < 0)
      return R;
  }
  if (A[1]) {
    target::Timezone G = {Tz.tz_minuteswest, Tz.tz_dsttime};
    if (int64_t R = writeGuest(P.AS, A[1], G); R < 0)
      return R;
  }
  return 0;
}

int64_t sysNanosleep(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  struct timespec Req, Rem = {0, 0};
  if (int64_t R = readTimespec(P, A[0], Req); R < 0)
    return R;
  if (::nanosleep(&Req, &Rem) == 0)
    return 0;
  int64_t E = hostErrno();
  if (E == -EINTR && A[1])
    if (int64_t R = writeTimespec(P, A[1], Rem); R < 0)
      return R;
  return E;
}

int64_t sysClockNanosleep(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  struct timespec Req, Rem = {0, 0};
  if (int64_t R = readTimespec(P, A[2], Req); R < 0)
    return R;
  // glibc's clock_nanosleep returns the error instead of setting errno.
  long Ret = ::syscall(SYS_clock_nanosleep, A.i32(0), A.i32(1), &Req, &Rem);
  if (Ret == 0)
    return 0;
  int64_t E = hostErrno();
  if (E == -EINTR && A[3] && !(A.i32(1) & TIMER_ABSTIME))
    if (int64_t R = writeTimespec(P, A[3], Rem); R < 0)
      return R;
  return E;
}

int64_t sysTimes(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  struct tms H;
  clock_t Ticks = ::times(&H);
  if (Ticks == static_cast<clock_t>(-1))
    return hostErrno();
  if (A[0]) {
    target::Tms G = {H.tms_utime, H.tms_stime, H.tms_cutime, H.tms_cstime};
    if (int64_t R = writeGuest(P.AS, A[0], G); R < 0)
      return R;
  }
  return Ticks;
}

} // namespace dbt::linux
