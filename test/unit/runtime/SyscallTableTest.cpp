//===- SyscallTableTest.cpp - The riscv64 syscall table -------------------===//
//
// The table is the one place syscalls are declared: every entry must be
// complete, numbers must be the riscv64 (asm-generic) ones, and anything
// not in it must fail with ENOSYS.
//
//===----------------------------------------------------------------------===//

#include "SyscallTestSupport.h"

#include <set>

using namespace dbt;
using namespace dbt::linux;
using namespace dbt::test;

TEST(SyscallTable, EveryEntryIsComplete) {
  std::set<std::string> Names;
  std::set<uint32_t> Numbers;
  for (const SyscallInfo &S : syscallTable()) {
    ASSERT_NE(S.Name, nullptr);
    EXPECT_GT(std::strlen(S.Name), 0u) << S.Number;
    EXPECT_NE(S.Handler, nullptr) << S.Name;
    EXPECT_TRUE(Names.insert(S.Name).second) << "duplicate " << S.Name;
    EXPECT_TRUE(Numbers.insert(S.Number).second) << "duplicate " << S.Number;
    EXPECT_EQ(findSyscall(S.Number), &S) << S.Name;
  }
  EXPECT_GT(syscallTable().size(), 150u);
}

TEST(SyscallTable, LengthArgumentsFollowTheirBuffers) {
  // InBuf and the iovec kinds read their length from the next argument.
  for (const SyscallInfo &S : syscallTable()) {
    unsigned N = S.numArgs();
    for (unsigned I = 0; I < N; ++I) {
      ArgKind K = S.Args[I];
      if (K == ArgKind::InBuf || K == ArgKind::InIovec || K == ArgKind::OutIovec) {
        EXPECT_LT(I + 1, N) << S.Name;
      }
    }
    for (unsigned I = N; I < MaxSyscallArgs; ++I) {
      EXPECT_EQ(S.Args[I], ArgKind::None) << S.Name << " has a gap";
    }
  }
}

TEST(SyscallTable, NumbersAreRiscv64) {
  struct {
    uint32_t Number;
    const char *Name;
  } Expected[] = {
      {17, "getcwd"},      {25, "fcntl"},       {29, "ioctl"},
      {56, "openat"},      {57, "close"},       {63, "read"},
      {64, "write"},       {78, "readlinkat"},  {79, "newfstatat"},
      {80, "fstat"},       {93, "exit"},        {94, "exit_group"},
      {96, "set_tid_address"}, {98, "futex"},   {113, "clock_gettime"},
      {134, "rt_sigaction"}, {135, "rt_sigprocmask"}, {139, "rt_sigreturn"},
      {160, "uname"},      {172, "getpid"},     {178, "gettid"},
      {214, "brk"},        {215, "munmap"},     {220, "clone"},
      {221, "execve"},     {222, "mmap"},       {226, "mprotect"},
      {233, "madvise"},    {258, "riscv_hwprobe"}, {259, "riscv_flush_icache"},
      {260, "wait4"},      {261, "prlimit64"},  {276, "renameat2"},
      {278, "getrandom"},  {291, "statx"},      {293, "rseq"},
      {439, "faccessat2"},
  };
  for (auto &E : Expected) {
    const SyscallInfo *S = findSyscall(E.Number);
    ASSERT_NE(S, nullptr) << E.Name;
    EXPECT_STREQ(S->Name, E.Name);
  }
  // x86-64 numbers that do not exist on riscv64.
  EXPECT_EQ(findSyscall(2), nullptr);    // open
  EXPECT_EQ(findSyscall(1000), nullptr);
  EXPECT_EQ(findSyscall(~uint64_t(0)), nullptr);
}

TEST(SyscallTable, OnlyExitsDoNotReturn) {
  for (const SyscallInfo &S : syscallTable()) {
    bool Exit = std::strcmp(S.Name, "exit") == 0 ||
                std::strcmp(S.Name, "exit_group") == 0;
    EXPECT_EQ(S.Result == ResultKind::NoReturn, Exit) << S.Name;
  }
}

class SyscallDispatch : public SyscallTest {};

TEST_F(SyscallDispatch, UnknownIsEnosys) {
  EXPECT_EQ(call(1000), -ENOSYS);
  EXPECT_EQ(call(2), -ENOSYS);
  EXPECT_EQ(call(~uint64_t(0)), -ENOSYS);
}

TEST_F(SyscallDispatch, DeliberatelyUnimplemented) {
  EXPECT_EQ(call(NrClone), -ENOSYS);
  EXPECT_EQ(call(NrRseq), -ENOSYS);
  EXPECT_EQ(call(139), -ENOSYS); // rt_sigreturn
  EXPECT_EQ(call(258), -ENOSYS); // riscv_hwprobe
}

TEST_F(SyscallDispatch, ArgumentsComeFromA0ToA5) {
  // write(1, buf, 0) reads a0, a1, a2 and a7.
  EXPECT_EQ(call(NrWrite, 1, DataLo, 0), 0);
  EXPECT_EQ(call(NrWrite, 12345, DataLo, 1), -EBADF);
}
