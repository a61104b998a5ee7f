/* F and D arithmetic (fadd fsub fmul fdiv fsqrt) in all five static rounding
 * modes and with the dynamic mode under each frm value, with fflags after
 * every operation. */
#include "fputil.h"

typedef u64 (*fn2)(u64, u64, u64 *);

RMS(DEF2S, fadd_s, "fadd.s") RMS(DEF2S, fsub_s, "fsub.s")
RMS(DEF2S, fmul_s, "fmul.s") RMS(DEF2S, fdiv_s, "fdiv.s")
RMS(DEF1S, fsqrt_s, "fsqrt.s")
RMS(DEF2D, fadd_d, "fadd.d") RMS(DEF2D, fsub_d, "fsub.d")
RMS(DEF2D, fmul_d, "fmul.d") RMS(DEF2D, fdiv_d, "fdiv.d")
RMS(DEF1D, fsqrt_d, "fsqrt.d")

struct op { const char *name; fn2 f[6]; };
static const struct op SOPS[] = {
    {"fadd.s", RMTAB(fadd_s)}, {"fsub.s", RMTAB(fsub_s)}, {"fmul.s", RMTAB(fmul_s)},
    {"fdiv.s", RMTAB(fdiv_s)}, {"fsqrt.s", RMTAB(fsqrt_s)},
};
static const struct op DOPS[] = {
    {"fadd.d", RMTAB(fadd_d)}, {"fsub.d", RMTAB(fsub_d)}, {"fmul.d", RMTAB(fmul_d)},
    {"fdiv.d", RMTAB(fdiv_d)}, {"fsqrt.d", RMTAB(fsqrt_d)},
};

/* operand pairs chosen so rounding direction and every flag matter */
static const u64 SP[][2] = {
    {0x3f800000, 0x33800000}, /* 1 + 2^-24: exact tie */
    {0x3f800000, 0x33800001}, /* just above the tie */
    {0xbf800000, 0x33800000}, /* -1 + 2^-24 */
    {0x3f800001, 0x33800000}, /* tie with odd lsb */
    {0x40400000, 0x40e00000}, /* 3, 7: inexact quotient */
    {0xc0400000, 0x40e00000}, /* -3, 7 */
    {0x7f7fffff, 0x7f7fffff}, /* max, max: overflow */
    {0xff7fffff, 0x7f7fffff}, /* -max, max */
    {0x00800001, 0x3f000000}, /* min normal (odd) * 0.5: tiny inexact */
    {0x00800000, 0x3f000000}, /* min normal * 0.5: exact subnormal */
    {0x3f800001, 0x007fffff}, /* rounds up to min normal: tiny only before rounding */
    {0x00000001, 0x00000001}, /* smallest subnormals */
    {0x80000000, 0x00000000}, /* -0, +0 */
    {0x00000000, 0x00000000}, /* 0, 0: 0/0 invalid */
    {0x3f800000, 0x80000000}, /* 1 / -0: divide by zero */
    {0x7f800000, 0xff800000}, /* inf, -inf */
    {0x7f800000, 0x00000000}, /* inf, 0 */
    {0x7fc12345, 0x3f800000}, /* qNaN with payload */
    {0x7f800001, 0x3f800000}, /* sNaN */
    {0xbf800000, 0x3f800000}, /* -1 (sqrt invalid) */
    {0x40000000, 0x3eaaaaab}, /* 2 (sqrt inexact), 1/3 */
    {0x4b7fffff, 0x3f000000}, /* 2^24-1 + 0.5: tie at integer spacing */
};
static const u64 DP[][2] = {
    {0x3ff0000000000000, 0x3ca0000000000000}, /* 1 + 2^-53 */
    {0x3ff0000000000000, 0x3ca0000000000001},
    {0xbff0000000000000, 0x3ca0000000000000},
    {0x3ff0000000000001, 0x3ca0000000000000},
    {0x4008000000000000, 0x401c000000000000}, /* 3, 7 */
    {0xc008000000000000, 0x401c000000000000},
    {0x7fefffffffffffff, 0x7fefffffffffffff}, /* max, max */
    {0xffefffffffffffff, 0x7fefffffffffffff},
    {0x0010000000000001, 0x3fe0000000000000}, /* min normal (odd) * 0.5 */
    {0x0010000000000000, 0x3fe0000000000000},
    {0x3ff0000000000001, 0x000fffffffffffff},
    {0x0000000000000001, 0x0000000000000001},
    {0x8000000000000000, 0x0000000000000000},
    {0x0000000000000000, 0x0000000000000000},
    {0x3ff0000000000000, 0x8000000000000000},
    {0x7ff0000000000000, 0xfff0000000000000},
    {0x7ff0000000000000, 0x0000000000000000},
    {0x7ff8000000012345, 0x3ff0000000000000}, /* qNaN with payload */
    {0x7ff0000000000001, 0x3ff0000000000000}, /* sNaN */
    {0xbff0000000000000, 0x3ff0000000000000},
    {0x4000000000000000, 0x3fd5555555555555},
    {0x433fffffffffffff, 0x3fe0000000000000}, /* 2^53-1 + 0.5 */
};

static void run(const struct op *ops, unsigned nops, const u64 (*P)[2], unsigned np,
                int dbl) {
  for (unsigned o = 0; o < nops; ++o)
    for (unsigned p = 0; p < np; ++p) {
      pr("%s %lx %lx:", ops[o].name, P[p][0], P[p][1]);
      for (unsigned m = 0; m < 5; ++m) {
        u64 fl, r = ops[o].f[m](P[p][0], P[p][1], &fl);
        pr(dbl ? " %016lx %s" : " %08lx %s", r, fl_str(fl));
      }
      pr("\n");
      /* dyn under each valid frm must agree with the static modes */
      pr("  dyn:");
      for (unsigned m = 0; m < 5; ++m) {
        set_frm(m);
        u64 fl, r = ops[o].f[5](P[p][0], P[p][1], &fl);
        pr(dbl ? " %016lx %s" : " %08lx %s", r, fl_str(fl));
      }
      set_frm(0);
      pr("\n");
    }
}

int main(void) {
  run(SOPS, 5, SP, sizeof(SP) / sizeof(SP[0]), 0);
  run(DOPS, 5, DP, sizeof(DP) / sizeof(DP[0]), 1);
  /* flags accumulate until cleared */
  u64 f;
  __asm__ volatile("csrw fflags, zero\n\t"
                   "fmv.w.x ft0, zero\n\tfdiv.s ft1, ft0, ft0\n\t"   /* NV */
                   "li t0, 0x3f800000\n\tfmv.w.x ft0, t0\n\t"
                   "fmv.w.x ft2, zero\n\tfdiv.s ft1, ft0, ft2\n\t"   /* DZ */
                   "frflags %0" : "=r"(f) : : "t0", "ft0", "ft1", "ft2");
  pr("accumulated %s\n", fl_str(f));
  pr("done\n");
  return 0;
}
