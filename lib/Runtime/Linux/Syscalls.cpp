//===- Syscalls.cpp - Syscall table, dispatch and shared helpers ----------===//
//
// Builds the table from riscv64/Syscalls.def, routes each guest ecall to its
// handler (with --strace around it), and holds the helpers the per-class
// handler files share: guest strings and paths, guest iovec arrays.
//
//===----------------------------------------------------------------------===//

#include "Runtime/Linux/SyscallsInternal.h"

#include <array>
#include <climits>
#include <cstring>
#include <unistd.h>

namespace dbt::linux {

namespace {

using enum ArgKind;

#define SYSCALL(Nr, Name, Handler, Result, Args)                               \
  SyscallInfo{Nr, #Name, Handler, ResultKind::Result, {DBT_UNPAREN Args}},
#define DBT_UNPAREN(...) __VA_ARGS__
constexpr SyscallInfo Table[] = {
#include "Runtime/Linux/riscv64/Syscalls.def"
};
#undef DBT_UNPAREN
#undef SYSCALL

constexpr unsigned MaxNumber = 512;

constexpr std::array<int16_t, MaxNumber> buildIndex() {
  std::array<int16_t, MaxNumber> Index{};
  for (auto &I : Index)
    I = -1;
  for (size_t I = 0; I < std::size(Table); ++I)
    Index[Table[I].Number] = static_cast<int16_t>(I);
  return Index;
}

constexpr std::array<int16_t, MaxNumber> Index = buildIndex();

constexpr bool numbersAreUnique() {
  size_t Listed = 0;
  for (int16_t I : Index)
    Listed += I >= 0;
  return Listed == std::size(Table);
}
static_assert(numbersAreUnique(), "a syscall number appears twice in the table");

} // namespace

std::span<const SyscallInfo> syscallTable() { return Table; }

const SyscallInfo *findSyscall(uint64_t Number) {
  if (Number >= MaxNumber || Index[Number] < 0)
    return nullptr;
  return &Table[Index[Number]];
}

int64_t handleSyscall(Process &P, riscv::CpuState &Cpu) {
  uint64_t Number = Cpu.X[17];
  SyscallArgs A{{Cpu.X[10], Cpu.X[11], Cpu.X[12], Cpu.X[13], Cpu.X[14],
                 Cpu.X[15]}};
  const SyscallInfo *Info = findSyscall(Number);
  bool Trace = P.Options.Strace;
  // A call that does not return must show up before the process is gone.
  if (Trace && Info && Info->Result == ResultKind::NoReturn)
    straceSyscall(P, Number, A, 0, /*Returned=*/false);
  int64_t Result = Info ? Info->Handler(P, Cpu, A) : -ENOSYS;
  if (Trace && !(Info && Info->Result == ResultKind::NoReturn))
    straceSyscall(P, Number, A, Result, /*Returned=*/true);
  return Result;
}

// clone/fork/wait4/waitid need guest threads and processes, execve needs a
// fresh runtime for the new image, rt_sigreturn and rt_sigsuspend need guest
// signal frames, rseq is optional (glibc copes with -ENOSYS, as under
// qemu), riscv_hwprobe likewise (glibc falls back to the auxv).
int64_t sysNotImplemented(Process &P, riscv::CpuState &Cpu,
                          const SyscallArgs &A) {
  return -ENOSYS;
}

int64_t readGuestString(AddressSpace &AS, uint64_t Addr, std::string &Out,
                        size_t Max) {
  int64_t Len = AS.guestStrlen(Addr, Max);
  if (Len < 0)
    return Len;
  if (static_cast<size_t>(Len) >= Max)
    return -ENAMETOOLONG;
  Out.resize(Len);
  int64_t R = AS.copyFromGuest(Out.data(), Addr, Len);
  return R < 0 ? R : 0;
}

bool isProcSelfExe(const std::string &Path) {
  if (Path == "/proc/self/exe")
    return true;
  return Path == "/proc/" + std::to_string(::getpid()) + "/exe";
}

int64_t readGuestPath(Process &P, uint64_t Addr, std::string &Out) {
  if (int64_t R = readGuestString(P.AS, Addr, Out, PATH_MAX); R < 0)
    return R;
  if (isProcSelfExe(Out) && !P.ExePath.empty())
    Out = P.ExePath;
  return 0;
}

int64_t guestPid() { return ::getpid(); }

int64_t guestIovecsToHost(AddressSpace &AS, uint64_t IovAddr, uint64_t Count,
                          int Prot, std::vector<struct iovec> &Out) {
  if (Count > target::IovMax)
    return -EINVAL;
  std::vector<target::Iovec> Guest(Count);
  if (Count) {
    int64_t R = AS.copyFromGuest(Guest.data(), IovAddr,
                                 Count * sizeof(target::Iovec));
    if (R < 0)
      return R;
  }
  uint64_t Total = 0;
  for (const target::Iovec &V : Guest) {
    // The kernel rejects a total that does not fit in ssize_t.
    if (V.Len > uint64_t(SSIZE_MAX) || Total + V.Len > uint64_t(SSIZE_MAX))
      return -EINVAL;
    Total += V.Len;
  }
  for (const target::Iovec &V : Guest) {
    if (V.Len == 0)
      continue;
    if (Out.size() >= IOV_MAX)
      break;
    if (int64_t R = AS.hostPieces(V.Base, V.Len, Prot, Out); R < 0)
      return R;
  }
  if (Out.size() > IOV_MAX)
    Out.resize(IOV_MAX);
  return 0;
}

} // namespace dbt::linux
