//===- AddressSpaceTest.cpp - Reserved-mode guest address space -----------===//
#include "AddressSpace/ReservedAddressSpace.h"

#include "dbt/AddressSpace/AddressSpace.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace dbt;

namespace {

constexpr uint64_t K = 0x1000;
constexpr int RW = ProtRead | ProtWrite;

std::unique_ptr<AddressSpace> makeSpace() {
  std::string Error;
  AddressSpaceOptions O;
  auto AS = createAddressSpace(O, Error);
  EXPECT_TRUE(AS) << Error;
  return AS;
}

MapRequest anonAt(uint64_t Addr, uint64_t Len, int Prot = RW) {
  MapRequest R;
  R.Addr = Addr;
  R.Length = Len;
  R.Prot = Prot;
  R.Fixed = true;
  return R;
}

/// True when the host has something (the reservation, or a mapping) at
/// the host page: a NOREPLACE probe there fails with EEXIST.
bool hostOccupied(void *P) {
  void *R = ::mmap(P, K, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  if (R == MAP_FAILED) return errno == EEXIST;
  ::munmap(R, K);
  return false;
}

struct TempFile {
  std::string Path;
  int Fd = -1;
  explicit TempFile(size_t Pages) {
    char Name[] = "/tmp/dbt-as-test-XXXXXX";
    Fd = ::mkstemp(Name);
    Path = Name;
    std::vector<uint8_t> Data(Pages * K);
    for (size_t I = 0; I < Data.size(); ++I) Data[I] = uint8_t(I / K + 1);
    EXPECT_EQ(::write(Fd, Data.data(), Data.size()), ssize_t(Data.size()));
  }
  ~TempFile() {
    ::close(Fd);
    ::unlink(Path.c_str());
  }
};

TEST(AddressSpace, ModeNames) {
  EXPECT_STREQ(memoryModeName(MemoryMode::Reserved), "reserved");
  EXPECT_STREQ(memoryModeName(MemoryMode::SoftMmu), "softmmu");
  MemoryMode M;
  EXPECT_TRUE(parseMemoryMode("unreserved", M));
  EXPECT_EQ(M, MemoryMode::Unreserved);
  EXPECT_FALSE(parseMemoryMode("bogus", M));
}

TEST(AddressSpace, CreateReserved) {
  auto AS = makeSpace();
  ASSERT_TRUE(AS);
  EXPECT_EQ(AS->mode(), MemoryMode::Reserved);
  EXPECT_EQ(AS->guestPageSize(), 4096u);
  EXPECT_EQ(AS->guestLimit(), uint64_t(1) << 38);
  EXPECT_EQ(AS->guestLowest(), 0x10000u);
  EXPECT_EQ(AS->mmapBase(), (uint64_t(1) << 38) - (uint64_t(128) << 20));
  EXPECT_NE(AS->guestBase(), 0u);
  EXPECT_EQ(AS->fastPath().Kind, MemoryFastPath::Kind::Direct);
  EXPECT_EQ(AS->hostPointer(0x1234), reinterpret_cast<void *>(AS->guestBase() + 0x1234));
  EXPECT_TRUE(hostOccupied(AS->hostPointer(0x100000)));
}

TEST(AddressSpace, RejectsBadWindowAndUnimplementedModes) {
  std::string Error;
  AddressSpaceOptions O;
  O.GuestWindow = 12345;
  EXPECT_FALSE(createAddressSpace(O, Error));
  EXPECT_NE(Error.find("window"), std::string::npos);
  O = AddressSpaceOptions();
  O.Mode = MemoryMode::SoftMmu;
  EXPECT_FALSE(createAddressSpace(O, Error));
  EXPECT_NE(Error.find("softmmu"), std::string::npos);
}

TEST(AddressSpace, MapArgumentErrors) {
  auto AS = makeSpace();
  EXPECT_EQ(AS->map(anonAt(0x100000, 0)), -EINVAL);
  EXPECT_EQ(AS->map(anonAt(0x100010, K)), -EINVAL);
  EXPECT_EQ(AS->map(anonAt(0x100000, K, 8)), -EINVAL);
  EXPECT_EQ(AS->map(anonAt(AS->guestLimit() - K, 2 * K)), -ENOMEM);
  EXPECT_EQ(AS->map(anonAt(AS->guestLimit(), K)), -ENOMEM);
  EXPECT_EQ(AS->map(anonAt(0, K)), -EPERM);
  MapRequest Huge = anonAt(0x100000, UINT64_MAX - 10);
  EXPECT_EQ(AS->map(Huge), -ENOMEM);
  MapRequest Off = anonAt(0x100000, K);
  Off.HostFd = 0;
  Off.Offset = 12;
  EXPECT_EQ(AS->map(Off), -EINVAL);
  MapRequest BadFd = anonAt(0x100000, K);
  BadFd.HostFd = 1000000;
  EXPECT_EQ(AS->map(BadFd), -EBADF);
  EXPECT_EQ(AS->pageProt(0x100000), -1);
}

TEST(AddressSpace, NonFixedMapsGoTopDownAndHonourFreeHints) {
  auto AS = makeSpace();
  MapRequest R;
  R.Length = 3 * K + 1; // rounded up to 4 pages
  R.Prot = RW;
  int64_t A = AS->map(R);
  EXPECT_EQ(uint64_t(A), AS->mmapBase() - 4 * K);
  int64_t B = AS->map(R);
  EXPECT_EQ(uint64_t(B), uint64_t(A) - 4 * K);
  R.Addr = 0x40000000;
  EXPECT_EQ(AS->map(R), 0x40000000);
  // Busy hint: falls back to the top-down search.
  EXPECT_EQ(uint64_t(AS->map(R)), uint64_t(B) - 4 * K);
  // Unaligned hint is rounded up.
  R.Addr = 0x50000001;
  EXPECT_EQ(AS->map(R), 0x50001000);
  EXPECT_EQ(AS->findUnmapped(0, 0), -EINVAL);
  EXPECT_EQ(uint64_t(AS->findUnmapped(0, K)), uint64_t(B) - 5 * K);
}

TEST(AddressSpace, FixedMapReplacesAndNoReplaceRefuses) {
  auto AS = makeSpace();
  const uint64_t A = 0x200000;
  ASSERT_EQ(AS->map(anonAt(A, 4 * K)), int64_t(A));
  *static_cast<uint8_t *>(AS->hostPointer(A + K)) = 42;
  MapRequest NR = anonAt(A + 3 * K, 2 * K);
  NR.Fixed = false;
  NR.NoReplace = true;
  EXPECT_EQ(AS->map(NR), -EEXIST);
  EXPECT_EQ(AS->pageProt(A + 4 * K), -1); // nothing changed
  NR.Addr = A + 4 * K;
  EXPECT_EQ(AS->map(NR), int64_t(A + 4 * K));
  // MAP_FIXED over live memory gives fresh zero pages.
  ASSERT_EQ(AS->map(anonAt(A, 2 * K, ProtRead)), int64_t(A));
  EXPECT_EQ(*static_cast<uint8_t *>(AS->hostPointer(A + K)), 0);
  EXPECT_EQ(AS->pageProt(A), ProtRead);
  EXPECT_EQ(AS->pageProt(A + 2 * K), RW);
}

TEST(AddressSpace, FileMappings) {
  auto AS = makeSpace();
  TempFile F(4);
  MapRequest R = anonAt(0x300000, 2 * K, ProtRead);
  R.HostFd = F.Fd;
  R.Offset = K;
  ASSERT_EQ(AS->map(R), 0x300000);
  auto *P = static_cast<uint8_t *>(AS->hostPointer(0x300000));
  EXPECT_EQ(P[0], 2);
  EXPECT_EQ(P[K], 3);
  auto *RS = static_cast<ReservedAddressSpace *>(AS.get());
  auto Maps = RS->mappings();
  ASSERT_EQ(Maps.size(), 1u);
  struct stat St;
  ASSERT_EQ(::fstat(F.Fd, &St), 0);
  EXPECT_TRUE(Maps[0].Info.File);
  EXPECT_EQ(Maps[0].Info.Ino, uint64_t(St.st_ino));
  EXPECT_EQ(Maps[0].Info.fileOffset(0x301000), 2 * K);

  // Shared writable mappings reach the file.
  MapRequest S = anonAt(0x400000, K, RW);
  S.HostFd = F.Fd;
  S.Shared = true;
  ASSERT_EQ(AS->map(S), 0x400000);
  uint8_t V = 0x77;
  EXPECT_EQ(AS->copyToGuest(0x400010, &V, 1), 0);
  uint8_t Back = 0;
  ASSERT_EQ(::pread(F.Fd, &Back, 1, 0x10), 1);
  EXPECT_EQ(Back, 0x77);

  // The host refuses a shared writable mapping of a read-only file: the
  // error comes back and the range stays reserved.
  int RoFd = ::open(F.Path.c_str(), O_RDONLY);
  MapRequest Ro = anonAt(0x500000, K, RW);
  Ro.HostFd = RoFd;
  Ro.Shared = true;
  EXPECT_EQ(AS->map(Ro), -EACCES);
  EXPECT_EQ(AS->pageProt(0x500000), -1);
  EXPECT_TRUE(hostOccupied(AS->hostPointer(0x500000)));
  ::close(RoFd);
}

TEST(AddressSpace, UnmapReReservesAndInvalidatesExecutableRanges) {
  auto AS = makeSpace();
  std::vector<std::pair<uint64_t, uint64_t>> Flushed;
  AS->setCodeInvalidationHook([&](uint64_t A, uint64_t L) { Flushed.push_back({A, L}); });
  const uint64_t A = 0x600000;
  ASSERT_EQ(AS->map(anonAt(A, 2 * K, ProtRead | ProtExec)), int64_t(A));
  ASSERT_EQ(AS->map(anonAt(A + 2 * K, 2 * K)), int64_t(A + 2 * K));
  EXPECT_TRUE(Flushed.empty());
  EXPECT_EQ(AS->unmap(A + K, 2 * K), 0);
  ASSERT_EQ(Flushed.size(), 1u);
  EXPECT_EQ(Flushed[0], std::make_pair(A + K, K));
  EXPECT_EQ(AS->pageProt(A + K), -1);
  EXPECT_EQ(AS->pageProt(A + 2 * K), -1);
  EXPECT_EQ(AS->pageProt(A), ProtRead | ProtExec);
  EXPECT_EQ(AS->pageProt(A + 3 * K), RW);
  EXPECT_TRUE(hostOccupied(AS->hostPointer(A + K)));
  uint8_t B;
  EXPECT_EQ(AS->copyFromGuest(&B, A + K, 1), -EFAULT);
  // Unmapping nothing is fine; bad arguments are not.
  EXPECT_EQ(AS->unmap(0x7000000, K), 0);
  EXPECT_EQ(AS->unmap(A + 1, K), -EINVAL);
  EXPECT_EQ(AS->unmap(A, 0), -EINVAL);
  EXPECT_EQ(AS->unmap(AS->guestLimit() - K, 2 * K), -EINVAL);
  // MAP_FIXED over code also drops it.
  Flushed.clear();
  ASSERT_EQ(AS->map(anonAt(A, K)), int64_t(A));
  ASSERT_EQ(Flushed.size(), 1u);
  EXPECT_EQ(Flushed[0], std::make_pair(A, K));
}

TEST(AddressSpace, Protect) {
  auto AS = makeSpace();
  std::vector<std::pair<uint64_t, uint64_t>> Flushed;
  AS->setCodeInvalidationHook([&](uint64_t A, uint64_t L) { Flushed.push_back({A, L}); });
  const uint64_t A = 0x800000;
  ASSERT_EQ(AS->map(anonAt(A, 4 * K, ProtRead | ProtExec)), int64_t(A));
  EXPECT_EQ(AS->protect(A + K, K, RW), 0);
  ASSERT_EQ(Flushed.size(), 1u);
  EXPECT_EQ(Flushed[0], std::make_pair(A + K, K));
  EXPECT_EQ(AS->pageProt(A + K), RW);
  uint32_t V = 5;
  EXPECT_EQ(AS->copyToGuest(A + K, &V, 4), 0);
  EXPECT_EQ(AS->copyToGuest(A, &V, 4), -EFAULT); // read-only
  EXPECT_EQ(AS->copyToGuest(A + 2 * K - 2, &V, 4), -EFAULT); // runs into read-only
  EXPECT_EQ(AS->protect(A, 4 * K, ProtNone), 0);
  EXPECT_EQ(AS->copyFromGuest(&V, A + K, 4), -EFAULT);
  // A hole: the mapped prefix changes, then ENOMEM.
  EXPECT_EQ(AS->protect(A + 2 * K, 4 * K, ProtRead), -ENOMEM);
  EXPECT_EQ(AS->pageProt(A + 3 * K), ProtRead);
  EXPECT_EQ(AS->pageProt(A + K), ProtNone);
  EXPECT_EQ(AS->protect(A + 4 * K, K, ProtRead), -ENOMEM);
  EXPECT_EQ(AS->protect(A + 1, K, ProtRead), -EINVAL);
  EXPECT_EQ(AS->protect(A, K, 0x10), -EINVAL);
  EXPECT_EQ(AS->protect(A, 0, ProtRead), 0);
  EXPECT_EQ(AS->protect(A, K, ProtRead | 0x01000000), 0); // PROT_GROWSDOWN
}

TEST(AddressSpace, RemapShrinkGrowMove) {
  auto AS = makeSpace();
  const uint64_t A = 0x1000000;
  ASSERT_EQ(AS->map(anonAt(A, 4 * K)), int64_t(A));
  *static_cast<uint32_t *>(AS->hostPointer(A)) = 0xabcd;
  // Shrink.
  EXPECT_EQ(AS->remap(A, 4 * K, 2 * K, false, false, 0), int64_t(A));
  EXPECT_EQ(AS->pageProt(A + 2 * K), -1);
  EXPECT_TRUE(hostOccupied(AS->hostPointer(A + 2 * K)));
  // Grow in place.
  EXPECT_EQ(AS->remap(A, 2 * K, 6 * K, false, false, 0), int64_t(A));
  EXPECT_EQ(AS->pageProt(A + 5 * K), RW);
  EXPECT_EQ(*static_cast<uint32_t *>(AS->hostPointer(A)), 0xabcdu);
  EXPECT_EQ(*static_cast<uint8_t *>(AS->hostPointer(A + 5 * K)), 0);
  // Blocked growth: ENOMEM without MayMove, a move with it.
  ASSERT_EQ(AS->map(anonAt(A + 6 * K, K, ProtRead)), int64_t(A + 6 * K));
  EXPECT_EQ(AS->remap(A, 6 * K, 8 * K, false, false, 0), -ENOMEM);
  int64_t M = AS->remap(A, 6 * K, 8 * K, true, false, 0);
  ASSERT_GT(M, 0);
  EXPECT_NE(M, int64_t(A));
  EXPECT_EQ(*static_cast<uint32_t *>(AS->hostPointer(M)), 0xabcdu);
  EXPECT_EQ(AS->pageProt(M + 7 * K), RW);
  EXPECT_EQ(AS->pageProt(A), -1);
  EXPECT_TRUE(hostOccupied(AS->hostPointer(A)));
  // Fixed move to an exact address, replacing what is there.
  const uint64_t D = 0x2000000;
  ASSERT_EQ(AS->map(anonAt(D, K, ProtRead)), int64_t(D));
  EXPECT_EQ(AS->remap(M, 8 * K, 3 * K, true, true, D), int64_t(D));
  EXPECT_EQ(*static_cast<uint32_t *>(AS->hostPointer(D)), 0xabcdu);
  EXPECT_EQ(AS->pageProt(D), RW);
  EXPECT_EQ(AS->pageProt(M), -1);
  EXPECT_EQ(AS->pageProt(M + 7 * K), -1);
  EXPECT_TRUE(hostOccupied(AS->hostPointer(M + 7 * K)));
}

TEST(AddressSpace, RemapErrors) {
  auto AS = makeSpace();
  const uint64_t A = 0x1000000;
  ASSERT_EQ(AS->map(anonAt(A, 4 * K)), int64_t(A));
  EXPECT_EQ(AS->remap(A + 1, K, K, false, false, 0), -EINVAL);
  EXPECT_EQ(AS->remap(A, K, 0, false, false, 0), -EINVAL);
  EXPECT_EQ(AS->remap(A, K, K, false, true, 0x3000000), -EINVAL); // FIXED needs MAYMOVE
  EXPECT_EQ(AS->remap(A, 4 * K, 4 * K, true, true, A + 2 * K), -EINVAL); // overlap
  EXPECT_EQ(AS->remap(0x9000000, K, 2 * K, true, false, 0), -EFAULT);
  EXPECT_EQ(AS->remap(A, 5 * K, 6 * K, true, false, 0), -EFAULT); // past the mapping
  EXPECT_EQ(AS->remap(A, 0, 2 * K, true, false, 0), -EINVAL); // private dup
}

TEST(AddressSpace, RemapFileAndSharedMappings) {
  auto AS = makeSpace();
  TempFile F(8);
  MapRequest R = anonAt(0x3000000, 2 * K, ProtRead);
  R.HostFd = F.Fd;
  R.Offset = K;
  ASSERT_EQ(AS->map(R), 0x3000000);
  // Grow in place: the next file pages follow.
  ASSERT_EQ(AS->remap(0x3000000, 2 * K, 4 * K, false, false, 0), 0x3000000);
  EXPECT_EQ(static_cast<uint8_t *>(AS->hostPointer(0x3000000))[3 * K], 5);
  // Move: offsets follow the data.
  ASSERT_EQ(AS->remap(0x3000000, 4 * K, 4 * K, true, true, 0x4000000), 0x4000000);
  EXPECT_EQ(static_cast<uint8_t *>(AS->hostPointer(0x4000000))[K], 3);
  auto *RS = static_cast<ReservedAddressSpace *>(AS.get());
  auto Maps = RS->mappings();
  ASSERT_EQ(Maps.size(), 1u);
  EXPECT_EQ(Maps[0].Info.fileOffset(0x4000000), K);
  // Move with growth of a file mapping.
  ASSERT_EQ(AS->map(anonAt(0x4004000, K)), 0x4004000);
  int64_t M = AS->remap(0x4000000, 4 * K, 6 * K, true, false, 0);
  ASSERT_GT(M, 0);
  EXPECT_EQ(static_cast<uint8_t *>(AS->hostPointer(M))[5 * K], 7);
  EXPECT_TRUE(hostOccupied(AS->hostPointer(0x4000000)));

  // A zero old length duplicates a shared mapping.
  MapRequest S = anonAt(0x5000000, 2 * K, RW);
  S.Shared = true;
  ASSERT_EQ(AS->map(S), 0x5000000);
  int64_t Dup = AS->remap(0x5000000, 0, 2 * K, true, false, 0);
  ASSERT_GT(Dup, 0);
  *static_cast<uint8_t *>(AS->hostPointer(0x5000000 + 5)) = 9;
  EXPECT_EQ(static_cast<uint8_t *>(AS->hostPointer(Dup))[5], 9);
  EXPECT_EQ(AS->pageProt(0x5000000), RW);
}

TEST(AddressSpace, AccessChecksAndCopies) {
  auto AS = makeSpace();
  const uint64_t A = 0x700000;
  ASSERT_EQ(AS->map(anonAt(A, 2 * K)), int64_t(A));
  ASSERT_EQ(AS->map(anonAt(A + 2 * K, K, ProtRead)), int64_t(A + 2 * K));
  EXPECT_TRUE(AS->isAccessible(A, 3 * K, ProtRead));
  EXPECT_FALSE(AS->isAccessible(A, 3 * K, ProtWrite));
  EXPECT_FALSE(AS->isAccessible(A, 3 * K + 1, ProtRead));
  EXPECT_TRUE(AS->isAccessible(0, 0, ProtRead));
  EXPECT_FALSE(AS->isAccessible(UINT64_MAX - 5, 10, ProtRead));
  EXPECT_EQ(AS->pageProt(UINT64_MAX), -1);

  const char Msg[] = "hello";
  EXPECT_EQ(AS->copyToGuest(A + 10, Msg, sizeof(Msg)), 0);
  char Buf[8] = {};
  EXPECT_EQ(AS->copyFromGuest(Buf, A + 10, sizeof(Msg)), 0);
  EXPECT_STREQ(Buf, "hello");
  EXPECT_EQ(AS->copyFromGuest(Buf, A + 3 * K - 2, 4), -EFAULT);
  EXPECT_EQ(AS->copyToGuest(A + 2 * K, Msg, 1), -EFAULT);
  EXPECT_EQ(AS->copyFromGuest(Buf, A + 3 * K, 0), 0);

  std::vector<struct iovec> Iov;
  EXPECT_EQ(AS->hostPieces(A + 1, 2 * K, ProtRead, Iov), 0);
  ASSERT_EQ(Iov.size(), 1u);
  EXPECT_EQ(Iov[0].iov_base, AS->hostPointer(A + 1));
  EXPECT_EQ(Iov[0].iov_len, 2 * K);
  EXPECT_EQ(AS->hostPieces(A + 1, 2 * K, ProtWrite, Iov), -EFAULT);
  EXPECT_EQ(Iov.size(), 1u);
}

TEST(AddressSpace, GuestStrlen) {
  auto AS = makeSpace();
  const uint64_t A = 0x900000;
  ASSERT_EQ(AS->map(anonAt(A, 2 * K)), int64_t(A));
  auto *P = static_cast<char *>(AS->hostPointer(A));
  std::memset(P, 'x', 2 * K);
  P[100] = 0;
  EXPECT_EQ(AS->guestStrlen(A, 4096), 100);
  EXPECT_EQ(AS->guestStrlen(A + 100, 10), 0);
  EXPECT_EQ(AS->guestStrlen(A, 100), -ENAMETOOLONG);
  EXPECT_EQ(AS->guestStrlen(A, 101), 100);
  // Crossing a page boundary, then running off the mapping.
  EXPECT_EQ(AS->guestStrlen(A + K - 5, 100000), -EFAULT);
  P[K + 3] = 0;
  EXPECT_EQ(AS->guestStrlen(A + K - 5, 100000), 8);
  EXPECT_EQ(AS->guestStrlen(A + 2 * K, 10), -EFAULT);
  EXPECT_EQ(AS->guestStrlen(AS->guestLimit() + 5, 10), -EFAULT);
  // Unreadable memory ends the string as a fault.
  ASSERT_EQ(AS->protect(A + K, K, ProtNone), 0);
  EXPECT_EQ(AS->guestStrlen(A + K - 5, 100000), -EFAULT);
}

TEST(AddressSpace, GuestBufferDirect) {
  auto AS = makeSpace();
  const uint64_t A = 0xa00000;
  ASSERT_EQ(AS->map(anonAt(A, K)), int64_t(A));
  {
    GuestBuffer B(*AS, A + 8, 16, GuestBuffer::Out);
    ASSERT_TRUE(B.ok());
    EXPECT_EQ(B.data(), AS->hostPointer(A + 8));
    std::memset(B.data(), 0x5a, 16);
  }
  EXPECT_EQ(static_cast<uint8_t *>(AS->hostPointer(A))[8], 0x5a);
  GuestBuffer Bad(*AS, A + K - 4, 8, GuestBuffer::In);
  EXPECT_FALSE(Bad.ok());
  GuestBuffer Empty(*AS, 0, 0, GuestBuffer::InOut);
  EXPECT_TRUE(Empty.ok());
  EXPECT_NE(Empty.data(), nullptr);
}

/// A reserved space that reports every range as two host pieces, so the
/// bounce-buffer path of GuestBuffer runs.
class SplitSpace : public AddressSpace {
public:
  explicit SplitSpace(AddressSpace &Inner) : Inner(Inner) {}
  MemoryMode mode() const override { return Inner.mode(); }
  uint64_t guestPageSize() const override { return Inner.guestPageSize(); }
  uint64_t guestLowest() const override { return Inner.guestLowest(); }
  uint64_t guestLimit() const override { return Inner.guestLimit(); }
  MemoryFastPath fastPath() const override { return Inner.fastPath(); }
  uint64_t mmapBase() const override { return Inner.mmapBase(); }
  void *hostPointer(uint64_t A) const override { return Inner.hostPointer(A); }
  int64_t findUnmapped(uint64_t H, uint64_t L) override { return Inner.findUnmapped(H, L); }
  int64_t map(const MapRequest &R) override { return Inner.map(R); }
  int64_t unmap(uint64_t A, uint64_t L) override { return Inner.unmap(A, L); }
  int64_t protect(uint64_t A, uint64_t L, int P) override { return Inner.protect(A, L, P); }
  int64_t remap(uint64_t O, uint64_t OL, uint64_t NL, bool M, bool F, uint64_t N) override {
    return Inner.remap(O, OL, NL, M, F, N);
  }
  int pageProt(uint64_t A) const override { return Inner.pageProt(A); }
  bool isAccessible(uint64_t A, uint64_t L, int P) const override {
    return Inner.isAccessible(A, L, P);
  }
  int64_t hostPieces(uint64_t A, uint64_t L, int P, std::vector<struct iovec> &Out) override {
    if (!Inner.isAccessible(A, L, P)) return -EFAULT;
    Out.push_back({Inner.hostPointer(A), size_t(L / 2)});
    Out.push_back({Inner.hostPointer(A + L / 2), size_t(L - L / 2)});
    return 0;
  }
  int64_t copyFromGuest(void *D, uint64_t S, size_t L) override {
    return Inner.copyFromGuest(D, S, L);
  }
  int64_t copyToGuest(uint64_t D, const void *S, size_t L) override {
    return Inner.copyToGuest(D, S, L);
  }
  int64_t guestStrlen(uint64_t A, size_t M) override { return Inner.guestStrlen(A, M); }

private:
  AddressSpace &Inner;
};

TEST(AddressSpace, GuestBufferBounce) {
  auto AS = makeSpace();
  SplitSpace S(*AS);
  const uint64_t A = 0xb00000;
  ASSERT_EQ(AS->map(anonAt(A, K)), int64_t(A));
  auto *P = static_cast<uint8_t *>(AS->hostPointer(A));
  for (int I = 0; I < 64; ++I) P[I] = uint8_t(I);
  {
    GuestBuffer B(S, A, 64, GuestBuffer::In);
    ASSERT_TRUE(B.ok());
    EXPECT_NE(B.data(), AS->hostPointer(A));
    EXPECT_EQ(static_cast<uint8_t *>(B.data())[63], 63);
    static_cast<uint8_t *>(B.data())[0] = 0xee; // In only: not written back
  }
  EXPECT_EQ(P[0], 0);
  {
    GuestBuffer B(S, A, 64, GuestBuffer::Out);
    ASSERT_TRUE(B.ok());
    std::memset(B.data(), 0xff, 4);
    B.setProduced(4);
  }
  EXPECT_EQ(P[3], 0xff);
  EXPECT_EQ(P[4], 4); // beyond what was produced: untouched
  {
    GuestBuffer B(S, A, 64, GuestBuffer::InOut);
    ASSERT_TRUE(B.ok());
    std::memset(B.data(), 0x11, 64);
    B.discard();
  }
  EXPECT_EQ(P[10], 10);
  {
    GuestBuffer B(S, A, 64, GuestBuffer::InOut);
    std::memset(B.data(), 0x22, 64);
  }
  EXPECT_EQ(P[63], 0x22);
}

} // namespace
