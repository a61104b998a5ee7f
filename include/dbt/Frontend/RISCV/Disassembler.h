//===- Disassembler.h - RV64GC text for -d in_asm ---------------*- C++ -*-===//
//
// Prints decoded instructions in objdump-like syntax, driven by the operand
// templates of Opcodes.def.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_FRONTEND_RISCV_DISASSEMBLER_H
#define DBT_FRONTEND_RISCV_DISASSEMBLER_H

#include "dbt/Frontend/RISCV/Instruction.h"

#include <cstdint>
#include <string>

namespace dbt::riscv {

/// ABI name of integer register \p R ("zero", "ra", "sp", ... "t6").
const char *intRegName(unsigned R);
/// ABI name of FP register \p R ("ft0" ... "ft11").
const char *fpRegName(unsigned R);
/// Name of a CSR ("fflags", "cycle", ...) or nullptr when unknown.
const char *csrName(unsigned Csr);

/// "addi a0,a0,1"-style text; \p Pc resolves PC-relative targets. Compressed
/// instructions print with their c.* mnemonic. Invalid ones print as
/// ".insn 0x..." with the raw bits.
std::string disassemble(const Instruction &I, uint64_t Pc);

} // namespace dbt::riscv

#endif
