//===- NativeBackend.h - Host code through ORC LLJIT ------------*- C++ -*-===//
//
// Owns native code generation: compiles optimised, memory-lowered regions
// for the host with LLVM ORC LLJIT and frees them again on request. Runtime
// helpers are bound as absolute symbols; nothing else of the host process is
// visible to translated code except libc/libm for libcalls LLVM emits.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_BACKEND_NATIVEBACKEND_H
#define DBT_BACKEND_NATIVEBACKEND_H

#include "dbt/Translator/Translator.h"

#include "llvm/ExecutionEngine/Orc/ThreadSafeModule.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>
#include <string>

namespace dbt {

class NativeBackend {
public:
  static llvm::Expected<std::unique_ptr<NativeBackend>>
  create(const std::vector<HelperSymbol> &Helpers);
  ~NativeBackend();

  /// Target machine describing the host, for the optimiser and for modules'
  /// data layout and triple.
  llvm::TargetMachine &targetMachine();

  /// Which code generator a module gets, as the integer module flag
  /// "dbt.codegen" (absent means FastCodegen).
  enum CodegenLevel : unsigned { FastCodegen = 0, FullCodegen = 1 };

  struct Compiled {
    std::vector<void *> Entries; ///< in the order of the names asked for
    uint64_t Handle = 0;
  };
  /// Compiles every function of \p M and returns the addresses of \p Entries.
  llvm::Expected<Compiled> compile(llvm::orc::ThreadSafeModule M,
                                   const std::vector<std::string> &Entries);
  /// Frees the code of an earlier compile.
  void discard(uint64_t Handle);

  /// Host assembly for \p M (a copy is compiled; M is unchanged). For -d out_asm.
  std::string assemblyFor(const llvm::Module &M);

private:
  NativeBackend();
  struct Impl;
  std::unique_ptr<Impl> P;
};

} // namespace dbt

#endif
