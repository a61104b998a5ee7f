/* RV64M: mul/mulh/mulhsu/mulhu/mulw and every division and remainder form,
 * including division by zero and signed overflow (which do not trap). */
#include "minirt.h"

static const u64 V[] = {
    0, 1, 2, 3, 7, 0xfffffffffffffffful, 0xfffffffffffffffeul, 0xfffffffffffffff9ul,
    0x7ffffffffffffffful, 0x8000000000000000ul, 0x000000007ffffffful,
    0x0000000080000000ul, 0xffffffff80000000ul, 0x00000000fffffffful,
    0x123456789abcdef0ul, 0xffffffff00000001ul,
};
#define NV (sizeof(V) / sizeof(V[0]))

#define RR(op)                                                                \
  static u64 f_##op(u64 a, u64 b) {                                           \
    u64 r;                                                                    \
    __asm__ volatile(#op " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));           \
    return r;                                                                 \
  }
RR(mul) RR(mulh) RR(mulhsu) RR(mulhu) RR(mulw) RR(div) RR(divu) RR(rem)
RR(remu) RR(divw) RR(divuw) RR(remw) RR(remuw)

struct rrop { const char *name; u64 (*f)(u64, u64); };
static const struct rrop OPS[] = {
    {"mul", f_mul},     {"mulh", f_mulh},   {"mulhsu", f_mulhsu}, {"mulhu", f_mulhu},
    {"mulw", f_mulw},   {"div", f_div},     {"divu", f_divu},     {"rem", f_rem},
    {"remu", f_remu},   {"divw", f_divw},   {"divuw", f_divuw},   {"remw", f_remw},
    {"remuw", f_remuw},
};

int main(void) {
  for (unsigned o = 0; o < sizeof(OPS) / sizeof(OPS[0]); ++o)
    for (unsigned i = 0; i < NV; ++i)
      for (unsigned j = 0; j < NV; ++j)
        pr("%s %lx,%lx = %lx\n", OPS[o].name, V[i], V[j], OPS[o].f(V[i], V[j]));
  /* the recommended fused sequence mulh + mul with the same operands */
  u64 hi, lo, a = 0xfedcba9876543210ul, b = 0x0fedcba987654321ul;
  __asm__ volatile("mulh %0, %2, %3\n\tmul %1, %2, %3" : "=&r"(hi), "=&r"(lo) : "r"(a), "r"(b));
  pr("mulh+mul %lx %lx\n", hi, lo);
  /* div + rem pair, rd different from sources */
  u64 q, r;
  __asm__ volatile("div %0, %2, %3\n\trem %1, %2, %3" : "=&r"(q), "=&r"(r) : "r"(-7l), "r"(2l));
  pr("div+rem %lx %lx\n", q, r);
  pr("done\n");
  return 0;
}
