//===- ElfLoaderTest.cpp - Loading crafted riscv64 ELF images -------------===//
//
// The images are built in memory: no cross compiler needed. File bytes are a
// position-dependent pattern, so a loaded byte shows which file offset it
// came from.
//
//===----------------------------------------------------------------------===//
#include "Runtime/ElfLoader.h"

#include "dbt/AddressSpace/AddressSpace.h"

#include <gtest/gtest.h>

#include <cstring>
#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace dbt;

namespace {

constexpr uint64_t K = 0x1000;

uint8_t pattern(uint64_t Offset) { return uint8_t(Offset * 7 + 3 + (Offset >> 8)); }

struct Image {
  Elf64_Ehdr Eh;
  std::vector<Elf64_Phdr> Ph;
  uint64_t FileSize = 0x4000;

  Image() {
    std::memset(&Eh, 0, sizeof(Eh));
    std::memcpy(Eh.e_ident, ELFMAG, SELFMAG);
    Eh.e_ident[EI_CLASS] = ELFCLASS64;
    Eh.e_ident[EI_DATA] = ELFDATA2LSB;
    Eh.e_ident[EI_VERSION] = EV_CURRENT;
    Eh.e_type = ET_EXEC;
    Eh.e_machine = EM_RISCV;
    Eh.e_version = EV_CURRENT;
    Eh.e_entry = 0x10100;
    Eh.e_phoff = sizeof(Elf64_Ehdr);
    Eh.e_ehsize = sizeof(Elf64_Ehdr);
    Eh.e_phentsize = sizeof(Elf64_Phdr);
    Eh.e_flags = 0x5; // RVC, double-float ABI
  }
  Elf64_Phdr &add(uint32_t Type, uint32_t Flags, uint64_t Offset, uint64_t Vaddr,
                  uint64_t Filesz, uint64_t Memsz, uint64_t Align = K) {
    Elf64_Phdr P;
    std::memset(&P, 0, sizeof(P));
    P.p_type = Type;
    P.p_flags = Flags;
    P.p_offset = Offset;
    P.p_vaddr = P.p_paddr = Vaddr;
    P.p_filesz = Filesz;
    P.p_memsz = Memsz;
    P.p_align = Align;
    Ph.push_back(P);
    return Ph.back();
  }
  /// The usual static executable: text with the headers, data with .bss.
  static Image typical() {
    Image I;
    I.add(PT_LOAD, PF_R | PF_X, 0, 0x10000, 0x1800, 0x1800);
    I.add(PT_LOAD, PF_R | PF_W, 0x1800, 0x12800, 0x100, 0x2000);
    I.add(PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0);
    return I;
  }
  std::vector<uint8_t> bytes(bool SetPhnum = true) {
    if (SetPhnum) Eh.e_phnum = uint16_t(Ph.size());
    std::vector<uint8_t> B(FileSize);
    for (uint64_t I = 0; I < B.size(); ++I) B[I] = pattern(I);
    auto put = [&](uint64_t Off, const void *Src, size_t Len) {
      if (Off < B.size()) std::memcpy(&B[Off], Src, std::min<size_t>(Len, B.size() - Off));
    };
    put(0, &Eh, sizeof(Eh));
    for (size_t I = 0; I < Ph.size() && Eh.e_phoff < B.size(); ++I)
      put(Eh.e_phoff + I * sizeof(Elf64_Phdr), &Ph[I], sizeof(Elf64_Phdr));
    return B;
  }
};

struct TempPath {
  std::string Path;
  TempPath() {
    char Name[] = "/tmp/dbt-elf-test-XXXXXX";
    int Fd = ::mkstemp(Name);
    ::close(Fd);
    Path = Name;
  }
  ~TempPath() { ::unlink(Path.c_str()); }
  void write(const std::vector<uint8_t> &B) const {
    int Fd = ::open(Path.c_str(), O_WRONLY | O_TRUNC);
    ASSERT_GE(Fd, 0);
    ASSERT_EQ(::write(Fd, B.data(), B.size()), ssize_t(B.size()));
    ::close(Fd);
  }
};

class ElfLoaderTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string Error;
    AS = createAddressSpace(AddressSpaceOptions(), Error);
    ASSERT_TRUE(AS) << Error;
  }
  bool load(const std::vector<uint8_t> &B, ElfLoadOptions Options = ElfLoadOptions()) {
    File.write(B);
    return loadElfExecutable(*AS, File.Path, Options, Elf, Err);
  }
  /// Loads \p B expecting failure; returns the message.
  std::string error(const std::vector<uint8_t> &B) {
    EXPECT_FALSE(load(B));
    EXPECT_FALSE(Err.Message.empty());
    return Err.Message;
  }
  uint8_t guestByte(uint64_t Addr) { return *static_cast<uint8_t *>(AS->hostPointer(Addr)); }

  std::unique_ptr<AddressSpace> AS;
  TempPath File;
  LoadedElf Elf;
  ElfLoadError Err;
};

TEST_F(ElfLoaderTest, LoadsTypicalStaticExecutable) {
  Image I = Image::typical();
  ASSERT_TRUE(load(I.bytes())) << Err.Message;
  EXPECT_EQ(Elf.Entry, 0x10100u);
  EXPECT_EQ(Elf.LoadBias, 0u);
  EXPECT_FALSE(Elf.IsPie);
  EXPECT_EQ(Elf.PhdrAddr, 0x10000u + sizeof(Elf64_Ehdr));
  EXPECT_EQ(Elf.PhEnt, sizeof(Elf64_Phdr));
  EXPECT_EQ(Elf.PhNum, 3u);
  EXPECT_EQ(Elf.LowAddr, 0x10000u);
  EXPECT_EQ(Elf.HighAddr, 0x15000u);
  EXPECT_EQ(Elf.BrkStart, 0x15000u);
  EXPECT_FALSE(Elf.ExecStack);
  EXPECT_TRUE(Elf.Interpreter.empty());

  // Text: the file, byte for byte, read-only and executable.
  for (uint64_t Off : {uint64_t(0x100), uint64_t(0x17ff)})
    EXPECT_EQ(guestByte(0x10000 + Off), pattern(Off));
  EXPECT_EQ(AS->pageProt(0x10000), ProtRead | ProtExec);
  EXPECT_EQ(AS->pageProt(0x11000), ProtRead | ProtExec);
  // Data: file bytes, then zeros where the file page continues.
  EXPECT_EQ(guestByte(0x12800), pattern(0x1800));
  EXPECT_EQ(guestByte(0x128ff), pattern(0x18ff));
  EXPECT_EQ(guestByte(0x12900), 0);
  EXPECT_EQ(guestByte(0x12fff), 0);
  EXPECT_EQ(guestByte(0x14000), 0);
  EXPECT_EQ(AS->pageProt(0x12000), ProtRead | ProtWrite);
  EXPECT_EQ(AS->pageProt(0x14000), ProtRead | ProtWrite);
  EXPECT_EQ(AS->pageProt(0x15000), -1);
  EXPECT_EQ(AS->pageProt(0xf000), -1);
}

TEST_F(ElfLoaderTest, PageSharedBySegmentsGetsBothContentsAndProtections) {
  Image I;
  I.add(PT_LOAD, PF_R | PF_X, 0, 0x10000, 0x900, 0x900);
  I.add(PT_LOAD, PF_R | PF_W, 0x900, 0x10900, 0x100, 0x1800);
  ASSERT_TRUE(load(I.bytes())) << Err.Message;
  EXPECT_EQ(guestByte(0x108ff), pattern(0x8ff));
  EXPECT_EQ(guestByte(0x10900), pattern(0x900));
  EXPECT_EQ(guestByte(0x109ff), pattern(0x9ff));
  EXPECT_EQ(guestByte(0x10a00), 0);
  EXPECT_EQ(guestByte(0x11fff), 0);
  EXPECT_EQ(AS->pageProt(0x10000), ProtRead | ProtWrite | ProtExec);
  EXPECT_EQ(AS->pageProt(0x12000), ProtRead | ProtWrite);
  EXPECT_EQ(Elf.BrkStart, 0x13000u);
}

TEST_F(ElfLoaderTest, OffsetNotCongruentWithAddressIsCopied) {
  Image I;
  I.add(PT_LOAD, PF_R | PF_X, 0, 0x10000, 0x1000, 0x1000);
  I.add(PT_LOAD, PF_R, 0x1234, 0x20000, 0x1800, 0x1800);
  ASSERT_TRUE(load(I.bytes())) << Err.Message;
  EXPECT_EQ(guestByte(0x20000), pattern(0x1234));
  EXPECT_EQ(guestByte(0x217ff), pattern(0x1234 + 0x17ff));
  EXPECT_EQ(AS->pageProt(0x21000), ProtRead);
  EXPECT_EQ(AS->pageProt(0x11000), -1); // the gap stays unmapped
}

TEST_F(ElfLoaderTest, StaticPieLoadsAtTheDefaultBase) {
  Image I;
  I.Eh.e_type = ET_DYN;
  I.Eh.e_entry = 0x234;
  I.add(PT_LOAD, PF_R | PF_X, 0, 0, 0x1800, 0x1800);
  I.add(PT_LOAD, PF_R | PF_W, 0x1800, 0x2800, 0x100, 0x1000);
  ASSERT_TRUE(load(I.bytes())) << Err.Message;
  uint64_t Base = defaultPieBase(AS->guestLimit());
  EXPECT_EQ(Base, 0x2aaaaaa000u); // 2/3 of the 2^38 window, like riscv sv39
  EXPECT_LT(Base, AS->mmapBase());
  EXPECT_TRUE(Elf.IsPie);
  EXPECT_EQ(Elf.LoadBias, Base);
  EXPECT_EQ(Elf.Entry, Base + 0x234);
  EXPECT_EQ(Elf.PhdrAddr, Base + sizeof(Elf64_Ehdr));
  EXPECT_EQ(Elf.BrkStart, Base + 0x4000);
  EXPECT_EQ(guestByte(Base + 0x2800), pattern(0x1800));
  EXPECT_EQ(AS->pageProt(Base), ProtRead | ProtExec);
}

TEST_F(ElfLoaderTest, PieBaseHonoursOptionAndAlignment) {
  Image I;
  I.Eh.e_type = ET_DYN;
  I.add(PT_LOAD, PF_R | PF_X, 0, 0, 0x1000, 0x1000, 0x10000);
  ElfLoadOptions O;
  O.PieBase = 0x40001000;
  ASSERT_TRUE(load(I.bytes(), O)) << Err.Message;
  EXPECT_EQ(Elf.LoadBias, 0x40000000u);
}

TEST_F(ElfLoaderTest, ExecutableStackAndPhdrFromOtherSegment) {
  Image I = Image::typical();
  I.Ph[2].p_flags = PF_R | PF_W | PF_X;
  // Program headers outside the first segment's file range.
  I.Eh.e_phoff = 0x1820;
  I.Ph[1].p_filesz = 0x200;
  ASSERT_TRUE(load(I.bytes())) << Err.Message;
  EXPECT_TRUE(Elf.ExecStack);
  EXPECT_EQ(Elf.PhdrAddr, 0x12820u);
}

TEST_F(ElfLoaderTest, InterpreterIsRefusedUnlessAllowed) {
  Image I = Image::typical();
  const char Interp[] = "/lib/ld-linux-riscv64-lp64d.so.1";
  I.add(PT_INTERP, PF_R, 0x1000, 0x11000, sizeof(Interp), sizeof(Interp));
  std::vector<uint8_t> B = I.bytes();
  std::memcpy(&B[0x1000], Interp, sizeof(Interp));
  EXPECT_FALSE(load(B));
  EXPECT_NE(Err.Message.find("dynamically linked"), std::string::npos) << Err.Message;
  EXPECT_NE(Err.Message.find("-L"), std::string::npos);
  EXPECT_EQ(Err.ExitStatus, 1);
  EXPECT_EQ(AS->pageProt(0x10000), -1); // nothing mapped

  ElfLoadOptions O;
  O.AllowInterpreter = true;
  ASSERT_TRUE(load(B, O)) << Err.Message;
  EXPECT_EQ(Elf.Interpreter, Interp);
}

TEST_F(ElfLoaderTest, MissingFileAndDirectory) {
  EXPECT_FALSE(loadElfExecutable(*AS, "/nonexistent/prog", ElfLoadOptions(), Elf, Err));
  EXPECT_EQ(Err.ExitStatus, 127);
  EXPECT_NE(Err.Message.find("No such file"), std::string::npos);
  EXPECT_FALSE(loadElfExecutable(*AS, "/tmp", ElfLoadOptions(), Elf, Err));
  EXPECT_EQ(Err.ExitStatus, 126);
  EXPECT_NE(Err.Message.find("directory"), std::string::npos);
  std::string Msg;
  EXPECT_FALSE(loadElf(*AS, "/nonexistent/prog", Elf, Msg));
  EXPECT_FALSE(Msg.empty());
}

TEST_F(ElfLoaderTest, NotElf) {
  EXPECT_EQ(error({}), "not an ELF executable");
  EXPECT_EQ(Err.ExitStatus, 126);
  EXPECT_EQ(error({0x7f, 'E', 'L'}), "not an ELF executable");
  std::string Script = "#!/bin/sh\necho hi\n";
  EXPECT_EQ(error(std::vector<uint8_t>(Script.begin(), Script.end())), "not an ELF executable");
}

TEST_F(ElfLoaderTest, TruncatedHeader) {
  std::vector<uint8_t> B = Image::typical().bytes();
  B.resize(40);
  EXPECT_NE(error(B).find("truncated"), std::string::npos);
}

TEST_F(ElfLoaderTest, WrongClassEndiannessAndMachine) {
  Image I = Image::typical();
  I.Eh.e_ident[EI_CLASS] = ELFCLASS32;
  std::string M = error(I.bytes());
  EXPECT_NE(M.find("32-bit riscv32"), std::string::npos) << M;
  EXPECT_NE(M.find("this build runs riscv64 guests"), std::string::npos) << M;

  I = Image::typical();
  I.Eh.e_ident[EI_CLASS] = 7;
  EXPECT_NE(error(I.bytes()).find("invalid ELF class"), std::string::npos);

  I = Image::typical();
  I.Eh.e_ident[EI_DATA] = ELFDATA2MSB;
  I.Eh.e_machine = uint16_t(EM_PPC64 << 8); // big-endian bytes
  M = error(I.bytes());
  EXPECT_NE(M.find("big-endian powerpc64"), std::string::npos) << M;

  I = Image::typical();
  I.Eh.e_machine = EM_X86_64;
  EXPECT_EQ(error(I.bytes()),
            "this build runs riscv64 guests; " + File.Path + " is for x86-64");
  EXPECT_EQ(Err.ExitStatus, 126);
  I.Eh.e_machine = EM_AARCH64;
  EXPECT_NE(error(I.bytes()).find("is for aarch64"), std::string::npos);
  I.Eh.e_machine = 0x1234;
  EXPECT_NE(error(I.bytes()).find("unknown machine"), std::string::npos);
}

TEST_F(ElfLoaderTest, WrongTypeVersionAndFlags) {
  Image I = Image::typical();
  I.Eh.e_type = ET_REL;
  EXPECT_NE(error(I.bytes()).find("relocatable"), std::string::npos);
  I.Eh.e_type = ET_CORE;
  EXPECT_NE(error(I.bytes()).find("core dump"), std::string::npos);
  I.Eh.e_type = 77;
  EXPECT_NE(error(I.bytes()).find("type"), std::string::npos);
  I = Image::typical();
  I.Eh.e_version = 2;
  EXPECT_NE(error(I.bytes()).find("version"), std::string::npos);
  I = Image::typical();
  I.Eh.e_flags |= 0x8;
  EXPECT_NE(error(I.bytes()).find("RV64E"), std::string::npos);
}

TEST_F(ElfLoaderTest, BadProgramHeaderTable) {
  Image I = Image::typical();
  I.Eh.e_phentsize = 32;
  EXPECT_NE(error(I.bytes()).find("program header size"), std::string::npos);

  I = Image::typical();
  I.Ph.clear();
  EXPECT_EQ(error(I.bytes()), "no program headers");

  I = Image::typical();
  I.Eh.e_phoff = 0x3ff0;
  std::string M = error(I.bytes());
  EXPECT_NE(M.find("truncated"), std::string::npos) << M;

  I = Image::typical();
  I.Eh.e_phoff = UINT64_MAX - 8;
  EXPECT_NE(error(I.bytes()).find("truncated"), std::string::npos);

  I = Image::typical();
  I.Eh.e_phnum = 5000;
  EXPECT_NE(error(I.bytes(false)).find("too many"), std::string::npos);

  I = Image();
  I.add(PT_NOTE, PF_R, 0, 0, 0, 0);
  EXPECT_EQ(error(I.bytes()), "no loadable segments");
}

TEST_F(ElfLoaderTest, BadSegments) {
  Image I = Image::typical();
  I.Ph[1].p_filesz = 0x3000; // > memsz
  EXPECT_NE(error(I.bytes()).find("exceeds its memory size"), std::string::npos);

  I = Image::typical();
  I.Ph[1].p_filesz = I.Ph[1].p_memsz = 0x2900; // runs past the file end
  EXPECT_NE(error(I.bytes()).find("truncated"), std::string::npos);

  I = Image::typical();
  I.Ph[1].p_offset = UINT64_MAX - 0x10;
  EXPECT_NE(error(I.bytes()).find("truncated"), std::string::npos);

  I = Image::typical();
  I.Ph[1].p_vaddr = UINT64_MAX - 0x100;
  EXPECT_NE(error(I.bytes()).find("overflows"), std::string::npos);

  I = Image::typical();
  I.Ph[1].p_memsz = UINT64_MAX;
  EXPECT_NE(error(I.bytes()).find("overflows"), std::string::npos);

  I = Image::typical();
  I.Ph[1].p_vaddr = 0x11000; // inside the text segment
  I.Ph[1].p_offset = 0x1000;
  EXPECT_NE(error(I.bytes()).find("overlap"), std::string::npos);

  I = Image::typical();
  I.Ph[0].p_vaddr = 0x1000; // below mmap_min_addr
  EXPECT_NE(error(I.bytes()).find("below the lowest guest address"), std::string::npos);

  I = Image::typical();
  I.Ph[1].p_vaddr = (uint64_t(1) << 38) - 0x800; // past the window
  I.Ph[1].p_offset = 0x1800;
  EXPECT_NE(error(I.bytes()).find("does not fit"), std::string::npos);

  I = Image::typical();
  I.Ph[1].p_vaddr = uint64_t(1) << 50;
  EXPECT_NE(error(I.bytes()).find("does not fit"), std::string::npos);

  // After all of these nothing was mapped.
  EXPECT_EQ(AS->pageProt(0x10000), -1);
}

TEST_F(ElfLoaderTest, MalformedInterpreter) {
  Image I = Image::typical();
  I.add(PT_INTERP, PF_R, 0x1000, 0, 0x10, 0x10); // not NUL-terminated pattern bytes
  EXPECT_NE(error(I.bytes()).find("interpreter"), std::string::npos);
  I = Image::typical();
  I.add(PT_INTERP, PF_R, 0x3ff0, 0, 0x100, 0x100);
  EXPECT_NE(error(I.bytes()).find("interpreter"), std::string::npos);
}

TEST_F(ElfLoaderTest, ZeroSizedSegmentsAreIgnored) {
  Image I = Image::typical();
  I.add(PT_LOAD, PF_R, 0, 0x11000, 0, 0);
  ASSERT_TRUE(load(I.bytes())) << Err.Message;
  EXPECT_EQ(Elf.BrkStart, 0x15000u);
}

} // namespace
