/* RV64A: lr/sc success and deterministic failures, every AMO in .w and .d
 * form (with aq/rl variants), .w results sign-extended. */
#include "minirt.h"

static u64 mem[4] __attribute__((aligned(64)));
static u64 other[512] __attribute__((aligned(4096)));

static const u64 A[] = {0, 1, 0xfffffffffffffffful, 0x7ffffffffffffffful,
                        0x8000000000000000ul, 0x00000000fffffffful,
                        0x0000000080000000ul, 0x123456789abcdef0ul};
static const u64 B[] = {5, 0xfffffffffffffffbul, 0x80000000ul, 0x7ffffffful,
                        0xfedcba9876543210ul};
#define N(x) (sizeof(x) / sizeof(x[0]))

#define AMO(op, id)                                                             \
  static u64 f_##id(u64 *p, u64 v) {                                          \
    u64 r;                                                                    \
    __asm__ volatile(#op " %0, %2, (%1)" : "=&r"(r) : "r"(p), "r"(v) : "memory"); \
    return r;                                                                 \
  }
AMO(amoswap.d, amoswap_d) AMO(amoadd.d, amoadd_d) AMO(amoxor.d, amoxor_d) AMO(amoand.d, amoand_d) AMO(amoor.d, amoor_d)
AMO(amomin.d, amomin_d) AMO(amomax.d, amomax_d) AMO(amominu.d, amominu_d) AMO(amomaxu.d, amomaxu_d)
AMO(amoswap.w, amoswap_w) AMO(amoadd.w, amoadd_w) AMO(amoxor.w, amoxor_w) AMO(amoand.w, amoand_w) AMO(amoor.w, amoor_w)
AMO(amomin.w, amomin_w) AMO(amomax.w, amomax_w) AMO(amominu.w, amominu_w) AMO(amomaxu.w, amomaxu_w)
AMO(amoadd.d.aq, amoadd_d_aq) AMO(amoadd.d.rl, amoadd_d_rl) AMO(amoadd.d.aqrl, amoadd_d_aqrl) AMO(amoswap.w.aq, amoswap_w_aq)
AMO(amoswap.w.rl, amoswap_w_rl) AMO(amoswap.w.aqrl, amoswap_w_aqrl)
#undef AMO

struct amo { const char *name; u64 (*f)(u64 *, u64); int word; };
#define E(op, id, w) {#op, f_##id, w}
static const struct amo OPS[] = {
    E(amoswap.d, amoswap_d, 0), E(amoadd.d, amoadd_d, 0), E(amoxor.d, amoxor_d, 0),
    E(amoand.d, amoand_d, 0),   E(amoor.d, amoor_d, 0),   E(amomin.d, amomin_d, 0),
    E(amomax.d, amomax_d, 0),   E(amominu.d, amominu_d, 0), E(amomaxu.d, amomaxu_d, 0),
    E(amoswap.w, amoswap_w, 1), E(amoadd.w, amoadd_w, 1), E(amoxor.w, amoxor_w, 1),
    E(amoand.w, amoand_w, 1),   E(amoor.w, amoor_w, 1),   E(amomin.w, amomin_w, 1),
    E(amomax.w, amomax_w, 1),   E(amominu.w, amominu_w, 1), E(amomaxu.w, amomaxu_w, 1),
    E(amoadd.d.aq, amoadd_d_aq, 0), E(amoadd.d.rl, amoadd_d_rl, 0),
    E(amoadd.d.aqrl, amoadd_d_aqrl, 0), E(amoswap.w.aq, amoswap_w_aq, 1),
    E(amoswap.w.rl, amoswap_w_rl, 1), E(amoswap.w.aqrl, amoswap_w_aqrl, 1),
};

int main(void) {
  for (unsigned o = 0; o < N(OPS); ++o)
    for (unsigned i = 0; i < N(A); ++i)
      for (unsigned j = 0; j < N(B); ++j) {
        mem[0] = A[i];
        mem[1] = 0x5555555555555555ul;
        u64 old = OPS[o].f(&mem[0], B[j]);
        /* .w operates on the low word only; the high word must survive */
        pr("%s %lx,%lx -> old %lx mem %lx %lx\n", OPS[o].name, A[i], B[j], old,
           mem[0], mem[1]);
      }

  /* lr/sc: success writes and returns 0 */
  u64 v, sc;
  mem[0] = 10;
  __asm__ volatile("lr.d %0, (%2)\n\taddi %0, %0, 1\n\tsc.d %1, %0, (%2)"
                   : "=&r"(v), "=&r"(sc) : "r"(&mem[0]) : "memory");
  pr("lr.d/sc.d ok: sc=%lx mem=%lx\n", sc, mem[0]);
  /* a second sc without a new lr fails (sc always drops the reservation) */
  __asm__ volatile("sc.d %0, %1, (%2)" : "=&r"(sc) : "r"(99ul), "r"(&mem[0]) : "memory");
  pr("sc.d again: sc=%lx mem=%lx\n", sc, mem[0]);
  /* sc to an address in another page than the reservation fails */
  other[0] = 1;
  __asm__ volatile("lr.d %0, (%2)\n\tsc.d %1, %3, (%4)"
                   : "=&r"(v), "=&r"(sc) : "r"(&mem[0]), "r"(77ul), "r"(&other[0]) : "memory");
  pr("sc.d elsewhere: sc=%lx other=%lx\n", sc, other[0]);
  /* lr.w sign-extends; sc.w stores 32 bits */
  mem[2] = 0x11111111ffff8000ul;
  __asm__ volatile("lr.w %0, (%2)\n\tsc.w %1, %3, (%2)"
                   : "=&r"(v), "=&r"(sc) : "r"(&mem[2]), "r"(0x1234567880000001ul) : "memory");
  pr("lr.w/sc.w: v=%lx sc=%lx mem=%lx\n", v, sc, mem[2]);
  __asm__ volatile("lr.w.aq %0, (%2)\n\tsc.w.rl %1, %3, (%2)"
                   : "=&r"(v), "=&r"(sc) : "r"(&mem[2]), "r"(5ul) : "memory");
  pr("lr.w.aq/sc.w.rl: v=%lx sc=%lx mem=%lx\n", v, sc, mem[2]);
  __asm__ volatile("lr.d.aqrl %0, (%2)\n\tsc.d.aqrl %1, %3, (%2)"
                   : "=&r"(v), "=&r"(sc) : "r"(&mem[2]), "r"(6ul) : "memory");
  pr("lr.d.aqrl/sc.d.aqrl: v=%lx sc=%lx mem=%lx\n", v, sc, mem[2]);
  /* a CAS loop as compilers emit it */
  u64 counter = 0;
  for (int k = 0; k < 1000; ++k)
    __atomic_fetch_add(&counter, 3, __ATOMIC_SEQ_CST);
  u32 c32 = 0xfffffff0u;
  u32 expected = 0xfffffff0u;
  int ok = __atomic_compare_exchange_n(&c32, &expected, 7u, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  u64 d64 = 5, e64 = 6;
  int ok2 = __atomic_compare_exchange_n(&d64, &e64, 9ul, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  pr("atomics: %lu %d %x %d %lu %lu\n", counter, ok, c32, ok2, d64, e64);
  pr("done\n");
  return 0;
}
