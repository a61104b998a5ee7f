//===- Decoder.cpp - RV64GC instruction decoder ---------------------------===//
//
// Owns decoding: the match/mask tables generated at compile time from
// Opcodes.def, per-format field extraction, the compressed-instruction
// expansion scrambles, the reserved-encoding checks, and the opcode info
// lookups declared in Instruction.h.
//
//===----------------------------------------------------------------------===//

#include "dbt/Frontend/RISCV/Decoder.h"

#include <array>
#include <cstring>

using namespace dbt::riscv;

namespace {

// The immediate/field scrambles of the compressed encodings. Names follow the
// CFormat column of Opcodes.def.
enum class CFormat : uint8_t {
  CIW_Addi4spn,
  CL_Word,
  CL_Double,
  CS_Word,
  CS_Double,
  CI_Addi,
  CI_Li,
  CI_Addi16sp,
  CI_Lui,
  CI_Slli,
  CI_LdspWord,
  CI_LdspDouble,
  CB_Shift,
  CB_Andi,
  CB_Branch,
  CA,
  CJ,
  CR_Jr,
  CR_Mv,
  CR_Ebreak,
  CR_Jalr,
  CR_Add,
  CSS_Word,
  CSS_Double,
};

struct MatchEntry {
  uint32_t Match;
  uint32_t Mask;
  Opcode Op;
  Format Fmt;
  // The funct3 field is a rounding mode, so rm values 5 and 6 are reserved.
  bool HasRm;
};

constexpr MatchEntry makeEntry(Opcode Op, Format Fmt, int Opcode7, int Funct3,
                               int Funct7, int Rs2) {
  uint32_t Match = uint32_t(Opcode7);
  uint32_t Mask = 0x7f;
  if (Fmt == Format::System) {
    // Everything but the opcode, funct3 (0), funct7 and rs2 is zero.
    Match |= uint32_t(Funct3 < 0 ? 0 : Funct3) << 12;
    Match |= uint32_t(Funct7 < 0 ? 0 : Funct7) << 25;
    Match |= uint32_t(Rs2 < 0 ? 0 : Rs2) << 20;
    return {Match, 0xffffffffu, Op, Fmt, false};
  }
  if (Funct3 >= 0) {
    Match |= uint32_t(Funct3) << 12;
    Mask |= 0x7000;
  }
  if (Funct7 >= 0) {
    uint32_t F7Mask = 0xfe000000u;
    switch (Fmt) {
    case Format::Atomic:
    case Format::LoadReserved:
      F7Mask = 0xf8000000u; // funct5; aq/rl are free
      break;
    case Format::Shift64:
      F7Mask = 0xfc000000u; // funct6; bit 25 is shamt[5]
      break;
    case Format::R4:
      F7Mask = 0x06000000u; // fmt; bits 31:27 are rs3
      break;
    default:
      break;
    }
    Match |= uint32_t(Funct7) << 25;
    Mask |= F7Mask;
  }
  if (Rs2 >= 0) {
    Match |= uint32_t(Rs2) << 20;
    Mask |= 0x1f00000u;
  }
  bool HasRm = Funct3 < 0 && (Fmt == Format::R || Fmt == Format::R4);
  return {Match, Mask, Op, Fmt, HasRm};
}

constexpr MatchEntry Entries[] = {
#define RV_INSN(Enum, Mnemonic, Fmt, Opcode7, Funct3, Funct7, Rs2, Operands)   \
  makeEntry(Opcode::Enum, Format::Fmt, Opcode7, Funct3, Funct7, Rs2),
#include "dbt/Frontend/RISCV/Opcodes.def"
};
constexpr size_t NumEntries = sizeof(Entries) / sizeof(Entries[0]);

struct CMatchEntry {
  uint16_t Match;
  uint16_t Mask;
  CompressedOpcode COp;
  CFormat CFmt;
  Opcode Op;
};

constexpr CMatchEntry CEntries[] = {
#define RV_CINSN(Enum, Mnemonic, Match, Mask, CFmt, ExpandsTo)                 \
  {Match, Mask, CompressedOpcode::Enum, CFormat::CFmt, Opcode::ExpandsTo},
#include "dbt/Frontend/RISCV/Opcodes.def"
};
constexpr size_t NumCEntries = sizeof(CEntries) / sizeof(CEntries[0]);

// Candidate lists bucketed by the bits every encoding fixes early: for 32-bit
// words opcode[6:2] and funct3, for 16-bit ones the quadrant and funct3. An
// entry whose funct3 is free is listed under every funct3 value; table order
// is kept within a bucket because compressed matching is first-match.
template <size_t NumKeys, size_t MaxIdx> struct Buckets {
  std::array<uint16_t, NumKeys + 1> Start{};
  std::array<uint16_t, MaxIdx> Idx{};
};

constexpr uint32_t keyWord32(unsigned Key) {
  return ((Key >> 3) << 2) | 3u | ((Key & 7u) << 12);
}
constexpr uint32_t KeyMask32 = 0x707f;

constexpr auto buildBuckets32() {
  Buckets<256, NumEntries * 8> B;
  size_t N = 0;
  for (unsigned Key = 0; Key < 256; ++Key) {
    B.Start[Key] = uint16_t(N);
    uint32_t W = keyWord32(Key);
    for (size_t E = 0; E < NumEntries; ++E)
      if (((W ^ Entries[E].Match) & Entries[E].Mask & KeyMask32) == 0)
        B.Idx[N++] = uint16_t(E);
  }
  B.Start[256] = uint16_t(N);
  return B;
}

constexpr uint16_t keyHalf16(unsigned Key) {
  return uint16_t((Key >> 3) | ((Key & 7u) << 13));
}
constexpr uint16_t KeyMask16 = 0xe003;

constexpr auto buildBuckets16() {
  Buckets<32, NumCEntries * 8> B;
  size_t N = 0;
  for (unsigned Key = 0; Key < 32; ++Key) {
    B.Start[Key] = uint16_t(N);
    uint16_t H = keyHalf16(Key);
    for (size_t E = 0; E < NumCEntries; ++E)
      if (((H ^ CEntries[E].Match) & CEntries[E].Mask & KeyMask16) == 0)
        B.Idx[N++] = uint16_t(E);
  }
  B.Start[32] = uint16_t(N);
  return B;
}

constexpr auto Buckets32 = buildBuckets32();
constexpr auto Buckets16 = buildBuckets16();

constexpr unsigned bucketKey32(uint32_t W) {
  return (((W >> 2) & 0x1f) << 3) | ((W >> 12) & 7);
}
constexpr unsigned bucketKey16(uint16_t H) {
  return ((H & 3u) << 3) | ((H >> 13) & 7u);
}

// Every key must map back to itself, or a bucket would miss its encodings.
static_assert(bucketKey32(keyWord32(0xab)) == 0xab);
static_assert(bucketKey16(keyHalf16(0x15)) == 0x15);

constexpr uint32_t bits(uint32_t W, unsigned Hi, unsigned Lo) {
  return (W >> Lo) & ((1u << (Hi - Lo + 1)) - 1);
}

constexpr int64_t signExtend(uint64_t V, unsigned Width) {
  uint64_t SignBit = uint64_t(1) << (Width - 1);
  return int64_t((V ^ SignBit) - SignBit);
}

void extractFields(Instruction &I, uint32_t W, const MatchEntry &E) {
  uint8_t Rd = uint8_t(bits(W, 11, 7));
  uint8_t Rs1 = uint8_t(bits(W, 19, 15));
  uint8_t Rs2 = uint8_t(bits(W, 24, 20));
  switch (E.Fmt) {
  case Format::R:
    I.Rd = Rd;
    I.Rs1 = Rs1;
    I.Rs2 = Rs2;
    break;
  case Format::R4:
    I.Rd = Rd;
    I.Rs1 = Rs1;
    I.Rs2 = Rs2;
    I.Rs3 = uint8_t(bits(W, 31, 27));
    break;
  case Format::I:
    I.Rd = Rd;
    I.Rs1 = Rs1;
    I.Imm = signExtend(bits(W, 31, 20), 12);
    break;
  case Format::S:
    I.Rs1 = Rs1;
    I.Rs2 = Rs2;
    I.Imm = signExtend((bits(W, 31, 25) << 5) | bits(W, 11, 7), 12);
    break;
  case Format::B:
    I.Rs1 = Rs1;
    I.Rs2 = Rs2;
    I.Imm = signExtend((bits(W, 31, 31) << 12) | (bits(W, 7, 7) << 11) |
                           (bits(W, 30, 25) << 5) | (bits(W, 11, 8) << 1),
                       13);
    break;
  case Format::U:
    I.Rd = Rd;
    I.Imm = int64_t(int32_t(W & 0xfffff000u));
    break;
  case Format::J:
    I.Rd = Rd;
    I.Imm = signExtend((bits(W, 31, 31) << 20) | (bits(W, 19, 12) << 12) |
                           (bits(W, 20, 20) << 11) | (bits(W, 30, 21) << 1),
                       21);
    break;
  case Format::Shift64:
    I.Rd = Rd;
    I.Rs1 = Rs1;
    I.Imm = bits(W, 25, 20);
    break;
  case Format::Shift32:
    I.Rd = Rd;
    I.Rs1 = Rs1;
    I.Imm = bits(W, 24, 20);
    break;
  case Format::Csr:
    I.Rd = Rd;
    I.Rs1 = Rs1;
    I.Csr = uint16_t(bits(W, 31, 20));
    break;
  case Format::CsrImm:
    I.Rd = Rd;
    I.Csr = uint16_t(bits(W, 31, 20));
    I.Imm = Rs1;
    break;
  case Format::Fence:
    // rd and rs1 are reserved and must be ignored by base implementations.
    I.Imm = bits(W, 31, 20);
    break;
  case Format::System:
    break;
  case Format::Atomic:
    I.Rd = Rd;
    I.Rs1 = Rs1;
    I.Rs2 = Rs2;
    I.Aq = bits(W, 26, 26);
    I.Rl = bits(W, 25, 25);
    break;
  case Format::LoadReserved:
    I.Rd = Rd;
    I.Rs1 = Rs1;
    I.Aq = bits(W, 26, 26);
    I.Rl = bits(W, 25, 25);
    break;
  }
  if (E.HasRm)
    I.Rm = uint8_t(bits(W, 14, 12));
}

// The 3-bit register fields of the compressed formats name x8..x15/f8..f15.
constexpr uint8_t cReg(uint32_t Field) { return uint8_t(8 + Field); }

// Fills \p I from compressed \p H per \p E; false when the encoding is one the
// spec reserves (as opposed to a HINT, which decodes as a harmless op).
bool expandCompressed(Instruction &I, uint32_t H, const CMatchEntry &E) {
  // The CI-format 6-bit immediate: imm[5] in bit 12, imm[4:0] in bits 6:2.
  uint32_t Ci6 = (bits(H, 12, 12) << 5) | bits(H, 6, 2);
  uint8_t RdFull = uint8_t(bits(H, 11, 7));
  uint8_t Rs2Full = uint8_t(bits(H, 6, 2));
  uint8_t RdP = cReg(bits(H, 4, 2));
  uint8_t Rs1P = cReg(bits(H, 9, 7));
  switch (E.CFmt) {
  case CFormat::CIW_Addi4spn: {
    uint32_t Imm = (bits(H, 12, 11) << 4) | (bits(H, 10, 7) << 6) |
                   (bits(H, 6, 6) << 2) | (bits(H, 5, 5) << 3);
    if (Imm == 0)
      return false;
    I.Rd = RdP;
    I.Rs1 = 2;
    I.Imm = Imm;
    return true;
  }
  case CFormat::CL_Word:
  case CFormat::CS_Word:
  case CFormat::CL_Double:
  case CFormat::CS_Double: {
    uint32_t Imm = bits(H, 12, 10) << 3;
    if (E.CFmt == CFormat::CL_Word || E.CFmt == CFormat::CS_Word)
      Imm |= (bits(H, 6, 6) << 2) | (bits(H, 5, 5) << 6);
    else
      Imm |= bits(H, 6, 5) << 6;
    I.Rs1 = Rs1P;
    if (E.CFmt == CFormat::CL_Word || E.CFmt == CFormat::CL_Double)
      I.Rd = RdP;
    else
      I.Rs2 = RdP;
    I.Imm = Imm;
    return true;
  }
  case CFormat::CI_Addi:
    // c.addiw with rd=0 is reserved; c.addi's rd=0/imm=0 forms are HINTs.
    if (E.Op == Opcode::ADDIW && RdFull == 0)
      return false;
    I.Rd = RdFull;
    I.Rs1 = RdFull;
    I.Imm = signExtend(Ci6, 6);
    return true;
  case CFormat::CI_Li:
    I.Rd = RdFull;
    I.Rs1 = 0;
    I.Imm = signExtend(Ci6, 6);
    return true;
  case CFormat::CI_Addi16sp: {
    uint32_t Imm = (bits(H, 12, 12) << 9) | (bits(H, 6, 6) << 4) |
                   (bits(H, 5, 5) << 6) | (bits(H, 4, 3) << 7) |
                   (bits(H, 2, 2) << 5);
    if (Imm == 0)
      return false;
    I.Rd = 2;
    I.Rs1 = 2;
    I.Imm = signExtend(Imm, 10);
    return true;
  }
  case CFormat::CI_Lui:
    if (Ci6 == 0)
      return false;
    I.Rd = RdFull;
    I.Imm = signExtend(uint64_t(Ci6) << 12, 18);
    return true;
  case CFormat::CI_Slli:
    I.Rd = RdFull;
    I.Rs1 = RdFull;
    I.Imm = Ci6;
    return true;
  case CFormat::CI_LdspWord:
  case CFormat::CI_LdspDouble: {
    uint32_t Imm = bits(H, 12, 12) << 5;
    if (E.CFmt == CFormat::CI_LdspWord)
      Imm |= (bits(H, 6, 4) << 2) | (bits(H, 3, 2) << 6);
    else
      Imm |= (bits(H, 6, 5) << 3) | (bits(H, 4, 2) << 6);
    // Integer loads into x0 are reserved; c.fldsp may target f0.
    if (RdFull == 0 && E.Op != Opcode::FLD)
      return false;
    I.Rd = RdFull;
    I.Rs1 = 2;
    I.Imm = Imm;
    return true;
  }
  case CFormat::CB_Shift:
    // shamt=0 is a HINT on RV64C, not a reserved encoding.
    I.Rd = Rs1P;
    I.Rs1 = Rs1P;
    I.Imm = Ci6;
    return true;
  case CFormat::CB_Andi:
    I.Rd = Rs1P;
    I.Rs1 = Rs1P;
    I.Imm = signExtend(Ci6, 6);
    return true;
  case CFormat::CB_Branch:
    I.Rs1 = Rs1P;
    I.Rs2 = 0;
    I.Imm = signExtend((bits(H, 12, 12) << 8) | (bits(H, 11, 10) << 3) |
                           (bits(H, 6, 5) << 6) | (bits(H, 4, 3) << 1) |
                           (bits(H, 2, 2) << 5),
                       9);
    return true;
  case CFormat::CA:
    I.Rd = Rs1P;
    I.Rs1 = Rs1P;
    I.Rs2 = RdP;
    return true;
  case CFormat::CJ:
    I.Rd = 0;
    I.Imm = signExtend((bits(H, 12, 12) << 11) | (bits(H, 11, 11) << 4) |
                           (bits(H, 10, 9) << 8) | (bits(H, 8, 8) << 10) |
                           (bits(H, 7, 7) << 6) | (bits(H, 6, 6) << 7) |
                           (bits(H, 5, 3) << 1) | (bits(H, 2, 2) << 5),
                       12);
    return true;
  case CFormat::CR_Jr:
    if (RdFull == 0)
      return false;
    I.Rd = 0;
    I.Rs1 = RdFull;
    I.Imm = 0;
    return true;
  case CFormat::CR_Jalr:
    I.Rd = 1;
    I.Rs1 = RdFull;
    I.Imm = 0;
    return true;
  case CFormat::CR_Mv:
    I.Rd = RdFull;
    I.Rs1 = 0;
    I.Rs2 = Rs2Full;
    return true;
  case CFormat::CR_Add:
    I.Rd = RdFull;
    I.Rs1 = RdFull;
    I.Rs2 = Rs2Full;
    return true;
  case CFormat::CR_Ebreak:
    return true;
  case CFormat::CSS_Word:
  case CFormat::CSS_Double: {
    uint32_t Imm;
    if (E.CFmt == CFormat::CSS_Word)
      Imm = (bits(H, 12, 9) << 2) | (bits(H, 8, 7) << 6);
    else
      Imm = (bits(H, 12, 10) << 3) | (bits(H, 9, 7) << 6);
    I.Rs1 = 2;
    I.Rs2 = Rs2Full;
    I.Imm = Imm;
    return true;
  }
  }
  return false;
}

constexpr OpcodeInfo InfoTable[] = {
    {"<invalid>", Format::System, ""},
#define RV_INSN(Enum, Mnemonic, Fmt, Opcode7, Funct3, Funct7, Rs2, Operands)   \
  {Mnemonic, Format::Fmt, Operands},
#include "dbt/Frontend/RISCV/Opcodes.def"
};
static_assert(sizeof(InfoTable) / sizeof(InfoTable[0]) ==
              size_t(Opcode::NumOpcodes));

constexpr const char *CMnemonics[] = {
    "<none>",
#define RV_CINSN(Enum, Mnemonic, Match, Mask, CFmt, ExpandsTo) Mnemonic,
#include "dbt/Frontend/RISCV/Opcodes.def"
};
static_assert(sizeof(CMnemonics) / sizeof(CMnemonics[0]) ==
              size_t(CompressedOpcode::NumCompressedOpcodes));

} // namespace

unsigned dbt::riscv::instructionLength(uint16_t Low16) {
  if ((Low16 & 3) != 3)
    return 2;
  return (Low16 & 0x1c) != 0x1c ? 4 : 0;
}

Instruction dbt::riscv::decode32(uint32_t Word) {
  Instruction I;
  I.Raw = Word;
  I.Length = 4;
  if ((Word & 3) != 3)
    return I;
  unsigned Key = bucketKey32(Word);
  for (unsigned N = Buckets32.Start[Key], End = Buckets32.Start[Key + 1];
       N != End; ++N) {
    const MatchEntry &E = Entries[Buckets32.Idx[N]];
    if ((Word & E.Mask) != E.Match)
      continue;
    // Rounding modes 5 and 6 are reserved: the encoding is illegal.
    if (E.HasRm) {
      unsigned Rm = bits(Word, 14, 12);
      if (Rm == 5 || Rm == 6)
        return I;
    }
    I.Op = E.Op;
    extractFields(I, Word, E);
    return I;
  }
  return I;
}

Instruction dbt::riscv::decode16(uint16_t Half) {
  Instruction I;
  I.Raw = Half;
  I.Length = 2;
  unsigned Key = bucketKey16(Half);
  for (unsigned N = Buckets16.Start[Key], End = Buckets16.Start[Key + 1];
       N != End; ++N) {
    const CMatchEntry &E = CEntries[Buckets16.Idx[N]];
    if ((Half & E.Mask) != E.Match)
      continue;
    Instruction X;
    X.Raw = Half;
    X.Length = 2;
    if (!expandCompressed(X, Half, E))
      return I;
    X.Op = E.Op;
    X.COp = E.COp;
    return X;
  }
  return I;
}

Instruction dbt::riscv::decode(const uint8_t *Bytes, size_t Size) {
  Instruction I;
  if (Size < 2) {
    I.Length = 0;
    return I;
  }
  uint16_t Low;
  std::memcpy(&Low, Bytes, 2);
  if ((Low & 3) != 3)
    return decode16(Low);
  if (Size < 4) {
    I.Raw = Low;
    I.Length = 0;
    return I;
  }
  uint32_t Word;
  std::memcpy(&Word, Bytes, 4);
  // Longer (48-bit and up) encodings fall through decode32 as invalid; only
  // their first 32 bits are reported.
  return decode32(Word);
}

const OpcodeInfo &dbt::riscv::getOpcodeInfo(Opcode Op) {
  size_t Idx = size_t(Op);
  if (Idx >= size_t(Opcode::NumOpcodes))
    Idx = 0;
  return InfoTable[Idx];
}

const char *dbt::riscv::getCompressedMnemonic(CompressedOpcode COp) {
  size_t Idx = size_t(COp);
  if (Idx >= size_t(CompressedOpcode::NumCompressedOpcodes))
    Idx = 0;
  return CMnemonics[Idx];
}
