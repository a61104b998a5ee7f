//===- StraceTest.cpp - --strace formatting -------------------------------===//

#include "SyscallTestSupport.h"

#include <cstdio>

using namespace dbt;
using namespace dbt::linux;
using namespace dbt::test;

namespace {

class Strace : public SyscallTest {
protected:
  std::string format(uint64_t Nr, std::initializer_list<uint64_t> Args,
                     int64_t Result, bool Returned = true) {
    SyscallArgs A = {};
    unsigned I = 0;
    for (uint64_t V : Args)
      A.V[I++] = V;
    return formatSyscall(P, Nr, A, Result, Returned);
  }
};

TEST_F(Strace, OpenatLikeStrace) {
  putString(DataLo, "/etc/passwd");
  EXPECT_EQ(format(NrOpenat, {AtFdCwd, DataLo, 0}, 3),
            "openat(AT_FDCWD,\"/etc/passwd\",O_RDONLY) = 3");
  // The mode only matters with O_CREAT.
  EXPECT_EQ(format(NrOpenat,
                   {5, DataLo, target::OWrOnly | target::OCreat | target::OCloExec,
                    0644},
                   -ENOENT),
            "openat(5,\"/etc/passwd\",O_WRONLY|O_CREAT|O_CLOEXEC,0644) = -1 "
            "ENOENT (No such file or directory)");
}

TEST_F(Strace, WriteShowsEscapedData) {
  put(DataLo, "hello\n", 6);
  EXPECT_EQ(format(NrWrite, {1, DataLo, 6}, 6), "write(1,\"hello\\n\",6) = 6");
  put(DataLo, "a\"b\\c\t\x01" "7\xff", 9);
  EXPECT_EQ(format(NrWrite, {2, DataLo, 9}, 9),
            "write(2,\"a\\\"b\\\\c\\t\\0017\\377\",9) = 9");
}

TEST_F(Strace, LongBuffersAreTruncated) {
  std::string Long(100, 'x');
  put(DataLo, Long.data(), Long.size());
  EXPECT_EQ(format(NrWrite, {1, DataLo, 100}, 100),
            "write(1,\"" + std::string(32, 'x') + "\"...,100) = 100");
}

TEST_F(Strace, ReadShowsWhatWasRead) {
  put(DataLo, "abcdef", 6);
  EXPECT_EQ(format(NrRead, {0, DataLo, 100}, 3), "read(0,\"abc\",100) = 3");
  EXPECT_EQ(format(NrRead, {0, DataLo, 100}, -EBADF),
            "read(0,0x10000,100) = -1 EBADF (Bad file descriptor)");
}

TEST_F(Strace, BadPointersPrintAsPointers) {
  EXPECT_EQ(format(NrOpenat, {AtFdCwd, Unmapped, 0}, -EFAULT),
            "openat(AT_FDCWD,0x51000,O_RDONLY) = -1 EFAULT (Bad address)");
  EXPECT_EQ(format(NrWrite, {1, 0, 4}, -EFAULT),
            "write(1,NULL,4) = -1 EFAULT (Bad address)");
}

TEST_F(Strace, MemoryCalls) {
  using namespace target;
  EXPECT_EQ(format(NrMmap,
                   {0, 8192, target::ProtRead | target::ProtWrite,
                    MapPrivate | MapAnonymous,
                    static_cast<uint64_t>(-1), 0},
                   0x7f0000),
            "mmap(NULL,8192,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS,-1,0) "
            "= 0x7f0000");
  EXPECT_EQ(format(NrMprotect, {0x1000, 4096, 0}, 0),
            "mprotect(0x1000,4096,PROT_NONE) = 0");
  EXPECT_EQ(format(NrBrk, {0}, 0x20000), "brk(NULL) = 0x20000");
  EXPECT_EQ(format(NrMmap, {0, 0, 0, 0x2, 3, 0}, -EINVAL),
            "mmap(NULL,0,PROT_NONE,MAP_PRIVATE,3,0) = -1 EINVAL (Invalid argument)");
}

TEST_F(Strace, ExitHasNoResult) {
  EXPECT_EQ(format(NrExitGroup, {0}, 0, false), "exit_group(0) = ?");
}

TEST_F(Strace, UnknownSyscall) {
  EXPECT_EQ(format(999, {1, 2}, -ENOSYS),
            "syscall_999(0x1,0x2,0,0,0,0) = -1 ENOSYS (Function not implemented)");
}

TEST_F(Strace, SignalsAndFlags) {
  uint64_t Set = (1ull << 1) | (1ull << 14);
  put(DataLo, &Set, 8);
  EXPECT_EQ(format(NrRtSigprocmask, {target::SigBlock, DataLo, 0, 8}, 0),
            "rt_sigprocmask(SIG_BLOCK,[INT TERM],NULL,8) = 0");
  EXPECT_EQ(format(NrTgkill, {10, 10, 6}, 0), "tgkill(10,10,SIGABRT) = 0");
  EXPECT_EQ(format(NrFutex, {DataLo, 129, 1, 0, 0, 0}, 0),
            "futex(0x10000,FUTEX_WAKE_PRIVATE,1,NULL,NULL,0) = 0");
  EXPECT_EQ(format(NrFcntl, {3, target::FGetFl}, 2), "fcntl(3,F_GETFL) = 2");
  EXPECT_EQ(format(NrIoctl, {1, target::TiocGWinSz, DataLo}, -ENOTTY),
            "ioctl(1,TIOCGWINSZ,0x10000) = -1 ENOTTY (Inappropriate ioctl for "
            "device)");
  EXPECT_EQ(format(NrUmask, {022}, 077), "umask(022) = 077");
  putString(DataLo, "d");
  EXPECT_EQ(format(NrUnlinkat, {AtFdCwd, DataLo, 0x200}, 0),
            "unlinkat(AT_FDCWD,\"d\",AT_REMOVEDIR) = 0");
}

TEST_F(Strace, DescriptorFlagsHaveNoAccessMode) {
  int32_t Fds[2] = {3, 4};
  put(DataLo, Fds, sizeof(Fds));
  EXPECT_EQ(format(59, {DataLo, target::OCloExec | target::ONonBlock}, 0),
            "pipe2([3,4],O_NONBLOCK|O_CLOEXEC) = 0");
  EXPECT_EQ(format(NrDup3, {3, 4, 0}, 4), "dup3(3,4,0) = 4");
}

TEST_F(Strace, Iovecs) {
  put(DataLo, "hello", 5);
  put(DataLo + 8, "!\n", 2);
  target::Iovec Iov[2] = {{DataLo, 5}, {DataLo + 8, 2}};
  put(DataLo + 64, Iov, sizeof(Iov));
  EXPECT_EQ(format(NrWritev, {1, DataLo + 64, 2}, 7),
            "writev(1,[{iov_base=\"hello\",iov_len=5},{iov_base=\"!\\n\",iov_len=2}],2)"
            " = 7");
  EXPECT_EQ(format(NrReadv, {1, DataLo + 64, 2}, 3),
            "readv(1,[{iov_base=\"hel\",iov_len=5},{iov_base=\"\",iov_len=2}],2) = 3");
}

TEST_F(Strace, HandleSyscallPrintsWithPid) {
  FILE *Log = std::tmpfile();
  ASSERT_NE(Log, nullptr);
  Options.Strace = true;
  Options.Log = Log;
  EXPECT_EQ(call(NrGetpid), ::getpid());
  call(NrExitGroup, 7);
  std::rewind(Log);
  char Buf[256] = {};
  size_t N = std::fread(Buf, 1, sizeof(Buf) - 1, Log);
  std::fclose(Log);
  std::string Pid = std::to_string(::getpid());
  EXPECT_EQ(std::string(Buf, N),
            Pid + " getpid() = " + Pid + "\n" + Pid + " exit_group(7) = ?\n");
}

} // namespace
