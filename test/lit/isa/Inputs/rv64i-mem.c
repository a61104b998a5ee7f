/* RV64I loads and stores: every width with sign and zero extension, positive
 * and negative offsets, misaligned accesses, stores of each width over a
 * known pattern, and x0 as a load destination. */
#include "minirt.h"

static u8 buf[64] __attribute__((aligned(16)));

static void fill(void) {
  for (int i = 0; i < 64; ++i)
    buf[i] = (u8)(0x80 + i * 7);
}

static void dump(const char *what) {
  pr("%s:", what);
  for (int i = 0; i < 24; ++i)
    pr(" %02x", buf[i]);
  pr("\n");
}

#define LD(op, off)                                                           \
  do {                                                                        \
    u64 r;                                                                    \
    __asm__ volatile(#op " %0, " #off "(%1)" : "=r"(r) : "r"(p) : "memory");  \
    pr(#op " %d(%d) = %lx\n", off, base, r);                                  \
  } while (0)

static NOINLINE void loads(int base) {
  u8 *p = buf + base;
  LD(lb, 0); LD(lb, 1); LD(lb, -1); LD(lbu, 0); LD(lbu, 3); LD(lbu, -2);
  LD(lh, 0); LD(lh, 2); LD(lh, -2); LD(lhu, 0); LD(lhu, 4); LD(lhu, -4);
  LD(lw, 0); LD(lw, 4); LD(lw, -4); LD(lwu, 0); LD(lwu, 8); LD(lwu, -8);
  LD(ld, 0); LD(ld, 8); LD(ld, -8);
}

#define ST(op, off, val)                                                      \
  do {                                                                        \
    fill();                                                                   \
    __asm__ volatile(#op " %1, " #off "(%0)" : : "r"(p), "r"(val) : "memory"); \
    dump(#op " " #off " " #val);                                              \
  } while (0)

int main(void) {
  fill();
  dump("init");
  loads(8);
  loads(16);
  /* misaligned: Linux user programs may rely on these working */
  loads(9);
  loads(11);
  u8 *p = buf + 8;
  ST(sb, 0, 0x1122334455667788ul);
  ST(sb, -1, 0xfful);
  ST(sh, 2, 0x1122334455667788ul);
  ST(sh, -2, 0xabcdul);
  ST(sw, 4, 0x1122334455667788ul);
  ST(sw, -4, 0xdeadbeeful);
  ST(sd, 0, 0x1122334455667788ul);
  ST(sd, -8, 0xfffffffffffffffful);
  ST(sd, 3, 0x0102030405060708ul);
  ST(sw, 1, 0xcafef00dul);
  ST(sh, 7, 0x9988ul);
  u64 r = 7;
  __asm__ volatile("ld x0, 0(%1)\n\tmv %0, x0" : "=r"(r) : "r"(p) : "memory");
  pr("x0 load %lx\n", r);
  /* a large (4 KiB) array on the stack: stack accesses across pages */
  volatile u64 big[600];
  for (int i = 0; i < 600; ++i)
    big[i] = (u64)i * 0x9e3779b97f4a7c15ul;
  u64 h = 0;
  for (int i = 599; i >= 0; --i)
    h = (h ^ big[i]) * 31;
  pr("stack hash %lx\n", h);
  pr("done\n");
  return 0;
}
