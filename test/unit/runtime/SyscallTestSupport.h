//===- SyscallTestSupport.h - A guest for syscall unit tests ----*- C++ -*-===//
//
// A small fake AddressSpace whose guest pages are scattered in host memory
// (guest page i lives at host page N-1-i), so every multi-page guest range
// becomes several host pieces: the zero-copy and bounce-buffer paths of the
// syscall layer get exercised without the real address space. Plus a
// fixture that owns a Process and a CpuState and issues guest syscalls.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_TEST_UNIT_RUNTIME_SYSCALLTESTSUPPORT_H
#define DBT_TEST_UNIT_RUNTIME_SYSCALLTESTSUPPORT_H

#include "Runtime/Linux/SyscallsInternal.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

namespace dbt::test {

class ScatteredAddressSpace : public AddressSpace {
public:
  static constexpr uint64_t Page = 4096;
  static constexpr uint64_t Lo = 0x10000;
  static constexpr uint64_t NumPages = 512;
  static constexpr uint64_t Hi = Lo + NumPages * Page;

  ScatteredAddressSpace() : Prot(NumPages, -1) {
    Host = static_cast<uint8_t *>(::mmap(nullptr, NumPages * Page,
                                         PROT_READ | PROT_WRITE,
                                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  }
  ~ScatteredAddressSpace() override { ::munmap(Host, NumPages * Page); }

  MemoryMode mode() const override { return MemoryMode::SoftMmu; }
  uint64_t guestPageSize() const override { return Page; }
  uint64_t guestLowest() const override { return Lo; }
  uint64_t guestLimit() const override { return Hi; }
  MemoryFastPath fastPath() const override { return {}; }
  uint64_t mmapBase() const override { return Hi; }
  void *hostPointer(uint64_t Addr) const override {
    if (Addr < Lo || Addr >= Hi)
      return nullptr;
    return hostPage(Addr) + (Addr & (Page - 1));
  }

  int64_t findUnmapped(uint64_t Hint, uint64_t Length) override {
    uint64_t N = (Length + Page - 1) / Page;
    if (N == 0)
      return -EINVAL;
    if (Hint >= Lo && Hint + N * Page <= Hi && isFree(Hint, N))
      return static_cast<int64_t>(Hint & ~(Page - 1));
    for (uint64_t A = Hi - N * Page; A >= Lo; A -= Page)
      if (isFree(A, N))
        return static_cast<int64_t>(A);
    return -ENOMEM;
  }

  int64_t map(const MapRequest &R) override {
    uint64_t N = (R.Length + Page - 1) / Page;
    uint64_t Addr = R.Addr;
    if (R.Fixed) {
      if (Addr < Lo || Addr + N * Page > Hi)
        return -ENOMEM;
      if (R.NoReplace && !isFree(Addr, N))
        return -EEXIST;
    } else {
      int64_t Found = findUnmapped(Addr, R.Length);
      if (Found < 0)
        return Found;
      Addr = Found;
    }
    for (uint64_t I = 0; I < N; ++I) {
      uint64_t A = Addr + I * Page;
      std::memset(hostPage(A), 0, Page);
      if (R.HostFd >= 0)
        if (::pread(R.HostFd, hostPage(A), Page, R.Offset + I * Page) < 0)
          return -errno;
      Prot[index(A)] = R.Prot;
    }
    ++MapCalls;
    return static_cast<int64_t>(Addr);
  }

  int64_t unmap(uint64_t Addr, uint64_t Length) override {
    for (uint64_t A = Addr; A < Addr + Length && A < Hi; A += Page)
      if (A >= Lo)
        Prot[index(A)] = -1;
    return 0;
  }

  int64_t protect(uint64_t Addr, uint64_t Length, int P) override {
    for (uint64_t A = Addr; A < Addr + Length; A += Page)
      if (pageProt(A) < 0)
        return -ENOMEM;
    for (uint64_t A = Addr; A < Addr + Length; A += Page)
      Prot[index(A)] = P;
    return 0;
  }

  int64_t remap(uint64_t OldAddr, uint64_t OldLength, uint64_t NewLength,
                bool MayMove, bool Fixed, uint64_t NewAddr) override {
    if (NewLength <= OldLength) {
      unmap(OldAddr + NewLength, OldLength - NewLength);
      return static_cast<int64_t>(OldAddr);
    }
    uint64_t Extra = (NewLength - OldLength) / Page;
    if (OldAddr + NewLength <= Hi && isFree(OldAddr + OldLength, Extra)) {
      int P = pageProt(OldAddr);
      for (uint64_t I = 0; I < Extra; ++I) {
        uint64_t A = OldAddr + OldLength + I * Page;
        std::memset(hostPage(A), 0, Page);
        Prot[index(A)] = P;
      }
      return static_cast<int64_t>(OldAddr);
    }
    return -ENOMEM;
  }

  int pageProt(uint64_t Addr) const override {
    if (Addr < Lo || Addr >= Hi)
      return -1;
    return Prot[index(Addr)];
  }

  bool isAccessible(uint64_t Addr, uint64_t Length, int P) const override {
    if (Length == 0)
      return true;
    if (Addr < Lo || Addr + Length > Hi || Addr + Length < Addr)
      return false;
    for (uint64_t A = Addr & ~(Page - 1); A < Addr + Length; A += Page) {
      int Have = Prot[index(A)];
      if (Have < 0 || (Have & P) != P)
        return false;
    }
    return true;
  }

  int64_t hostPieces(uint64_t Addr, uint64_t Length, int P,
                     std::vector<struct iovec> &Out) override {
    if (!isAccessible(Addr, Length, P))
      return -EFAULT;
    while (Length) {
      uint64_t InPage = std::min(Length, Page - (Addr & (Page - 1)));
      Out.push_back({hostPointer(Addr), InPage});
      Addr += InPage;
      Length -= InPage;
    }
    return 0;
  }

  int64_t copyFromGuest(void *Dst, uint64_t Src, size_t Length) override {
    if (!isAccessible(Src, Length, ProtRead))
      return -EFAULT;
    copy(static_cast<uint8_t *>(Dst), Src, Length, false);
    return 0;
  }

  int64_t copyToGuest(uint64_t Dst, const void *Src, size_t Length) override {
    if (!isAccessible(Dst, Length, ProtWrite))
      return -EFAULT;
    copy(static_cast<uint8_t *>(const_cast<void *>(Src)), Dst, Length, true);
    return 0;
  }

  int64_t guestStrlen(uint64_t Addr, size_t Max) override {
    for (size_t I = 0; I < Max; ++I) {
      if (!isAccessible(Addr + I, 1, ProtRead))
        return -EFAULT;
      if (*static_cast<uint8_t *>(hostPointer(Addr + I)) == 0)
        return static_cast<int64_t>(I);
    }
    return -ENAMETOOLONG;
  }

  unsigned MapCalls = 0;

private:
  uint64_t index(uint64_t Addr) const { return (Addr - Lo) / Page; }
  uint8_t *hostPage(uint64_t Addr) const {
    return Host + (NumPages - 1 - index(Addr)) * Page;
  }
  bool isFree(uint64_t Addr, uint64_t N) const {
    if (Addr < Lo || Addr + N * Page > Hi)
      return false;
    for (uint64_t I = 0; I < N; ++I)
      if (Prot[index(Addr) + I] >= 0)
        return false;
    return true;
  }
  void copy(uint8_t *HostBuf, uint64_t Guest, size_t Length, bool ToGuest) {
    while (Length) {
      size_t InPage = std::min<size_t>(Length, Page - (Guest & (Page - 1)));
      auto *G = static_cast<uint8_t *>(hostPointer(Guest));
      if (ToGuest)
        std::memcpy(G, HostBuf, InPage);
      else
        std::memcpy(HostBuf, G, InPage);
      HostBuf += InPage;
      Guest += InPage;
      Length -= InPage;
    }
  }

  uint8_t *Host;
  std::vector<int> Prot;
};

/// A guest process with some memory already mapped: [DataLo, DataLo + 64
/// pages) read-write, one read-only page after it, then a hole.
class SyscallTest : public ::testing::Test {
protected:
  static constexpr uint64_t Page = ScatteredAddressSpace::Page;
  static constexpr uint64_t DataLo = ScatteredAddressSpace::Lo;
  static constexpr uint64_t DataPages = 64;
  static constexpr uint64_t ReadOnlyPage = DataLo + DataPages * Page;
  static constexpr uint64_t Unmapped = ReadOnlyPage + Page;

  SyscallTest() : P(AS, Options) {
    MapRequest R;
    R.Addr = DataLo;
    R.Length = DataPages * Page;
    R.Prot = ProtRead | ProtWrite;
    R.Fixed = true;
    AS.map(R);
    R.Addr = ReadOnlyPage;
    R.Length = Page;
    R.Prot = ProtRead;
    AS.map(R);
    Cpu = {};
    char Template[] = "/tmp/dbt-syscall-test-XXXXXX";
    TempDir = ::mkdtemp(Template);
  }

  ~SyscallTest() override {
    std::error_code Ignored;
    std::filesystem::remove_all(TempDir, Ignored);
  }

  int64_t call(uint64_t Nr, uint64_t A0 = 0, uint64_t A1 = 0, uint64_t A2 = 0,
               uint64_t A3 = 0, uint64_t A4 = 0, uint64_t A5 = 0) {
    Cpu.X[17] = Nr;
    Cpu.X[10] = A0;
    Cpu.X[11] = A1;
    Cpu.X[12] = A2;
    Cpu.X[13] = A3;
    Cpu.X[14] = A4;
    Cpu.X[15] = A5;
    return linux::handleSyscall(P, Cpu);
  }

  /// Copies a NUL-terminated string into guest memory at \p Addr.
  uint64_t putString(uint64_t Addr, const std::string &S) {
    EXPECT_EQ(AS.copyToGuest(Addr, S.c_str(), S.size() + 1), 0);
    return Addr;
  }
  void put(uint64_t Addr, const void *Data, size_t Len) {
    EXPECT_EQ(AS.copyToGuest(Addr, Data, Len), 0);
  }
  template <typename T> T get(uint64_t Addr) {
    T V{};
    EXPECT_EQ(AS.copyFromGuest(&V, Addr, sizeof(T)), 0);
    return V;
  }
  std::string getBytes(uint64_t Addr, size_t Len) {
    std::string S(Len, '\0');
    EXPECT_EQ(AS.copyFromGuest(S.data(), Addr, Len), 0);
    return S;
  }

  ScatteredAddressSpace AS;
  RuntimeOptions Options;
  Process P;
  riscv::CpuState Cpu;
  std::string TempDir;
};

/// riscv64 syscall numbers used by the tests (asm-generic/unistd.h).
enum Nr : uint64_t {
  NrGetcwd = 17, NrDup = 23, NrDup3 = 24, NrFcntl = 25, NrIoctl = 29,
  NrMkdirat = 34, NrUnlinkat = 35, NrSymlinkat = 36, NrFaccessat = 48,
  NrChdir = 49, NrOpenat = 56, NrClose = 57, NrPipe2 = 59,
  NrGetdents64 = 61, NrLseek = 62, NrRead = 63, NrWrite = 64, NrReadv = 65,
  NrWritev = 66, NrPread64 = 67, NrPwrite64 = 68, NrPreadv = 69,
  NrPwritev = 70, NrReadlinkat = 78, NrNewfstatat = 79, NrFstat = 80,
  NrExit = 93, NrExitGroup = 94, NrSetTidAddress = 96, NrFutex = 98,
  NrSetRobustList = 99, NrNanosleep = 101, NrClockGettime = 113,
  NrKill = 129, NrTkill = 130, NrTgkill = 131, NrSigaltstack = 132,
  NrRtSigaction = 134, NrRtSigprocmask = 135, NrUname = 160,
  NrGetrlimit = 163, NrUmask = 166, NrPrctl = 167, NrGettimeofday = 169,
  NrGetpid = 172, NrGettid = 178, NrSysinfo = 179, NrBrk = 214,
  NrMunmap = 215, NrMremap = 216, NrClone = 220, NrMmap = 222,
  NrMprotect = 226, NrMadvise = 233, NrRiscvFlushIcache = 259,
  NrPrlimit64 = 261, NrRenameat2 = 276, NrGetrandom = 278, NrStatx = 291,
  NrRseq = 293,
};

constexpr uint64_t AtFdCwd = static_cast<uint64_t>(-100);

} // namespace dbt::test

#endif
