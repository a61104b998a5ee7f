//===- Translator.cpp - libdbt-translator.so ------------------------------===//
//
// Owns the path of one region through the LLVM half: lift (frontend), lower
// guest memory for the address space's fast path, optimise, and compile
// (backend). One LLVMContext serves every region of the run, so types and
// constants are created once.
//
//===----------------------------------------------------------------------===//

#include "dbt/Translator/Translator.h"

#include "Frontend/RISCV/Lifter.h"
#include "dbt/Backend/NativeBackend.h"
#include "dbt/Frontend/RISCV/Disassembler.h"
#include "dbt/Frontend/RISCV/CpuState.h"
#include "dbt/IR/ChainExits.h"
#include "dbt/IR/GuestMemoryOps.h"
#include "dbt/IR/Pipeline.h"

#include "llvm/Analysis/CFG.h"
#include "llvm/ExecutionEngine/Orc/ThreadSafeModule.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Linker/Linker.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>

using namespace llvm;

namespace dbt {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point Start) {
  return std::chrono::duration<double>(Clock::now() - Start).count();
}

std::string printFunction(const Function &F) {
  std::string S;
  raw_string_ostream OS(S);
  F.print(OS);
  return S;
}

class LLVMTranslator final : public Translator {
public:
  LLVMTranslator(const TranslatorConfig &Config, std::unique_ptr<NativeBackend> Backend)
      : Config(Config), Backend(std::move(Backend)),
        Context(std::make_unique<LLVMContext>()),
        Optimizer(&this->Backend->targetMachine()) {}

  TranslationBatch translate(uint64_t GuestPc) override;
  void discard(uint64_t Handle) override;
  TranslatorStats stats() const override { return Stats; }

private:
  void dump(const char *Title, uint64_t Pc, const std::string &Text) {
    std::fprintf(Config.Log, "---- %s 0x%llx\n%s\n", Title, (unsigned long long)Pc,
                 Text.c_str());
  }

  TranslatorConfig Config;
  std::unique_ptr<NativeBackend> Backend;
  orc::ThreadSafeContext Context;
  ir::RegionOptimizer Optimizer;
  TranslatorStats Stats;
  uint64_t NextSequence = 0;
  DenseSet<uint64_t> Live; ///< PCs with code the runtime may still hold
  DenseMap<uint64_t, std::vector<uint64_t>> PcsOfHandle;

  std::unique_ptr<Module> liftOne(uint64_t Pc, riscv::LiftedRegion &Region,
                                  std::string &Error);
};

/// Lifts and optimises one region into its own module; nullptr when the
/// region cannot be lifted (Error says why).
std::unique_ptr<Module> LLVMTranslator::liftOne(uint64_t Pc, riscv::LiftedRegion &Region,
                                                std::string &Error) {
  TargetMachine &TM = Backend->targetMachine();
  auto M = std::make_unique<Module>("region", *Context.getContext());
  M->setDataLayout(TM.createDataLayout());
  M->setTargetTriple(TM.getTargetTriple().str());

  auto Start = Clock::now();
  riscv::RegionLifter Lifter(*M, Config);
  Expected<riscv::LiftedRegion> Lifted = Lifter.liftRegion(Pc);
  if (!Lifted) {
    Error = toString(Lifted.takeError());
    return nullptr;
  }
  Region = std::move(*Lifted);
  Stats.LiftSeconds += secondsSince(Start);
  // A PC may be translated again after its code was invalidated, and regions
  // of one batch share a module: the sequence number keeps names unique.
  Region.Fn->setName("guest_" + utohexstr(Pc) + "_" + Twine(NextSequence++));

  if (Config.Dump & DumpInAsm) {
    std::string Text;
    for (const auto &[InsnPc, Insn] : Region.Decoded) {
      char Addr[32];
      std::snprintf(Addr, sizeof Addr, "0x%016llx:  ", (unsigned long long)InsnPc);
      Text += Addr + riscv::disassemble(Insn, InsnPc) + "\n";
    }
    dump("IN:", Pc, Text);
  }
  if (Config.Dump & DumpIR) dump("IR:", Pc, printFunction(*Region.Fn));

#ifndef NDEBUG
  if (verifyFunction(*Region.Fn, &errs())) {
    Error = "lifted IR failed verification";
    return nullptr;
  }
#endif

  Start = Clock::now();
  ir::chainExits(*Region.Fn, Config.Dispatch, offsetof(riscv::CpuState, Pc));
  ir::lowerGuestMemory(*Region.Fn, Config.Memory);
  Optimizer.run(*Region.Fn);
  Stats.OptimizeSeconds += secondsSince(Start);
  if (Config.Dump & DumpIROpt) dump("IR-OPT:", Pc, printFunction(*Region.Fn));
  return M;
}

TranslationBatch LLVMTranslator::translate(uint64_t GuestPc) {
  TranslationBatch Result;
  // Loops are where time goes: they get the full code generator. Code that
  // runs straight through is mostly start-up and gets the fast one. One
  // module per kind, each compiled once.
  struct Pending {
    std::unique_ptr<Module> M;
    std::vector<Translation> Units;
    std::vector<std::string> Entries;
  };
  Pending Groups[2]; // [NativeBackend::CodegenLevel]

  std::vector<uint64_t> Work{GuestPc};
  DenseSet<uint64_t> Seen{GuestPc};
  unsigned Regions = 0, Instructions = 0;
  for (size_t I = 0; I < Work.size(); ++I) {
    uint64_t Pc = Work[I];
    bool Requested = I == 0;
    if (!Requested && (Regions >= Config.MaxBatchRegions ||
                       Instructions >= Config.MaxBatchInstructions))
      break;
    riscv::LiftedRegion Region;
    std::string Error;
    std::unique_ptr<Module> M = liftOne(Pc, Region, Error);
    if (!M) {
      if (Requested) {
        Result.Error = Error;
        return Result;
      }
      continue; // a guess that did not pan out costs nothing more
    }
    // A speculative region that starts in unreadable memory would cache a
    // fault for code that may be mapped later.
    if (!Requested && Region.GuestInstructions == 0) continue;
    ++Regions;
    Instructions += Region.GuestInstructions;
    for (uint64_t Next : Region.Successors)
      if (!Live.contains(Next) && Seen.insert(Next).second) Work.push_back(Next);

    SmallVector<std::pair<const BasicBlock *, const BasicBlock *>, 8> BackEdges;
    FindFunctionBackedges(*Region.Fn, BackEdges);
    unsigned Level = BackEdges.empty() ? NativeBackend::FastCodegen : NativeBackend::FullCodegen;
    Stats.LoopRegions += Level == NativeBackend::FullCodegen;
    Pending &G = Groups[Level];
    G.Entries.push_back(Region.Fn->getName().str());
    Translation T;
    T.GuestPc = Pc;
    T.GuestRanges = std::move(Region.GuestRanges);
    T.GuestInstructions = Region.GuestInstructions;
    G.Units.push_back(std::move(T));
    if (!G.M) {
      G.M = std::move(M);
      G.M->addModuleFlag(Module::Warning, "dbt.codegen", Level);
    } else if (Linker::linkModules(*G.M, std::move(M))) {
      Result.Error = "cannot link regions into one module";
      return Result;
    }
  }

  for (Pending &G : Groups) {
    if (!G.M) continue;
    if (Config.Dump & DumpOutAsm) dump("OUT:", G.Units.front().GuestPc, Backend->assemblyFor(*G.M));
    auto Start = Clock::now();
    auto Compiled =
        Backend->compile(orc::ThreadSafeModule(std::move(G.M), Context), G.Entries);
    if (!Compiled) {
      Result.Error = toString(Compiled.takeError());
      Result.Units.clear();
      return Result;
    }
    Stats.CodegenSeconds += secondsSince(Start);
    ++Stats.Batches;
    for (size_t U = 0; U < G.Units.size(); ++U) {
      Translation &T = G.Units[U];
      T.Entry = reinterpret_cast<GuestCodeEntry>(Compiled->Entries[U]);
      T.Handle = Compiled->Handle;
      Live.insert(T.GuestPc);
      PcsOfHandle[T.Handle].push_back(T.GuestPc);
      ++Stats.Translations;
      Stats.GuestInstructions += T.GuestInstructions;
      Result.Units.push_back(std::move(T));
    }
  }
  // The requested PC comes first.
  auto Requested = llvm::find_if(Result.Units, [&](auto &T) { return T.GuestPc == GuestPc; });
  std::iter_swap(Result.Units.begin(), Requested);
  return Result;
}

void LLVMTranslator::discard(uint64_t Handle) {
  auto It = PcsOfHandle.find(Handle);
  if (It != PcsOfHandle.end()) {
    for (uint64_t Pc : It->second) Live.erase(Pc);
    PcsOfHandle.erase(It);
  }
  Backend->discard(Handle);
}

} // namespace
} // namespace dbt

extern "C" __attribute__((visibility("default"))) dbt::Translator *
dbtCreateTranslator(const dbt::TranslatorConfig *Config, std::string *Error) {
  if (Config->AbiVersion != dbt::TranslatorAbiVersion) {
    *Error = "translator library does not match this dbt-run (ABI version " +
             std::to_string(Config->AbiVersion) + " requested, " +
             std::to_string(dbt::TranslatorAbiVersion) + " provided)";
    return nullptr;
  }
  if (Config->Isa != dbt::GuestIsa::RISCV64 || !Config->FetchCode) {
    *Error = "unsupported translator configuration";
    return nullptr;
  }
  auto Backend = dbt::NativeBackend::create(Config->Helpers);
  if (!Backend) {
    *Error = llvm::toString(Backend.takeError());
    return nullptr;
  }
  return new dbt::LLVMTranslator(*Config, std::move(*Backend));
}
