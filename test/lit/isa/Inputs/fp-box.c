/* NaN boxing of single-precision values in 64-bit FP registers, fmv.x.w /
 * fmv.w.x / fmv.x.d / fmv.d.x, flw/fsw/fld/fsd (bit-exact, sNaN payloads
 * unchanged), and single-precision ops on improperly boxed inputs (treated
 * as the canonical NaN). */
#include "fputil.h"

static u64 mem[4];

int main(void) {
  u64 r, r2, f;
  /* fmv.w.x boxes: the upper 32 bits read back as all ones */
  __asm__ volatile("fmv.w.x ft0, %1\n\tfmv.x.d %0, ft0" : "=r"(r) : "r"(0x3f800000ul) : "ft0");
  pr("fmv.w.x boxed %lx\n", r);
  /* fmv.w.x ignores the upper half of the integer register */
  __asm__ volatile("fmv.w.x ft0, %1\n\tfmv.x.d %0, ft0" : "=r"(r) : "r"(0x12345678c0000000ul) : "ft0");
  pr("fmv.w.x upper-ignored %lx\n", r);
  /* fmv.x.w sign-extends bit 31, and reads the low half of a double register */
  __asm__ volatile("fmv.w.x ft0, %1\n\tfmv.x.w %0, ft0" : "=r"(r) : "r"(0xbf800000ul) : "ft0");
  pr("fmv.x.w sext %lx\n", r);
  __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.x.w %0, ft0" : "=r"(r) : "r"(0x400921fb54442d18ul) : "ft0");
  pr("fmv.x.w of double %lx\n", r);
  __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.x.w %0, ft0" : "=r"(r) : "r"(0x123456787fc00001ul) : "ft0");
  pr("fmv.x.w of double 2 %lx\n", r);
  /* fmv.d.x / fmv.x.d are bit-exact, also for signalling NaNs */
  __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.x.d %0, ft0" : "=r"(r) : "r"(0x7ff0000000000001ul) : "ft0");
  pr("fmv.d.x snan %lx\n", r);

  /* flw boxes, fsw stores the low 32 bits */
  mem[0] = 0x7f800001deadbeeful;
  mem[1] = 0;
  __asm__ volatile("flw ft0, 4(%1)\n\tfmv.x.d %0, ft0\n\tfsw ft0, 8(%1)"
                   : "=r"(r) : "r"(mem) : "ft0", "memory");
  pr("flw %lx fsw %lx\n", r, mem[1]);
  /* fsw of an unboxed double register stores its low 32 bits unchanged */
  mem[2] = 0;
  __asm__ volatile("fmv.d.x ft0, %0\n\tfsw ft0, 16(%1)"
                   : : "r"(0x00000000c0490fdbul), "r"(mem) : "ft0", "memory");
  pr("fsw unboxed %lx\n", mem[2]);
  /* fld/fsd bit-exact */
  mem[0] = 0xfff0000000012345ul;
  __asm__ volatile("fld ft0, 0(%0)\n\tfsd ft0, 24(%0)" : : "r"(mem) : "ft0", "memory");
  pr("fld/fsd %lx\n", mem[3]);

  /* single-precision operations on an unboxed value see the canonical NaN */
  u64 unboxed = 0x000000003f800000ul; /* 1.0f without the box */
  __asm__ volatile("fmv.d.x ft0, %2\n\tli t0, 0x3f800000\n\tfmv.w.x ft1, t0\n\t"
                   "csrw fflags, zero\n\tfadd.s ft2, ft0, ft1\n\tfrflags %1\n\t"
                   "fmv.x.d %0, ft2"
                   : "=r"(r), "=r"(f) : "r"(unboxed) : "t0", "ft0", "ft1", "ft2");
  pr("fadd.s unboxed %lx %s\n", r, fl_str(f));
  __asm__ volatile("fmv.d.x ft0, %1\n\tfclass.s %0, ft0" : "=r"(r) : "r"(unboxed) : "ft0");
  pr("fclass.s unboxed %lx\n", r);
  __asm__ volatile("fmv.d.x ft0, %1\n\tli t0, 0xbf800000\n\tfmv.w.x ft1, t0\n\t"
                   "fsgnj.s ft2, ft0, ft1\n\tfmv.x.d %0, ft2"
                   : "=r"(r) : "r"(unboxed) : "t0", "ft0", "ft1", "ft2");
  pr("fsgnj.s unboxed %lx\n", r);
  __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.s ft2, ft0\n\tfmv.x.d %0, ft2"
                   : "=r"(r) : "r"(0xfffffffe3f800000ul) : "ft0", "ft2");
  pr("fmv.s almost-boxed %lx\n", r);
  __asm__ volatile("fmv.d.x ft0, %2\n\tcsrw fflags, zero\n\tfcvt.d.s ft1, ft0\n\t"
                   "frflags %1\n\tfmv.x.d %0, ft1"
                   : "=r"(r), "=r"(f) : "r"(unboxed) : "ft0", "ft1");
  pr("fcvt.d.s unboxed %lx %s\n", r, fl_str(f));
  __asm__ volatile("fmv.d.x ft0, %2\n\tcsrw fflags, zero\n\tfeq.s %0, ft0, ft0\n\t"
                   "frflags %1"
                   : "=r"(r), "=r"(f) : "r"(unboxed) : "ft0");
  pr("feq.s unboxed %lx %s\n", r, fl_str(f));
  __asm__ volatile("fmv.d.x ft0, %1\n\tfcvt.w.s %0, ft0, rtz" : "=r"(r) : "r"(unboxed) : "ft0");
  pr("fcvt.w.s unboxed %lx\n", r);
  /* a properly boxed value works */
  __asm__ volatile("fmv.d.x ft0, %1\n\tfadd.s ft1, ft0, ft0\n\tfmv.x.d %0, ft1"
                   : "=r"(r) : "r"(0xffffffff3f800000ul) : "ft0", "ft1");
  pr("fadd.s boxed %lx\n", r);
  /* single ops write boxed results even over a double */
  __asm__ volatile("fmv.d.x ft1, %2\n\tfmv.w.x ft0, %3\n\tfmul.s ft1, ft0, ft0\n\t"
                   "fmv.x.d %0, ft1\n\tfmv.x.w %1, ft1"
                   : "=r"(r), "=r"(r2) : "r"(0x400921fb54442d18ul), "r"(0x40000000ul) : "ft0", "ft1");
  pr("fmul.s result %lx %lx\n", r, r2);
  pr("done\n");
  return 0;
}
