//===- InitialStack.cpp - The guest's stack at exec time ------------------===//
//
// Follows fs/exec.c and create_elf_tables() in fs/binfmt_elf.c, top down:
// an 8-byte NULL at the very top, the AT_EXECFN string, the environment
// strings, the argument strings, 16-byte alignment, the AT_RANDOM bytes
// (riscv has no AT_PLATFORM string), then argc, argv[], NULL, envp[], NULL
// and the auxiliary vector at a 16-byte aligned sp. The image is assembled in
// a host buffer and copied in once.
//
//===----------------------------------------------------------------------===//
#include "InitialStack.h"

#include <cerrno>
#include <cstring>
#include <sys/random.h>
#include <unistd.h>

namespace dbt {

static bool fillRandom(uint8_t *Buf, size_t Len, std::string &Error) {
  size_t Done = 0;
  while (Done < Len) {
    ssize_t N = ::getrandom(Buf + Done, Len - Done, 0);
    if (N < 0) {
      if (errno == EINTR) continue;
      Error = std::string("cannot get random bytes for AT_RANDOM: ") + std::strerror(errno);
      return false;
    }
    Done += size_t(N);
  }
  return true;
}

bool setupInitialStack(AddressSpace &AS, const LoadedElf &Elf, const StackOptions &Options,
                       InitialStack &Out, std::string &Error) {
  Out = InitialStack();
  const uint64_t Page = AS.guestPageSize();
  uint64_t Size = (Options.Size + Page - 1) & ~(Page - 1);
  uint64_t Top = AS.guestLimit();
  if (Size == 0 || Size > Top - AS.mmapBase()) {
    Error = "stack size " + std::to_string(Options.Size) + " does not fit above the mmap area";
    return false;
  }
  uint64_t Bottom = Top - Size;

  // Linux refuses (E2BIG) any string over MAX_ARG_STRLEN and arguments
  // over a quarter of the stack; checking the strings first also keeps the
  // layout arithmetic below from running off the stack.
  constexpr uint64_t MaxArgStrlen = 32 * 4096;
  uint64_t StringBytes = Options.ExecFn.size() + 1;
  for (const auto *List : {&Options.Argv, &Options.Envp}) {
    for (const std::string &S : *List) {
      if (S.size() + 1 > MaxArgStrlen) {
        Error = "argument list too long";
        return false;
      }
      StringBytes += S.size() + 1;
    }
  }
  if (StringBytes > Size / 4) {
    Error = "argument list too long";
    return false;
  }

  // Plan the layout first, so nothing is mapped when it does not fit.
  uint64_t P = Top - 8; // the kernel's NULL end marker
  auto placeString = [&P](const std::string &S) {
    P -= S.size() + 1;
    return P;
  };
  uint64_t ExecFnAddr = placeString(Options.ExecFn);
  std::vector<uint64_t> EnvAddrs(Options.Envp.size()), ArgAddrs(Options.Argv.size());
  // copy_strings() works from the last string down, so argv[0] ends lowest.
  for (size_t I = Options.Envp.size(); I-- > 0;) EnvAddrs[I] = placeString(Options.Envp[I]);
  for (size_t I = Options.Argv.size(); I-- > 0;) ArgAddrs[I] = placeString(Options.Argv[I]);
  P &= ~uint64_t(15);
  uint64_t RandomAddr = P -= 16;

  std::vector<std::pair<uint64_t, uint64_t>> Auxv = {
      // ARCH_DLINFO comes first. No vDSO, so no AT_SYSINFO_EHDR; cache
      // geometry is unknown, which the kernel reports as 0.
      {AuxL1ICacheSize, 0},
      {AuxL1ICacheGeometry, 0},
      {AuxL1DCacheSize, 0},
      {AuxL1DCacheGeometry, 0},
      {AuxL2CacheSize, 0},
      {AuxL2CacheGeometry, 0},
      {AuxL3CacheSize, 0},
      {AuxL3CacheGeometry, 0},
      {AuxMinSigStkSz, RiscvMinSigStkSz},
      {AuxHwCap, RiscvHwCap},
      {AuxPageSz, Page},
      {AuxClkTck, 100},
      {AuxPhdr, Elf.PhdrAddr},
      {AuxPhEnt, Elf.PhEnt},
      {AuxPhNum, Elf.PhNum},
      {AuxBase, 0}, // no interpreter
      {AuxFlags, 0},
      {AuxEntry, Elf.Entry},
      {AuxUid, uint64_t(::getuid())},
      {AuxEUid, uint64_t(::geteuid())},
      {AuxGid, uint64_t(::getgid())},
      {AuxEGid, uint64_t(::getegid())},
      {AuxSecure, 0},
      {AuxRandom, RandomAddr},
      {AuxExecFn, ExecFnAddr},
      // No AT_PLATFORM (riscv's ELF_PLATFORM is NULL) and no AT_RSEQ_*:
      // glibc then registers no rseq area, which nothing here emulates.
      {AuxNull, 0},
  };
  uint64_t Words = 1 + (Options.Argv.size() + 1) + (Options.Envp.size() + 1) + 2 * Auxv.size();
  // The kernel refuses arguments beyond a quarter of the stack with E2BIG.
  if (Words > (P - Bottom) / 8 || Top - (P - Words * 8) > Size / 4) {
    Error = "argument list too long";
    return false;
  }
  uint64_t Sp = (P - Words * 8) & ~uint64_t(15);

  std::vector<uint8_t> Image(Top - Sp, 0);
  auto at = [&](uint64_t Addr) { return Image.data() + (Addr - Sp); };
  auto putWord = [&](uint64_t Addr, uint64_t V) { std::memcpy(at(Addr), &V, 8); };
  auto putString = [&](uint64_t Addr, const std::string &S) {
    std::memcpy(at(Addr), S.c_str(), S.size() + 1);
  };
  putString(ExecFnAddr, Options.ExecFn);
  for (size_t I = 0; I < Options.Envp.size(); ++I) putString(EnvAddrs[I], Options.Envp[I]);
  for (size_t I = 0; I < Options.Argv.size(); ++I) putString(ArgAddrs[I], Options.Argv[I]);
  if (Options.RandomBytes)
    std::memcpy(at(RandomAddr), Options.RandomBytes, 16);
  else if (!fillRandom(at(RandomAddr), 16, Error))
    return false;

  uint64_t W = Sp;
  putWord(W, Options.Argv.size());
  W += 8;
  uint64_t ArgvAddr = W;
  for (uint64_t A : ArgAddrs) putWord(W, A), W += 8;
  W += 8; // NULL
  uint64_t EnvpAddr = W;
  for (uint64_t A : EnvAddrs) putWord(W, A), W += 8;
  W += 8; // NULL
  uint64_t AuxvAddr = W;
  for (const auto &[Key, Value] : Auxv) {
    putWord(W, Key);
    putWord(W + 8, Value);
    W += 16;
  }

  MapRequest Req;
  Req.Addr = Bottom;
  Req.Length = Size;
  Req.Prot = ProtRead | ProtWrite | (Elf.ExecStack ? ProtExec : 0);
  Req.NoReplace = true;
  Req.GrowsDown = true;
  int64_t R = AS.map(Req);
  if (R < 0) {
    Error = std::string("cannot map the guest stack: ") + std::strerror(int(-R));
    return false;
  }
  if (AS.copyToGuest(Sp, Image.data(), Image.size()) < 0) {
    Error = "cannot write the initial stack";
    return false;
  }

  Out.Sp = Sp;
  Out.Bottom = Bottom;
  Out.Top = Top;
  Out.ArgvAddr = ArgvAddr;
  Out.EnvpAddr = EnvpAddr;
  Out.AuxvAddr = AuxvAddr;
  Out.RandomAddr = RandomAddr;
  Out.ExecFnAddr = ExecFnAddr;
  Out.Auxv = std::move(Auxv);
  return true;
}

uint64_t buildInitialStack(AddressSpace &AS, const LoadedElf &Elf,
                           const std::vector<std::string> &Argv,
                           const std::vector<std::string> &Envp, const std::string &ExecFn,
                           std::string &Error) {
  StackOptions Options;
  Options.Argv = Argv;
  Options.Envp = Envp;
  Options.ExecFn = ExecFn;
  InitialStack Stack;
  return setupInitialStack(AS, Elf, Options, Stack, Error) ? Stack.Sp : 0;
}

void initProgramBreak(Process &P, const LoadedElf &Elf) {
  P.BrkStart = Elf.BrkStart;
  P.BrkCurrent = Elf.BrkStart;
  P.BrkMappedEnd = Elf.BrkStart;
}

} // namespace dbt
