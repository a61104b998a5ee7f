//===- AddressSpace.h - The one door to guest memory ------------*- C++ -*-===//
//
// Owns the guest's view of memory: which guest ranges are mapped, with what
// protection and backing, and how a guest address becomes host memory.
// Lifted code reaches it through the fast path it describes to the
// translator (MemoryFastPath); the syscall layer through the operations
// below, which follow the plan the project started from (see
// docs/design.md): find unmapped ranges, map anonymous memory, map files,
// describe a guest range as host iovecs, and copy to and from guest memory
// with EFAULT for bad ranges. No LLVM here.
//
// Errors are Linux-style: negative errno values in an int64_t, so the
// syscall layer can return them to the guest unchanged.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_ADDRESSSPACE_ADDRESSSPACE_H
#define DBT_ADDRESSSPACE_ADDRESSSPACE_H

#include "dbt/Translator/Translator.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <sys/uio.h>
#include <vector>

namespace dbt {

/// Guest protection bits (the guest's PROT_* values, which match Linux's).
enum GuestProt : int { ProtNone = 0, ProtRead = 1, ProtWrite = 2, ProtExec = 4 };

enum class MemoryMode : uint8_t { Reserved, Unreserved, SoftMmu };
const char *memoryModeName(MemoryMode M);
/// Inverse of memoryModeName; false for an unknown name.
bool parseMemoryMode(const std::string &Name, MemoryMode &Out);

/// Guest MAP_* flags the address space honours (values are Linux's).
struct MapRequest {
  uint64_t Addr = 0;      ///< hint, or the exact address with Fixed
  uint64_t Length = 0;
  int Prot = ProtNone;
  bool Fixed = false;     ///< MAP_FIXED: replace whatever is there
  bool NoReplace = false; ///< MAP_FIXED_NOREPLACE: fail with EEXIST if busy
  bool Shared = false;    ///< MAP_SHARED (else private)
  bool GrowsDown = false; ///< stack-like mapping (MAP_GROWSDOWN)
  int HostFd = -1;        ///< file to map, -1 for anonymous
  uint64_t Offset = 0;    ///< file offset, guest-page aligned
};

class AddressSpace {
public:
  virtual ~AddressSpace() = default;

  virtual MemoryMode mode() const = 0;
  /// The guest's page size (4 KiB for RV64 Linux).
  virtual uint64_t guestPageSize() const = 0;
  /// Lowest and one-past-highest guest address the guest may use.
  virtual uint64_t guestLowest() const = 0;
  virtual uint64_t guestLimit() const = 0;
  /// What the translator inlines for lifted loads and stores.
  virtual MemoryFastPath fastPath() const = 0;

  /// Top of the area mmap fills top-down (Linux's mm->mmap_base). The
  /// initial stack lives between it and guestLimit().
  virtual uint64_t mmapBase() const = 0;

  /// Host address of guest address \p Addr for trusted runtime code (the
  /// loader, the stack builder, signal frames) that has already checked the
  /// access. Valid to the end of the guest page; in reserved and unreserved
  /// mode the whole window is contiguous. nullptr when there is no host
  /// memory behind \p Addr (possible in softmmu mode only).
  virtual void *hostPointer(uint64_t Addr) const = 0;
  /// Host address of guest address 0 in the direct modes (0 in softmmu).
  uint64_t guestBase() const { return fastPath().GuestBase; }

  // (1) Finding unmapped guest address space.
  /// A free, guest-page-aligned range of \p Length bytes: at the page-rounded
  /// \p Hint when that range is free, else the highest free range below
  /// mmapBase() (Linux's top-down allocator), else the lowest free range
  /// anywhere; -ENOMEM when nothing fits, -EINVAL when Length is 0.
  virtual int64_t findUnmapped(uint64_t Hint, uint64_t Length) = 0;

  // (2) and (3) Mapping anonymous memory and files.
  /// Maps per \p Req; returns the guest address or -errno.
  virtual int64_t map(const MapRequest &Req) = 0;
  virtual int64_t unmap(uint64_t Addr, uint64_t Length) = 0;
  virtual int64_t protect(uint64_t Addr, uint64_t Length, int Prot) = 0;
  /// mremap: returns the new guest address or -errno. \p MayMove and
  /// \p FixedNewAddr follow MREMAP_MAYMOVE / MREMAP_FIXED.
  virtual int64_t remap(uint64_t OldAddr, uint64_t OldLength, uint64_t NewLength,
                        bool MayMove, bool Fixed, uint64_t NewAddr) = 0;

  /// Guest protection of the page holding \p Addr, or -1 when unmapped.
  virtual int pageProt(uint64_t Addr) const = 0;
  /// True when every page of [Addr, Addr+Length) is mapped with all of
  /// \p Prot.
  virtual bool isAccessible(uint64_t Addr, uint64_t Length, int Prot) const = 0;

  // (4) Host pieces of a contiguous guest range, for zero-copy I/O.
  /// Appends iovecs covering [Addr, Addr+Length); returns 0 or -EFAULT when
  /// any page lacks \p Prot.
  virtual int64_t hostPieces(uint64_t Addr, uint64_t Length, int Prot,
                             std::vector<struct iovec> &Out) = 0;

  // (5) Copying to and from guest memory.
  virtual int64_t copyFromGuest(void *Dst, uint64_t Src, size_t Length) = 0;
  virtual int64_t copyToGuest(uint64_t Dst, const void *Src, size_t Length) = 0;
  /// Length of the NUL-terminated guest string at \p Addr (without the NUL),
  /// at most \p Max; -EFAULT when it runs into unreadable memory, -ENAMETOOLONG
  /// when no NUL is found within Max bytes.
  virtual int64_t guestStrlen(uint64_t Addr, size_t Max) = 0;

  /// Called with each guest range whose translated code must be dropped
  /// (unmapped, remapped or made non-executable).
  void setCodeInvalidationHook(std::function<void(uint64_t, uint64_t)> Hook) {
    InvalidateCode = std::move(Hook);
  }

protected:
  void invalidateCode(uint64_t Addr, uint64_t Length) {
    if (InvalidateCode) InvalidateCode(Addr, Length);
  }

private:
  std::function<void(uint64_t, uint64_t)> InvalidateCode;
};

struct AddressSpaceOptions {
  MemoryMode Mode = MemoryMode::Reserved;
  /// Size of the guest address window (reserved mode's reservation).
  uint64_t GuestWindow = uint64_t(1) << 38;
};

/// Creates the address space; returns nullptr and sets \p Error on failure.
std::unique_ptr<AddressSpace> createAddressSpace(const AddressSpaceOptions &Options,
                                                 std::string &Error);

/// Lock/unlock of guest memory for a syscall: gives a host pointer to
/// [Addr, Addr+Length), directly when the range is host-contiguous and a
/// bounce buffer otherwise, and on destruction writes a bounce buffer back
/// when the access was for writing. ok() is false (EFAULT) for bad ranges.
class GuestBuffer {
public:
  enum Access { In = 1, Out = 2, InOut = 3 }; ///< In: guest→host, Out: host→guest
  GuestBuffer(AddressSpace &AS, uint64_t Addr, size_t Length, Access Dir);
  ~GuestBuffer();
  GuestBuffer(const GuestBuffer &) = delete;
  GuestBuffer &operator=(const GuestBuffer &) = delete;

  bool ok() const { return Ok; }
  void *data() { return Data; }
  size_t size() const { return Length; }
  /// Don't write back (the syscall failed, nothing was produced).
  void discard() { Dir = static_cast<Access>(Dir & ~Out); }
  /// Only the first \p N bytes were produced: a bounce buffer writes back
  /// just those, so guest bytes past them keep their values.
  void setProduced(size_t N) { Produced = N < Length ? N : Length; }

private:
  AddressSpace &AS;
  uint64_t Addr;
  size_t Length;
  Access Dir;
  size_t Produced;
  bool Ok = false;
  void *Data = nullptr;
  std::vector<uint8_t> Bounce;
};

} // namespace dbt

#endif
