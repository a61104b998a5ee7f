//===- SyscallsInternal.h - Shared by the syscall layer's files -*- C++ -*-===//
//
// The syscall table's entry type, the handler signature, the strace argument
// formats, and the helpers every per-class handler file needs (guest
// strings, errno conversion, flag and struct conversions). Private to
// lib/Runtime/Linux and its unit tests; the dispatcher only sees Syscalls.h.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_LIB_RUNTIME_LINUX_SYSCALLSINTERNAL_H
#define DBT_LIB_RUNTIME_LINUX_SYSCALLSINTERNAL_H

#include "Runtime/Linux/Syscalls.h"
#include "Runtime/Linux/riscv64/TargetLinux.h"
#include "Runtime/Process.h"

#include <cerrno>
#include <cstdint>
#include <span>
#include <string>
#include <sys/uio.h>
#include <vector>

struct stat;
struct statfs;
struct sysinfo;
struct rusage;

namespace dbt::linux {

/// The six argument registers a0..a5 of one guest syscall.
struct SyscallArgs {
  uint64_t V[6];
  uint64_t operator[](unsigned I) const { return V[I]; }
  /// Arguments the kernel declares as int (fds, flags, signals) are the low
  /// 32 bits of the register, sign-extended.
  int32_t i32(unsigned I) const { return static_cast<int32_t>(V[I]); }
  uint32_t u32(unsigned I) const { return static_cast<uint32_t>(V[I]); }
  int64_t i64(unsigned I) const { return static_cast<int64_t>(V[I]); }
};

using SyscallHandler = int64_t (*)(Process &P, riscv::CpuState &Cpu,
                                   const SyscallArgs &A);

/// How strace shows one argument. Kinds that name another argument use the
/// next one as their length/count; "Out" kinds are shown after the call
/// with what it produced.
enum class ArgKind : uint8_t {
  None,       ///< no such argument
  Dec,        ///< signed decimal (64-bit)
  UDec,       ///< unsigned decimal
  Hex,        ///< 0x...
  Ptr,        ///< NULL or 0x...
  Oct,        ///< 0644
  Fd,         ///< int
  DirFd,      ///< int, AT_FDCWD
  Path,       ///< NUL-terminated guest string
  InBuf,      ///< guest bytes, length in the next argument
  OutBuf,     ///< guest bytes, length is the result
  OutCStr,    ///< NUL-terminated string the call wrote
  InIovec,    ///< iovec array (count next) with its contents
  OutIovec,   ///< iovec array (count next) filled with `result` bytes
  PipeFds,    ///< int[2] the call wrote
  InTimespec, ///< struct timespec
  InSigset,   ///< 64-bit signal set
  OpenFlags,  ///< access mode and O_* flags (openat)
  FdFlags,    ///< O_* flags only (pipe2, dup3, accept4, ...)
  AtFlags,
  AccessMode,
  MmapProt,
  MmapFlags,
  MremapFlags,
  MAdvice,
  Signal,
  SigHow,
  ClockId,
  FcntlCmd,
  IoctlReq,
  Whence,
  FutexOp,
  Resource,
  PrctlOp,
  SockDomain,
  SockType,
};

/// How strace shows the result.
enum class ResultKind : uint8_t {
  Dec,      ///< value or -1 ERRNO (text)
  Hex,      ///< addresses (mmap, brk)
  Oct,      ///< umask
  NoReturn, ///< exit, exit_group: printed before the call as "= ?"
};

constexpr unsigned MaxSyscallArgs = 6;

struct SyscallInfo {
  uint32_t Number;
  const char *Name;
  SyscallHandler Handler;
  ResultKind Result;
  ArgKind Args[MaxSyscallArgs];

  unsigned numArgs() const {
    unsigned N = 0;
    while (N < MaxSyscallArgs && Args[N] != ArgKind::None)
      ++N;
    return N;
  }
};

/// The whole table, in .def order.
std::span<const SyscallInfo> syscallTable();
/// The entry for \p Number, or nullptr when the guest ABI has no such
/// syscall or the table does not list it.
const SyscallInfo *findSyscall(uint64_t Number);

// Every handler named in the table.
#define SYSCALL(Nr, Name, Handler, Result, Args)                               \
  int64_t Handler(Process &P, riscv::CpuState &Cpu, const SyscallArgs &A);
#include "Runtime/Linux/riscv64/Syscalls.def"
#undef SYSCALL

//===-- strace ----------------------------------------------------------===//

/// One strace line without the pid prefix or newline, e.g.
/// `write(1,"hi\n",3) = 3`. With \p Returned false (NoReturn calls), the
/// result reads "= ?".
std::string formatSyscall(Process &P, uint64_t Number, const SyscallArgs &A,
                          int64_t Result, bool Returned);
/// Prints formatSyscall to P.Options.Log as "<pid> <line>\n".
void straceSyscall(Process &P, uint64_t Number, const SyscallArgs &A,
                   int64_t Result, bool Returned);
/// Escaped, quoted, truncated view of guest bytes ("abc"...).
std::string formatGuestBytes(AddressSpace &AS, uint64_t Addr, uint64_t Length,
                             bool StopAtNul);
/// "ENOENT" for 2, or the number.
std::string errnoName(int E);

//===-- Helpers ---------------------------------------------------------===//

/// -errno of the failed host call.
inline int64_t hostErrno() { return -static_cast<int64_t>(errno); }

/// Finishes a host call that filled \p Buf: on failure (\p N < 0) nothing is
/// written back and the host errno is returned; otherwise only the \p N bytes
/// produced are.
inline int64_t producedOrErrno(GuestBuffer &Buf, long N) {
  if (N < 0) {
    int64_t E = hostErrno();
    Buf.discard();
    return E;
  }
  Buf.setProduced(static_cast<size_t>(N));
  return N;
}
/// A host call's result as a guest syscall result.
template <typename T> inline int64_t hostResult(T R) {
  return R == static_cast<T>(-1) ? hostErrno() : static_cast<int64_t>(R);
}

template <typename T> int64_t readGuest(AddressSpace &AS, uint64_t Addr, T &V) {
  int64_t R = AS.copyFromGuest(&V, Addr, sizeof(T));
  return R < 0 ? R : 0;
}
template <typename T>
int64_t writeGuest(AddressSpace &AS, uint64_t Addr, const T &V) {
  int64_t R = AS.copyToGuest(Addr, &V, sizeof(T));
  return R < 0 ? R : 0;
}

/// Reads a NUL-terminated guest string of at most \p Max bytes (including
/// the NUL): 0, -EFAULT, or -ENAMETOOLONG.
int64_t readGuestString(AddressSpace &AS, uint64_t Addr, std::string &Out,
                        size_t Max);
/// Reads a guest path (PATH_MAX) and maps the guest's view of the
/// filesystem onto the host's: /proc/self/exe names the guest program, not
/// dbt-run.
int64_t readGuestPath(Process &P, uint64_t Addr, std::string &Out);
/// True for "/proc/self/exe" and "/proc/<our pid>/exe".
bool isProcSelfExe(const std::string &Path);

/// The pid and tid the guest sees. One guest thread, so its tid is the pid
/// even if the runtime runs it on another host thread.
int64_t guestPid();

/// Host iovecs covering the guest iovec array at \p IovAddr (\p Count
/// entries), each piece accessible with \p Prot: 0 or -errno. Stops adding
/// pieces at IOV_MAX, which makes the I/O short, never wrong.
int64_t guestIovecsToHost(AddressSpace &AS, uint64_t IovAddr, uint64_t Count,
                          int Prot, std::vector<struct iovec> &Out);

//===-- Conversions (host <-> riscv64) ------------------------------------===//

int openFlagsToHost(uint32_t GuestFlags);
uint32_t openFlagsToGuest(int HostFlags);
void convertStat(const struct stat &H, target::Stat &G);
void convertStatFs(const struct statfs &H, target::StatFs &G);
void convertSysInfo(const struct sysinfo &H, target::SysInfo &G);
void convertRusage(const struct rusage &H, target::Rusage &G);

/// The guest's disposition of \p Sig terminates the process by default.
bool isDefaultFatal(int Sig);

/// Keeps the host disposition of signals that syscalls raise synchronously
/// on the emulator itself (SIGPIPE, SIGXFSZ) in line with the guest's: a
/// guest that ignores or handles SIGPIPE must see EPIPE, not die.
void syncHostDisposition(Process &P, int Sig);

} // namespace dbt::linux

#endif
