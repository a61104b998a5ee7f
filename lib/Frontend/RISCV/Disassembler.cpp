//===- Disassembler.cpp - RV64GC text for -d in_asm -----------------------===//
//
// Owns instruction printing: ABI register and CSR names, and the interpreter
// for the Operands templates of Opcodes.def. Output follows
// `objdump -M no-aliases` (hex U-immediates and shift amounts, decimal
// offsets) except that targets are absolute 0x-prefixed addresses, a single
// space separates mnemonic and operands, and compressed instructions show the
// operands of their 32-bit expansion.
//
//===----------------------------------------------------------------------===//

#include "dbt/Frontend/RISCV/Disassembler.h"

#include "dbt/Frontend/RISCV/CpuState.h"

#include <cinttypes>
#include <cstdio>
#include <string_view>

using namespace dbt::riscv;

namespace {

const char *const IntRegNames[32] = {
    "zero", "ra", "sp", "gp", "tp",  "t0",  "t1", "t2", "s0", "s1", "a0",
    "a1",   "a2", "a3", "a4", "a5",  "a6",  "a7", "s2", "s3", "s4", "s5",
    "s6",   "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};

const char *const FpRegNames[32] = {
    "ft0", "ft1", "ft2",  "ft3",  "ft4", "ft5", "ft6",  "ft7",
    "fs0", "fs1", "fa0",  "fa1",  "fa2", "fa3", "fa4",  "fa5",
    "fa6", "fa7", "fs2",  "fs3",  "fs4", "fs5", "fs6",  "fs7",
    "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11"};

const char *roundingModeName(unsigned Rm) {
  switch (Rm) {
  case RNE:
    return "rne";
  case RTZ:
    return "rtz";
  case RDN:
    return "rdn";
  case RUP:
    return "rup";
  case RMM:
    return "rmm";
  default:
    return nullptr;
  }
}

void appendf(std::string &Out, const char *Fmt, auto... Args) {
  char Buf[64];
  int N = std::snprintf(Buf, sizeof(Buf), Fmt, Args...);
  if (N > 0)
    Out.append(Buf, size_t(N) < sizeof(Buf) ? size_t(N) : sizeof(Buf) - 1);
}

void appendFenceSet(std::string &Out, unsigned Set) {
  if (Set == 0) {
    Out += '0';
    return;
  }
  static const char Letters[] = "iorw";
  for (unsigned B = 0; B < 4; ++B)
    if (Set & (8u >> B))
      Out += Letters[B];
}

void appendCsr(std::string &Out, unsigned Csr) {
  if (const char *Name = csrName(Csr))
    Out += Name;
  else
    appendf(Out, "0x%x", Csr);
}

// Unsigned immediates print like objdump: U-type upper bits and shift
// amounts in hex, CSR immediates in decimal.
void appendUimm(std::string &Out, const Instruction &I, Format Fmt) {
  switch (Fmt) {
  case Format::U:
    appendf(Out, "0x%" PRIx64, (uint64_t(I.Imm) >> 12) & 0xfffff);
    break;
  case Format::Shift32:
  case Format::Shift64:
    appendf(Out, "0x%" PRIx64, uint64_t(I.Imm));
    break;
  default:
    appendf(Out, "%" PRIu64, uint64_t(I.Imm));
    break;
  }
}

} // namespace

const char *dbt::riscv::intRegName(unsigned R) {
  return R < 32 ? IntRegNames[R] : "?";
}

const char *dbt::riscv::fpRegName(unsigned R) {
  return R < 32 ? FpRegNames[R] : "?";
}

const char *dbt::riscv::csrName(unsigned Csr) {
  switch (Csr) {
  case CSR_FFLAGS:
    return "fflags";
  case CSR_FRM:
    return "frm";
  case CSR_FCSR:
    return "fcsr";
  case CSR_CYCLE:
    return "cycle";
  case CSR_TIME:
    return "time";
  case CSR_INSTRET:
    return "instret";
  default:
    return nullptr;
  }
}

std::string dbt::riscv::disassemble(const Instruction &I, uint64_t Pc) {
  std::string Out;
  if (!I.isValid()) {
    if (I.Length == 2)
      appendf(Out, ".insn 0x%04" PRIx32, I.Raw & 0xffff);
    else
      appendf(Out, ".insn 0x%08" PRIx32, I.Raw);
    return Out;
  }

  const OpcodeInfo &Info = getOpcodeInfo(I.Op);
  std::string_view Tmpl = Info.Operands;
  unsigned Fm = unsigned(I.Imm >> 8) & 0xf;
  if (I.Op == Opcode::FENCE && I.COp == CompressedOpcode::None && Fm == 8 &&
      (I.Imm & 0xff) == 0x33) {
    // fm=TSO with pred=succ=rw is its own mnemonic.
    return "fence.tso";
  }

  Out = I.COp != CompressedOpcode::None ? getCompressedMnemonic(I.COp)
                                        : Info.Mnemonic;
  // The ordering suffix belongs to the mnemonic, not the operand list.
  if (Tmpl.find("aqrl") != std::string_view::npos ||
      Info.Fmt == Format::Atomic || Info.Fmt == Format::LoadReserved) {
    if (I.Aq && I.Rl)
      Out += ".aqrl";
    else if (I.Aq)
      Out += ".aq";
    else if (I.Rl)
      Out += ".rl";
  }

  bool First = true;
  size_t Pos = 0;
  while (Pos < Tmpl.size()) {
    size_t Comma = Tmpl.find(',', Pos);
    if (Comma == std::string_view::npos)
      Comma = Tmpl.size();
    std::string_view Tok = Tmpl.substr(Pos, Comma - Pos);
    Pos = Comma + 1;

    std::string Opnd;
    if (Tok == "xd")
      Opnd = intRegName(I.Rd);
    else if (Tok == "xs1")
      Opnd = intRegName(I.Rs1);
    else if (Tok == "xs2")
      Opnd = intRegName(I.Rs2);
    else if (Tok == "fd")
      Opnd = fpRegName(I.Rd);
    else if (Tok == "fs1")
      Opnd = fpRegName(I.Rs1);
    else if (Tok == "fs2")
      Opnd = fpRegName(I.Rs2);
    else if (Tok == "fs3")
      Opnd = fpRegName(I.Rs3);
    else if (Tok == "imm")
      appendf(Opnd, "%" PRId64, I.Imm);
    else if (Tok == "uimm")
      appendUimm(Opnd, I, Info.Fmt);
    else if (Tok == "off(xs1)")
      appendf(Opnd, "%" PRId64 "(%s)", I.Imm, intRegName(I.Rs1));
    else if (Tok == "(xs1)")
      appendf(Opnd, "(%s)", intRegName(I.Rs1));
    else if (Tok == "target")
      appendf(Opnd, "0x%" PRIx64, Pc + uint64_t(I.Imm));
    else if (Tok == "csr")
      appendCsr(Opnd, I.Csr);
    else if (Tok == "rm") {
      // Dynamic rounding is the default and is left implicit.
      const char *Name = roundingModeName(I.Rm);
      if (!Name)
        continue;
      Opnd = Name;
    } else if (Tok == "pred")
      appendFenceSet(Opnd, unsigned(I.Imm >> 4) & 0xf);
    else if (Tok == "succ")
      appendFenceSet(Opnd, unsigned(I.Imm) & 0xf);
    else if (Tok == "aqrl")
      continue;
    else
      Opnd = Tok;

    Out += First ? ' ' : ',';
    First = false;
    Out += Opnd;
  }
  return Out;
}
