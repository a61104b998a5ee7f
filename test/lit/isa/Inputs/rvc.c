/* RVC: every RV64C instruction written explicitly as c.*, so the assembler
 * must use the 16-bit encodings, over a few operand values. */
#include "minirt.h"

static const u64 V[] = {0, 1, 0xfffffffffffffffful, 0x7ffffffffffffffful,
                        0x8000000000000000ul, 0x00000000fffffffful,
                        0x0000000080000000ul, 0x123456789abcdef0ul};
#define NV (sizeof(V) / sizeof(V[0]))

/* rd/rs1 = a0, rs2 = a1 (both in the x8-x15 set of compressed registers) */
#define C2(op)                                                                \
  static u64 f_##op(u64 x, u64 y) {                                           \
    register u64 a0 __asm__("a0") = x;                                        \
    register u64 a1 __asm__("a1") = y;                                        \
    __asm__ volatile("c." #op " a0, a1" : "+r"(a0) : "r"(a1));                \
    return a0;                                                                \
  }
C2(add) C2(sub) C2(xor) C2(or) C2(and) C2(addw) C2(subw) C2(mv)

#define CI(op, imm)                                                           \
  do {                                                                        \
    register u64 a0 __asm__("a0") = x;                                        \
    __asm__ volatile("c." #op " a0, " #imm : "+r"(a0));                       \
    pr("c." #op " %lx," #imm " = %lx\n", x, a0);                              \
  } while (0)

static NOINLINE void imm_ops(u64 x) {
  CI(addi, 1); CI(addi, -1); CI(addi, 31); CI(addi, -32);
  CI(addiw, 0); CI(addiw, 1); CI(addiw, -32); CI(addiw, 31);
  CI(slli, 1); CI(slli, 32); CI(slli, 63);
  CI(srli, 1); CI(srli, 32); CI(srli, 63);
  CI(srai, 1); CI(srai, 32); CI(srai, 63);
  CI(andi, -1); CI(andi, 31); CI(andi, -32); CI(andi, 0);
}

static u64 mem[8] __attribute__((aligned(16)));

int main(void) {
  static const struct { const char *n; u64 (*f)(u64, u64); } OPS[] = {
      {"c.add", f_add}, {"c.sub", f_sub}, {"c.xor", f_xor}, {"c.or", f_or},
      {"c.and", f_and}, {"c.addw", f_addw}, {"c.subw", f_subw}, {"c.mv", f_mv}};
  for (unsigned o = 0; o < sizeof(OPS) / sizeof(OPS[0]); ++o)
    for (unsigned i = 0; i < NV; ++i)
      for (unsigned j = 0; j < NV; ++j)
        pr("%s %lx,%lx = %lx\n", OPS[o].n, V[i], V[j], OPS[o].f(V[i], V[j]));
  for (unsigned i = 0; i < NV; ++i)
    imm_ops(V[i]);

  /* c.li / c.lui (sign extension of both) */
  {
    register u64 a0 __asm__("a0"), a1 __asm__("a1"), a2 __asm__("a2"), a3 __asm__("a3");
    __asm__ volatile("c.li a0, -32\n\tc.li a1, 31\n\tc.lui a2, 0xfffe0\n\tc.lui a3, 0x1f"
                     : "=r"(a0), "=r"(a1), "=r"(a2), "=r"(a3));
    pr("c.li %lx %lx c.lui %lx %lx\n", a0, a1, a2, a3);
  }
  /* register-based loads/stores */
  {
    for (int i = 0; i < 8; ++i)
      mem[i] = 0x8877665544332211ul * (u64)(i + 1);
    register u64 base __asm__("a0") = (u64)mem;
    register u64 r1 __asm__("a1"), r2 __asm__("a2"), r3 __asm__("a3");
    __asm__ volatile("c.lw a1, 4(a0)\n\tc.ld a2, 8(a0)\n\t"
                     "c.sw a1, 16(a0)\n\tc.sd a2, 24(a0)\n\t"
                     "c.ld a3, 16(a0)\n\t"
                     : "=&r"(r1), "=&r"(r2), "=&r"(r3) : "r"(base) : "memory");
    pr("c.lw %lx c.ld %lx c.sw/c.sd %lx %lx\n", r1, r2, r3, mem[3]);
  }
  {
    /* local register variables do not survive calls: set them up again */
    register u64 base __asm__("a0") = (u64)mem;
    register u64 r4 __asm__("a4");
    __asm__ volatile("c.fld fa0, 32(a0)\n\tc.fsd fa0, 56(a0)\n\tfmv.x.d a4, fa0"
                     : "=r"(r4) : "r"(base) : "memory", "fa0");
    pr("c.fld/c.fsd %lx %lx\n", r4, mem[7]);
  }
  /* sp-based forms and c.addi16sp / c.addi4spn */
  {
    register u64 r0 __asm__("a0") = 0xfedcba9880000001ul;
    register u64 r1 __asm__("a1"), r2 __asm__("a2"), r3 __asm__("a3"), r4 __asm__("a4"),
        r5 __asm__("a5");
    __asm__ volatile("mv a5, sp\n\t"
                     "c.addi16sp sp, -64\n\t"
                     "c.sdsp a0, 8(sp)\n\t"
                     "c.swsp a0, 16(sp)\n\t"
                     "c.ldsp a1, 8(sp)\n\t"
                     "c.lwsp a2, 16(sp)\n\t"
                     "fmv.d.x fa1, a0\n\t"
                     "c.fsdsp fa1, 24(sp)\n\t"
                     "c.fldsp fa2, 24(sp)\n\t"
                     "fmv.x.d a3, fa2\n\t"
                     "c.addi4spn a4, sp, 40\n\t"
                     "sub a4, a4, sp\n\t"
                     "c.addi16sp sp, 64\n\t"
                     "sub a5, a5, sp\n\t"
                     : "=&r"(r1), "=&r"(r2), "=&r"(r3), "=&r"(r4), "=&r"(r5)
                     : "r"(r0) : "memory", "fa1", "fa2");
    pr("c.ldsp %lx c.lwsp %lx c.fldsp %lx c.addi4spn %lx sp-delta %lx\n", r1, r2, r3, r4, r5);
  }
  /* control: c.j, c.beqz, c.bnez, c.jr, c.jalr, c.nop */
  for (unsigned i = 0; i < 3; ++i) {
    register u64 a0 __asm__("a0") = V[i];
    register u64 a1 __asm__("a1") = 0;
    __asm__ volatile("c.nop\n\t"
                     "c.beqz a0, 1f\n\t"
                     "c.addi a1, 1\n"
                     "1: c.bnez a0, 2f\n\t"
                     "c.addi a1, 2\n"
                     "2: c.j 3f\n\t"
                     "c.addi a1, 4\n"
                     "3:\n" : "+r"(a1) : "r"(a0));
    pr("c.branch %lx = %lx\n", V[i], a1);
  }
  {
    register u64 a1 __asm__("a1") = 0, a2 __asm__("a2"), a3 __asm__("a3");
    __asm__ volatile("la a2, 1f\n\t"
                     "c.jr a2\n\t"
                     "c.addi a1, 1\n"
                     "1: la a2, 2f\n\t"
                     "mv a3, ra\n\t"
                     "c.jalr a2\n"
                     "4: c.addi a1, 8\n\t"
                     "j 5f\n"
                     "2: la a2, 4b\n\t"
                     "sub a2, ra, a2\n\t"     /* link = address after c.jalr */
                     "c.addi a1, 2\n\t"
                     "c.jr ra\n"
                     "5: mv ra, a3\n\t"
                     : "+r"(a1), "=&r"(a2), "=&r"(a3) : : "memory");
    pr("c.jr/c.jalr %lx link-delta %lx\n", a1, a2);
  }
  pr("done\n");
  return 0;
}
