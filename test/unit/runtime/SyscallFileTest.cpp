//===- SyscallFileTest.cpp - File and I/O syscalls against the host -------===//
//
// Runs guest file syscalls in a temporary directory through an address
// space that scatters guest pages, so buffers that cross pages turn into
// several host iovecs.
//
//===----------------------------------------------------------------------===//

#include "SyscallTestSupport.h"

#include <fcntl.h>
#include <sys/stat.h>

using namespace dbt;
using namespace dbt::linux;
using namespace dbt::test;

namespace {

class SyscallFile : public SyscallTest {
protected:
  /// openat(AT_FDCWD, TempDir/Name, Flags, 0644).
  int64_t openGuest(const std::string &Name, uint32_t Flags) {
    putString(DataLo, TempDir + "/" + Name);
    return call(NrOpenat, AtFdCwd, DataLo, Flags, 0644);
  }
};

TEST_F(SyscallFile, WriteSeekReadAcrossPages) {
  using namespace target;
  int64_t Fd = openGuest("a.txt", ORdWr | OCreat | OTrunc);
  ASSERT_GE(Fd, 0);
  // 3000 bytes starting 1000 bytes before a page boundary: two pieces.
  std::string Data;
  for (int I = 0; I < 3000; ++I)
    Data += static_cast<char>('a' + I % 26);
  uint64_t Buf = DataLo + 4 * Page - 1000;
  put(Buf, Data.data(), Data.size());
  EXPECT_EQ(call(NrWrite, Fd, Buf, Data.size()), 3000);
  EXPECT_EQ(call(NrLseek, Fd, 0, SEEK_SET), 0);
  uint64_t Out = DataLo + 10 * Page - 7;
  EXPECT_EQ(call(NrRead, Fd, Out, 5000), 3000);
  EXPECT_EQ(getBytes(Out, 3000), Data);
  EXPECT_EQ(call(NrRead, Fd, Out, 10), 0); // end of file
  EXPECT_EQ(call(NrClose, Fd), 0);
  EXPECT_EQ(call(NrClose, Fd), -EBADF);

  // The host sees the same file.
  struct stat St;
  ASSERT_EQ(::stat((TempDir + "/a.txt").c_str(), &St), 0);
  EXPECT_EQ(St.st_size, 3000);
}

TEST_F(SyscallFile, PreadPwrite) {
  int64_t Fd = openGuest("p", target::ORdWr | target::OCreat);
  ASSERT_GE(Fd, 0);
  put(DataLo + Page, "hello world", 11);
  EXPECT_EQ(call(NrPwrite64, Fd, DataLo + Page, 11, 100), 11);
  EXPECT_EQ(call(NrPread64, Fd, DataLo + 2 * Page, 5, 106), 5);
  EXPECT_EQ(getBytes(DataLo + 2 * Page, 5), "world");
  EXPECT_EQ(call(NrLseek, Fd, 0, SEEK_CUR), 0); // offsets untouched
  EXPECT_EQ(call(NrPread64, Fd, DataLo, 1, static_cast<uint64_t>(-1)), -EINVAL);
  call(NrClose, Fd);
}

TEST_F(SyscallFile, ReadvWritev) {
  int64_t Fd = openGuest("v", target::ORdWr | target::OCreat);
  ASSERT_GE(Fd, 0);
  uint64_t A = DataLo + 3 * Page - 2, B = DataLo + 8 * Page;
  put(A, "abcd", 4);
  put(B, "XYZ", 3);
  target::Iovec Iov[3] = {{A, 4}, {0, 0}, {B, 3}};
  uint64_t IovAddr = DataLo + 20 * Page;
  put(IovAddr, Iov, sizeof(Iov));
  EXPECT_EQ(call(NrWritev, Fd, IovAddr, 3), 7);
  uint64_t C = DataLo + 30 * Page - 3, D = DataLo + 33 * Page;
  target::Iovec In[2] = {{C, 5}, {D, 10}};
  put(IovAddr, In, sizeof(In));
  EXPECT_EQ(call(NrPreadv, Fd, IovAddr, 2, 0), 7);
  EXPECT_EQ(getBytes(C, 5), "abcdX");
  EXPECT_EQ(getBytes(D, 2), "YZ");
  EXPECT_EQ(call(NrReadv, Fd, IovAddr, static_cast<uint64_t>(-1)), -EINVAL);
  EXPECT_EQ(call(NrReadv, Fd, IovAddr, 1025), -EINVAL);
  call(NrClose, Fd);
}

TEST_F(SyscallFile, BadPointersAreEfault) {
  int64_t Fd = openGuest("f", target::ORdWr | target::OCreat);
  ASSERT_GE(Fd, 0);
  put(DataLo + Page, "data", 4);
  EXPECT_EQ(call(NrWrite, Fd, DataLo + Page, 4), 4);
  call(NrLseek, Fd, 0, SEEK_SET);
  // Reading into a read-only page or a hole.
  EXPECT_EQ(call(NrRead, Fd, ReadOnlyPage, 4), -EFAULT);
  EXPECT_EQ(call(NrRead, Fd, Unmapped, 4), -EFAULT);
  EXPECT_EQ(call(NrRead, Fd, ReadOnlyPage - 2, 4), -EFAULT);
  EXPECT_EQ(call(NrWrite, Fd, Unmapped - 2, 4), -EFAULT);
  EXPECT_EQ(call(NrWrite, Fd, 0, 4), -EFAULT);
  // Writing from a read-only page is fine.
  EXPECT_EQ(call(NrWrite, Fd, ReadOnlyPage, 4), 4);
  // Paths and iovec arrays.
  EXPECT_EQ(call(NrOpenat, AtFdCwd, Unmapped, 0), -EFAULT);
  EXPECT_EQ(call(NrOpenat, AtFdCwd, 0, 0), -EFAULT);
  target::Iovec Iov = {Unmapped, 4};
  put(DataLo, &Iov, sizeof(Iov));
  EXPECT_EQ(call(NrWritev, Fd, DataLo, 1), -EFAULT);
  EXPECT_EQ(call(NrWritev, Fd, Unmapped, 1), -EFAULT);
  // Results written to bad memory.
  EXPECT_EQ(call(NrFstat, Fd, ReadOnlyPage), -EFAULT);
  EXPECT_EQ(call(NrPipe2, Unmapped, 0), -EFAULT);
  call(NrClose, Fd);
}

TEST_F(SyscallFile, LongPathIsEnametoolong) {
  std::string Long(5000, 'x');
  putString(DataLo, Long);
  EXPECT_EQ(call(NrOpenat, AtFdCwd, DataLo, 0), -ENAMETOOLONG);
}

TEST_F(SyscallFile, FstatAndNewfstatat) {
  int64_t Fd = openGuest("s", target::OWrOnly | target::OCreat);
  ASSERT_GE(Fd, 0);
  put(DataLo + Page, "123456789", 9);
  call(NrWrite, Fd, DataLo + Page, 9);
  uint64_t StatAddr = DataLo + 5 * Page - 64; // straddles two pages
  ASSERT_EQ(call(NrFstat, Fd, StatAddr), 0);
  auto St = get<target::Stat>(StatAddr);
  EXPECT_EQ(St.Size, 9);
  EXPECT_TRUE(S_ISREG(St.Mode));

  putString(DataLo, TempDir);
  ASSERT_EQ(call(NrNewfstatat, AtFdCwd, DataLo, StatAddr, 0), 0);
  St = get<target::Stat>(StatAddr);
  EXPECT_TRUE(S_ISDIR(St.Mode));

  putString(DataLo, TempDir + "/missing");
  EXPECT_EQ(call(NrNewfstatat, AtFdCwd, DataLo, StatAddr, 0), -ENOENT);

  // AT_EMPTY_PATH with an empty path stats the descriptor itself.
  putString(DataLo, "");
  ASSERT_EQ(call(NrNewfstatat, Fd, DataLo, StatAddr, target::AtEmptyPath), 0);
  EXPECT_EQ(get<target::Stat>(StatAddr).Size, 9);

  // statx goes through unchanged: stx_size is at offset 40.
  putString(DataLo, TempDir + "/s");
  uint64_t Statx = DataLo + 12 * Page;
  ASSERT_EQ(call(NrStatx, AtFdCwd, DataLo, 0, 0x7ff, Statx), 0);
  EXPECT_EQ(get<uint64_t>(Statx + 40), 9u);
  call(NrClose, Fd);
}

TEST_F(SyscallFile, ReadlinkProcSelfExeIsTheGuest) {
  P.ExePath = "/opt/guest/bin/hello";
  putString(DataLo, "/proc/self/exe");
  uint64_t Buf = DataLo + Page;
  EXPECT_EQ(call(NrReadlinkat, AtFdCwd, DataLo, Buf, 100), 20);
  EXPECT_EQ(getBytes(Buf, 20), "/opt/guest/bin/hello");
  // Truncated to the buffer, without a NUL, like Linux.
  EXPECT_EQ(call(NrReadlinkat, AtFdCwd, DataLo, Buf, 4), 4);
  EXPECT_EQ(call(NrReadlinkat, AtFdCwd, DataLo, Buf, 0), -EINVAL);
  putString(DataLo, "/proc/" + std::to_string(::getpid()) + "/exe");
  EXPECT_EQ(call(NrReadlinkat, AtFdCwd, DataLo, Buf, 100), 20);
  // An existing path is resolved, as the kernel's link is.
  ASSERT_EQ(::mkdir((TempDir + "/bin").c_str(), 0755), 0);
  ASSERT_EQ(::close(::open((TempDir + "/bin/prog").c_str(), O_CREAT | O_WRONLY, 0755)), 0);
  P.ExePath = TempDir + "/./bin/../bin/prog";
  std::string Want = TempDir + "/bin/prog";
  putString(DataLo, "/proc/self/exe");
  EXPECT_EQ(call(NrReadlinkat, AtFdCwd, DataLo, Buf, 200), int64_t(Want.size()));
  EXPECT_EQ(getBytes(Buf, Want.size()), Want);

  // Other links are the host's.
  ASSERT_EQ(::symlink("target-name", (TempDir + "/link").c_str()), 0);
  putString(DataLo, TempDir + "/link");
  EXPECT_EQ(call(NrReadlinkat, AtFdCwd, DataLo, Buf, 100), 11);
  EXPECT_EQ(getBytes(Buf, 11), "target-name");
}

TEST_F(SyscallFile, OpenProcSelfExeOpensTheGuest) {
  std::string Exe = TempDir + "/guest-exe";
  ASSERT_EQ(::close(::open(Exe.c_str(), O_CREAT | O_WRONLY, 0755)), 0);
  P.ExePath = Exe;
  putString(DataLo, "/proc/self/exe");
  int64_t Fd = call(NrOpenat, AtFdCwd, DataLo, target::ORdOnly);
  ASSERT_GE(Fd, 0);
  struct stat A, B;
  ASSERT_EQ(::fstat(Fd, &A), 0);
  ASSERT_EQ(::stat(Exe.c_str(), &B), 0);
  EXPECT_EQ(A.st_ino, B.st_ino);
  ::close(Fd);
}

TEST_F(SyscallFile, GetcwdCountsTheNul) {
  char Cwd[4096];
  ASSERT_NE(::getcwd(Cwd, sizeof(Cwd)), nullptr);
  int64_t N = call(NrGetcwd, DataLo, 4096);
  EXPECT_EQ(N, static_cast<int64_t>(std::strlen(Cwd) + 1));
  EXPECT_EQ(getBytes(DataLo, N), std::string(Cwd, N));
  EXPECT_EQ(call(NrGetcwd, DataLo, 1), -ERANGE);
}

TEST_F(SyscallFile, Pipe2AndDup) {
  ASSERT_EQ(call(NrPipe2, DataLo, target::OCloExec), 0);
  int32_t Fds[2];
  AS.copyFromGuest(Fds, DataLo, sizeof(Fds));
  EXPECT_EQ(::fcntl(Fds[0], F_GETFD), FD_CLOEXEC);
  put(DataLo + Page, "ping", 4);
  EXPECT_EQ(call(NrWrite, Fds[1], DataLo + Page, 4), 4);
  int64_t Dup = call(NrDup, Fds[0]);
  ASSERT_GE(Dup, 0);
  EXPECT_EQ(call(NrRead, Dup, DataLo + 2 * Page, 4), 4);
  EXPECT_EQ(getBytes(DataLo + 2 * Page, 4), "ping");
  EXPECT_EQ(call(NrDup3, Dup, Dup, 0), -EINVAL);
  EXPECT_EQ(call(NrDup3, Fds[0], Dup, 0x1234), -EINVAL);
  for (int64_t Fd : {int64_t(Fds[0]), int64_t(Fds[1]), Dup})
    call(NrClose, Fd);
}

TEST_F(SyscallFile, FcntlFlags) {
  int64_t Fd = openGuest("fl", target::ORdWr | target::OCreat | target::OAppend);
  ASSERT_GE(Fd, 0);
  int64_t Flags = call(NrFcntl, Fd, target::FGetFl);
  ASSERT_GE(Flags, 0);
  EXPECT_EQ(Flags & target::OAccMode, target::ORdWr);
  EXPECT_TRUE(Flags & target::OAppend);
  EXPECT_EQ(call(NrFcntl, Fd, target::FSetFl, target::ONonBlock), 0);
  EXPECT_TRUE(call(NrFcntl, Fd, target::FGetFl) & target::ONonBlock);
  EXPECT_EQ(call(NrFcntl, Fd, target::FGetFd), 0);
  EXPECT_EQ(call(NrFcntl, Fd, target::FSetFd, 1), 0);
  EXPECT_EQ(call(NrFcntl, Fd, target::FGetFd), 1);
  int64_t Dup = call(NrFcntl, Fd, target::FDupFdCloExec, 50);
  EXPECT_GE(Dup, 50);
  EXPECT_EQ(call(NrFcntl, Fd, 9999), -EINVAL);

  // A lock the guest takes shows up to F_GETLK as unlocked for us.
  target::Flock L = {};
  L.Type = F_WRLCK;
  L.Whence = SEEK_SET;
  L.Len = 10;
  put(DataLo + Page, &L, sizeof(L));
  EXPECT_EQ(call(NrFcntl, Fd, target::FSetLk, DataLo + Page), 0);
  EXPECT_EQ(call(NrFcntl, Fd, target::FGetLk, DataLo + Page), 0);
  EXPECT_EQ(get<target::Flock>(DataLo + Page).Type, F_UNLCK);
  call(NrClose, Dup);
  call(NrClose, Fd);
}

TEST_F(SyscallFile, IoctlOnlyKnownRequests) {
  int64_t Fd = openGuest("io", target::ORdWr | target::OCreat);
  ASSERT_GE(Fd, 0);
  EXPECT_EQ(call(NrIoctl, Fd, target::TcGetS, DataLo), -ENOTTY);
  EXPECT_EQ(call(NrIoctl, Fd, target::TiocGWinSz, DataLo), -ENOTTY);
  EXPECT_EQ(call(NrIoctl, Fd, 0x12345678, DataLo), -ENOTTY);
  // FIONREAD works on a pipe.
  int Fds[2];
  ASSERT_EQ(::pipe(Fds), 0);
  ASSERT_EQ(::write(Fds[1], "abc", 3), 3);
  EXPECT_EQ(call(NrIoctl, Fds[0], target::FionRead, DataLo + 8), 0);
  EXPECT_EQ(get<int32_t>(DataLo + 8), 3);
  EXPECT_EQ(call(NrIoctl, Fds[0], target::FionRead, Unmapped), -EFAULT);
  ::close(Fds[0]);
  ::close(Fds[1]);
  call(NrClose, Fd);
}

TEST_F(SyscallFile, DirectoryOperations) {
  putString(DataLo, TempDir + "/d");
  EXPECT_EQ(call(NrMkdirat, AtFdCwd, DataLo, 0755), 0);
  EXPECT_EQ(call(NrMkdirat, AtFdCwd, DataLo, 0755), -EEXIST);
  putString(DataLo + Page, TempDir + "/d/file1");
  int64_t Fd = call(NrOpenat, AtFdCwd, DataLo + Page,
                    target::OWrOnly | target::OCreat, 0600);
  ASSERT_GE(Fd, 0);
  call(NrClose, Fd);
  putString(DataLo + 2 * Page, TempDir + "/d/file2");
  EXPECT_EQ(call(NrRenameat2, AtFdCwd, DataLo + Page, AtFdCwd, DataLo + 2 * Page, 0), 0);

  // getdents64 sees file2 (record layout is shared with the host).
  int64_t Dir = call(NrOpenat, AtFdCwd, DataLo, target::ORdOnly | target::ODirectory);
  ASSERT_GE(Dir, 0);
  uint64_t Buf = DataLo + 10 * Page - 100;
  int64_t N = call(NrGetdents64, Dir, Buf, 2048);
  ASSERT_GT(N, 0);
  std::string Records = getBytes(Buf, N);
  bool Found = false;
  for (int64_t Off = 0; Off < N;) {
    uint16_t RecLen;
    std::memcpy(&RecLen, Records.data() + Off + 16, 2);
    if (std::strcmp(Records.data() + Off + 19, "file2") == 0)
      Found = true;
    Off += RecLen;
  }
  EXPECT_TRUE(Found);
  call(NrClose, Dir);

  EXPECT_EQ(call(NrFaccessat, AtFdCwd, DataLo + 2 * Page, 4 /*R_OK*/), 0);
  EXPECT_EQ(call(NrFaccessat, AtFdCwd, DataLo + Page, 0), -ENOENT);
  EXPECT_EQ(call(NrUnlinkat, AtFdCwd, DataLo, 0), -EISDIR);
  EXPECT_EQ(call(NrUnlinkat, AtFdCwd, DataLo, target::AtRemoveDir), -ENOTEMPTY);
  EXPECT_EQ(call(NrUnlinkat, AtFdCwd, DataLo + 2 * Page, 0), 0);
  EXPECT_EQ(call(NrUnlinkat, AtFdCwd, DataLo, target::AtRemoveDir), 0);
}

TEST_F(SyscallFile, UmaskReturnsOld) {
  mode_t Old = ::umask(022);
  EXPECT_EQ(call(NrUmask, 077), 022);
  EXPECT_EQ(call(NrUmask, 022), 077);
  ::umask(Old);
}

} // namespace
