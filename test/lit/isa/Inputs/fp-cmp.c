/* fmin/fmax (NaN, signed zeros), feq/flt/fle (NaN and flags), fclass on all
 * ten classes, fsgnj/fsgnjn/fsgnjx (incl. NaN payloads), single and double. */
#include "fputil.h"

typedef u64 (*fn2)(u64, u64, u64 *);
DEF2S(fmin_s, "fmin.s", "") DEF2S(fmax_s, "fmax.s", "")
DEF2D(fmin_d, "fmin.d", "") DEF2D(fmax_d, "fmax.d", "")
DEF2S(fsgnj_s, "fsgnj.s", "") DEF2S(fsgnjn_s, "fsgnjn.s", "") DEF2S(fsgnjx_s, "fsgnjx.s", "")
DEF2D(fsgnj_d, "fsgnj.d", "") DEF2D(fsgnjn_d, "fsgnjn.d", "") DEF2D(fsgnjx_d, "fsgnjx.d", "")

#define CMP(name, insn, mv)                                                   \
  static u64 name(u64 a, u64 b, u64 *fl) {                                    \
    u64 r, f;                                                                 \
    __asm__ volatile(mv " ft0, %2\n\t" mv " ft1, %3\n\tcsrw fflags, zero\n\t" \
                     insn " %0, ft0, ft1\n\tcsrr %1, fflags"                  \
                     : "=r"(r), "=r"(f) : "r"(a), "r"(b) : "ft0", "ft1");     \
    *fl = f;                                                                  \
    return r;                                                                 \
  }
CMP(feq_s, "feq.s", "fmv.w.x") CMP(flt_s, "flt.s", "fmv.w.x") CMP(fle_s, "fle.s", "fmv.w.x")
CMP(feq_d, "feq.d", "fmv.d.x") CMP(flt_d, "flt.d", "fmv.d.x") CMP(fle_d, "fle.d", "fmv.d.x")

static u64 fclass_s(u64 a) {
  u64 r;
  __asm__ volatile("fmv.w.x ft0, %1\n\tfclass.s %0, ft0" : "=r"(r) : "r"(a) : "ft0");
  return r;
}
static u64 fclass_d(u64 a) {
  u64 r;
  __asm__ volatile("fmv.d.x ft0, %1\n\tfclass.d %0, ft0" : "=r"(r) : "r"(a) : "ft0");
  return r;
}

static const u64 SV[] = {0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x00000001,
                         0x7f800000, 0xff800000, 0x7fc00000, 0xffc12345, 0x7f800001,
                         0xff812345, 0x40000000};
static const u64 DV[] = {0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000,
                         0xbff0000000000000, 0x0000000000000001, 0x7ff0000000000000,
                         0xfff0000000000000, 0x7ff8000000000000, 0xfff8000000012345,
                         0x7ff0000000000001, 0xfff0000000012345, 0x4000000000000000};
#define N(x) (sizeof(x) / sizeof(x[0]))

static void table(const char *name, fn2 f, const u64 *v, unsigned n, int dbl) {
  for (unsigned i = 0; i < n; ++i) {
    pr("%s %lx:", name, v[i]);
    for (unsigned j = 0; j < n; ++j) {
      u64 fl, r = f(v[i], v[j], &fl);
      pr(dbl ? " %lx/%s" : " %lx/%s", r, fl_str(fl));
    }
    pr("\n");
  }
}

int main(void) {
  static const struct { const char *n; fn2 f; int d; } OPS[] = {
      {"fmin.s", fmin_s, 0},     {"fmax.s", fmax_s, 0},     {"feq.s", feq_s, 0},
      {"flt.s", flt_s, 0},       {"fle.s", fle_s, 0},       {"fsgnj.s", fsgnj_s, 0},
      {"fsgnjn.s", fsgnjn_s, 0}, {"fsgnjx.s", fsgnjx_s, 0}, {"fmin.d", fmin_d, 1},
      {"fmax.d", fmax_d, 1},     {"feq.d", feq_d, 1},       {"flt.d", flt_d, 1},
      {"fle.d", fle_d, 1},       {"fsgnj.d", fsgnj_d, 1},   {"fsgnjn.d", fsgnjn_d, 1},
      {"fsgnjx.d", fsgnjx_d, 1},
  };
  for (unsigned o = 0; o < N(OPS); ++o)
    table(OPS[o].n, OPS[o].f, OPS[o].d ? DV : SV, N(SV), OPS[o].d);

  /* one value of each of the ten classes (and then some) */
  static const u64 CS[] = {0xff800000, 0xbf800000, 0x807fffff, 0x80000000, 0x00000000,
                           0x00000001, 0x7f7fffff, 0x7f800000, 0x7f800001, 0x7fc00000,
                           0xffffffff, 0x7fbfffff, 0x00800000, 0x80800000};
  static const u64 CD[] = {0xfff0000000000000, 0xbff0000000000000, 0x800fffffffffffff,
                           0x8000000000000000, 0x0000000000000000, 0x0000000000000001,
                           0x7fefffffffffffff, 0x7ff0000000000000, 0x7ff0000000000001,
                           0x7ff8000000000000, 0xffffffffffffffff, 0x7ff7ffffffffffff,
                           0x0010000000000000, 0x8010000000000000};
  for (unsigned i = 0; i < N(CS); ++i)
    pr("fclass.s %08lx = %03lx\n", CS[i], fclass_s(CS[i]));
  for (unsigned i = 0; i < N(CD); ++i)
    pr("fclass.d %016lx = %03lx\n", CD[i], fclass_d(CD[i]));
  pr("done\n");
  return 0;
}
