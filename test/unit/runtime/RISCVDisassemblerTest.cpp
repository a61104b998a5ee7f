//===- RISCVDisassemblerTest.cpp - RV64GC disassembler unit tests ---------===//
//
// Owns the disassembler tests: every vector of RISCVDecoderTest.cpp must print
// as objdump -M no-aliases does (modulo the documented differences), plus
// register/CSR names, rounding modes, ordering suffixes, fences and invalid
// encodings.
//
//===----------------------------------------------------------------------===//

#include "dbt/Frontend/RISCV/Decoder.h"
#include "dbt/Frontend/RISCV/Disassembler.h"
#include "RISCVTestVectors.h"

#include <gtest/gtest.h>

using namespace dbt::riscv;


using namespace dbt::riscv::testvectors;

namespace {
std::string dis32(uint32_t W, uint64_t Pc = 0) {
  return disassemble(decode32(W), Pc);
}
std::string dis16(uint16_t H, uint64_t Pc = 0) {
  return disassemble(decode16(H), Pc);
}
} // namespace

TEST(RISCVDisassembler, MatchesObjdumpForEveryBaseVector) {
  ASSERT_GT(NumVectors32, 0u);
  for (size_t N = 0; N < NumVectors32; ++N)
    EXPECT_EQ(dis32(Vectors32[N].Raw, Vectors32[N].Pc), Vectors32[N].Text);
}

TEST(RISCVDisassembler, CompressedPrintsCMnemonicWithExpansionOperands) {
  ASSERT_GT(NumVectorsC, 0u);
  for (size_t N = 0; N < NumVectorsC; ++N)
    EXPECT_EQ(dis16(VectorsC[N].Raw, VectorsC[N].Pc), VectorsC[N].Text);
}

TEST(RISCVDisassembler, RegisterNames) {
  const char *Int[32] = {"zero", "ra", "sp",  "gp",  "tp", "t0", "t1", "t2",
                         "s0",   "s1", "a0",  "a1",  "a2", "a3", "a4", "a5",
                         "a6",   "a7", "s2",  "s3",  "s4", "s5", "s6", "s7",
                         "s8",   "s9", "s10", "s11", "t3", "t4", "t5", "t6"};
  const char *Fp[32] = {"ft0", "ft1", "ft2",  "ft3",  "ft4", "ft5", "ft6",
                        "ft7", "fs0", "fs1",  "fa0",  "fa1", "fa2", "fa3",
                        "fa4", "fa5", "fa6",  "fa7",  "fs2", "fs3", "fs4",
                        "fs5", "fs6", "fs7",  "fs8",  "fs9", "fs10", "fs11",
                        "ft8", "ft9", "ft10", "ft11"};
  for (unsigned R = 0; R < 32; ++R) {
    EXPECT_STREQ(intRegName(R), Int[R]);
    EXPECT_STREQ(fpRegName(R), Fp[R]);
  }
}

TEST(RISCVDisassembler, CsrNames) {
  EXPECT_STREQ(csrName(0x001), "fflags");
  EXPECT_STREQ(csrName(0x002), "frm");
  EXPECT_STREQ(csrName(0x003), "fcsr");
  EXPECT_STREQ(csrName(0xc00), "cycle");
  EXPECT_STREQ(csrName(0xc01), "time");
  EXPECT_STREQ(csrName(0xc02), "instret");
  EXPECT_EQ(csrName(0x300), nullptr);
  EXPECT_EQ(dis32(0x00302573), "csrrs a0,fcsr,zero");
  EXPECT_EQ(dis32(0x7c002573), "csrrs a0,0x7c0,zero");
  EXPECT_EQ(dis32(0x001fd573), "csrrwi a0,fflags,31");
}

TEST(RISCVDisassembler, RoundingModeOnlyWhenStatic) {
  EXPECT_EQ(dis32(0x00c5f553), "fadd.s fa0,fa1,fa2");     // dyn
  EXPECT_EQ(dis32(0x00c58553), "fadd.s fa0,fa1,fa2,rne");
  EXPECT_EQ(dis32(0x00c59553), "fadd.s fa0,fa1,fa2,rtz");
  EXPECT_EQ(dis32(0x00c5a553), "fadd.s fa0,fa1,fa2,rdn");
  EXPECT_EQ(dis32(0x00c5b553), "fadd.s fa0,fa1,fa2,rup");
  EXPECT_EQ(dis32(0x00c5c553), "fadd.s fa0,fa1,fa2,rmm");
  EXPECT_EQ(dis32(0x6ac5c543), "fmadd.d fa0,fa1,fa2,fa3,rmm");
  // Sign-injection's funct3 is not a rounding mode.
  EXPECT_EQ(dis32(0x20c58553), "fsgnj.s fa0,fa1,fa2");
}

TEST(RISCVDisassembler, AtomicOrderingSuffixes) {
  EXPECT_EQ(dis32(0x00b6252f), "amoadd.w a0,a1,(a2)");
  EXPECT_EQ(dis32(0x04b6252f), "amoadd.w.aq a0,a1,(a2)");
  EXPECT_EQ(dis32(0x02b6252f), "amoadd.w.rl a0,a1,(a2)");
  EXPECT_EQ(dis32(0x06b6252f), "amoadd.w.aqrl a0,a1,(a2)");
  EXPECT_EQ(dis32(0x1405b52f), "lr.d.aq a0,(a1)");
  EXPECT_EQ(dis32(0x1ab6252f), "sc.w.rl a0,a1,(a2)");
}

TEST(RISCVDisassembler, Fences) {
  EXPECT_EQ(dis32(0x0ff0000f), "fence iorw,iorw");
  EXPECT_EQ(dis32(0x0210000f), "fence r,w");
  EXPECT_EQ(dis32(0x0000000f), "fence 0,0");
  EXPECT_EQ(dis32(0x8330000f), "fence.tso");
  EXPECT_EQ(dis32(0x0000100f), "fence.i");
}

TEST(RISCVDisassembler, TargetsAreAbsolute) {
  EXPECT_EQ(dis32(0x80b50063, 0x10000), "beq a0,a1,0xf000");
  EXPECT_EQ(dis32(0x001000ef, 0x10000), "jal ra,0x10800");
  EXPECT_EQ(dis16(0xb001, 0x10000), "c.j zero,0xf800");
  EXPECT_EQ(dis16(0xd101, 0x10000), "c.beqz a0,zero,0xff00");
}

TEST(RISCVDisassembler, ImmediateStyles) {
  EXPECT_EQ(dis32(0x80010113), "addi sp,sp,-2048");
  EXPECT_EQ(dis32(0x12345537), "lui a0,0x12345");
  EXPECT_EQ(dis32(0x80000037), "lui zero,0x80000");
  EXPECT_EQ(dis32(0x03f59513), "slli a0,a1,0x3f");
  EXPECT_EQ(dis32(0x8129a023), "sw s2,-2048(s3)");
  EXPECT_EQ(dis32(0x00000073), "ecall");
  EXPECT_EQ(dis16(0x7501), "c.lui a0,0xfffe0");
  EXPECT_EQ(dis16(0x0001), "c.addi zero,zero,0");
  EXPECT_EQ(dis16(0x9002), "c.ebreak");
}

TEST(RISCVDisassembler, InvalidPrintsRawBits) {
  EXPECT_EQ(dis32(0xffffffff), ".insn 0xffffffff");
  EXPECT_EQ(dis32(0x0005d553), ".insn 0x0005d553");
  EXPECT_EQ(dis32(0x00000000), ".insn 0x00000000");
  EXPECT_EQ(dis16(0x0000), ".insn 0x0000");
  EXPECT_EQ(dis16(0x6101), ".insn 0x6101");
}
