//===- NativeBackend.cpp - Host code through ORC LLJIT --------------------===//

#include "dbt/Backend/NativeBackend.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ExecutionEngine/Orc/CompileUtils.h"
#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/IR/Constants.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/Cloning.h"

using namespace llvm;
using namespace llvm::orc;

namespace dbt {

namespace {

/// Compiles each module at the level its "dbt.codegen" flag asks for: fast
/// instruction selection for straight-line code that runs a few times, the
/// full code generator for regions with loops.
class TwoLevelCompiler : public IRCompileLayer::IRCompiler {
public:
  TwoLevelCompiler(std::unique_ptr<TargetMachine> Fast, std::unique_ptr<TargetMachine> Full)
      : IRCompiler(irManglingOptionsFromTargetOptions(Full->Options)), Fast(std::move(Fast)),
        Full(std::move(Full)) {}

  Expected<std::unique_ptr<MemoryBuffer>> operator()(Module &M) override {
    auto *Flag = mdconst::extract_or_null<ConstantInt>(M.getModuleFlag("dbt.codegen"));
    bool Optimize = Flag && Flag->getZExtValue() == NativeBackend::FullCodegen;
    SimpleCompiler C(Optimize ? *Full : *Fast);
    return C(M);
  }

private:
  std::unique_ptr<TargetMachine> Fast, Full;
};

} // namespace

struct NativeBackend::Impl {
  std::unique_ptr<LLJIT> Jit;
  std::unique_ptr<TargetMachine> TM;
  DenseMap<uint64_t, ResourceTrackerSP> Trackers;
  uint64_t NextHandle = 1;
};

NativeBackend::NativeBackend() : P(std::make_unique<Impl>()) {}
NativeBackend::~NativeBackend() = default;

Expected<std::unique_ptr<NativeBackend>>
NativeBackend::create(const std::vector<HelperSymbol> &Helpers) {
  InitializeNativeTarget();
  InitializeNativeTargetAsmPrinter();

  auto JTMB = JITTargetMachineBuilder::detectHost();
  if (!JTMB) return JTMB.takeError();
  // Default rather than Aggressive: translation time is part of run time.
  JTMB->setCodeGenOptLevel(CodeGenOptLevel::Default);

  std::unique_ptr<NativeBackend> B(new NativeBackend());
  auto TM = JTMB->createTargetMachine();
  if (!TM) return TM.takeError();
  B->P->TM = std::move(*TM);

  auto Jit =
      LLJITBuilder()
          .setJITTargetMachineBuilder(*JTMB)
          .setCompileFunctionCreator(
              [](JITTargetMachineBuilder Builder)
                  -> Expected<std::unique_ptr<IRCompileLayer::IRCompiler>> {
                JITTargetMachineBuilder FastBuilder = Builder;
                FastBuilder.setCodeGenOptLevel(CodeGenOptLevel::None);
                auto Fast = FastBuilder.createTargetMachine();
                if (!Fast) return Fast.takeError();
                auto Full = Builder.createTargetMachine();
                if (!Full) return Full.takeError();
                return std::make_unique<TwoLevelCompiler>(std::move(*Fast), std::move(*Full));
              })
          .create();
  if (!Jit) return Jit.takeError();
  B->P->Jit = std::move(*Jit);

  JITDylib &JD = B->P->Jit->getMainJITDylib();
  SymbolMap Symbols;
  for (const HelperSymbol &H : Helpers)
    Symbols[B->P->Jit->mangleAndIntern(H.Name)] = {ExecutorAddr::fromPtr(H.Address),
                                                   JITSymbolFlags::Exported |
                                                       JITSymbolFlags::Callable};
  if (Error E = JD.define(absoluteSymbols(std::move(Symbols)))) return E;
  // Libcalls LLVM may emit (memcpy, fma without FMA3, ...) bind to the
  // process's libc and libm.
  auto Gen = DynamicLibrarySearchGenerator::GetForCurrentProcess(
      B->P->Jit->getDataLayout().getGlobalPrefix());
  if (!Gen) return Gen.takeError();
  JD.addGenerator(std::move(*Gen));
  return B;
}

TargetMachine &NativeBackend::targetMachine() { return *P->TM; }

Expected<NativeBackend::Compiled> NativeBackend::compile(ThreadSafeModule M,
                                                         const std::vector<std::string> &Entries) {
  JITDylib &JD = P->Jit->getMainJITDylib();
  ResourceTrackerSP RT = JD.createResourceTracker();
  if (Error E = P->Jit->addIRModule(RT, std::move(M))) return E;
  Compiled Result;
  // The first lookup compiles the whole module; the rest find its symbols.
  for (const std::string &Name : Entries) {
    auto Addr = P->Jit->lookup(JD, Name);
    if (!Addr) {
      consumeError(RT->remove());
      return Addr.takeError();
    }
    Result.Entries.push_back(Addr->toPtr<void *>());
  }
  Result.Handle = P->NextHandle++;
  P->Trackers[Result.Handle] = RT;
  return Result;
}

void NativeBackend::discard(uint64_t Handle) {
  auto It = P->Trackers.find(Handle);
  if (It == P->Trackers.end()) return;
  consumeError(It->second->remove());
  P->Trackers.erase(It);
}

std::string NativeBackend::assemblyFor(const Module &M) {
  std::unique_ptr<Module> Copy = CloneModule(M);
  SmallString<4096> Text;
  raw_svector_ostream OS(Text);
  legacy::PassManager PM;
  if (P->TM->addPassesToEmitFile(PM, OS, nullptr, CodeGenFileType::AssemblyFile))
    return "; host assembly unavailable for this target\n";
  PM.run(*Copy);
  return Text.str().str();
}

} // namespace dbt
