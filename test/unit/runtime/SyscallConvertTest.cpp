//===- SyscallConvertTest.cpp - riscv64 layouts and flag conversion -------===//
//
// The guest structs must have the asm-generic layouts (checked against
// linux-libc-dev-riscv64-cross), and host values must land in the right
// guest fields.
//
//===----------------------------------------------------------------------===//

#include "SyscallTestSupport.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>

using namespace dbt;
using namespace dbt::linux;

TEST(SyscallConvert, StatLayoutIsAsmGeneric) {
  EXPECT_EQ(sizeof(target::Stat), 128u);
  EXPECT_EQ(offsetof(target::Stat, Dev), 0u);
  EXPECT_EQ(offsetof(target::Stat, Ino), 8u);
  EXPECT_EQ(offsetof(target::Stat, Mode), 16u);
  EXPECT_EQ(offsetof(target::Stat, Nlink), 20u);
  EXPECT_EQ(offsetof(target::Stat, Uid), 24u);
  EXPECT_EQ(offsetof(target::Stat, Gid), 28u);
  EXPECT_EQ(offsetof(target::Stat, Rdev), 32u);
  EXPECT_EQ(offsetof(target::Stat, Size), 48u);
  EXPECT_EQ(offsetof(target::Stat, BlkSize), 56u);
  EXPECT_EQ(offsetof(target::Stat, Blocks), 64u);
  EXPECT_EQ(offsetof(target::Stat, ATime), 72u);
  EXPECT_EQ(offsetof(target::Stat, ATimeNsec), 80u);
  EXPECT_EQ(offsetof(target::Stat, MTime), 88u);
  EXPECT_EQ(offsetof(target::Stat, CTime), 104u);
  EXPECT_EQ(offsetof(target::Stat, CTimeNsec), 112u);
  // The host's struct stat is x86-64's, which is why conversion exists.
  EXPECT_NE(sizeof(struct stat), sizeof(target::Stat));
}

TEST(SyscallConvert, OtherLayouts) {
  EXPECT_EQ(sizeof(target::StatFs), 120u);
  EXPECT_EQ(offsetof(target::StatFs, Fsid), 56u);
  EXPECT_EQ(offsetof(target::StatFs, NameLen), 64u);
  EXPECT_EQ(sizeof(target::SigAction), 24u); // no sa_restorer on riscv
  EXPECT_EQ(offsetof(target::SigAction, Mask), 16u);
  EXPECT_EQ(sizeof(target::StackT), 24u);
  EXPECT_EQ(offsetof(target::StackT, Size), 16u);
  EXPECT_EQ(sizeof(target::SysInfo), 112u);
  EXPECT_EQ(sizeof(target::Rusage), 144u);
  EXPECT_EQ(sizeof(target::Utsname), 390u);
  EXPECT_EQ(sizeof(target::Termios), 36u);
  EXPECT_EQ(sizeof(target::EpollEvent), 16u);
  EXPECT_EQ(sizeof(target::MsgHdr), 56u);
  EXPECT_EQ(sizeof(target::Flock), 32u);
}

TEST(SyscallConvert, StatFieldsLandInPlace) {
  char Path[] = "/tmp/dbt-stat-XXXXXX";
  int Fd = ::mkstemp(Path);
  ASSERT_GE(Fd, 0);
  ASSERT_EQ(::write(Fd, "12345", 5), 5);
  struct stat H;
  ASSERT_EQ(::fstat(Fd, &H), 0);
  target::Stat G;
  std::memset(&G, 0xab, sizeof(G));
  convertStat(H, G);
  EXPECT_EQ(G.Dev, H.st_dev);
  EXPECT_EQ(G.Ino, H.st_ino);
  EXPECT_EQ(G.Mode, H.st_mode);
  EXPECT_EQ(G.Nlink, H.st_nlink);
  EXPECT_EQ(G.Uid, H.st_uid);
  EXPECT_EQ(G.Size, 5);
  EXPECT_EQ(G.BlkSize, H.st_blksize);
  EXPECT_EQ(G.Blocks, H.st_blocks);
  EXPECT_EQ(G.MTime, H.st_mtim.tv_sec);
  EXPECT_EQ(G.MTimeNsec, static_cast<uint64_t>(H.st_mtim.tv_nsec));
  EXPECT_EQ(G.Pad1, 0u);
  EXPECT_EQ(G.Pad2, 0);
  EXPECT_EQ(G.Unused4, 0u);
  ::close(Fd);
  ::unlink(Path);
}

TEST(SyscallConvert, OpenFlags) {
  using namespace target;
  EXPECT_EQ(openFlagsToHost(ORdOnly), O_RDONLY);
  EXPECT_EQ(openFlagsToHost(OWrOnly | OCreat | OTrunc),
            O_WRONLY | O_CREAT | O_TRUNC);
  EXPECT_EQ(openFlagsToHost(ORdWr | OAppend | OCloExec | ODirectory | ONoFollow),
            O_RDWR | O_APPEND | O_CLOEXEC | O_DIRECTORY | O_NOFOLLOW);
  EXPECT_EQ(openFlagsToHost(OSyncBit | ODSync), O_SYNC);
  EXPECT_EQ(openFlagsToHost(OTmpFileBit | ODirectory | ORdWr), O_TMPFILE | O_RDWR);
  EXPECT_EQ(openFlagsToHost(OPath), O_PATH);
  EXPECT_EQ(openFlagsToHost(ODirect), O_DIRECT);
  // The exact riscv64 bits, which are not arm64's.
  EXPECT_EQ(uint32_t(ODirectory), 0200000u);
  EXPECT_EQ(uint32_t(ONoFollow), 0400000u);
  EXPECT_EQ(uint32_t(ODirect), 040000u);
  EXPECT_EQ(uint32_t(OLargeFile), 0100000u);

  // F_GETFL reports the kernel's O_LARGEFILE bit even though glibc's
  // O_LARGEFILE is 0 on x86-64.
  int Fd = ::open("/dev/null", O_RDWR | O_APPEND);
  ASSERT_GE(Fd, 0);
  uint32_t G = openFlagsToGuest(::fcntl(Fd, F_GETFL));
  EXPECT_EQ(G & OAccMode, uint32_t(ORdWr));
  EXPECT_TRUE(G & OAppend);
  EXPECT_TRUE(G & OLargeFile);
  ::close(Fd);
}

TEST(SyscallConvert, SysInfoAndRusage) {
  struct sysinfo H = {};
  H.uptime = 77;
  H.totalram = 1234;
  H.procs = 9;
  H.mem_unit = 4096;
  target::SysInfo G;
  convertSysInfo(H, G);
  EXPECT_EQ(G.Uptime, 77);
  EXPECT_EQ(G.TotalRam, 1234u);
  EXPECT_EQ(G.Procs, 9);
  EXPECT_EQ(G.MemUnit, 4096u);

  struct rusage R = {};
  R.ru_utime = {3, 4};
  R.ru_maxrss = 99;
  R.ru_nivcsw = 5;
  target::Rusage GR;
  convertRusage(R, GR);
  EXPECT_EQ(GR.UTime.Sec, 3);
  EXPECT_EQ(GR.UTime.Usec, 4);
  EXPECT_EQ(GR.MaxRss, 99);
  EXPECT_EQ(GR.NIvCsw, 5);
}
