/* RV64I register-register, register-immediate and W-form arithmetic, logic,
 * shifts and compares over edge values. */
#include "minirt.h"

static const u64 V[] = {
    0x0000000000000000ul, 0x0000000000000001ul, 0xfffffffffffffffful,
    0x7ffffffffffffffful, 0x8000000000000000ul, 0x000000007ffffffful,
    0x0000000080000000ul, 0xffffffff80000000ul, 0x00000000fffffffful,
    0x123456789abcdef0ul, 0xfedcba9876543210ul, 0x000000000000003ful,
    0x0000000000000020ul, 0x000000000000001ful, 0x0000000000000040ul,
};
#define NV (sizeof(V) / sizeof(V[0]))

#define RR(op)                                                                \
  static u64 f_##op(u64 a, u64 b) {                                           \
    u64 r;                                                                    \
    __asm__ volatile(#op " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));           \
    return r;                                                                 \
  }
RR(add) RR(sub) RR(and) RR(or) RR(xor) RR(sll) RR(srl) RR(sra) RR(slt) RR(sltu)
RR(addw) RR(subw) RR(sllw) RR(srlw) RR(sraw)

struct rrop { const char *name; u64 (*f)(u64, u64); };
static const struct rrop RROPS[] = {
    {"add", f_add},   {"sub", f_sub},   {"and", f_and},   {"or", f_or},
    {"xor", f_xor},   {"sll", f_sll},   {"srl", f_srl},   {"sra", f_sra},
    {"slt", f_slt},   {"sltu", f_sltu}, {"addw", f_addw}, {"subw", f_subw},
    {"sllw", f_sllw}, {"srlw", f_srlw}, {"sraw", f_sraw},
};

#define RI(op, imm)                                                           \
  do {                                                                        \
    u64 r;                                                                    \
    __asm__ volatile(#op " %0, %1, " #imm : "=r"(r) : "r"(a));                \
    pr("%s %lx," #imm " = %lx\n", #op, a, r);                                 \
  } while (0)

#define UN(op)                                                                \
  do {                                                                        \
    u64 r;                                                                    \
    __asm__ volatile(#op " %0, %1" : "=r"(r) : "r"(a));                       \
    pr("%s %lx = %lx\n", #op, a, r);                                          \
  } while (0)

static NOINLINE void imm_ops(u64 a) {
  RI(addi, 0); RI(addi, 1); RI(addi, -1); RI(addi, 2047); RI(addi, -2048);
  RI(andi, -1); RI(andi, 0x7ff); RI(andi, -2048); RI(andi, 0x555);
  RI(ori, 0); RI(ori, -2048); RI(ori, 0x2aa);
  RI(xori, -1); RI(xori, 0x7ff); RI(xori, -2048);
  RI(slti, 0); RI(slti, -1); RI(slti, 2047); RI(slti, -2048);
  RI(sltiu, 0); RI(sltiu, 1); RI(sltiu, -1); RI(sltiu, 2047);
  RI(slli, 0); RI(slli, 1); RI(slli, 31); RI(slli, 32); RI(slli, 63);
  RI(srli, 0); RI(srli, 1); RI(srli, 31); RI(srli, 32); RI(srli, 63);
  RI(srai, 0); RI(srai, 1); RI(srai, 31); RI(srai, 32); RI(srai, 63);
  RI(addiw, 0); RI(addiw, 1); RI(addiw, -1); RI(addiw, 2047); RI(addiw, -2048);
  RI(slliw, 0); RI(slliw, 1); RI(slliw, 31);
  RI(srliw, 0); RI(srliw, 1); RI(srliw, 31);
  RI(sraiw, 0); RI(sraiw, 1); RI(sraiw, 31);
  UN(seqz); UN(snez); UN(neg); UN(negw); UN(not); UN(sext.w);
}

int main(void) {
  for (unsigned o = 0; o < sizeof(RROPS) / sizeof(RROPS[0]); ++o)
    for (unsigned i = 0; i < NV; ++i)
      for (unsigned j = 0; j < NV; ++j)
        pr("%s %lx,%lx = %lx\n", RROPS[o].name, V[i], V[j], RROPS[o].f(V[i], V[j]));
  for (unsigned i = 0; i < NV; ++i)
    imm_ops(V[i]);
  /* x0 as destination is discarded; x0 as source reads zero. */
  u64 r = 5;
  __asm__ volatile("add x0, %0, %0\n\tadd %0, %0, x0" : "+r"(r));
  pr("x0 %lx\n", r);
  /* lui / auipc */
  u64 l1, l2, l3, l4;
  __asm__ volatile("lui %0, 0x80000" : "=r"(l1));
  __asm__ volatile("lui %0, 0x7ffff" : "=r"(l2));
  __asm__ volatile("lui %0, 0xfffff" : "=r"(l3));
  __asm__ volatile("lui %0, 0x12345\n\taddi %0, %0, 0x678" : "=r"(l4));
  pr("lui %lx %lx %lx %lx\n", l1, l2, l3, l4);
  u64 pc1, lab, pc2;
  __asm__ volatile("1: auipc %0, 0\n\tla %1, 1b\n\t"
                   "2: auipc %2, 0x80000\n\tla %1, 1b\n\t"
                   : "=&r"(pc1), "=&r"(lab), "=&r"(pc2));
  pr("auipc %lx %lx\n", pc1 - lab, pc2 - lab);
  pr("done\n");
  return 0;
}
