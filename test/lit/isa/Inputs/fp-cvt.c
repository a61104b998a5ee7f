/* fcvt between integers and floats in every rounding mode (incl. rmm):
 * saturation, NaN and infinity, negative values to unsigned, sign extension
 * of 32-bit results, and fcvt.s.d / fcvt.d.s. */
#include "fputil.h"

typedef u64 (*fn)(u64, u64, u64 *);

/* float -> int: source moved from an integer register, result in rd */
#define F2I(name, insn, mv, rm)                                               \
  static u64 name(u64 a, u64 b, u64 *fl) {                                    \
    (void)b;                                                                  \
    u64 r, f;                                                                 \
    __asm__ volatile(mv " ft0, %2\n\tcsrw fflags, zero\n\t" insn " %0, ft0" rm \
                     "\n\tcsrr %1, fflags" : "=r"(r), "=r"(f) : "r"(a) : "ft0"); \
    *fl = f;                                                                  \
    return r;                                                                 \
  }
#define F2I_S(name, insn, rm) F2I(name, insn, "fmv.w.x", rm)
#define F2I_D(name, insn, rm) F2I(name, insn, "fmv.d.x", rm)
/* int -> float */
#define I2F(name, insn, mvout, rm)                                            \
  static u64 name(u64 a, u64 b, u64 *fl) {                                    \
    (void)b;                                                                  \
    u64 r, f;                                                                 \
    __asm__ volatile("csrw fflags, zero\n\t" insn " ft0, %2" rm "\n\t"        \
                     "csrr %1, fflags\n\t" mvout " %0, ft0"                   \
                     : "=r"(r), "=r"(f) : "r"(a) : "ft0");                    \
    *fl = f;                                                                  \
    return r;                                                                 \
  }
#define I2F_S(name, insn, rm) I2F(name, insn, "fmv.x.w", rm)
#define I2F_D(name, insn, rm) I2F(name, insn, "fmv.x.d", rm)

RMS(F2I_S, w_s, "fcvt.w.s") RMS(F2I_S, wu_s, "fcvt.wu.s")
RMS(F2I_S, l_s, "fcvt.l.s") RMS(F2I_S, lu_s, "fcvt.lu.s")
RMS(F2I_D, w_d, "fcvt.w.d") RMS(F2I_D, wu_d, "fcvt.wu.d")
RMS(F2I_D, l_d, "fcvt.l.d") RMS(F2I_D, lu_d, "fcvt.lu.d")
RMS(I2F_S, s_w, "fcvt.s.w") RMS(I2F_S, s_wu, "fcvt.s.wu")
RMS(I2F_S, s_l, "fcvt.s.l") RMS(I2F_S, s_lu, "fcvt.s.lu")
/* Exact conversions: the assembler refuses a rounding mode, but the rm
 * field is still encoded (and must be ignored); emit it with .insn. */
#define RMSX(X, name, f7, rs2)                                                \
  X(name##_rne, f7, rs2, "0") X(name##_rtz, f7, rs2, "1")                     \
  X(name##_rdn, f7, rs2, "2") X(name##_rup, f7, rs2, "3")                     \
  X(name##_rmm, f7, rs2, "4") X(name##_dyn, f7, rs2, "7")
#define I2F_DX(name, f7, rs2, rm)                                             \
  static u64 name(u64 a, u64 b, u64 *fl) {                                    \
    (void)b;                                                                  \
    u64 r, f;                                                                 \
    __asm__ volatile("csrw fflags, zero\n\t.insn r 0x53, " rm ", " f7 ", ft0, %2, " rs2 "\n\t" \
                     "csrr %1, fflags\n\tfmv.x.d %0, ft0"                     \
                     : "=r"(r), "=r"(f) : "r"(a) : "ft0");                    \
    *fl = f;                                                                  \
    return r;                                                                 \
  }
RMSX(I2F_DX, d_w, "0x69", "x0") RMSX(I2F_DX, d_wu, "0x69", "x1")
RMS(I2F_D, d_l, "fcvt.d.l") RMS(I2F_D, d_lu, "fcvt.d.lu")

/* fcvt.s.d: double in, single out; fcvt.d.s: single in, double out */
#define S_D(name, insn, rm)                                                   \
  static u64 name(u64 a, u64 b, u64 *fl) {                                    \
    (void)b;                                                                  \
    u64 r, f;                                                                 \
    __asm__ volatile("fmv.d.x ft0, %2\n\tcsrw fflags, zero\n\t" insn " ft1, ft0" rm \
                     "\n\tcsrr %1, fflags\n\tfmv.x.w %0, ft1"                 \
                     : "=r"(r), "=r"(f) : "r"(a) : "ft0", "ft1");             \
    *fl = f;                                                                  \
    return r & 0xfffffffful;                                                  \
  }
#define D_S(name, insn, rm)                                                   \
  static u64 name(u64 a, u64 b, u64 *fl) {                                    \
    (void)b;                                                                  \
    u64 r, f;                                                                 \
    __asm__ volatile("fmv.w.x ft0, %2\n\tcsrw fflags, zero\n\t" insn " ft1, ft0" rm \
                     "\n\tcsrr %1, fflags\n\tfmv.x.d %0, ft1"                 \
                     : "=r"(r), "=r"(f) : "r"(a) : "ft0", "ft1");             \
    *fl = f;                                                                  \
    return r;                                                                 \
  }
#define D_SX(name, f7, rs2, rm)                                               \
  static u64 name(u64 a, u64 b, u64 *fl) {                                    \
    (void)b;                                                                  \
    u64 r, f;                                                                 \
    __asm__ volatile("fmv.w.x ft0, %2\n\tcsrw fflags, zero\n\t"               \
                     ".insn r 0x53, " rm ", " f7 ", ft1, ft0, " rs2 "\n\t"     \
                     "csrr %1, fflags\n\tfmv.x.d %0, ft1"                     \
                     : "=r"(r), "=r"(f) : "r"(a) : "ft0", "ft1");             \
    *fl = f;                                                                  \
    return r;                                                                 \
  }
RMS(S_D, s_d, "fcvt.s.d") RMSX(D_SX, d_s, "0x21", "x0")

struct op { const char *name; fn f[6]; const u64 *vals; unsigned n; };

static const u64 FS[] = {
    0x00000000, 0x80000000, 0x3f000000, 0xbf000000, 0x3fc00000, 0xbfc00000,
    0x40200000, 0xc0200000, 0x3f666666, 0xbf666666, 0x4effffff, 0x4f000000,
    0xcf000000, 0xcf000001, 0x4f800000, 0x5effffff, 0x5f000000, 0xdf000000,
    0xdf000001, 0x5f800000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000,
    0x7f800001, 0x00000001, 0xbf800000, 0x4f7fffff,
};
static const u64 FD[] = {
    0x0000000000000000, 0x8000000000000000, 0x3fe0000000000000, 0xbfe0000000000000,
    0x3ff8000000000000, 0xbff8000000000000, 0x4004000000000000, 0xc004000000000000,
    0x3feccccccccccccd, 0xbfeccccccccccccd, 0x41dfffffffe00000, 0x41dfffffffffffff,
    0x41e0000000000000, 0xc1e0000000000000, 0xc1e0000000200000, 0xc1e0000000100000,
    0x41efffffffe00000, 0x41f0000000000000, 0x43dfffffffffffff, 0x43e0000000000000,
    0xc3e0000000000000, 0xc3e0000000000001, 0x43f0000000000000, 0x7ff0000000000000,
    0xfff0000000000000, 0x7ff8000000000000, 0xfff8000000000000, 0x7ff0000000000001,
    0x0000000000000001, 0xbff0000000000000, 0x41efffffffffffff,
};
static const u64 IV[] = {
    0, 1, 0xfffffffffffffffful, 0x7fffffff, 0x80000000, 0xffffffff80000000ul,
    0xffffffff, 0x1000001, 0x1000003, 0xffffffffff000001ul, 0x20000000000001ul,
    0x20000000000003ul, 0x7ffffffffffffffful, 0x8000000000000000ul,
    0x8000000000000001ul, 0x7fffff7fffffffff, 0x123456789abcdef1ul, 0x100000001ul,
};
/* doubles for fcvt.s.d */
static const u64 SD[] = {
    0x3ff0000010000000, 0x3ff0000010000001, 0x3ff0000030000000, 0xbff0000010000000,
    0x47efffffe0000000, 0x47effffff0000000, 0x7fefffffffffffff, 0x3810000000000000,
    0x380fffffffffffff, 0x36a0000000000000, 0x3690000000000000, 0x7ff0000000000000,
    0x7ff8000000012345, 0x7ff0000000000001, 0xfff8000000000000, 0x8000000000000000,
};
static const u64 DS[] = {0x3f800000, 0x00000001, 0xff800000, 0x7fc12345, 0x7f800001,
                         0x80000000, 0x7f7fffff, 0xffc00000};
#define N(x) (sizeof(x) / sizeof(x[0]))

static const struct op OPS[] = {
    {"fcvt.w.s", RMTAB(w_s), FS, N(FS)},     {"fcvt.wu.s", RMTAB(wu_s), FS, N(FS)},
    {"fcvt.l.s", RMTAB(l_s), FS, N(FS)},     {"fcvt.lu.s", RMTAB(lu_s), FS, N(FS)},
    {"fcvt.w.d", RMTAB(w_d), FD, N(FD)},     {"fcvt.wu.d", RMTAB(wu_d), FD, N(FD)},
    {"fcvt.l.d", RMTAB(l_d), FD, N(FD)},     {"fcvt.lu.d", RMTAB(lu_d), FD, N(FD)},
    {"fcvt.s.w", RMTAB(s_w), IV, N(IV)},     {"fcvt.s.wu", RMTAB(s_wu), IV, N(IV)},
    {"fcvt.s.l", RMTAB(s_l), IV, N(IV)},     {"fcvt.s.lu", RMTAB(s_lu), IV, N(IV)},
    {"fcvt.d.w", RMTAB(d_w), IV, N(IV)},     {"fcvt.d.wu", RMTAB(d_wu), IV, N(IV)},
    {"fcvt.d.l", RMTAB(d_l), IV, N(IV)},     {"fcvt.d.lu", RMTAB(d_lu), IV, N(IV)},
    {"fcvt.s.d", RMTAB(s_d), SD, N(SD)},     {"fcvt.d.s", RMTAB(d_s), DS, N(DS)},
};

int main(void) {
  for (unsigned o = 0; o < N(OPS); ++o)
    for (unsigned i = 0; i < OPS[o].n; ++i) {
      u64 a = OPS[o].vals[i];
      pr("%s %lx:", OPS[o].name, a);
      for (unsigned m = 0; m < 5; ++m) {
        u64 fl, r = OPS[o].f[m](a, 0, &fl);
        pr(" %lx/%s", r, fl_str(fl));
      }
      /* dyn with frm = rmm and rdn */
      for (unsigned m = 2; m <= 4; m += 2) {
        set_frm(m);
        u64 fl, r = OPS[o].f[5](a, 0, &fl);
        pr(" %lx/%s", r, fl_str(fl));
      }
      set_frm(0);
      pr("\n");
    }
  pr("done\n");
  return 0;
}
