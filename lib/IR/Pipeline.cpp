//===- Pipeline.cpp - Optimisation of lifted regions ----------------------===//

#include "dbt/IR/Pipeline.h"

#include "llvm/Analysis/AliasAnalysis.h"
#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/Analysis/LoopAnalysisManager.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Transforms/InstCombine/InstCombine.h"
#include "llvm/Transforms/Scalar/DeadStoreElimination.h"
#include "llvm/Transforms/Scalar/EarlyCSE.h"
#include "llvm/Transforms/Scalar/GVN.h"
#include "llvm/Transforms/Scalar/LICM.h"
#include "llvm/Transforms/Scalar/LoopPassManager.h"
#include "llvm/Transforms/Scalar/SROA.h"
#include "llvm/Transforms/Scalar/SimplifyCFG.h"

using namespace llvm;

namespace dbt::ir {

struct RegionOptimizer::Impl {
  LoopAnalysisManager LAM;
  FunctionAnalysisManager FAM;
  CGSCCAnalysisManager CGAM;
  ModuleAnalysisManager MAM;
  FunctionPassManager FPM;

  explicit Impl(TargetMachine *TM) {
    PassBuilder PB(TM);
    PB.registerModuleAnalyses(MAM);
    PB.registerCGSCCAnalyses(CGAM);
    PB.registerFunctionAnalyses(FAM);
    PB.registerLoopAnalyses(LAM);
    PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);

    // Registers live in allocas until SROA; after it the region is plain
    // SSA over guest memory accesses.
    FPM.addPass(SROAPass(SROAOptions::ModifyCFG));
    FPM.addPass(EarlyCSEPass(/*UseMemorySSA=*/false));
    FPM.addPass(InstCombinePass());
    FPM.addPass(SimplifyCFGPass());
    // Loops inside a region keep guest state in registers; hoist what the
    // guest recomputes each iteration.
    FPM.addPass(createFunctionToLoopPassAdaptor(LICMPass(LICMOptions()),
                                                /*UseMemorySSA=*/true));
    FPM.addPass(GVNPass());
    FPM.addPass(DSEPass());
    FPM.addPass(InstCombinePass());
    FPM.addPass(SimplifyCFGPass(SimplifyCFGOptions().hoistCommonInsts(true)));
  }
};

RegionOptimizer::RegionOptimizer(TargetMachine *TM) : P(std::make_unique<Impl>(TM)) {}
RegionOptimizer::~RegionOptimizer() = default;

void RegionOptimizer::run(Function &F) {
  P->FPM.run(F, P->FAM);
  // Analyses cached for this function must not outlive it.
  P->FAM.clear(F, F.getName());
}

} // namespace dbt::ir
