//===- Dispatcher.cpp - The loop that runs guest code ---------------------===//

#include "Dispatcher.h"

#include "Frontend/RISCV/Helpers.h"
#include "Linux/Syscalls.h"
#include "TranslatorLoader.h"
#include "dbt/Frontend/RISCV/FpEnvironment.h"

#include <chrono>
#include <csignal>

namespace dbt {
namespace {

std::vector<HelperSymbol> riscvHelpers() {
  return {
#define RV_HELPER(Name, ...) {#Name, reinterpret_cast<void *>(&Name)},
#include "dbt/Frontend/RISCV/Helpers.def"
  };
}

/// TranslatorConfig::FetchCode: guest code must be mapped executable.
size_t fetchGuestCode(void *Ctx, uint64_t Addr, uint8_t *Buf, size_t Len) {
  AddressSpace &AS = *static_cast<AddressSpace *>(Ctx);
  size_t Done = 0;
  const uint64_t Page = AS.guestPageSize();
  while (Done < Len) {
    uint64_t A = Addr + Done;
    size_t Chunk = std::min<uint64_t>(Len - Done, Page - (A & (Page - 1)));
    if (!AS.isAccessible(A, Chunk, ProtExec)) break;
    if (AS.copyFromGuest(Buf + Done, A, Chunk) < 0) break;
    Done += Chunk;
  }
  return Done;
}

} // namespace

Dispatcher::Dispatcher(Process &P, riscv::CpuState &Cpu) : P(P), Cpu(Cpu) {
  Config.Memory = P.AS.fastPath();
  Config.Dispatch = Cache.dispatchTable();
  Config.Helpers = riscvHelpers();
  Config.FetchCode = fetchGuestCode;
  Config.FetchContext = &P.AS;
  Config.Dump = P.Options.Dump;
  Config.Log = P.Options.Log;
  Config.MaxRegionInstructions = P.Options.MaxRegionInstructions;
}

Dispatcher::~Dispatcher() = default;

GuestCodeEntry Dispatcher::translate(uint64_t Pc) {
  if (!Xlat) {
    auto Start = std::chrono::steady_clock::now();
    std::string Error;
    Xlat = loadTranslator(translatorLibraryPath(P.Options.TranslatorPath), Config, Error);
    TranslatorLoadSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
    if (!Xlat) {
      std::fprintf(stderr, "dbt-run: %s\n", Error.c_str());
      InternalError = true;
      return nullptr;
    }
  }
  TranslationBatch Batch = Xlat->translate(Pc);
  if (Batch.Units.empty()) {
    std::fprintf(stderr, "dbt-run: internal error: cannot translate guest code at 0x%llx: %s\n",
                 (unsigned long long)Pc, Batch.Error.c_str());
    InternalError = true;
    return nullptr;
  }
  for (const Translation &T : Batch.Units) Cache.insert(T.GuestPc, T);
  return Batch.Units.front().Entry;
}

void Dispatcher::discard(const std::vector<uint64_t> &Handles) {
  if (!Xlat) return;
  for (uint64_t H : Handles) Xlat->discard(H);
}

void Dispatcher::flushCode(uint64_t Lo, uint64_t Hi) {
  ++Flushes;
  discard(Cache.invalidate(Lo, Hi));
}

bool Dispatcher::handleExit(ExitReason Reason) {
  switch (Reason) {
  case ExitReason::Continue:
    return true;
  case ExitReason::Syscall: {
    ++Syscalls;
    int64_t Result = linux::handleSyscall(P, Cpu);
    if (P.Exiting || P.FatalSignal) return false;
    Cpu.X[10] = static_cast<uint64_t>(Result);
    Cpu.Pc += 4;
    return true;
  }
  case ExitReason::FlushICache:
    // fence.i makes every earlier store visible to instruction fetch.
    ++Flushes;
    discard(Cache.clear());
    return true;
  case ExitReason::Breakpoint:
    P.FatalSignal = SIGTRAP;
    return false;
  case ExitReason::IllegalInstruction:
    P.FatalSignal = SIGILL;
    return false;
  case ExitReason::FetchFault:
    P.FatalSignal = SIGSEGV;
    return false;
  }
  P.FatalSignal = SIGILL;
  return false;
}

bool Dispatcher::run() {
  riscv::enterGuestFp(Cpu);
  for (;;) {
    GuestCodeEntry Code = Cache.lookup(Cpu.Pc);
    if (!Code) {
      riscv::leaveGuestFp(Cpu);
      Code = translate(Cpu.Pc);
      if (!Code) return false;
      riscv::enterGuestFp(Cpu);
    }
    ++RegionEntries;
    ExitReason Reason = Code(&Cpu);
    if (Reason == ExitReason::Continue) continue;
    riscv::leaveGuestFp(Cpu);
    if (!handleExit(Reason)) return !InternalError;
    riscv::enterGuestFp(Cpu);
  }
}

void Dispatcher::printStats(FILE *Out) const {
  TranslatorStats S = Xlat ? Xlat->stats() : TranslatorStats();
  double Translate = S.LiftSeconds + S.OptimizeSeconds + S.CodegenSeconds;
  std::fprintf(Out, "dbt-run stats:\n");
  std::fprintf(Out, "  translator load      %.3f ms\n", TranslatorLoadSeconds * 1e3);
  std::fprintf(Out, "  translated regions   %llu in %llu batches (%llu guest instructions)\n",
               (unsigned long long)S.Translations, (unsigned long long)S.Batches,
               (unsigned long long)S.GuestInstructions);
  std::fprintf(Out, "  regions with loops   %llu (full code generator)\n",
               (unsigned long long)S.LoopRegions);
  std::fprintf(Out, "  translation time     %.3f ms (lift %.3f, optimise %.3f, codegen %.3f)\n",
               Translate * 1e3, S.LiftSeconds * 1e3, S.OptimizeSeconds * 1e3,
               S.CodegenSeconds * 1e3);
  if (S.Translations)
    std::fprintf(Out, "  per region           %.1f us, per guest instruction %.2f us\n",
                 Translate * 1e6 / double(S.Translations),
                 Translate * 1e6 / double(std::max<uint64_t>(1, S.GuestInstructions)));
  std::fprintf(Out, "  region entries       %llu\n", (unsigned long long)RegionEntries);
  std::fprintf(Out, "  syscalls             %llu\n", (unsigned long long)Syscalls);
  std::fprintf(Out, "  code flushes         %llu\n", (unsigned long long)Flushes);
}

} // namespace dbt
