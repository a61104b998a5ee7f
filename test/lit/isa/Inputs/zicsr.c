/* Zicsr on the user FP CSRs: fflags (0x001), frm (0x002), fcsr (0x003) with
 * csrrw/csrrs/csrrc and the immediate forms, rd=x0 / rs1=x0 variants and
 * pseudo-instructions; masking of written values; fcsr = frm<<5 | fflags;
 * flags set by FP ops; rdtime is readable and monotonic. */
#include "fputil.h"

#define RD(csr) ({ u64 v_; __asm__ volatile("csrr %0, " #csr : "=r"(v_)); v_; })
static void show(const char *what) {
  pr("%s: fflags=%lx frm=%lx fcsr=%lx\n", what, RD(fflags), RD(frm), RD(fcsr));
}

int main(void) {
  u64 old;
  __asm__ volatile("csrw fcsr, zero");
  show("zero");
  __asm__ volatile("csrrw %0, fcsr, %1" : "=r"(old) : "r"(0xfful));
  pr("csrrw old=%lx\n", old);
  show("fcsr=ff");
  __asm__ volatile("csrrw %0, fcsr, %1" : "=r"(old) : "r"(0xffffffffffffff00ul | 0x65));
  pr("csrrw old=%lx\n", old);
  show("fcsr=...65 (upper bits dropped)");
  __asm__ volatile("csrrw %0, fflags, %1" : "=r"(old) : "r"(0xfffful));
  pr("csrrw fflags old=%lx\n", old);
  show("fflags=ffff");
  __asm__ volatile("csrrw %0, frm, %1" : "=r"(old) : "r"(0xfful));
  pr("csrrw frm old=%lx\n", old);
  show("frm=ff");
  __asm__ volatile("csrrc %0, fcsr, %1" : "=r"(old) : "r"(0x0ful));
  pr("csrrc old=%lx\n", old);
  show("cleared 0f");
  __asm__ volatile("csrrs %0, fflags, %1" : "=r"(old) : "r"(0x3ul));
  pr("csrrs old=%lx\n", old);
  show("set 03");
  __asm__ volatile("csrrwi %0, frm, 3" : "=r"(old));
  pr("csrrwi old=%lx\n", old);
  show("frm=3");
  __asm__ volatile("csrrsi %0, fflags, 0x14" : "=r"(old));
  pr("csrrsi old=%lx\n", old);
  show("set 14");
  __asm__ volatile("csrrci %0, fcsr, 0x1f" : "=r"(old));
  pr("csrrci old=%lx\n", old);
  show("cleared 1f");
  __asm__ volatile("csrrwi %0, fcsr, 0x1b" : "=r"(old));
  pr("csrrwi fcsr old=%lx\n", old);
  show("fcsr=1b");
  /* rs1 = x0 in csrrs/csrrc: read only; rd = x0 in csrrw: write only */
  __asm__ volatile("csrrs %0, fcsr, x0" : "=r"(old));
  pr("csrrs x0 %lx\n", old);
  __asm__ volatile("csrrc %0, fcsr, x0" : "=r"(old));
  pr("csrrc x0 %lx\n", old);
  __asm__ volatile("csrrw x0, fcsr, %0" : : "r"(0x44ul));
  show("csrrw x0 44");
  __asm__ volatile("csrrsi x0, fflags, 1\n\tcsrrci x0, frm, 2");
  show("csrrsi/csrrci x0");
  /* pseudo-instructions */
  u64 a, b, c;
  __asm__ volatile("fscsr %0, %3\n\tfsrm %1, %4\n\tfsflags %2, %5"
                   : "=&r"(a), "=&r"(b), "=&r"(c) : "r"(0x9ful), "r"(1ul), "r"(2ul));
  pr("fscsr/fsrm/fsflags old %lx %lx %lx\n", a, b, c);
  show("pseudo");
  __asm__ volatile("frcsr %0\n\tfrrm %1\n\tfrflags %2" : "=r"(a), "=r"(b), "=r"(c));
  pr("frcsr/frrm/frflags %lx %lx %lx\n", a, b, c);
  __asm__ volatile("fsrmi 4\n\tfsflagsi 0x10");
  show("fsrmi 4 fsflagsi 10");
  /* frm holds invalid values 5..7 (only using them as dyn is illegal) */
  __asm__ volatile("fsrmi 5");
  show("frm=5");
  __asm__ volatile("fsrmi 7");
  show("frm=7");
  /* static rounding modes do not change frm; FP ops accumulate fflags */
  __asm__ volatile("csrw fcsr, zero\n\tfsrmi 2\n\t"
                   "li t0, 0x3f800000\n\tfmv.w.x ft0, t0\n\tli t0, 0x40400000\n\t"
                   "fmv.w.x ft1, t0\n\tfdiv.s ft2, ft0, ft1, rup" : : : "t0", "ft0", "ft1", "ft2");
  show("after fdiv.s rup");
  __asm__ volatile("fmv.w.x ft0, zero\n\tfdiv.s ft2, ft1, ft0" : : : "ft0", "ft2");
  show("after 3/0");
  /* the rounding mode from frm is used by dyn ops */
  u64 r1, r2;
  __asm__ volatile("fsrmi 2\n\tli t0, 0x3f800000\n\tfmv.w.x ft0, t0\n\tli t0, 0x40400000\n\t"
                   "fmv.w.x ft1, t0\n\tfdiv.s ft2, ft0, ft1\n\tfmv.x.w %0, ft2\n\t"
                   "fsrmi 3\n\tfdiv.s ft2, ft0, ft1\n\tfmv.x.w %1, ft2\n\tfsrmi 0"
                   : "=r"(r1), "=r"(r2) : : "t0", "ft0", "ft1", "ft2");
  pr("1/3 rdn %lx rup %lx\n", r1 & 0xffffffff, r2 & 0xffffffff);
  /* time: readable from user mode, never goes backwards */
  u64 t0, t1;
  __asm__ volatile("rdtime %0" : "=r"(t0));
  for (volatile int i = 0; i < 100000; ++i)
    ;
  __asm__ volatile("rdtime %0" : "=r"(t1));
  pr("rdtime monotonic %d\n", t1 >= t0);
  pr("done\n");
  return 0;
}
