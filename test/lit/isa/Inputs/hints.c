/* HINT encodings (writes to x0, zero shift amounts in RVC, c.nop with an
 * immediate, c.addi with 0, fence variants incl. pause and fence.tso) must
 * execute as no-ops, not trap. Every instruction is emitted as raw bits. */
#include "minirt.h"

#define RUN(name, enc)                                                        \
  do {                                                                        \
    register u64 a0 __asm__("a0") = 0x1111;                                   \
    register u64 a1 __asm__("a1") = 0x2222;                                   \
    __asm__ volatile(enc : "+r"(a0), "+r"(a1) : : "memory");                  \
    pr("%s: a0=%lx a1=%lx\n", name, a0, a1);                                  \
  } while (0)

int main(void) {
  RUN("addi x0,x0,0 (nop)", ".word 0x00000013");
  RUN("addi x0,a0,5", ".word 0x00550013");
  RUN("lui x0,0x12345", ".word 0x12345037");
  RUN("auipc x0,1", ".word 0x00001017");
  RUN("add x0,a0,a1", ".word 0x00b50033");
  RUN("slli x0,a0,3", ".word 0x00351013");
  RUN("sltu x0,a0,a1", ".word 0x00b53033");
  RUN("addiw x0,a0,1", ".word 0x0015001b");
  RUN("fence w,0 (pause)", ".word 0x0100000f");
  RUN("fence.tso", ".word 0x8330000f");
  RUN("fence 0,0", ".word 0x0000000f");
  RUN("fence iorw,iorw", ".word 0x0ff0000f");
  RUN("c.nop 5", ".half 0x0015\n\t.half 0x0001");
  RUN("c.addi a0,0", ".half 0x0501\n\t.half 0x0001");
  RUN("c.li x0,5", ".half 0x4015\n\t.half 0x0001");
  RUN("c.lui x0,1", ".half 0x6005\n\t.half 0x0001");
  RUN("c.mv x0,a1", ".half 0x802e\n\t.half 0x0001");
  RUN("c.add x0,a1", ".half 0x902e\n\t.half 0x0001");
  RUN("c.slli x0,1", ".half 0x0006\n\t.half 0x0001");
  RUN("c.slli a0,0 (rv64 hint)", ".half 0x0502\n\t.half 0x0001");
  RUN("c.srli a0,0 (hint)", ".half 0x8101\n\t.half 0x0001");
  RUN("c.srai a0,0 (hint)", ".half 0x8501\n\t.half 0x0001");
  RUN("c.addi a0,3 (not a hint)", ".half 0x050d\n\t.half 0x0001");
  RUN("c.slli a0,4 (not a hint)", ".half 0x0512\n\t.half 0x0001");
  pr("done\n");
  return 0;
}
