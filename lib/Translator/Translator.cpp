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
#include "dbt/IR/GuestMemoryOps.h"
#include "dbt/IR/Pipeline.h"

#include "llvm/Analysis/CFG.h"
#include "llvm/ExecutionEngine/Orc/ThreadSafeModule.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>

using namespace llvm;

namespace dbt {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point Start) {
  return std::chrono::duration<double>(Clock::now() - Start).count();
}

class LLVMTranslator final : public Translator {
public:
  LLVMTranslator(const TranslatorConfig &Config, std::unique_ptr<NativeBackend> Backend)
      : Config(Config), Backend(std::move(Backend)),
        Context(std::make_unique<LLVMContext>()),
        Optimizer(&this->Backend->targetMachine()) {}

  Translation translate(uint64_t GuestPc) override;
  void discard(uint64_t Handle) override { Backend->discard(Handle); }
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
};

std::string printFunction(const Function &F) {
  std::string S;
  raw_string_ostream OS(S);
  F.print(OS);
  return S;
}

Translation LLVMTranslator::translate(uint64_t GuestPc) {
  Translation Result;
  TargetMachine &TM = Backend->targetMachine();
  auto M = std::make_unique<Module>("region", *Context.getContext());
  M->setDataLayout(TM.createDataLayout());
  M->setTargetTriple(TM.getTargetTriple().str());

  auto Start = Clock::now();
  riscv::RegionLifter Lifter(*M, Config);
  Expected<riscv::LiftedRegion> Region = Lifter.liftRegion(GuestPc);
  if (!Region) {
    Result.Error = toString(Region.takeError());
    return Result;
  }
  Stats.LiftSeconds += secondsSince(Start);
  // A PC may be translated again after its code was invalidated; the
  // sequence number keeps every definition in the JITDylib unique.
  Region->Fn->setName(Region->Fn->getName() + "_" + Twine(Stats.Translations));

  if (Config.Dump & DumpInAsm) {
    std::string Text;
    for (const auto &[Pc, Insn] : Region->Decoded) {
      char Addr[32];
      std::snprintf(Addr, sizeof Addr, "0x%016llx:  ", (unsigned long long)Pc);
      Text += Addr + riscv::disassemble(Insn, Pc) + "\n";
    }
    dump("IN:", GuestPc, Text);
  }
  if (Config.Dump & DumpIR) dump("IR:", GuestPc, printFunction(*Region->Fn));

#ifndef NDEBUG
  if (verifyFunction(*Region->Fn, &errs())) {
    Result.Error = "lifted IR failed verification";
    return Result;
  }
#endif

  Start = Clock::now();
  ir::lowerGuestMemory(*Region->Fn, Config.Memory);
  Optimizer.run(*Region->Fn);
  Stats.OptimizeSeconds += secondsSince(Start);
  if (Config.Dump & DumpIROpt) dump("IR-OPT:", GuestPc, printFunction(*Region->Fn));
  if (Config.Dump & DumpOutAsm) dump("OUT:", GuestPc, Backend->assemblyFor(*M));

  // Loops are where time goes: they get the full code generator. Code that
  // runs straight through is mostly start-up and gets the fast one.
  SmallVector<std::pair<const BasicBlock *, const BasicBlock *>, 8> BackEdges;
  FindFunctionBackedges(*Region->Fn, BackEdges);
  M->addModuleFlag(Module::Warning, "dbt.codegen",
                   BackEdges.empty() ? NativeBackend::FastCodegen : NativeBackend::FullCodegen);

  Stats.LoopRegions += !BackEdges.empty();
  Start = Clock::now();
  std::string Entry = Region->Fn->getName().str();
  auto Compiled = Backend->compile(orc::ThreadSafeModule(std::move(M), Context), Entry);
  if (!Compiled) {
    Result.Error = toString(Compiled.takeError());
    return Result;
  }
  Stats.CodegenSeconds += secondsSince(Start);

  ++Stats.Translations;
  Stats.GuestInstructions += Region->GuestInstructions;
  Result.Entry = reinterpret_cast<GuestCodeEntry>(Compiled->Entry);
  Result.Handle = Compiled->Handle;
  Result.GuestRanges = std::move(Region->GuestRanges);
  Result.GuestInstructions = Region->GuestInstructions;
  return Result;
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
