//===- InitialStackTest.cpp - The exec-time stack image -------------------===//
#include "Runtime/InitialStack.h"

#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <unistd.h>

using namespace dbt;

namespace {

class InitialStackTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string Error;
    AS = createAddressSpace(AddressSpaceOptions(), Error);
    ASSERT_TRUE(AS) << Error;
    Elf.Entry = 0x10100;
    Elf.PhdrAddr = 0x10040;
    Elf.PhEnt = 56;
    Elf.PhNum = 9;
    Elf.BrkStart = 0x80000;
    for (int I = 0; I < 16; ++I) Random[I] = uint8_t(0xa0 + I);
    Opts.Argv = {"./prog", "first", ""};
    Opts.Envp = {"HOME=/root", "PATH=/bin"};
    Opts.ExecFn = "./prog";
    Opts.RandomBytes = Random;
  }
  uint64_t word(uint64_t Addr) {
    uint64_t V;
    EXPECT_EQ(AS->copyFromGuest(&V, Addr, 8), 0);
    return V;
  }
  std::string string(uint64_t Addr) {
    int64_t Len = AS->guestStrlen(Addr, 4096);
    EXPECT_GE(Len, 0);
    if (Len < 0) return "<fault>";
    return std::string(static_cast<const char *>(AS->hostPointer(Addr)), size_t(Len));
  }

  std::unique_ptr<AddressSpace> AS;
  LoadedElf Elf;
  StackOptions Opts;
  uint8_t Random[16];
  InitialStack Stack;
};

TEST_F(InitialStackTest, LayoutMatchesTheKernel) {
  std::string Error;
  ASSERT_TRUE(setupInitialStack(*AS, Elf, Opts, Stack, Error)) << Error;
  uint64_t Top = AS->guestLimit();
  EXPECT_EQ(Stack.Top, Top);
  EXPECT_EQ(Stack.Bottom, Top - (8 << 20));
  EXPECT_GE(Stack.Bottom, AS->mmapBase());
  EXPECT_EQ(AS->pageProt(Stack.Bottom), ProtRead | ProtWrite);
  EXPECT_EQ(AS->pageProt(Top - 1), ProtRead | ProtWrite);
  EXPECT_EQ(Stack.Sp % 16, 0u);

  uint64_t Sp = Stack.Sp;
  EXPECT_EQ(word(Sp), 3u);
  EXPECT_EQ(Stack.ArgvAddr, Sp + 8);
  EXPECT_EQ(string(word(Sp + 8)), "./prog");
  EXPECT_EQ(string(word(Sp + 16)), "first");
  EXPECT_EQ(string(word(Sp + 24)), "");
  EXPECT_EQ(word(Sp + 32), 0u);
  EXPECT_EQ(Stack.EnvpAddr, Sp + 40);
  EXPECT_EQ(string(word(Sp + 40)), "HOME=/root");
  EXPECT_EQ(string(word(Sp + 48)), "PATH=/bin");
  EXPECT_EQ(word(Sp + 56), 0u);
  EXPECT_EQ(Stack.AuxvAddr, Sp + 64);

  // Strings ascend argv[0] .. envp[n-1], then AT_EXECFN, then the 8-byte
  // NULL at the very top.
  EXPECT_LT(word(Sp + 8), word(Sp + 16));
  EXPECT_LT(word(Sp + 24), word(Sp + 40));
  EXPECT_EQ(word(Sp + 8) + 7, word(Sp + 16));
  EXPECT_EQ(Stack.ExecFnAddr, Top - 8 - 7);
  EXPECT_EQ(word(Top - 8), 0u);
  EXPECT_EQ(word(Sp + 48) + 10, Stack.ExecFnAddr);

  // The auxiliary vector, read back from guest memory.
  std::map<uint64_t, uint64_t> Aux;
  std::vector<uint64_t> Order;
  uint64_t A = Stack.AuxvAddr;
  for (;; A += 16) {
    uint64_t Key = word(A);
    Order.push_back(Key);
    if (Key == AuxNull) break;
    EXPECT_FALSE(Aux.count(Key)) << "duplicate key " << Key;
    Aux[Key] = word(A + 8);
  }
  EXPECT_EQ(Order.size(), Stack.Auxv.size());
  EXPECT_EQ(Aux[AuxPhdr], 0x10040u);
  EXPECT_EQ(Aux[AuxPhEnt], 56u);
  EXPECT_EQ(Aux[AuxPhNum], 9u);
  EXPECT_EQ(Aux[AuxPageSz], 4096u);
  EXPECT_EQ(Aux[AuxBase], 0u);
  EXPECT_EQ(Aux[AuxFlags], 0u);
  EXPECT_EQ(Aux[AuxEntry], 0x10100u);
  EXPECT_EQ(Aux[AuxUid], uint64_t(getuid()));
  EXPECT_EQ(Aux[AuxEUid], uint64_t(geteuid()));
  EXPECT_EQ(Aux[AuxGid], uint64_t(getgid()));
  EXPECT_EQ(Aux[AuxEGid], uint64_t(getegid()));
  EXPECT_EQ(Aux.count(AuxSecure), 1u);
  EXPECT_EQ(Aux[AuxSecure], 0u);
  EXPECT_EQ(Aux[AuxHwCap], 0x112du); // I M A F D C
  EXPECT_EQ(Aux[AuxClkTck], 100u);
  EXPECT_EQ(Aux[AuxMinSigStkSz], 1088u);
  EXPECT_EQ(Aux[AuxExecFn], Stack.ExecFnAddr);
  EXPECT_EQ(string(Aux[AuxExecFn]), "./prog");
  EXPECT_EQ(Aux.count(AuxPlatform), 0u);
  EXPECT_EQ(Aux.count(AuxSysInfoEhdr), 0u);
  // ARCH_DLINFO entries come first, then AT_HWCAP.
  EXPECT_EQ(Order.front(), uint64_t(AuxL1ICacheSize));
  auto HwCapAt = std::find(Order.begin(), Order.end(), uint64_t(AuxHwCap));
  EXPECT_EQ(*(HwCapAt - 1), uint64_t(AuxMinSigStkSz));

  // AT_RANDOM: 16 bytes just below the aligned string area, above the table.
  uint64_t R = Aux[AuxRandom];
  EXPECT_EQ(R, Stack.RandomAddr);
  EXPECT_EQ(R % 16, 0u);
  EXPECT_GT(R, A);
  EXPECT_LT(R, word(Sp + 8));
  uint8_t Got[16];
  ASSERT_EQ(AS->copyFromGuest(Got, R, 16), 0);
  EXPECT_EQ(std::memcmp(Got, Random, 16), 0);
  // sp is the lowest 16-byte boundary that holds the table.
  EXPECT_LT(R - (A + 16), 16u + 16u);
}

TEST_F(InitialStackTest, RandomBytesComeFromTheHostWhenNotGiven) {
  Opts.RandomBytes = nullptr;
  std::string Error;
  ASSERT_TRUE(setupInitialStack(*AS, Elf, Opts, Stack, Error)) << Error;
  uint8_t Got[16], Zero[16] = {};
  ASSERT_EQ(AS->copyFromGuest(Got, Stack.RandomAddr, 16), 0);
  EXPECT_NE(std::memcmp(Got, Zero, 16), 0);
}

TEST_F(InitialStackTest, ExecutableStackAndEmptyArgs) {
  Elf.ExecStack = true;
  Opts.Argv.clear();
  Opts.Envp.clear();
  std::string Error;
  ASSERT_TRUE(setupInitialStack(*AS, Elf, Opts, Stack, Error)) << Error;
  EXPECT_EQ(AS->pageProt(Stack.Bottom), ProtRead | ProtWrite | ProtExec);
  EXPECT_EQ(word(Stack.Sp), 0u);
  EXPECT_EQ(word(Stack.Sp + 8), 0u);
  EXPECT_EQ(word(Stack.Sp + 16), 0u);
  EXPECT_EQ(Stack.AuxvAddr, Stack.Sp + 24);
  EXPECT_EQ(Stack.Sp % 16, 0u);
}

TEST_F(InitialStackTest, TooLongArgumentsAreRefusedBeforeMapping) {
  Opts.Argv.push_back(std::string(200 * 1024, 'a')); // over MAX_ARG_STRLEN
  std::string Error;
  EXPECT_FALSE(setupInitialStack(*AS, Elf, Opts, Stack, Error));
  EXPECT_NE(Error.find("too long"), std::string::npos);
  Opts.Argv.pop_back();
  for (int I = 0; I < 40; ++I) Opts.Envp.push_back(std::string(100 * 1024, 'e'));
  EXPECT_FALSE(setupInitialStack(*AS, Elf, Opts, Stack, Error));
  EXPECT_EQ(AS->pageProt(AS->guestLimit() - 1), -1);
}

TEST_F(InitialStackTest, StackSlotIsTakenAlready) {
  MapRequest R;
  R.Addr = AS->guestLimit() - 4096;
  R.Length = 4096;
  R.Prot = ProtRead;
  R.Fixed = true;
  ASSERT_GT(AS->map(R), 0);
  std::string Error;
  EXPECT_FALSE(setupInitialStack(*AS, Elf, Opts, Stack, Error));
  EXPECT_NE(Error.find("stack"), std::string::npos);
}

TEST_F(InitialStackTest, ConvenienceWrapperAndProgramBreak) {
  std::string Error;
  uint64_t Sp = buildInitialStack(*AS, Elf, {"a"}, {"B=c"}, "a", Error);
  EXPECT_NE(Sp, 0u) << Error;
  EXPECT_EQ(word(Sp), 1u);

  RuntimeOptions RO;
  Process P(*AS, RO);
  initProgramBreak(P, Elf);
  EXPECT_EQ(P.BrkStart, 0x80000u);
  EXPECT_EQ(P.BrkCurrent, 0x80000u);
  EXPECT_EQ(P.BrkMappedEnd, 0x80000u);
}

} // namespace
