//===- Pipeline.h - Optimisation of lifted regions --------------*- C++ -*-===//
//
// The pass pipeline every lifted region goes through after memory lowering.
// Chosen for translation speed first: a static glibc program translates
// hundreds of regions before main, so this is a short function pipeline
// (promotion, CSE, combining, loop-invariant motion), not -O2.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_IR_PIPELINE_H
#define DBT_IR_PIPELINE_H

#include "llvm/IR/Function.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>

namespace dbt::ir {

class RegionOptimizer {
public:
  /// \p TM, when given, lets passes query the host's costs.
  explicit RegionOptimizer(llvm::TargetMachine *TM);
  ~RegionOptimizer();
  void run(llvm::Function &F);

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

} // namespace dbt::ir

#endif
