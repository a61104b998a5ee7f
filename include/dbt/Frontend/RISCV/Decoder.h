//===- Decoder.h - RV64GC instruction decoder -------------------*- C++ -*-===//
//
// Turns instruction bytes into Instructions using the tables generated from
// Opcodes.def. Needs no LLVM: the runtime and the translator both link it.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_FRONTEND_RISCV_DECODER_H
#define DBT_FRONTEND_RISCV_DECODER_H

#include "dbt/Frontend/RISCV/Instruction.h"

#include <cstddef>
#include <cstdint>

namespace dbt::riscv {

/// Length in bytes of the instruction whose first halfword is \p Low16
/// (2 or 4; longer encodings are reported as 0 and are illegal here).
unsigned instructionLength(uint16_t Low16);

/// Decodes a 32-bit encoding. Unknown or reserved encodings give an
/// Instruction whose Op is Opcode::Invalid (Raw and Length still set).
Instruction decode32(uint32_t Word);

/// Decodes a 16-bit compressed encoding into its 32-bit expansion.
Instruction decode16(uint16_t Half);

/// Decodes the instruction at the start of \p Bytes (\p Size bytes are
/// readable). Returns an invalid Instruction with Length 0 when Size is too
/// short for the encoding.
Instruction decode(const uint8_t *Bytes, size_t Size);

} // namespace dbt::riscv

#endif
