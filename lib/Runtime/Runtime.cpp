//===- Runtime.cpp - Run one guest program --------------------------------===//
//
// Owns process start-up and shutdown: build the address space, load the
// executable, lay out the stack, run the dispatcher, and leave the way the
// guest left (exit status or signal). Also owns the host's fault handlers,
// which tell a guest memory fault (the guest dies of SIGSEGV/SIGBUS, as on
// Linux) from a fault in dbt-run itself (an internal error).
//
//===----------------------------------------------------------------------===//

#include "dbt/Runtime/Runtime.h"

#include "Dispatcher.h"
#include "ElfLoader.h"
#include "InitialStack.h"
#include "Process.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

namespace dbt {
namespace {

// The fault handler only reads these two words.
std::atomic<uint64_t> GuestHostLo{0}, GuestHostHi{0};

[[noreturn]] void dieWithSignal(int Sig) {
  std::fflush(nullptr);
  // The guest's death must not leave a core of dbt-run behind.
  struct rlimit NoCore = {0, 0};
  setrlimit(RLIMIT_CORE, &NoCore);
  struct sigaction SA = {};
  SA.sa_handler = SIG_DFL;
  sigemptyset(&SA.sa_mask);
  sigaction(Sig, &SA, nullptr);
  sigset_t Set;
  sigemptyset(&Set);
  sigaddset(&Set, Sig);
  sigprocmask(SIG_UNBLOCK, &Set, nullptr);
  raise(Sig);
  _exit(128 + Sig); // for signals whose default action does not kill
}

void onHostFault(int Sig, siginfo_t *Info, void *) {
  auto Addr = reinterpret_cast<uint64_t>(Info->si_addr);
  if (Addr >= GuestHostLo.load(std::memory_order_relaxed) &&
      Addr < GuestHostHi.load(std::memory_order_relaxed))
    dieWithSignal(Sig); // a guest access: the guest's default action
  static const char Msg[] = "dbt-run: internal error: host fault outside guest memory\n";
  ssize_t Ignored = write(STDERR_FILENO, Msg, sizeof Msg - 1);
  (void)Ignored;
  struct sigaction SA = {};
  SA.sa_handler = SIG_DFL;
  sigaction(Sig, &SA, nullptr);
  raise(Sig);
}

void installFaultHandlers(const AddressSpace &AS) {
  uint64_t Base = AS.fastPath().GuestBase;
  // The whole window: guest pointers below guestLowest (NULL) fault too.
  GuestHostLo = Base;
  GuestHostHi = Base + AS.guestLimit();
  struct sigaction SA = {};
  SA.sa_sigaction = onHostFault;
  SA.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigemptyset(&SA.sa_mask);
  sigaction(SIGSEGV, &SA, nullptr);
  sigaction(SIGBUS, &SA, nullptr);
}

std::string absolutePath(const std::string &Path) {
  if (!Path.empty() && Path[0] == '/') return Path;
  char Cwd[4096];
  if (!getcwd(Cwd, sizeof Cwd)) return Path;
  return std::string(Cwd) + "/" + Path;
}

/// Shell-like statuses for programs that cannot be started at all.
int reportUnrunnable(const std::string &Program, const std::string &Message, int Status) {
  std::fprintf(stderr, "dbt-run: %s: %s\n", Program.c_str(), Message.c_str());
  return Status;
}

} // namespace

int runGuestProgram(const RuntimeOptions &Options) {
  auto Start = std::chrono::steady_clock::now();
  std::string Error;
  std::unique_ptr<AddressSpace> AS = createAddressSpace(Options.Memory, Error);
  if (!AS) {
    std::fprintf(stderr, "dbt-run: cannot set up guest memory: %s\n", Error.c_str());
    return 1;
  }
  if (Options.Verbose)
    std::fprintf(stderr, "dbt-run: memory mode %s: the only mode this build has\n",
                 memoryModeName(AS->mode()));

  Process P(*AS, Options);
  P.ExePath = absolutePath(Options.Program);

  LoadedElf Image;
  ElfLoadError LoadError;
  if (!loadElfExecutable(*AS, Options.Program, ElfLoadOptions(), Image, LoadError))
    return reportUnrunnable(Options.Program, LoadError.Message, LoadError.ExitStatus);

  riscv::CpuState Cpu = {};
  uint64_t Sp = buildInitialStack(*AS, Image, Options.Argv, Options.Envp, P.ExePath, Error);
  if (!Sp) {
    std::fprintf(stderr, "dbt-run: cannot build the guest stack: %s\n", Error.c_str());
    return 1;
  }
  initProgramBreak(P, Image);
  Cpu.X[2] = Sp;
  Cpu.Pc = Image.Entry;
  Cpu.ReservationAddr = ~uint64_t(0);
  Cpu.Runtime = &P;

  Dispatcher D(P, Cpu);
  P.FlushCode = [&D](uint64_t Lo, uint64_t Hi) { D.flushCode(Lo, Hi); };
  AS->setCodeInvalidationHook([&D](uint64_t Addr, uint64_t Len) { D.flushCode(Addr, Addr + Len); });
  installFaultHandlers(*AS);

  bool Ok = D.run();
  if (Options.Stats) {
    D.printStats(Options.Log);
    double Total =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
    std::fprintf(Options.Log, "  wall time            %.3f ms\n", Total * 1e3);
  }
  std::fflush(Options.Log);
  if (!Ok) return 1;
  if (P.FatalSignal) dieWithSignal(P.FatalSignal);
  return P.ExitStatus & 0xff;
}

} // namespace dbt
