/* RV64I control transfer: every conditional branch over edge values (taken
 * and not taken, forward and backward), jal/jalr link values, jalr with an
 * odd target (bit 0 cleared), indirect calls through a table, and a loop. */
#include "minirt.h"

static const u64 V[] = {0, 1, 0xfffffffffffffffful, 0x7ffffffffffffffful,
                        0x8000000000000000ul, 0x80000000ul, 0xffffffff80000000ul, 2};
#define NV (sizeof(V) / sizeof(V[0]))

#define BR(op)                                                                \
  static int b_##op(u64 a, u64 b) {                                           \
    int r;                                                                    \
    __asm__ volatile("li %0, 1\n\t" #op " %1, %2, 1f\n\t"                     \
                     "li %0, 0\n1:" : "=&r"(r) : "r"(a), "r"(b));              \
    return r;                                                                 \
  }                                                                           \
  static int bb_##op(u64 a, u64 b) { /* backward branch */                    \
    int r;                                                                    \
    __asm__ volatile("li %0, 0\n\tj 2f\n"                                     \
                     "1: li %0, 1\n\tj 3f\n"                                  \
                     "2: " #op " %1, %2, 1b\n3:" : "=&r"(r) : "r"(a), "r"(b)); \
    return r;                                                                 \
  }
BR(beq) BR(bne) BR(blt) BR(bge) BR(bltu) BR(bgeu)

struct brop { const char *name; int (*f)(u64, u64); int (*g)(u64, u64); };
static const struct brop OPS[] = {
    {"beq", b_beq, bb_beq},   {"bne", b_bne, bb_bne},   {"blt", b_blt, bb_blt},
    {"bge", b_bge, bb_bge},   {"bltu", b_bltu, bb_bltu}, {"bgeu", b_bgeu, bb_bgeu},
};

static NOINLINE long add1(long x) { return x + 1; }
static NOINLINE long dbl(long x) { return x * 2; }
static NOINLINE long neg(long x) { return -x; }
static long (*const TABLE[])(long) = {add1, dbl, neg};

int main(void) {
  for (unsigned o = 0; o < sizeof(OPS) / sizeof(OPS[0]); ++o)
    for (unsigned i = 0; i < NV; ++i) {
      pr("%s %lx:", OPS[o].name, V[i]);
      for (unsigned j = 0; j < NV; ++j)
        pr(" %d%d", OPS[o].f(V[i], V[j]), OPS[o].g(V[i], V[j]));
      pr("\n");
    }
  /* pseudo branches: beqz bnez blez bgez bltz bgtz bgt ble bgtu bleu */
  for (unsigned i = 0; i < NV; ++i) {
    u64 a = V[i], r = 0;
    __asm__ volatile(
        "li %0, 0\n\t"
        "beqz %1, 1f\n\tori %0, %0, 1\n1:\n\t"
        "bnez %1, 1f\n\tori %0, %0, 2\n1:\n\t"
        "blez %1, 1f\n\tori %0, %0, 4\n1:\n\t"
        "bgez %1, 1f\n\tori %0, %0, 8\n1:\n\t"
        "bltz %1, 1f\n\tori %0, %0, 16\n1:\n\t"
        "bgtz %1, 1f\n\tori %0, %0, 32\n1:\n\t"
        : "=&r"(r) : "r"(a));
    pr("bz %lx = %lx\n", a, r);
  }
  /* jal: link register holds pc+4; jumps forward over code. */
  u64 link, here;
  __asm__ volatile("jal %0, 1f\n\t"
                   "2: nop\n\tnop\n"
                   "1: la %1, 2b\n\t" : "=&r"(link), "=&r"(here));
  pr("jal link-ok %d\n", link == here);
  /* jalr with offset, with rd == rs1, and with an odd target address. */
  u64 t, l2, exp, exp2;
  __asm__ volatile("la %0, 1f\n\t"
                   "addi %0, %0, -3\n\t"   /* odd: target = (t + 4) & ~1 */
                   "jalr %1, 4(%0)\n"
                   "3: li %1, 0\n"          /* skipped */
                   "1: nop\n\t"
                   "la %2, 3b\n\t"
                   "la %3, 1b\n\t"
                   : "=&r"(t), "=&r"(l2), "=&r"(exp), "=&r"(exp2));
  pr("jalr-odd link-ok %d landed %d\n", l2 == exp, t + 3 == exp2);
  u64 r2;
  __asm__ volatile("la %0, 1f\n\t"
                   "jalr %0, 0(%0)\n\t"    /* rd == rs1: target read first */
                   "1: nop\n\t" : "=&r"(r2));
  pr("jalr rd==rs1 ok %d\n", r2 != 0);
  long acc = 3;
  for (int k = 0; k < 9; ++k)
    acc = OPAQUE(&TABLE[0])[k % 3](acc);
  pr("table %ld\n", acc);
  /* A counted loop of 100000 iterations with a backward branch. */
  u64 sum = 0, n = 100000;
  __asm__ volatile("1: add %0, %0, %1\n\taddi %1, %1, -1\n\tbnez %1, 1b"
                   : "+r"(sum), "+r"(n));
  pr("loop %lu\n", sum);
  pr("done\n");
  return 0;
}
