//===- ChainExits.h - Region-to-region jumps without the dispatcher -*- C++ -*-===//
//
// Rewrites a lifted region's "continue at PC" returns into an inline probe of
// the dispatcher's direct-mapped table and, on a hit, a musttail call into
// the next region, so hot paths through several regions (calls, returns,
// indirect jumps) never go back through the dispatcher loop.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_IR_CHAINEXITS_H
#define DBT_IR_CHAINEXITS_H

#include "dbt/Translator/Translator.h"

#include "llvm/IR/Function.h"

namespace dbt::ir {

/// \p F is a lifted region: i32 (ptr %cpu), whose Continue exits store the
/// next PC at byte \p PcOffset of the CPU state and return ExitReason::Continue
/// in the same basic block. Runs before optimisation, while every exit still
/// has its own block.
void chainExits(llvm::Function &F, const DispatchTable &Table, unsigned PcOffset);

} // namespace dbt::ir

#endif
