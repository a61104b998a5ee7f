//===- SyscallMemoryTest.cpp - brk, mmap, munmap, mprotect, madvise -------===//

#include "SyscallTestSupport.h"

#include <fcntl.h>

using namespace dbt;
using namespace dbt::linux;
using namespace dbt::test;

namespace {

class SyscallMemory : public SyscallTest {
protected:
  static constexpr uint64_t HeapStart = DataLo + 100 * Page + 0x123;

  SyscallMemory() {
    P.BrkStart = HeapStart;
    P.BrkCurrent = HeapStart;
    P.BrkMappedEnd = (HeapStart + Page - 1) & ~(Page - 1);
    // The loader's last page, which the heap starts in.
    MapRequest R;
    R.Addr = HeapStart & ~(Page - 1);
    R.Length = Page;
    R.Prot = ProtRead | ProtWrite;
    R.Fixed = true;
    AS.map(R);
  }

  int64_t mmapAnon(uint64_t Addr, uint64_t Len, uint32_t Extra = 0) {
    return call(NrMmap, Addr, Len, target::ProtRead | target::ProtWrite,
                target::MapPrivate | target::MapAnonymous | Extra,
                static_cast<uint64_t>(-1), 0);
  }
};

TEST_F(SyscallMemory, BrkGrowsAndShrinks) {
  EXPECT_EQ(call(NrBrk, 0), int64_t(HeapStart));
  uint64_t Want = HeapStart + 3 * Page + 5;
  EXPECT_EQ(call(NrBrk, Want), int64_t(Want));
  EXPECT_EQ(P.BrkCurrent, Want);
  EXPECT_TRUE(AS.isAccessible(HeapStart, Want - HeapStart, ProtRead | ProtWrite));
  EXPECT_EQ(get<uint64_t>(Want - 8), 0u);
  put(Want - 8, "garbage!", 8);

  // Shrinking releases whole pages above the new break.
  EXPECT_EQ(call(NrBrk, HeapStart + 10), int64_t(HeapStart + 10));
  EXPECT_EQ(AS.pageProt(HeapStart + 2 * Page), -1);
  // Growing again gives fresh zero pages.
  EXPECT_EQ(call(NrBrk, Want), int64_t(Want));
  EXPECT_EQ(get<uint64_t>(Want - 8), 0u);

  // Below the start: unchanged.
  EXPECT_EQ(call(NrBrk, HeapStart - 1), int64_t(Want));
  EXPECT_EQ(call(NrBrk, 0), int64_t(Want));
}

TEST_F(SyscallMemory, BrkNeverMovesOtherMappings) {
  uint64_t Blocker = (HeapStart & ~(Page - 1)) + 4 * Page;
  ASSERT_EQ(mmapAnon(Blocker, Page, target::MapFixed), int64_t(Blocker));
  put(Blocker, "keep", 4);
  uint64_t Current = call(NrBrk, 0);
  EXPECT_EQ(call(NrBrk, Blocker + Page), int64_t(Current));
  EXPECT_EQ(getBytes(Blocker, 4), "keep");
  // Up to the blocker is fine.
  EXPECT_EQ(call(NrBrk, Blocker), int64_t(Blocker));
}

TEST_F(SyscallMemory, MmapAnonymous) {
  int64_t A = mmapAnon(0, 3 * Page + 1);
  ASSERT_GT(A, 0);
  EXPECT_EQ(A % Page, 0);
  EXPECT_TRUE(AS.isAccessible(A, 4 * Page, ProtRead | ProtWrite));
  EXPECT_EQ(call(NrMunmap, A, 4 * Page), 0);
  EXPECT_EQ(AS.pageProt(A), -1);
}

TEST_F(SyscallMemory, MmapChecksArguments) {
  EXPECT_EQ(mmapAnon(0, 0), -EINVAL);
  EXPECT_EQ(call(NrMmap, 0, Page, target::ProtRead, target::MapAnonymous, -1, 0), -EINVAL);
  EXPECT_EQ(call(NrMmap, 0, Page, target::ProtRead, target::MapPrivate, -1, 0), -EBADF);
  EXPECT_EQ(call(NrMmap, 0, Page, target::ProtRead, target::MapPrivate, 3, 100), -EINVAL);
  EXPECT_EQ(mmapAnon(DataLo + 1, Page, target::MapFixed), -EINVAL);
  EXPECT_EQ(mmapAnon(0, ~uint64_t(0) - 10), -ENOMEM);
  // MAP_FIXED_NOREPLACE over existing memory.
  EXPECT_EQ(mmapAnon(DataLo, Page, target::MapFixedNoReplace), -EEXIST);
  EXPECT_EQ(call(NrMunmap, DataLo + 1, Page), -EINVAL);
  EXPECT_EQ(call(NrMunmap, DataLo, 0), -EINVAL);
}

TEST_F(SyscallMemory, MmapFile) {
  std::string Path = TempDir + "/m";
  int Fd = ::open(Path.c_str(), O_RDWR | O_CREAT, 0600);
  ASSERT_GE(Fd, 0);
  std::string Content(2 * Page, 'q');
  Content[Page] = 'Z';
  ASSERT_EQ(::write(Fd, Content.data(), Content.size()), ssize_t(Content.size()));
  int64_t A = call(NrMmap, 0, Page, target::ProtRead, target::MapPrivate, Fd, Page);
  ASSERT_GT(A, 0);
  EXPECT_EQ(get<char>(A), 'Z');
  EXPECT_EQ(AS.pageProt(A), ProtRead);
  ::close(Fd);
}

TEST_F(SyscallMemory, Mprotect) {
  int64_t A = mmapAnon(0, 2 * Page);
  ASSERT_GT(A, 0);
  EXPECT_EQ(call(NrMprotect, A, Page, target::ProtRead), 0);
  EXPECT_EQ(AS.pageProt(A), ProtRead);
  EXPECT_EQ(AS.pageProt(A + Page), ProtRead | ProtWrite);
  EXPECT_EQ(call(NrMprotect, A + 1, Page, target::ProtRead), -EINVAL);
  EXPECT_EQ(call(NrMprotect, A, Page, 0x100), -EINVAL);
  EXPECT_EQ(call(NrMprotect, A, 0, target::ProtRead), 0);
  EXPECT_EQ(call(NrMprotect, Unmapped, Page, target::ProtRead), -ENOMEM);
}

TEST_F(SyscallMemory, MremapGrowsInPlace) {
  int64_t A = mmapAnon(0x60000, Page, target::MapFixed);
  ASSERT_EQ(A, 0x60000);
  EXPECT_EQ(call(NrMremap, A, Page, 3 * Page, 0, 0), A);
  EXPECT_TRUE(AS.isAccessible(A, 3 * Page, ProtRead | ProtWrite));
  EXPECT_EQ(call(NrMremap, A, Page, 2 * Page, target::MRemapFixed, 0), -EINVAL);
  EXPECT_EQ(call(NrMremap, A + 1, Page, 2 * Page, 0, 0), -EINVAL);
}

TEST_F(SyscallMemory, MadviseDontneedZeroes) {
  int64_t A = mmapAnon(0, 4 * Page);
  ASSERT_GT(A, 0);
  for (uint64_t I = 0; I < 4; ++I)
    put(A + I * Page + 100, "dirty", 5);
  EXPECT_EQ(call(NrMadvise, A + Page, 2 * Page, target::MAdvDontNeed), 0);
  EXPECT_EQ(getBytes(A + 100, 5), "dirty");
  EXPECT_EQ(getBytes(A + Page + 100, 5), std::string(5, '\0'));
  EXPECT_EQ(getBytes(A + 2 * Page + 100, 5), std::string(5, '\0'));
  EXPECT_EQ(getBytes(A + 3 * Page + 100, 5), "dirty");
  EXPECT_EQ(call(NrMadvise, A, Page, target::MAdvWillNeed), 0);
  EXPECT_EQ(call(NrMadvise, A, Page, 12345), -EINVAL);
  EXPECT_EQ(call(NrMadvise, A + 1, Page, target::MAdvDontNeed), -EINVAL);
  EXPECT_EQ(call(NrMadvise, Unmapped, Page, target::MAdvDontNeed), -ENOMEM);
}

TEST_F(SyscallMemory, FlushIcacheReachesTheCodeCache) {
  std::vector<std::pair<uint64_t, uint64_t>> Flushed;
  P.FlushCode = [&](uint64_t Lo, uint64_t Hi) { Flushed.push_back({Lo, Hi}); };
  EXPECT_EQ(call(NrRiscvFlushIcache, 0x1000, 0x2000, 0), 0);
  EXPECT_EQ(call(NrRiscvFlushIcache, 0, 0, 0), 0);
  EXPECT_EQ(call(NrRiscvFlushIcache, 0, 0, 2), -EINVAL);
  ASSERT_EQ(Flushed.size(), 1u); // [0x1000, 0x2000) is below the guest
  // "Everything" is the guest's address space, not 2^64.
  EXPECT_EQ(Flushed[0].first, AS.guestLowest());
  EXPECT_EQ(Flushed[0].second, AS.guestLimit());
  EXPECT_EQ(call(NrRiscvFlushIcache, DataLo + 0x1000, DataLo + 0x2000, 1), 0);
  ASSERT_EQ(Flushed.size(), 2u);
  EXPECT_EQ(Flushed[1], std::make_pair(DataLo + 0x1000, DataLo + 0x2000));
}

} // namespace
