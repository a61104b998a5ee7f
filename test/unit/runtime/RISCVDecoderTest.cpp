//===- RISCVDecoderTest.cpp - RV64GC decoder unit tests -------------------===//
//
// Owns the decoder tests and the shared encoding vectors: every RV_INSN and
// RV_CINSN form with encodings produced by riscv64-linux-gnu-as -march=rv64gc
// and texts from objdump -d -M no-aliases (branch targets made 0x-prefixed).
// Compressed vectors carry the 32-bit encoding the assembler produced for the
// spec's expansion, so decode16 is checked against decode32. The disassembler
// test reads the same vectors.
//
//===----------------------------------------------------------------------===//

#include "dbt/Frontend/RISCV/Decoder.h"

#include <gtest/gtest.h>

#include "RISCVTestVectors.h"

#include <cstring>
#include <set>
#include <string>

using namespace dbt::riscv;

namespace dbt::riscv::testvectors {

// 32-bit forms: {Pc, Raw, objdump -M no-aliases text}.
const Vector32 Vectors32[] = {
    {0x0, 0x12345537, "lui a0,0x12345"},
    {0x4, 0xffffffb7, "lui t6,0xfffff"},
    {0x8, 0x80000037, "lui zero,0x80000"},
    {0xc, 0x80000497, "auipc s1,0x80000"},
    {0x10, 0x7ffff097, "auipc ra,0x7ffff"},
    {0x14, 0x001000ef, "jal ra,0x814"},
    {0x18, 0x8000006f, "jal zero,0xfffffffffff00018"},
    {0x1c, 0x7ffff2ef, "jal t0,0x10001a"},
    {0x20, 0x800780e7, "jalr ra,-2048(a5)"},
    {0x24, 0x7fff8067, "jalr zero,2047(t6)"},
    {0x28, 0x80b50063, "beq a0,a1,0xfffffffffffff028"},
    {0x2c, 0x7e941fe3, "bne s0,s1,0x102a"},
    {0x30, 0x0062c463, "blt t0,t1,0x38"},
    {0x34, 0xfed65fe3, "bge a2,a3,0x32"},
    {0x38, 0x00f76863, "bltu a4,a5,0x48"},
    {0x3c, 0xffbd78e3, "bgeu s10,s11,0x2c"},
    {0x40, 0xfff58503, "lb a0,-1(a1)"},
    {0x44, 0x7ff11503, "lh a0,2047(sp)"},
    {0x48, 0x80042383, "lw t2,-2048(s0)"},
    {0x4c, 0x00813083, "ld ra,8(sp)"},
    {0x50, 0x00004683, "lbu a3,0(zero)"},
    {0x54, 0x0641d703, "lhu a4,100(gp)"},
    {0x58, 0xf9c26783, "lwu a5,-100(tp)"},
    {0x5c, 0xfea58fa3, "sb a0,-1(a1)"},
    {0x60, 0x7ff11fa3, "sh t6,2047(sp)"},
    {0x64, 0x8129a023, "sw s2,-2048(s3)"},
    {0x68, 0x00113423, "sd ra,8(sp)"},
    {0x6c, 0x00150513, "addi a0,a0,1"},
    {0x70, 0x80010113, "addi sp,sp,-2048"},
    {0x74, 0x7ff32293, "slti t0,t1,2047"},
    {0x78, 0xfff33293, "sltiu t0,t1,-1"},
    {0x7c, 0xfff5c513, "xori a0,a1,-1"},
    {0x80, 0x5555e513, "ori a0,a1,1365"},
    {0x84, 0xf005f513, "andi a0,a1,-256"},
    {0x88, 0x00059513, "slli a0,a1,0x0"},
    {0x8c, 0x03f59513, "slli a0,a1,0x3f"},
    {0x90, 0x0204d413, "srli s0,s1,0x20"},
    {0x94, 0x43f5d513, "srai a0,a1,0x3f"},
    {0x98, 0x00c58533, "add a0,a1,a2"},
    {0x9c, 0x41ee8e33, "sub t3,t4,t5"},
    {0xa0, 0x01499933, "sll s2,s3,s4"},
    {0xa4, 0x017b2ab3, "slt s5,s6,s7"},
    {0xa8, 0x01acbc33, "sltu s8,s9,s10"},
    {0xac, 0x01de4db3, "xor s11,t3,t4"},
    {0xb0, 0x00c5d533, "srl a0,a1,a2"},
    {0xb4, 0x40f756b3, "sra a3,a4,a5"},
    {0xb8, 0x0128e833, "or a6,a7,s2"},
    {0xbc, 0x003170b3, "and ra,sp,gp"},
    {0xc0, 0x8005851b, "addiw a0,a1,-2048"},
    {0xc4, 0x7ff5851b, "addiw a0,a1,2047"},
    {0xc8, 0x01f5951b, "slliw a0,a1,0x1f"},
    {0xcc, 0x0015d51b, "srliw a0,a1,0x1"},
    {0xd0, 0x41f5d51b, "sraiw a0,a1,0x1f"},
    {0xd4, 0x00c5853b, "addw a0,a1,a2"},
    {0xd8, 0x40c5853b, "subw a0,a1,a2"},
    {0xdc, 0x00c5953b, "sllw a0,a1,a2"},
    {0xe0, 0x00c5d53b, "srlw a0,a1,a2"},
    {0xe4, 0x40c5d53b, "sraw a0,a1,a2"},
    {0xe8, 0x0ff0000f, "fence iorw,iorw"},
    {0xec, 0x0210000f, "fence r,w"},
    {0xf0, 0x0840000f, "fence i,o"},
    {0xf4, 0x8330000f, "fence.tso"},
    {0xf8, 0x00000073, "ecall"},
    {0xfc, 0x00100073, "ebreak"},
    {0x100, 0x0000100f, "fence.i"},
    {0x104, 0x00159573, "csrrw a0,fflags,a1"},
    {0x108, 0x00202573, "csrrs a0,frm,zero"},
    {0x10c, 0x003fb073, "csrrc zero,fcsr,t6"},
    {0x110, 0xc0002573, "csrrs a0,cycle,zero"},
    {0x114, 0xc0102573, "csrrs a0,time,zero"},
    {0x118, 0xc0202573, "csrrs a0,instret,zero"},
    {0x11c, 0x7c002573, "csrrs a0,0x7c0,zero"},
    {0x120, 0x001fd573, "csrrwi a0,fflags,31"},
    {0x124, 0x0020e573, "csrrsi a0,frm,1"},
    {0x128, 0x00307073, "csrrci zero,fcsr,0"},
    {0x12c, 0x02c58533, "mul a0,a1,a2"},
    {0x130, 0x02c59533, "mulh a0,a1,a2"},
    {0x134, 0x02c5a533, "mulhsu a0,a1,a2"},
    {0x138, 0x02c5b533, "mulhu a0,a1,a2"},
    {0x13c, 0x02c5c533, "div a0,a1,a2"},
    {0x140, 0x02c5d533, "divu a0,a1,a2"},
    {0x144, 0x02c5e533, "rem a0,a1,a2"},
    {0x148, 0x02c5f533, "remu a0,a1,a2"},
    {0x14c, 0x02c5853b, "mulw a0,a1,a2"},
    {0x150, 0x02c5c53b, "divw a0,a1,a2"},
    {0x154, 0x02c5d53b, "divuw a0,a1,a2"},
    {0x158, 0x02c5e53b, "remw a0,a1,a2"},
    {0x15c, 0x02c5f53b, "remuw a0,a1,a2"},
    {0x160, 0x1005a52f, "lr.w a0,(a1)"},
    {0x164, 0x1405a52f, "lr.w.aq a0,(a1)"},
    {0x168, 0x1ab6252f, "sc.w.rl a0,a1,(a2)"},
    {0x16c, 0x0eb6252f, "amoswap.w.aqrl a0,a1,(a2)"},
    {0x170, 0x00b6252f, "amoadd.w a0,a1,(a2)"},
    {0x174, 0x20b6252f, "amoxor.w a0,a1,(a2)"},
    {0x178, 0x60b6252f, "amoand.w a0,a1,(a2)"},
    {0x17c, 0x40b6252f, "amoor.w a0,a1,(a2)"},
    {0x180, 0x80b6252f, "amomin.w a0,a1,(a2)"},
    {0x184, 0xa0b6252f, "amomax.w a0,a1,(a2)"},
    {0x188, 0xc0b6252f, "amominu.w a0,a1,(a2)"},
    {0x18c, 0xe0b6252f, "amomaxu.w a0,a1,(a2)"},
    {0x190, 0x160132af, "lr.d.aqrl t0,(sp)"},
    {0x194, 0x18b6352f, "sc.d a0,a1,(a2)"},
    {0x198, 0x08b6352f, "amoswap.d a0,a1,(a2)"},
    {0x19c, 0x04b6352f, "amoadd.d.aq a0,a1,(a2)"},
    {0x1a0, 0x20b6352f, "amoxor.d a0,a1,(a2)"},
    {0x1a4, 0x60b6352f, "amoand.d a0,a1,(a2)"},
    {0x1a8, 0x40b6352f, "amoor.d a0,a1,(a2)"},
    {0x1ac, 0x80b6352f, "amomin.d a0,a1,(a2)"},
    {0x1b0, 0xa0b6352f, "amomax.d a0,a1,(a2)"},
    {0x1b4, 0xc0b6352f, "amominu.d a0,a1,(a2)"},
    {0x1b8, 0xe2b6352f, "amomaxu.d.rl a0,a1,(a2)"},
    {0x1bc, 0xffc12507, "flw fa0,-4(sp)"},
    {0x1c0, 0x7ff52fa7, "fsw ft11,2047(a0)"},
    {0x1c4, 0x68c5f543, "fmadd.s fa0,fa1,fa2,fa3"},
    {0x1c8, 0x18208047, "fmsub.s ft0,ft1,ft2,ft3,rne"},
    {0x1cc, 0x9924944b, "fnmsub.s fs0,fs1,fs2,fs3,rtz"},
    {0x1d0, 0xf9eeae4f, "fnmadd.s ft8,ft9,ft10,ft11,rdn"},
    {0x1d4, 0x00c5f553, "fadd.s fa0,fa1,fa2"},
    {0x1d8, 0x08c5b553, "fsub.s fa0,fa1,fa2,rup"},
    {0x1dc, 0x10c5c553, "fmul.s fa0,fa1,fa2,rmm"},
    {0x1e0, 0x18c5f553, "fdiv.s fa0,fa1,fa2"},
    {0x1e4, 0x5805f553, "fsqrt.s fa0,fa1"},
    {0x1e8, 0x20c58553, "fsgnj.s fa0,fa1,fa2"},
    {0x1ec, 0x20c59553, "fsgnjn.s fa0,fa1,fa2"},
    {0x1f0, 0x20c5a553, "fsgnjx.s fa0,fa1,fa2"},
    {0x1f4, 0x28c58553, "fmin.s fa0,fa1,fa2"},
    {0x1f8, 0x28c59553, "fmax.s fa0,fa1,fa2"},
    {0x1fc, 0xc0059553, "fcvt.w.s a0,fa1,rtz"},
    {0x200, 0xc015f553, "fcvt.wu.s a0,fa1"},
    {0x204, 0xc025f553, "fcvt.l.s a0,fa1"},
    {0x208, 0xc035f553, "fcvt.lu.s a0,fa1"},
    {0x20c, 0xe0058553, "fmv.x.w a0,fa1"},
    {0x210, 0xe0059553, "fclass.s a0,fa1"},
    {0x214, 0xa0c5a553, "feq.s a0,fa1,fa2"},
    {0x218, 0xa0c59553, "flt.s a0,fa1,fa2"},
    {0x21c, 0xa0c58553, "fle.s a0,fa1,fa2"},
    {0x220, 0xd005f553, "fcvt.s.w fa0,a1"},
    {0x224, 0xd015f553, "fcvt.s.wu fa0,a1"},
    {0x228, 0xd025f553, "fcvt.s.l fa0,a1"},
    {0x22c, 0xd035f553, "fcvt.s.lu fa0,a1"},
    {0x230, 0xf0058553, "fmv.w.x fa0,a1"},
    {0x234, 0x80013507, "fld fa0,-2048(sp)"},
    {0x238, 0x01b43427, "fsd fs11,8(s0)"},
    {0x23c, 0x6ac5f543, "fmadd.d fa0,fa1,fa2,fa3"},
    {0x240, 0x6ac5f547, "fmsub.d fa0,fa1,fa2,fa3"},
    {0x244, 0x6ac5f54b, "fnmsub.d fa0,fa1,fa2,fa3"},
    {0x248, 0x6ac5c54f, "fnmadd.d fa0,fa1,fa2,fa3,rmm"},
    {0x24c, 0x02c5f553, "fadd.d fa0,fa1,fa2"},
    {0x250, 0x0ac5f553, "fsub.d fa0,fa1,fa2"},
    {0x254, 0x12c5f553, "fmul.d fa0,fa1,fa2"},
    {0x258, 0x1ac59553, "fdiv.d fa0,fa1,fa2,rtz"},
    {0x25c, 0x5a05f553, "fsqrt.d fa0,fa1"},
    {0x260, 0x22c58553, "fsgnj.d fa0,fa1,fa2"},
    {0x264, 0x22c59553, "fsgnjn.d fa0,fa1,fa2"},
    {0x268, 0x22c5a553, "fsgnjx.d fa0,fa1,fa2"},
    {0x26c, 0x2ac58553, "fmin.d fa0,fa1,fa2"},
    {0x270, 0x2ac59553, "fmax.d fa0,fa1,fa2"},
    {0x274, 0x4015f553, "fcvt.s.d fa0,fa1"},
    {0x278, 0x42058553, "fcvt.d.s fa0,fa1,rne"},
    {0x27c, 0xa2c5a553, "feq.d a0,fa1,fa2"},
    {0x280, 0xa2c59553, "flt.d a0,fa1,fa2"},
    {0x284, 0xa2c58553, "fle.d a0,fa1,fa2"},
    {0x288, 0xe2059553, "fclass.d a0,fa1"},
    {0x28c, 0xc205f553, "fcvt.w.d a0,fa1"},
    {0x290, 0xc215f553, "fcvt.wu.d a0,fa1"},
    {0x294, 0xc2259553, "fcvt.l.d a0,fa1,rtz"},
    {0x298, 0xc235f553, "fcvt.lu.d a0,fa1"},
    {0x29c, 0xd2058553, "fcvt.d.w fa0,a1,rne"},
    {0x2a0, 0xd2158553, "fcvt.d.wu fa0,a1,rne"},
    {0x2a4, 0xd225f553, "fcvt.d.l fa0,a1"},
    {0x2a8, 0xd235f553, "fcvt.d.lu fa0,a1"},
    {0x2ac, 0xe2058553, "fmv.x.d a0,fa1"},
    {0x2b0, 0xf2058553, "fmv.d.x fa0,a1"},
};
// Compressed forms: {Pc, Raw16, Expansion32 assembled from the spec's
// expansion, text = c.* mnemonic + operands of the expansion}.
const VectorC VectorsC[] = {
    {0x0, 0x1fe8, 0x3fc10513, "c.addi4spn a0,sp,1020"},
    {0x2, 0x0040, 0x00410413, "c.addi4spn s0,sp,4"},
    {0x4, 0x003c, 0x00810793, "c.addi4spn a5,sp,8"},
    {0x6, 0x3de8, 0x0f85b507, "c.fld fa0,248(a1)"},
    {0x8, 0x2080, 0x0004b407, "c.fld fs0,0(s1)"},
    {0xa, 0x5de8, 0x07c5a503, "c.lw a0,124(a1)"},
    {0xc, 0x405c, 0x00442783, "c.lw a5,4(s0)"},
    {0xe, 0x43a4, 0x0407a483, "c.lw s1,64(a5)"},
    {0x10, 0x7de8, 0x0f85b503, "c.ld a0,248(a1)"},
    {0x12, 0x6588, 0x0085b503, "c.ld a0,8(a1)"},
    {0x14, 0xbdfc, 0x0ef5bc27, "c.fsd fa5,248(a1)"},
    {0x16, 0xdde8, 0x06a5ae23, "c.sw a0,124(a1)"},
    {0x18, 0xc1c8, 0x00a5a223, "c.sw a0,4(a1)"},
    {0x1a, 0xfde8, 0x0ea5bc23, "c.sd a0,248(a1)"},
    {0x1c, 0x0001, 0x00000013, "c.addi zero,zero,0"},
    {0x1e, 0x1501, 0xfe050513, "c.addi a0,a0,-32"},
    {0x20, 0x057d, 0x01f50513, "c.addi a0,a0,31"},
    {0x22, 0x357d, 0xfff5051b, "c.addiw a0,a0,-1"},
    {0x24, 0x2481, 0x0004849b, "c.addiw s1,s1,0"},
    {0x26, 0x2ffd, 0x01ff8f9b, "c.addiw t6,t6,31"},
    {0x28, 0x5501, 0xfe000513, "c.li a0,zero,-32"},
    {0x2a, 0x4ffd, 0x01f00f93, "c.li t6,zero,31"},
    {0x2c, 0x7101, 0xe0010113, "c.addi16sp sp,sp,-512"},
    {0x2e, 0x617d, 0x1f010113, "c.addi16sp sp,sp,496"},
    {0x30, 0x6141, 0x01010113, "c.addi16sp sp,sp,16"},
    {0x32, 0x6105, 0x02010113, "c.addi16sp sp,sp,32"},
    {0x34, 0x6121, 0x04010113, "c.addi16sp sp,sp,64"},
    {0x36, 0x6109, 0x08010113, "c.addi16sp sp,sp,128"},
    {0x38, 0x6111, 0x10010113, "c.addi16sp sp,sp,256"},
    {0x3a, 0x6505, 0x00001537, "c.lui a0,0x1"},
    {0x3c, 0x7501, 0xfffe0537, "c.lui a0,0xfffe0"},
    {0x3e, 0x6dfd, 0x0001fdb7, "c.lui s11,0x1f"},
    {0x40, 0x60c1, 0x000100b7, "c.lui ra,0x10"},
    {0x42, 0x917d, 0x03f55513, "c.srli a0,a0,0x3f"},
    {0x44, 0x8085, 0x0014d493, "c.srli s1,s1,0x1"},
    {0x46, 0x9781, 0x4207d793, "c.srai a5,a5,0x20"},
    {0x48, 0x9901, 0xfe057513, "c.andi a0,a0,-32"},
    {0x4a, 0x897d, 0x01f57513, "c.andi a0,a0,31"},
    {0x4c, 0x8d0d, 0x40b50533, "c.sub a0,a0,a1"},
    {0x4e, 0x8c25, 0x00944433, "c.xor s0,s0,s1"},
    {0x50, 0x8f5d, 0x00f76733, "c.or a4,a4,a5"},
    {0x52, 0x8e75, 0x00d67633, "c.and a2,a2,a3"},
    {0x54, 0x9d0d, 0x40b5053b, "c.subw a0,a0,a1"},
    {0x56, 0x9d2d, 0x00b5053b, "c.addw a0,a0,a1"},
    {0x58, 0xb001, 0x801ff06f, "c.j zero,0xfffffffffffff858"},
    {0x5a, 0xaffd, 0x7fe0006f, "c.j zero,0x858"},
    {0x5c, 0xa801, 0x0100006f, "c.j zero,0x6c"},
    {0x5e, 0xa101, 0x4000006f, "c.j zero,0x45e"},
    {0x60, 0xd101, 0xf00500e3, "c.beqz a0,zero,0xffffffffffffff60"},
    {0x62, 0xc009, 0x00040163, "c.beqz s0,zero,0x64"},
    {0x64, 0xc005, 0x02040063, "c.beqz s0,zero,0x84"},
    {0x66, 0xeffd, 0x0e079f63, "c.bnez a5,zero,0x164"},
    {0x68, 0xe3a1, 0x04079063, "c.bnez a5,zero,0xa8"},
    {0x6a, 0x157e, 0x03f51513, "c.slli a0,a0,0x3f"},
    {0x6c, 0x0f86, 0x001f9f93, "c.slli t6,t6,0x1"},
    {0x6e, 0x1402, 0x02041413, "c.slli s0,s0,0x20"},
    {0x70, 0x357e, 0x1f813507, "c.fldsp fa0,504(sp)"},
    {0x72, 0x2002, 0x00013007, "c.fldsp ft0,0(sp)"},
    {0x74, 0x24a2, 0x00813487, "c.fldsp fs1,8(sp)"},
    {0x76, 0x557e, 0x0fc12503, "c.lwsp a0,252(sp)"},
    {0x78, 0x4512, 0x00412503, "c.lwsp a0,4(sp)"},
    {0x7a, 0x5502, 0x02012503, "c.lwsp a0,32(sp)"},
    {0x7c, 0x70fe, 0x1f813083, "c.ldsp ra,504(sp)"},
    {0x7e, 0x60a2, 0x00813083, "c.ldsp ra,8(sp)"},
    {0x80, 0x6086, 0x04013083, "c.ldsp ra,64(sp)"},
    {0x82, 0x8082, 0x00008067, "c.jr zero,0(ra)"},
    {0x84, 0x8f82, 0x000f8067, "c.jr zero,0(t6)"},
    {0x86, 0x857e, 0x01f00533, "c.mv a0,zero,t6"},
    {0x88, 0x9002, 0x00100073, "c.ebreak"},
    {0x8a, 0x9782, 0x000780e7, "c.jalr ra,0(a5)"},
    {0x8c, 0x957e, 0x01f50533, "c.add a0,a0,t6"},
    {0x8e, 0xbfaa, 0x1ea13c27, "c.fsdsp fa0,504(sp)"},
    {0x90, 0xa402, 0x00013427, "c.fsdsp ft0,8(sp)"},
    {0x92, 0xdfaa, 0x0ea12e23, "c.swsp a0,252(sp)"},
    {0x94, 0xc22a, 0x00a12223, "c.swsp a0,4(sp)"},
    {0x96, 0xff86, 0x1e113c23, "c.sdsp ra,504(sp)"},
    {0x98, 0xe406, 0x00113423, "c.sdsp ra,8(sp)"},
};

const size_t NumVectors32 = sizeof(Vectors32) / sizeof(Vectors32[0]);
const size_t NumVectorsC = sizeof(VectorsC) / sizeof(VectorsC[0]);

} // namespace dbt::riscv::testvectors

using namespace dbt::riscv::testvectors;

namespace {

std::string firstWord(const char *Text) {
  std::string S = Text;
  return S.substr(0, S.find(' '));
}

// The mnemonic in the vector text, with an atomic's ordering suffix dropped.
std::string baseMnemonic(const char *Text) {
  std::string M = firstWord(Text);
  bool IsAtomic = M.rfind("amo", 0) == 0 || M.rfind("lr.", 0) == 0 ||
                  M.rfind("sc.", 0) == 0;
  if (!IsAtomic)
    return M;
  for (const char *Suffix : {".aqrl", ".aq", ".rl"}) {
    size_t L = std::strlen(Suffix);
    if (M.size() > L && M.compare(M.size() - L, L, Suffix) == 0)
      return M.substr(0, M.size() - L);
  }
  return M;
}

void expectSameFields(const Instruction &C, const Instruction &W) {
  EXPECT_EQ(C.Op, W.Op);
  EXPECT_EQ(C.Rd, W.Rd);
  EXPECT_EQ(C.Rs1, W.Rs1);
  EXPECT_EQ(C.Rs2, W.Rs2);
  EXPECT_EQ(C.Rs3, W.Rs3);
  EXPECT_EQ(C.Imm, W.Imm);
  EXPECT_EQ(C.Csr, W.Csr);
  EXPECT_EQ(C.Aq, W.Aq);
  EXPECT_EQ(C.Rl, W.Rl);
}

Instruction dec(uint32_t W) { return decode32(W); }

} // namespace

TEST(RISCVDecoder, EveryBaseFormDecodes) {
  std::set<Opcode> Seen;
  for (size_t N = 0; N < NumVectors32; ++N) {
    const Vector32 &V = Vectors32[N];
    SCOPED_TRACE(V.Text);
    Instruction I = decode32(V.Raw);
    ASSERT_TRUE(I.isValid());
    EXPECT_EQ(I.Length, 4u);
    EXPECT_EQ(I.Raw, V.Raw);
    EXPECT_EQ(I.COp, CompressedOpcode::None);
    std::string M = baseMnemonic(V.Text);
    // fence.tso is FENCE with fm=TSO.
    if (M == "fence.tso")
      M = "fence";
    EXPECT_EQ(M, getOpcodeInfo(I.Op).Mnemonic);
    Seen.insert(I.Op);
  }
  for (unsigned Op = 1; Op < unsigned(Opcode::NumOpcodes); ++Op)
    EXPECT_TRUE(Seen.count(Opcode(Op)))
        << "no vector for " << getOpcodeInfo(Opcode(Op)).Mnemonic;
}

TEST(RISCVDecoder, EveryCompressedFormMatchesItsExpansion) {
  std::set<CompressedOpcode> Seen;
  for (size_t N = 0; N < NumVectorsC; ++N) {
    const VectorC &V = VectorsC[N];
    SCOPED_TRACE(V.Text);
    Instruction C = decode16(V.Raw);
    ASSERT_TRUE(C.isValid());
    EXPECT_EQ(C.Length, 2u);
    EXPECT_EQ(C.Raw, V.Raw);
    EXPECT_EQ(firstWord(V.Text), getCompressedMnemonic(C.COp));
    Instruction W = decode32(V.Expansion);
    ASSERT_TRUE(W.isValid());
    expectSameFields(C, W);
    Seen.insert(C.COp);
  }
  for (unsigned Op = 1; Op < unsigned(CompressedOpcode::NumCompressedOpcodes);
       ++Op)
    EXPECT_TRUE(Seen.count(CompressedOpcode(Op)))
        << "no vector for " << getCompressedMnemonic(CompressedOpcode(Op));
}

TEST(RISCVDecoder, OpcodeInfo) {
  EXPECT_STREQ(getOpcodeInfo(Opcode::ADDI).Mnemonic, "addi");
  EXPECT_EQ(getOpcodeInfo(Opcode::ADDI).Fmt, Format::I);
  EXPECT_STREQ(getOpcodeInfo(Opcode::ADDI).Operands, "xd,xs1,imm");
  EXPECT_EQ(getOpcodeInfo(Opcode::SRAI).Fmt, Format::Shift64);
  EXPECT_EQ(getOpcodeInfo(Opcode::FMADD_D).Fmt, Format::R4);
  EXPECT_STREQ(getOpcodeInfo(Opcode::FMV_D_X).Mnemonic, "fmv.d.x");
  EXPECT_STREQ(getCompressedMnemonic(CompressedOpcode::C_ADDI16SP),
               "c.addi16sp");
  EXPECT_STREQ(getCompressedMnemonic(CompressedOpcode::C_SDSP), "c.sdsp");
}

TEST(RISCVDecoder, IType) {
  Instruction I = dec(0x80010113); // addi sp,sp,-2048
  EXPECT_EQ(I.Op, Opcode::ADDI);
  EXPECT_EQ(I.Rd, 2);
  EXPECT_EQ(I.Rs1, 2);
  EXPECT_EQ(I.Imm, -2048);
  I = dec(0x7ff32293); // slti t0,t1,2047
  EXPECT_EQ(I.Op, Opcode::SLTI);
  EXPECT_EQ(I.Rd, 5);
  EXPECT_EQ(I.Rs1, 6);
  EXPECT_EQ(I.Imm, 2047);
  I = dec(0xfff33293); // sltiu t0,t1,-1
  EXPECT_EQ(I.Imm, -1);
  I = dec(0x800780e7); // jalr ra,-2048(a5)
  EXPECT_EQ(I.Op, Opcode::JALR);
  EXPECT_EQ(I.Rd, 1);
  EXPECT_EQ(I.Rs1, 15);
  EXPECT_EQ(I.Imm, -2048);
  I = dec(0x00813083); // ld ra,8(sp)
  EXPECT_EQ(I.Op, Opcode::LD);
  EXPECT_EQ(I.Imm, 8);
  I = dec(0x8005859b); // addiw a1,a1,-2048
  EXPECT_EQ(I.Op, Opcode::ADDIW);
  EXPECT_EQ(I.Imm, -2048);
}

TEST(RISCVDecoder, SType) {
  Instruction I = dec(0x8129a023); // sw s2,-2048(s3)
  EXPECT_EQ(I.Op, Opcode::SW);
  EXPECT_EQ(I.Rs1, 19);
  EXPECT_EQ(I.Rs2, 18);
  EXPECT_EQ(I.Imm, -2048);
  EXPECT_EQ(I.Rd, 0);
  I = dec(0x7ff11fa3); // sh t6,2047(sp)
  EXPECT_EQ(I.Op, Opcode::SH);
  EXPECT_EQ(I.Rs1, 2);
  EXPECT_EQ(I.Rs2, 31);
  EXPECT_EQ(I.Imm, 2047);
  I = dec(0xfea58fa3); // sb a0,-1(a1)
  EXPECT_EQ(I.Imm, -1);
}

TEST(RISCVDecoder, BranchAndJumpOffsets) {
  Instruction I = dec(0x80b50063); // beq a0,a1,.-4096
  EXPECT_EQ(I.Op, Opcode::BEQ);
  EXPECT_EQ(I.Rs1, 10);
  EXPECT_EQ(I.Rs2, 11);
  EXPECT_EQ(I.Imm, -4096);
  I = dec(0x7e941fe3); // bne s0,s1,.+4094
  EXPECT_EQ(I.Op, Opcode::BNE);
  EXPECT_EQ(I.Imm, 4094);
  I = dec(0x8000006f); // jal zero,.-1048576
  EXPECT_EQ(I.Op, Opcode::JAL);
  EXPECT_EQ(I.Rd, 0);
  EXPECT_EQ(I.Imm, -1048576);
  I = dec(0x7ffff2ef); // jal t0,.+1048574
  EXPECT_EQ(I.Rd, 5);
  EXPECT_EQ(I.Imm, 1048574);
  I = dec(0x001000ef); // jal ra,.+2048
  EXPECT_EQ(I.Imm, 2048);
}

TEST(RISCVDecoder, UTypeIsShiftedAndSignExtended) {
  Instruction I = dec(0x12345537); // lui a0,0x12345
  EXPECT_EQ(I.Op, Opcode::LUI);
  EXPECT_EQ(I.Rd, 10);
  EXPECT_EQ(I.Imm, 0x12345000);
  I = dec(0x80000037); // lui zero,0x80000
  EXPECT_EQ(I.Imm, int64_t(0xffffffff80000000ull));
  I = dec(0xffffffb7); // lui t6,0xfffff
  EXPECT_EQ(I.Imm, -4096);
  I = dec(0x7ffff097); // auipc ra,0x7ffff
  EXPECT_EQ(I.Op, Opcode::AUIPC);
  EXPECT_EQ(I.Imm, 0x7ffff000);
}

TEST(RISCVDecoder, Shifts) {
  Instruction I = dec(0x03f59513); // slli a0,a1,63
  EXPECT_EQ(I.Op, Opcode::SLLI);
  EXPECT_EQ(I.Imm, 63);
  I = dec(0x43f5d513); // srai a0,a1,63
  EXPECT_EQ(I.Op, Opcode::SRAI);
  EXPECT_EQ(I.Imm, 63);
  I = dec(0x0204d413); // srli s0,s1,32
  EXPECT_EQ(I.Op, Opcode::SRLI);
  EXPECT_EQ(I.Imm, 32);
  I = dec(0x01f5951b); // slliw a0,a1,31
  EXPECT_EQ(I.Op, Opcode::SLLIW);
  EXPECT_EQ(I.Imm, 31);
  I = dec(0x41f5d51b); // sraiw a0,a1,31
  EXPECT_EQ(I.Op, Opcode::SRAIW);
  EXPECT_EQ(I.Imm, 31);
}

TEST(RISCVDecoder, CsrFields) {
  Instruction I = dec(0x00159573); // csrrw a0,fflags,a1
  EXPECT_EQ(I.Op, Opcode::CSRRW);
  EXPECT_EQ(I.Rd, 10);
  EXPECT_EQ(I.Rs1, 11);
  EXPECT_EQ(I.Csr, 0x001);
  I = dec(0x7c002573); // csrrs a0,0x7c0,zero
  EXPECT_EQ(I.Op, Opcode::CSRRS);
  EXPECT_EQ(I.Csr, 0x7c0);
  I = dec(0xc0102573); // csrrs a0,time,zero
  EXPECT_EQ(I.Csr, 0xc01);
  I = dec(0x001fd573); // csrrwi a0,fflags,31
  EXPECT_EQ(I.Op, Opcode::CSRRWI);
  EXPECT_EQ(I.Rd, 10);
  EXPECT_EQ(I.Imm, 31);
  EXPECT_EQ(I.Rs1, 0);
  EXPECT_EQ(I.Csr, 0x001);
}

TEST(RISCVDecoder, FenceImmHoldsBits31To20) {
  Instruction I = dec(0x0ff0000f); // fence iorw,iorw
  EXPECT_EQ(I.Op, Opcode::FENCE);
  EXPECT_EQ(I.Imm, 0x0ff);
  I = dec(0x0210000f); // fence r,w
  EXPECT_EQ(I.Imm, 0x021);
  I = dec(0x8330000f); // fence.tso
  EXPECT_EQ(I.Op, Opcode::FENCE);
  EXPECT_EQ(I.Imm, 0x833);
  // rd, rs1 and reserved fm values are ignored, as the spec requires.
  I = dec(0x4ff5850f);
  EXPECT_EQ(I.Op, Opcode::FENCE);
  EXPECT_EQ(I.Imm, 0x4ff);
  EXPECT_EQ(dec(0x0000100f).Op, Opcode::FENCE_I);
  EXPECT_EQ(dec(0xfff5950f).Op, Opcode::FENCE_I);
}

TEST(RISCVDecoder, System) {
  EXPECT_EQ(dec(0x00000073).Op, Opcode::ECALL);
  EXPECT_EQ(dec(0x00100073).Op, Opcode::EBREAK);
}

TEST(RISCVDecoder, AtomicOrdering) {
  Instruction I = dec(0x06b6252f); // amoadd.w.aqrl a0,a1,(a2)
  EXPECT_EQ(I.Op, Opcode::AMOADD_W);
  EXPECT_TRUE(I.Aq);
  EXPECT_TRUE(I.Rl);
  EXPECT_EQ(I.Rd, 10);
  EXPECT_EQ(I.Rs2, 11);
  EXPECT_EQ(I.Rs1, 12);
  I = dec(0x1005a52f); // lr.w a0,(a1)
  EXPECT_EQ(I.Op, Opcode::LR_W);
  EXPECT_FALSE(I.Aq);
  EXPECT_FALSE(I.Rl);
  EXPECT_EQ(I.Rs1, 11);
  I = dec(0x1405b52f); // lr.d.aq a0,(a1)
  EXPECT_EQ(I.Op, Opcode::LR_D);
  EXPECT_TRUE(I.Aq);
  EXPECT_FALSE(I.Rl);
  I = dec(0x1ab6252f); // sc.w.rl a0,a1,(a2)
  EXPECT_EQ(I.Op, Opcode::SC_W);
  EXPECT_FALSE(I.Aq);
  EXPECT_TRUE(I.Rl);
}

TEST(RISCVDecoder, FloatFieldsAndRoundingMode) {
  Instruction I = dec(0xf9eeae4f); // fnmadd.s ft8,ft9,ft10,ft11,rdn
  EXPECT_EQ(I.Op, Opcode::FNMADD_S);
  EXPECT_EQ(I.Rd, 28);
  EXPECT_EQ(I.Rs1, 29);
  EXPECT_EQ(I.Rs2, 30);
  EXPECT_EQ(I.Rs3, 31);
  EXPECT_EQ(I.Rm, RDN);
  I = dec(0x6ac5f543); // fmadd.d fa0,fa1,fa2,fa3 (dyn)
  EXPECT_EQ(I.Op, Opcode::FMADD_D);
  EXPECT_EQ(I.Rs3, 13);
  EXPECT_EQ(I.Rm, DYN);
  I = dec(0xc005b553); // fcvt.w.s a0,fa1,rup
  EXPECT_EQ(I.Op, Opcode::FCVT_W_S);
  EXPECT_EQ(I.Rd, 10);
  EXPECT_EQ(I.Rs1, 11);
  EXPECT_EQ(I.Rm, RUP);
  I = dec(0x00c59553); // fadd.s fa0,fa1,fa2,rtz
  EXPECT_EQ(I.Op, Opcode::FADD_S);
  EXPECT_EQ(I.Rm, RTZ);
  I = dec(0xffc12507); // flw fa0,-4(sp)
  EXPECT_EQ(I.Op, Opcode::FLW);
  EXPECT_EQ(I.Imm, -4);
}

TEST(RISCVDecoder, CompressedImmediateExtremes) {
  struct Case {
    uint16_t Raw;
    Opcode Op;
    uint8_t Rd, Rs1, Rs2;
    int64_t Imm;
  } Cases[] = {
      {0x1fe8, Opcode::ADDI, 10, 2, 0, 1020},       // c.addi4spn a0,sp,1020
      {0x0040, Opcode::ADDI, 8, 2, 0, 4},           // c.addi4spn s0,sp,4
      {0x7de8, Opcode::LD, 10, 11, 0, 248},         // c.ld a0,248(a1)
      {0x5de8, Opcode::LW, 10, 11, 0, 124},         // c.lw a0,124(a1)
      {0xfde8, Opcode::SD, 0, 11, 10, 248},         // c.sd a0,248(a1)
      {0x1501, Opcode::ADDI, 10, 10, 0, -32},       // c.addi a0,-32
      {0x057d, Opcode::ADDI, 10, 10, 0, 31},        // c.addi a0,31
      {0x357d, Opcode::ADDIW, 10, 10, 0, -1},       // c.addiw a0,-1
      {0x5501, Opcode::ADDI, 10, 0, 0, -32},        // c.li a0,-32
      {0x7101, Opcode::ADDI, 2, 2, 0, -512},        // c.addi16sp sp,-512
      {0x617d, Opcode::ADDI, 2, 2, 0, 496},         // c.addi16sp sp,496
      {0x7501, Opcode::LUI, 10, 0, 0, -0x20000},    // c.lui a0,0xfffe0
      {0x6dfd, Opcode::LUI, 27, 0, 0, 0x1f000},     // c.lui s11,0x1f
      {0x917d, Opcode::SRLI, 10, 10, 0, 63},        // c.srli a0,63
      {0x9901, Opcode::ANDI, 10, 10, 0, -32},       // c.andi a0,-32
      {0xb001, Opcode::JAL, 0, 0, 0, -2048},        // c.j .-2048
      {0xaffd, Opcode::JAL, 0, 0, 0, 2046},         // c.j .+2046
      {0xd101, Opcode::BEQ, 0, 10, 0, -256},        // c.beqz a0,.-256
      {0xeffd, Opcode::BNE, 0, 15, 0, 254},         // c.bnez a5,.+254
      {0x157e, Opcode::SLLI, 10, 10, 0, 63},        // c.slli a0,63
      {0x357e, Opcode::FLD, 10, 2, 0, 504},         // c.fldsp fa0,504(sp)
      {0x557e, Opcode::LW, 10, 2, 0, 252},          // c.lwsp a0,252(sp)
      {0x70fe, Opcode::LD, 1, 2, 0, 504},           // c.ldsp ra,504(sp)
      {0xbfaa, Opcode::FSD, 0, 2, 10, 504},         // c.fsdsp fa0,504(sp)
      {0xdfaa, Opcode::SW, 0, 2, 10, 252},          // c.swsp a0,252(sp)
      {0xff86, Opcode::SD, 0, 2, 1, 504},           // c.sdsp ra,504(sp)
  };
  for (const Case &C : Cases) {
    SCOPED_TRACE(C.Raw);
    Instruction I = decode16(C.Raw);
    EXPECT_EQ(I.Op, C.Op);
    EXPECT_EQ(I.Rd, C.Rd);
    EXPECT_EQ(I.Rs1, C.Rs1);
    EXPECT_EQ(I.Rs2, C.Rs2);
    EXPECT_EQ(I.Imm, C.Imm);
    EXPECT_EQ(I.Length, 2u);
  }
}

TEST(RISCVDecoder, CompressedHintsDecodeAsHarmlessOps) {
  struct Case {
    uint16_t Raw;
    Opcode Op;
    uint8_t Rd;
    int64_t Imm;
  } Cases[] = {
      {0x0001, Opcode::ADDI, 0, 0}, // c.nop
      {0x0005, Opcode::ADDI, 0, 1}, // c.addi zero,1
      {0x0501, Opcode::ADDI, 10, 0}, // c.addi a0,0
      {0x4015, Opcode::ADDI, 0, 5}, // c.li zero,5
      {0x6005, Opcode::LUI, 0, 0x1000}, // c.lui zero,1
      {0x802a, Opcode::ADD, 0, 0},  // c.mv zero,a0
      {0x902a, Opcode::ADD, 0, 0},  // c.add zero,a0
      {0x0006, Opcode::SLLI, 0, 1}, // c.slli zero,1
      {0x0502, Opcode::SLLI, 10, 0}, // c.slli64 a0
      {0x8001, Opcode::SRLI, 8, 0}, // c.srli64 s0
      {0x8481, Opcode::SRAI, 9, 0}, // c.srai64 s1
      {0x2002, Opcode::FLD, 0, 0},  // c.fldsp ft0,0(sp): f0 is a fine target
  };
  for (const Case &C : Cases) {
    SCOPED_TRACE(C.Raw);
    Instruction I = decode16(C.Raw);
    EXPECT_EQ(I.Op, C.Op);
    EXPECT_EQ(I.Rd, C.Rd);
    EXPECT_EQ(I.Imm, C.Imm);
  }
  Instruction Mv = decode16(0x802a);
  EXPECT_EQ(Mv.Rs1, 0);
  EXPECT_EQ(Mv.Rs2, 10);
}

TEST(RISCVDecoder, ReservedCompressedEncodingsAreInvalid) {
  const uint16_t Reserved[] = {
      0x0000, // all-zero halfword
      0x0004, // c.addi4spn s1,sp,0
      0x0010, // c.addi4spn with nzuimm=0, another rd'
      0x6101, // c.addi16sp sp,0
      0x6501, // c.lui a0,0
      0x6001, // c.lui zero,0
      0x4002, // c.lwsp zero,...
      0x6002, // c.ldsp zero,...
      0x407e, // c.lwsp zero,252(sp)
      0x8002, // c.jr zero
      0x2001, // c.addiw zero,0
      0x307d, // c.addiw zero,-1
      0x8000, // quadrant 0, funct3=100
      0x9ffc, // quadrant 0, funct3=100, everything set
      0x9c41, // CA with bit12=1 and funct2=10
      0x9c61, // CA with bit12=1 and funct2=11
  };
  for (uint16_t H : Reserved) {
    SCOPED_TRACE(H);
    Instruction I = decode16(H);
    EXPECT_FALSE(I.isValid());
    EXPECT_EQ(I.Length, 2u);
    EXPECT_EQ(I.Raw, H);
  }
}

TEST(RISCVDecoder, ReservedWordsAreInvalid) {
  const uint32_t Reserved[] = {
      0xffffffff, 0x00000000,
      0x0005d553, // fadd.s with rm=5
      0x0005e553, // fadd.s with rm=6
      0x4200d553, // fcvt.d.s with rm=5
      0x6cc5d543, // fmadd with rm=5 and fmt=2 (Q)
      0x6cc5f543, // fmadd with fmt=2 (Q is not supported)
      0x07f59513, // slli with funct6 != 0
      0x0205951b, // slliw with shamt[5] set
      0x4205d51b, // sraiw with shamt[5] set
      0x000000f3, // ecall with rd != 0
      0x00000873, // SYSTEM funct3=0 with rd != 0
      0x00200073, // uret (privileged)
      0x10500073, // wfi (privileged)
      0x1015a52f, // lr.w with rs2 != 0
      0x2800202f, // amo funct5 = 00101
      0x0000007b, // custom-3
      0x0000000b, // custom-0
      0x80b50533, // add with funct7 = 0x40
      0x00007003, // load funct3 = 7
      0x00004023, // store funct3 = 4
      0xfe000053, // OP-FP funct7 = 0x7f
      0xe0158553, // fmv.x.w with rs2 != 0
      0xe005a553, // fmv.x.w/fclass.s group with funct3 = 2
      0x0000400f, // MISC-MEM funct3 = 4
      0x00004073, // SYSTEM funct3 = 4
      0x0000402f, // AMO funct3 = 4
      0x00004007, // flq (Q is not supported)
      0x04001033, // OP with funct7 = 2
  };
  for (uint32_t W : Reserved) {
    SCOPED_TRACE(W);
    Instruction I = decode32(W);
    EXPECT_FALSE(I.isValid());
    EXPECT_EQ(I.Length, 4u);
    EXPECT_EQ(I.Raw, W);
  }
}

TEST(RISCVDecoder, DynamicRoundingIsLegalAtDecode) {
  Instruction I = decode32(0x0005f553); // fadd.s fa0,fa1,ft0 (rm=7)
  EXPECT_EQ(I.Op, Opcode::FADD_S);
  EXPECT_EQ(I.Rm, DYN);
  I = decode32(0x0005c553); // rm=4 (rmm)
  EXPECT_EQ(I.Rm, RMM);
}

TEST(RISCVDecoder, InstructionLength) {
  EXPECT_EQ(instructionLength(0x0000), 2u);
  EXPECT_EQ(instructionLength(0x0001), 2u);
  EXPECT_EQ(instructionLength(0x0002), 2u);
  EXPECT_EQ(instructionLength(0xfffe), 2u);
  EXPECT_EQ(instructionLength(0x0003), 4u);
  EXPECT_EQ(instructionLength(0x0013), 4u);
  EXPECT_EQ(instructionLength(0x007b), 4u);
  EXPECT_EQ(instructionLength(0x001f), 0u); // 48-bit
  EXPECT_EQ(instructionLength(0x003f), 0u); // 64-bit
  EXPECT_EQ(instructionLength(0x007f), 0u);
  EXPECT_EQ(instructionLength(0xffff), 0u);
}

TEST(RISCVDecoder, DecodeFromBytes) {
  const uint8_t Addi[] = {0x13, 0x05, 0x15, 0x00}; // addi a0,a0,1
  Instruction I = decode(Addi, sizeof(Addi));
  EXPECT_EQ(I.Op, Opcode::ADDI);
  EXPECT_EQ(I.Length, 4u);
  EXPECT_EQ(I.Imm, 1);
  // Only two bytes readable: a 32-bit encoding cannot be decoded.
  I = decode(Addi, 2);
  EXPECT_FALSE(I.isValid());
  EXPECT_EQ(I.Length, 0u);
  I = decode(Addi, 1);
  EXPECT_FALSE(I.isValid());
  EXPECT_EQ(I.Length, 0u);
  I = decode(Addi, 0);
  EXPECT_EQ(I.Length, 0u);

  const uint8_t CAddi[] = {0x05, 0x05}; // c.addi a0,1
  I = decode(CAddi, 2);
  EXPECT_EQ(I.Op, Opcode::ADDI);
  EXPECT_EQ(I.COp, CompressedOpcode::C_ADDI);
  EXPECT_EQ(I.Length, 2u);
  EXPECT_EQ(I.Rd, 10);
  EXPECT_EQ(I.Rs1, 10);
  EXPECT_EQ(I.Imm, 1);

  const uint8_t Ones[] = {0xff, 0xff, 0xff, 0xff};
  I = decode(Ones, 4);
  EXPECT_FALSE(I.isValid());
  EXPECT_EQ(I.Length, 4u);
}

TEST(RISCVDecoder, EveryHalfwordDecodesConsistently) {
  // Exhaustive: a valid compressed decode has Length 2, a known COp whose
  // expansion is the Op, and registers in range.
  unsigned Valid = 0;
  for (uint32_t H = 0; H < 0x10000; ++H) {
    if ((H & 3) == 3)
      continue;
    Instruction I = decode16(uint16_t(H));
    EXPECT_EQ(I.Length, 2u);
    EXPECT_EQ(I.Raw, H);
    if (!I.isValid()) {
      EXPECT_EQ(I.COp, CompressedOpcode::None);
      continue;
    }
    ++Valid;
    EXPECT_NE(I.COp, CompressedOpcode::None);
    EXPECT_LT(I.Rd, 32);
    EXPECT_LT(I.Rs1, 32);
    EXPECT_LT(I.Rs2, 32);
  }
  // objdump (binutils 2.40) accepts 46744 of the 49152 candidates, one of them
  // the reserved c.addi16sp sp,0, which must be illegal.
  EXPECT_EQ(Valid, 46743u);
}
