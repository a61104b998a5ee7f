//===- ElfLoader.cpp - Load a riscv64 ELF executable ----------------------===//
//
// Reads the ELF and program headers with pread, checks everything that can
// be checked before touching the address space, then maps the image:
// anonymous read-write pages under every segment first, file mappings over
// the whole file pages, copies for what cannot be file-mapped (pages shared
// by two segments, offsets not congruent with addresses), the .bss tail of
// the last file page zeroed, and finally each segment's own protection.
//
//===----------------------------------------------------------------------===//
#include "ElfLoader.h"

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <climits>
#include <cstdio>
#include <cstring>
#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace dbt {

namespace {

constexpr uint64_t Page = 4096;

uint64_t pageDown(uint64_t V) { return V & ~(Page - 1); }
uint64_t pageUp(uint64_t V) { return (V + Page - 1) & ~(Page - 1); }

std::string hex(uint64_t V) {
  char Buf[32];
  std::snprintf(Buf, sizeof(Buf), "0x%" PRIx64, V);
  return Buf;
}

const char *machineName(unsigned Machine, bool Is64) {
  switch (Machine) {
  case EM_386: return "i386";
  case EM_68K: return "m68k";
  case EM_MIPS: return Is64 ? "mips64" : "mips";
  case EM_PPC: return "powerpc";
  case EM_PPC64: return "powerpc64";
  case EM_S390: return Is64 ? "s390x" : "s390";
  case EM_ARM: return "arm";
  case EM_SH: return "sh";
  case EM_SPARC: return "sparc";
  case EM_SPARCV9: return "sparc64";
  case EM_IA_64: return "ia64";
  case EM_X86_64: return "x86-64";
  case EM_AARCH64: return "aarch64";
  case EM_RISCV: return Is64 ? "riscv64" : "riscv32";
  case 258: return "loongarch";  // EM_LOONGARCH
  case 0x9026: return "alpha";   // EM_ALPHA
  case 268: return "sw64";       // EM_SW64, assigned
  case 0x9916: return "sw64";    // EM_SW64 of the vendor toolchains
  default: return nullptr;
  }
}

std::string describeMachine(unsigned Machine, bool Is64) {
  if (const char *Name = machineName(Machine, Is64)) return Name;
  return "an unknown machine (e_machine " + std::to_string(Machine) + ")";
}

struct Segment {
  uint64_t Vaddr, Memsz, Filesz, Offset;
  int Prot;
  unsigned Index; ///< program header number, for messages
};

int protOf(uint32_t Flags) {
  return ((Flags & PF_R) ? ProtRead : 0) | ((Flags & PF_W) ? ProtWrite : 0) |
         ((Flags & PF_X) ? ProtExec : 0);
}

/// pread until \p Len bytes or end of file; the count read, or -1.
ssize_t preadFull(int Fd, void *Buf, size_t Len, uint64_t Offset) {
  size_t Done = 0;
  while (Done < Len) {
    ssize_t N = ::pread(Fd, static_cast<char *>(Buf) + Done, Len - Done, off_t(Offset + Done));
    if (N < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (N == 0) break;
    Done += size_t(N);
  }
  return ssize_t(Done);
}

class Loader {
public:
  Loader(AddressSpace &AS, const std::string &Path, const ElfLoadOptions &Options,
         ElfLoadError &Error)
      : AS(AS), Path(Path), Options(Options), Error(Error) {}
  ~Loader() {
    // The file mappings keep their own reference to the file.
    if (Fd >= 0) ::close(Fd);
  }
  Loader(const Loader &) = delete;
  Loader &operator=(const Loader &) = delete;

  bool run(LoadedElf &Out);

private:
  bool fail(std::string Message, int Status = 126) {
    Error.Message = std::move(Message);
    Error.ExitStatus = Status;
    return false;
  }
  bool failErrno(const std::string &What, int64_t NegErrno) {
    return fail(What + ": " + std::strerror(int(-NegErrno)), 1);
  }
  bool open();
  bool readHeader();
  bool readProgramHeaders();
  bool placeImage();
  bool mapImage();
  bool copyFromFile(uint64_t GuestAddr, uint64_t FileOffset, uint64_t Len);

  AddressSpace &AS;
  const std::string &Path;
  const ElfLoadOptions &Options;
  ElfLoadError &Error;

  int Fd = -1;
  uint64_t FileSize = 0;
  Elf64_Ehdr Eh;
  std::vector<Elf64_Phdr> Phdrs;
  std::vector<Segment> Segs; ///< PT_LOADs with memory, sorted by address
  std::string Interp;
  bool ExecStack = false;
  uint64_t Bias = 0;
};

bool Loader::open() {
  Fd = ::open(Path.c_str(), O_RDONLY | O_CLOEXEC);
  if (Fd < 0) {
    int E = errno;
    return fail(std::strerror(E), E == ENOENT || E == ENOTDIR ? 127 : 126);
  }
  struct stat St;
  if (::fstat(Fd, &St) != 0) return fail(std::strerror(errno));
  if (S_ISDIR(St.st_mode)) return fail(std::strerror(EISDIR));
  if (!S_ISREG(St.st_mode)) return fail("not a regular file");
  FileSize = uint64_t(St.st_size);
  return true;
}

bool Loader::readHeader() {
  std::memset(&Eh, 0, sizeof(Eh));
  ssize_t N = preadFull(Fd, &Eh, sizeof(Eh), 0);
  if (N < 0) return fail(std::string("cannot read: ") + std::strerror(errno));
  if (N < SELFMAG || std::memcmp(Eh.e_ident, ELFMAG, SELFMAG) != 0)
    return fail("not an ELF executable");

  unsigned Class = Eh.e_ident[EI_CLASS], Data = Eh.e_ident[EI_DATA];
  if (Class != ELFCLASS32 && Class != ELFCLASS64)
    return fail("invalid ELF class " + std::to_string(Class));
  if (Data != ELFDATA2LSB && Data != ELFDATA2MSB)
    return fail("invalid ELF data encoding " + std::to_string(Data));
  // e_machine sits at offset 18 in both classes, so a foreign program can
  // be named even when the rest of its header means nothing to us.
  const unsigned char *Raw = reinterpret_cast<const unsigned char *>(&Eh);
  bool HaveMachine = N >= 20;
  unsigned Machine = Data == ELFDATA2LSB ? Raw[18] | Raw[19] << 8 : Raw[18] << 8 | Raw[19];
  std::string Foreign = "this build runs riscv64 guests; " + Path + " is ";
  if (Class == ELFCLASS32)
    return fail(Foreign + "a 32-bit " +
                (HaveMachine ? describeMachine(Machine, false) : std::string("ELF")) +
                " program");
  if (Data == ELFDATA2MSB)
    return fail(Foreign + "a big-endian " +
                (HaveMachine ? describeMachine(Machine, true) : std::string("ELF")) +
                " program");
  if (size_t(N) < sizeof(Eh)) return fail("truncated ELF file: the ELF header is incomplete");
  if (Eh.e_ident[EI_VERSION] != EV_CURRENT || Eh.e_version != EV_CURRENT)
    return fail("unsupported ELF version " + std::to_string(Eh.e_version));
  if (Eh.e_machine != EM_RISCV)
    return fail(Foreign + "for " + describeMachine(Eh.e_machine, true));

  switch (Eh.e_type) {
  case ET_EXEC:
  case ET_DYN:
    break;
  case ET_REL:
    return fail("is a relocatable object file, not an executable");
  case ET_CORE:
    return fail("is a core dump, not an executable");
  default:
    return fail("unsupported ELF file type " + std::to_string(Eh.e_type));
  }
  // RV64E has 16 integer registers and a different ABI.
  if (Eh.e_flags & 0x8) return fail("RV64E (embedded) programs are not supported");
  if (Eh.e_phentsize != sizeof(Elf64_Phdr))
    return fail("bad program header size " + std::to_string(Eh.e_phentsize) + " (expected " +
                std::to_string(sizeof(Elf64_Phdr)) + ")");
  if (Eh.e_phnum == 0) return fail("no program headers");
  // The kernel's limit: program headers fit in 64 KiB.
  if (Eh.e_phnum > 65536 / sizeof(Elf64_Phdr))
    return fail("too many program headers (" + std::to_string(Eh.e_phnum) + ")");
  return true;
}

bool Loader::readProgramHeaders() {
  uint64_t Size = uint64_t(Eh.e_phnum) * sizeof(Elf64_Phdr);
  if (Eh.e_phoff > FileSize || Size > FileSize - Eh.e_phoff)
    return fail("truncated ELF file: the program headers lie past its end");
  Phdrs.resize(Eh.e_phnum);
  ssize_t N = preadFull(Fd, Phdrs.data(), Size, Eh.e_phoff);
  if (N < 0) return fail(std::string("cannot read: ") + std::strerror(errno));
  if (uint64_t(N) != Size) return fail("truncated ELF file: the program headers lie past its end");

  bool SawInterp = false;
  for (unsigned I = 0; I < Phdrs.size(); ++I) {
    const Elf64_Phdr &P = Phdrs[I];
    std::string Which = "program header " + std::to_string(I) + ": ";
    switch (P.p_type) {
    case PT_LOAD: {
      if (P.p_filesz > P.p_memsz)
        return fail(Which + "segment file size " + hex(P.p_filesz) + " exceeds its memory size " +
                    hex(P.p_memsz));
      if (P.p_offset > FileSize || P.p_filesz > FileSize - P.p_offset)
        return fail("truncated ELF file: segment " + std::to_string(I) +
                    " extends past the end of the file");
      if (P.p_memsz > UINT64_MAX - Page || P.p_vaddr > UINT64_MAX - Page - P.p_memsz)
        return fail(Which + "segment address range overflows");
      if (P.p_memsz == 0) break;
      Segs.push_back({P.p_vaddr, P.p_memsz, P.p_filesz, P.p_offset, protOf(P.p_flags), I});
      break;
    }
    case PT_INTERP: {
      if (SawInterp) break; // the kernel uses the first one
      SawInterp = true;
      if (P.p_filesz < 2 || P.p_filesz > PATH_MAX)
        return fail(Which + "bad interpreter path length " + std::to_string(P.p_filesz));
      if (P.p_offset > FileSize || P.p_filesz > FileSize - P.p_offset)
        return fail("truncated ELF file: the interpreter path lies past its end");
      std::string Buf(P.p_filesz, '\0');
      if (preadFull(Fd, Buf.data(), Buf.size(), P.p_offset) != ssize_t(Buf.size()))
        return fail("truncated ELF file: cannot read the interpreter path");
      if (Buf.back() != '\0' || Buf.find('\0') != Buf.size() - 1)
        return fail(Which + "malformed interpreter path");
      Interp = Buf.c_str();
      break;
    }
    case PT_GNU_STACK:
      ExecStack = (P.p_flags & PF_X) != 0;
      break;
    default:
      break;
    }
  }
  if (SawInterp && !Options.AllowInterpreter)
    return fail("dynamically linked programs need a sysroot (-L), which is not supported yet "
                "(interpreter " + Interp + ")",
                1);
  if (Segs.empty()) return fail("no loadable segments");

  std::sort(Segs.begin(), Segs.end(),
            [](const Segment &A, const Segment &B) { return A.Vaddr < B.Vaddr; });
  for (size_t I = 1; I < Segs.size(); ++I)
    if (Segs[I - 1].Vaddr + Segs[I - 1].Memsz > Segs[I].Vaddr)
      return fail("segments " + std::to_string(Segs[I - 1].Index) + " and " +
                  std::to_string(Segs[I].Index) + " overlap");
  return true;
}

bool Loader::placeImage() {
  uint64_t Lo = pageDown(Segs.front().Vaddr);
  uint64_t End = 0;
  for (const Segment &S : Segs) End = std::max(End, S.Vaddr + S.Memsz);
  uint64_t Hi = pageUp(End);
  uint64_t Lowest = AS.guestLowest(), Limit = AS.guestLimit();

  if (Eh.e_type == ET_DYN) {
    uint64_t Align = Page;
    for (const Elf64_Phdr &P : Phdrs)
      if (P.p_type == PT_LOAD && P.p_align > Align && (P.p_align & (P.p_align - 1)) == 0)
        Align = P.p_align;
    uint64_t Base = Options.PieBase ? Options.PieBase : defaultPieBase(Limit);
    Base &= ~(Align - 1);
    uint64_t LinkLo = Lo & ~(Align - 1);
    // A PIE linked above its load base keeps its link addresses.
    Bias = Base > LinkLo ? Base - LinkLo : 0;
  }
  if (Lo + Bias < Lowest)
    return fail("segment " + std::to_string(Segs.front().Index) + " at " + hex(Lo + Bias) +
                " lies below the lowest guest address " + hex(Lowest));
  if (Hi > Limit || Bias > Limit - Hi)
    return fail("the program image (" + hex(Lo + Bias) + "-" + hex(Hi + Bias) +
                ") does not fit the guest address space (" + hex(Limit) + " bytes)");
  return true;
}

bool Loader::copyFromFile(uint64_t GuestAddr, uint64_t FileOffset, uint64_t Len) {
  // Chunked so a bounce buffer (softmmu) stays small.
  constexpr uint64_t Chunk = 1 << 20;
  while (Len) {
    uint64_t N = std::min(Len, Chunk);
    GuestBuffer Buf(AS, GuestAddr, size_t(N), GuestBuffer::Out);
    if (!Buf.ok()) return fail("cannot write the image at " + hex(GuestAddr), 1);
    ssize_t Got = preadFull(Fd, Buf.data(), size_t(N), FileOffset);
    if (Got != ssize_t(N)) {
      Buf.discard();
      return fail("truncated ELF file: cannot read segment data at offset " + hex(FileOffset));
    }
    GuestAddr += N;
    FileOffset += N;
    Len -= N;
  }
  return true;
}

bool Loader::mapImage() {
  // Pages touched by two segments cannot be file-mapped for either: they
  // are anonymous, filled by copying, and get the union of protections.
  std::vector<std::pair<uint64_t, int>> Mixed;
  for (size_t I = 1; I < Segs.size(); ++I) {
    uint64_t PrevLast = pageDown(Segs[I - 1].Vaddr + Segs[I - 1].Memsz - 1);
    if (PrevLast == pageDown(Segs[I].Vaddr)) {
      if (!Mixed.empty() && Mixed.back().first == PrevLast)
        Mixed.back().second |= Segs[I].Prot;
      else
        Mixed.push_back({PrevLast, Segs[I - 1].Prot | Segs[I].Prot});
    }
  }
  auto IsMixed = [&](uint64_t PageAddr) {
    return std::any_of(Mixed.begin(), Mixed.end(),
                       [&](const auto &M) { return M.first + Bias == PageAddr; });
  };

  // Read-write anonymous memory under all segments, gaps between them left
  // unmapped like the kernel does.
  for (size_t I = 0; I < Segs.size();) {
    uint64_t Start = pageDown(Segs[I].Vaddr), End = pageUp(Segs[I].Vaddr + Segs[I].Memsz);
    size_t J = I + 1;
    for (; J < Segs.size() && pageDown(Segs[J].Vaddr) <= End; ++J)
      End = std::max(End, pageUp(Segs[J].Vaddr + Segs[J].Memsz));
    MapRequest Req;
    Req.Addr = Start + Bias;
    Req.Length = End - Start;
    Req.Prot = ProtRead | ProtWrite;
    Req.NoReplace = true;
    int64_t R = AS.map(Req);
    if (R < 0) return failErrno("cannot map the program image at " + hex(Req.Addr), R);
    I = J;
  }

  for (const Segment &S : Segs) {
    uint64_t V = S.Vaddr + Bias, FileEnd = V + S.Filesz;
    bool NeedZero = S.Memsz > S.Filesz;
    uint64_t FLo = 0, FHi = 0;
    if (S.Filesz && (S.Vaddr & (Page - 1)) == (S.Offset & (Page - 1))) {
      FLo = pageDown(V);
      FHi = pageUp(FileEnd);
      if (IsMixed(FLo)) FLo += Page;
      if (FHi > FLo && IsMixed(FHi - Page)) FHi -= Page;
      if (FHi <= FLo) FLo = FHi = 0;
    }
    if (FHi > FLo) {
      bool ZeroTail = NeedZero && FHi > FileEnd;
      MapRequest Req;
      Req.Addr = FLo;
      Req.Length = FHi - FLo;
      Req.Prot = S.Prot | (ZeroTail ? ProtWrite : 0);
      Req.Fixed = true;
      Req.HostFd = Fd;
      Req.Offset = pageDown(S.Offset) + (FLo - pageDown(V));
      int64_t R = AS.map(Req);
      if (R < 0) return failErrno("cannot map segment " + std::to_string(S.Index), R);
      // The rest of the last file page holds whatever follows in the file;
      // the kernel clears it when the segment continues as .bss.
      if (ZeroTail) {
        GuestBuffer Buf(AS, FileEnd, size_t(FHi - FileEnd), GuestBuffer::Out);
        if (!Buf.ok()) return fail("cannot clear .bss at " + hex(FileEnd), 1);
        std::memset(Buf.data(), 0, Buf.size());
      }
      if (V < FLo && !copyFromFile(V, S.Offset, std::min(FLo, FileEnd) - V)) return false;
      if (FHi < FileEnd && !copyFromFile(FHi, S.Offset + (FHi - V), FileEnd - FHi)) return false;
    } else if (S.Filesz && !copyFromFile(V, S.Offset, S.Filesz)) {
      return false;
    }
  }

  for (const Segment &S : Segs) {
    uint64_t Start = pageDown(S.Vaddr + Bias), End = pageUp(S.Vaddr + Bias + S.Memsz);
    int64_t R = AS.protect(Start, End - Start, S.Prot);
    if (R < 0) return failErrno("cannot protect segment " + std::to_string(S.Index), R);
  }
  for (const auto &[PageAddr, Prot] : Mixed) {
    int64_t R = AS.protect(PageAddr + Bias, Page, Prot);
    if (R < 0) return failErrno("cannot protect the page at " + hex(PageAddr + Bias), R);
  }
  return true;
}

bool Loader::run(LoadedElf &Out) {
  if (!open() || !readHeader() || !readProgramHeaders() || !placeImage() || !mapImage())
    return false;

  Out = LoadedElf();
  Out.Entry = Eh.e_entry + Bias;
  Out.PhEnt = sizeof(Elf64_Phdr);
  Out.PhNum = Eh.e_phnum;
  Out.LoadBias = Bias;
  Out.IsPie = Eh.e_type == ET_DYN;
  Out.ExecStack = ExecStack;
  Out.Interpreter = Interp;
  // AT_PHDR as the kernel computes it: where the segment holding e_phoff
  // put the headers in memory.
  for (const Segment &S : Segs) {
    if (S.Offset <= Eh.e_phoff && Eh.e_phoff < S.Offset + S.Filesz) {
      Out.PhdrAddr = Eh.e_phoff - S.Offset + S.Vaddr + Bias;
      break;
    }
  }
  uint64_t End = 0;
  for (const Segment &S : Segs) End = std::max(End, S.Vaddr + S.Memsz);
  Out.LowAddr = pageDown(Segs.front().Vaddr) + Bias;
  Out.HighAddr = pageUp(End) + Bias;
  Out.BrkStart = Out.HighAddr;
  return true;
}

} // namespace

uint64_t defaultPieBase(uint64_t GuestLimit) { return pageDown(GuestLimit / 3 * 2); }

bool loadElfExecutable(AddressSpace &AS, const std::string &Path, const ElfLoadOptions &Options,
                       LoadedElf &Out, ElfLoadError &Error) {
  Loader L(AS, Path, Options, Error);
  return L.run(Out);
}

bool loadElf(AddressSpace &AS, const std::string &Path, LoadedElf &Out, std::string &Error) {
  ElfLoadError E;
  if (loadElfExecutable(AS, Path, ElfLoadOptions(), Out, E)) return true;
  Error = std::move(E.Message);
  return false;
}

} // namespace dbt
