/* Helpers for the floating-point known-answer tests: operations are wrapped
 * in one asm statement each (move in, clear fflags, op, read fflags, move
 * out) so the compiler cannot reorder or fold them. Values are raw bits. */
#ifndef FPUTIL_H
#define FPUTIL_H
#include "minirt.h"

/* fflags as letters: NV DZ OF UF NX, '-' when clear */
static RT_UNUSED const char *fl_str(u64 f) {
  static char s[6];
  s[0] = f & 16 ? 'V' : '-';
  s[1] = f & 8 ? 'Z' : '-';
  s[2] = f & 4 ? 'O' : '-';
  s[3] = f & 2 ? 'U' : '-';
  s[4] = f & 1 ? 'X' : '-';
  s[5] = 0;
  return s;
}

static RT_UNUSED void set_frm(u64 rm) { __asm__ volatile("fsrm %0" : : "r"(rm)); }

/* binary op, single: ft0 op ft1 -> ft2 */
#define DEF2S(name, insn, rm)                                                 \
  static u64 name(u64 a, u64 b, u64 *fl) {                                    \
    u64 r, f;                                                                 \
    __asm__ volatile("fmv.w.x ft0, %2\n\tfmv.w.x ft1, %3\n\tcsrw fflags, zero\n\t" \
                     insn " ft2, ft0, ft1" rm "\n\tcsrr %1, fflags\n\tfmv.x.w %0, ft2" \
                     : "=r"(r), "=r"(f) : "r"(a), "r"(b) : "ft0", "ft1", "ft2"); \
    *fl = f;                                                                  \
    return r & 0xfffffffful;                                                  \
  }
#define DEF2D(name, insn, rm)                                                 \
  static u64 name(u64 a, u64 b, u64 *fl) {                                    \
    u64 r, f;                                                                 \
    __asm__ volatile("fmv.d.x ft0, %2\n\tfmv.d.x ft1, %3\n\tcsrw fflags, zero\n\t" \
                     insn " ft2, ft0, ft1" rm "\n\tcsrr %1, fflags\n\tfmv.x.d %0, ft2" \
                     : "=r"(r), "=r"(f) : "r"(a), "r"(b) : "ft0", "ft1", "ft2"); \
    *fl = f;                                                                  \
    return r;                                                                 \
  }
#define DEF1S(name, insn, rm)                                                 \
  static u64 name(u64 a, u64 b, u64 *fl) {                                    \
    (void)b;                                                                  \
    u64 r, f;                                                                 \
    __asm__ volatile("fmv.w.x ft0, %2\n\tcsrw fflags, zero\n\t"               \
                     insn " ft2, ft0" rm "\n\tcsrr %1, fflags\n\tfmv.x.w %0, ft2" \
                     : "=r"(r), "=r"(f) : "r"(a) : "ft0", "ft2");             \
    *fl = f;                                                                  \
    return r & 0xfffffffful;                                                  \
  }
#define DEF1D(name, insn, rm)                                                 \
  static u64 name(u64 a, u64 b, u64 *fl) {                                    \
    (void)b;                                                                  \
    u64 r, f;                                                                 \
    __asm__ volatile("fmv.d.x ft0, %2\n\tcsrw fflags, zero\n\t"               \
                     insn " ft2, ft0" rm "\n\tcsrr %1, fflags\n\tfmv.x.d %0, ft2" \
                     : "=r"(r), "=r"(f) : "r"(a) : "ft0", "ft2");             \
    *fl = f;                                                                  \
    return r;                                                                 \
  }
/* ternary (fma family) */
#define DEF3S(name, insn, rm)                                                 \
  static u64 name(u64 a, u64 b, u64 c, u64 *fl) {                             \
    u64 r, f;                                                                 \
    __asm__ volatile("fmv.w.x ft0, %2\n\tfmv.w.x ft1, %3\n\tfmv.w.x ft2, %4\n\t" \
                     "csrw fflags, zero\n\t" insn " ft3, ft0, ft1, ft2" rm "\n\t" \
                     "csrr %1, fflags\n\tfmv.x.w %0, ft3"                     \
                     : "=r"(r), "=r"(f) : "r"(a), "r"(b), "r"(c)              \
                     : "ft0", "ft1", "ft2", "ft3");                           \
    *fl = f;                                                                  \
    return r & 0xfffffffful;                                                  \
  }
#define DEF3D(name, insn, rm)                                                 \
  static u64 name(u64 a, u64 b, u64 c, u64 *fl) {                             \
    u64 r, f;                                                                 \
    __asm__ volatile("fmv.d.x ft0, %2\n\tfmv.d.x ft1, %3\n\tfmv.d.x ft2, %4\n\t" \
                     "csrw fflags, zero\n\t" insn " ft3, ft0, ft1, ft2" rm "\n\t" \
                     "csrr %1, fflags\n\tfmv.x.d %0, ft3"                     \
                     : "=r"(r), "=r"(f) : "r"(a), "r"(b), "r"(c)              \
                     : "ft0", "ft1", "ft2", "ft3");                           \
    *fl = f;                                                                  \
    return r;                                                                 \
  }

/* Instantiate X for the five static rounding modes plus dyn. */
#define RMS(X, name, str)                                                     \
  X(name##_rne, str, ", rne") X(name##_rtz, str, ", rtz")                     \
  X(name##_rdn, str, ", rdn") X(name##_rup, str, ", rup")                     \
  X(name##_rmm, str, ", rmm") X(name##_dyn, str, ", dyn")
#define RMTAB(name) {name##_rne, name##_rtz, name##_rdn, name##_rup, name##_rmm, name##_dyn}

static RT_UNUSED const char *const RM_NAMES[] = {"rne", "rtz", "rdn", "rup", "rmm", "dyn"};

#endif
