/* fmadd/fmsub/fnmsub/fnmadd, single and double, all rounding modes: single
 * rounding, signs of zero results, inf*0 (+ qNaN still raises NV), NaN
 * propagation, overflow/underflow. */
#include "fputil.h"

typedef u64 (*fn3)(u64, u64, u64, u64 *);
RMS(DEF3S, fmadd_s, "fmadd.s") RMS(DEF3S, fmsub_s, "fmsub.s")
RMS(DEF3S, fnmsub_s, "fnmsub.s") RMS(DEF3S, fnmadd_s, "fnmadd.s")
RMS(DEF3D, fmadd_d, "fmadd.d") RMS(DEF3D, fmsub_d, "fmsub.d")
RMS(DEF3D, fnmsub_d, "fnmsub.d") RMS(DEF3D, fnmadd_d, "fnmadd.d")

struct op { const char *name; fn3 f[6]; };
static const struct op SOPS[] = {
    {"fmadd.s", RMTAB(fmadd_s)}, {"fmsub.s", RMTAB(fmsub_s)},
    {"fnmsub.s", RMTAB(fnmsub_s)}, {"fnmadd.s", RMTAB(fnmadd_s)}};
static const struct op DOPS[] = {
    {"fmadd.d", RMTAB(fmadd_d)}, {"fmsub.d", RMTAB(fmsub_d)},
    {"fnmsub.d", RMTAB(fnmsub_d)}, {"fnmadd.d", RMTAB(fnmadd_d)}};

static const u64 ST[][3] = {
    {0x3f800000, 0x3f800000, 0x3f800000},   /* 1*1+1 */
    {0x3f800001, 0x3f800001, 0xbf800002},   /* (1+u)^2 - (1+2u): only u^2 survives */
    {0x3eaaaaab, 0x40400000, 0xbf800000},   /* 1/3*3 - 1 */
    {0x3f800000, 0x00000000, 0x80000000},   /* 1*0 + -0: sign of zero depends on rm */
    {0xbf800000, 0x00000000, 0x00000000},   /* -1*0 + 0 */
    {0x3f800000, 0x3f800000, 0xbf800000},   /* 1*1 - 1 = exact zero */
    {0x7f800000, 0x00000000, 0x7fc00000},   /* inf*0 + qNaN: NV */
    {0x7f800000, 0x00000000, 0x3f800000},   /* inf*0 + 1: NV */
    {0x7f800000, 0x3f800000, 0xff800000},   /* inf - inf: NV */
    {0x7fc12345, 0x3f800000, 0x3f800000},   /* qNaN */
    {0x3f800000, 0x3f800000, 0x7f800001},   /* sNaN addend */
    {0x7f7fffff, 0x40000000, 0x00000000},   /* overflow */
    {0x00800000, 0x3f000000, 0x00000001},   /* subnormal result, exact */
    {0x00800001, 0x3f000000, 0x00000000},   /* tiny inexact */
    {0x4b800000, 0x3f800000, 0x3f800000},   /* 2^24 + 1: tie */
    {0x3f800000, 0x4b800000, 0x40000000},   /* 2^24 + 2 */
};
static const u64 DT[][3] = {
    {0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000},
    {0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000002},
    {0x3fd5555555555555, 0x4008000000000000, 0xbff0000000000000},
    {0x3ff0000000000000, 0x0000000000000000, 0x8000000000000000},
    {0xbff0000000000000, 0x0000000000000000, 0x0000000000000000},
    {0x3ff0000000000000, 0x3ff0000000000000, 0xbff0000000000000},
    {0x7ff0000000000000, 0x0000000000000000, 0x7ff8000000000000},
    {0x7ff0000000000000, 0x0000000000000000, 0x3ff0000000000000},
    {0x7ff0000000000000, 0x3ff0000000000000, 0xfff0000000000000},
    {0x7ff8000000012345, 0x3ff0000000000000, 0x3ff0000000000000},
    {0x3ff0000000000000, 0x3ff0000000000000, 0x7ff0000000000001},
    {0x7fefffffffffffff, 0x4000000000000000, 0x0000000000000000},
    {0x0010000000000000, 0x3fe0000000000000, 0x0000000000000001},
    {0x0010000000000001, 0x3fe0000000000000, 0x0000000000000000},
    {0x4340000000000000, 0x3ff0000000000000, 0x3ff0000000000000},
    {0x3ff0000000000000, 0x4340000000000000, 0x4000000000000000},
};

static void run(const struct op *ops, const u64 (*T)[3], unsigned n, int dbl) {
  for (unsigned o = 0; o < 4; ++o)
    for (unsigned t = 0; t < n; ++t) {
      pr("%s %lx %lx %lx:", ops[o].name, T[t][0], T[t][1], T[t][2]);
      for (unsigned m = 0; m < 5; ++m) {
        u64 fl, r = ops[o].f[m](T[t][0], T[t][1], T[t][2], &fl);
        pr(dbl ? " %016lx/%s" : " %08lx/%s", r, fl_str(fl));
      }
      set_frm(3);
      u64 fl, r = ops[o].f[5](T[t][0], T[t][1], T[t][2], &fl);
      set_frm(0);
      pr(dbl ? " dyn-rup %016lx/%s\n" : " dyn-rup %08lx/%s\n", r, fl_str(fl));
    }
}

int main(void) {
  run(SOPS, ST, sizeof(ST) / sizeof(ST[0]), 0);
  run(DOPS, DT, sizeof(DT) / sizeof(DT[0]), 1);
  pr("done\n");
  return 0;
}
