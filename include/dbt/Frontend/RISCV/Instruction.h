//===- Instruction.h - A decoded RV64GC instruction -------------*- C++ -*-===//
//
// Owns the vocabulary shared by the RISC-V decoder, disassembler and lifter:
// the Opcode enum generated from Opcodes.def, the field formats, and the
// decoded Instruction. Compressed instructions decode to the 32-bit opcode
// they expand to (Length == 2), so the lifter only knows the base ISA; the
// compressed opcode is kept for the disassembler.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_FRONTEND_RISCV_INSTRUCTION_H
#define DBT_FRONTEND_RISCV_INSTRUCTION_H

#include <cstdint>

namespace dbt::riscv {

enum class Opcode : uint16_t {
  Invalid = 0,
#define RV_INSN(Enum, ...) Enum,
#include "dbt/Frontend/RISCV/Opcodes.def"
  NumOpcodes
};

enum class CompressedOpcode : uint16_t {
  None = 0,
#define RV_CINSN(Enum, ...) Enum,
#include "dbt/Frontend/RISCV/Opcodes.def"
  NumCompressedOpcodes
};

/// How a 32-bit encoding's fields and immediate are laid out.
enum class Format : uint8_t {
  R,            // rd, rs1, rs2 (funct3 may be the rounding mode)
  R4,           // rd, rs1, rs2, rs3, rm; Funct7 column is fmt (bits 26:25)
  I,            // rd, rs1, imm[11:0]
  S,            // rs1, rs2, imm[11:0]
  B,            // rs1, rs2, imm[12:1]
  U,            // rd, imm[31:12] (Imm holds the value already shifted)
  J,            // rd, imm[20:1]
  Shift64,      // rd, rs1, shamt[5:0]; Funct7 column is funct6 << 1
  Shift32,      // rd, rs1, shamt[4:0]
  Csr,          // rd, rs1, csr
  CsrImm,       // rd, uimm[4:0] (in Imm), csr
  Fence,        // pred/succ/fm in Imm (bits 31:20)
  System,       // whole word fixed
  Atomic,       // rd, rs1, rs2, aq, rl; Funct7 column is funct5 << 2
  LoadReserved, // rd, rs1, aq, rl; rs2 must be zero
};

/// Rounding-mode field values (funct3 of FP instructions, and frm).
enum RoundingMode : uint8_t {
  RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4, DYN = 7,
};

struct Instruction {
  Opcode Op = Opcode::Invalid;
  CompressedOpcode COp = CompressedOpcode::None;
  uint8_t Length = 4;   // bytes: 2 or 4
  uint8_t Rd = 0, Rs1 = 0, Rs2 = 0, Rs3 = 0;
  uint8_t Rm = 0;       // funct3 of FP instructions: the static rounding mode
  bool Aq = false, Rl = false;
  uint16_t Csr = 0;
  int64_t Imm = 0;      // sign-extended where the format's immediate is signed
  uint32_t Raw = 0;     // the encoding as fetched (16 or 32 bits)

  bool isValid() const { return Op != Opcode::Invalid; }
};

/// Static facts about an opcode, generated from Opcodes.def.
struct OpcodeInfo {
  const char *Mnemonic;
  Format Fmt;
  const char *Operands;
};
const OpcodeInfo &getOpcodeInfo(Opcode Op);
const char *getCompressedMnemonic(CompressedOpcode COp);

} // namespace dbt::riscv

#endif
