/* Executes one faulting instruction chosen by argv[1], after printing (and
 * flushing) a line. Illegal instructions must kill the guest with SIGILL,
 * ebreak with SIGTRAP. */
#include "minirt.h"

int main(int argc, char **argv) {
  const char *w = argc > 1 ? argv[1] : "";
  pr("before %s\n", w);
  if (rt_streq(w, "zero"))
    __asm__ volatile(".word 0");                 /* all-zero: defined illegal */
  else if (rt_streq(w, "czero"))
    __asm__ volatile(".half 0\n\t.half 0");      /* 16-bit all-zero (c.unimp) */
  else if (rt_streq(w, "unimp"))
    __asm__ volatile("unimp");
  else if (rt_streq(w, "custom0"))
    __asm__ volatile(".word 0x0000000b");        /* custom-0 opcode */
  else if (rt_streq(w, "badfunct"))
    __asm__ volatile(".word 0xfe000033");        /* OP with funct7 = 0x7f */
  else if (rt_streq(w, "mret"))
    __asm__ volatile(".word 0x30200073");        /* privileged */
  else if (rt_streq(w, "mcsr"))
    __asm__ volatile("csrr a0, mstatus" ::: "a0"); /* machine CSR from user mode */
  else if (rt_streq(w, "nocsr"))
    __asm__ volatile("csrr a0, 0x8ff" ::: "a0");  /* unimplemented user CSR */
  else if (rt_streq(w, "badrm"))
    __asm__ volatile(".insn r 0x53, 5, 0, ft0, ft1, ft2" ::: "ft0"); /* fadd.s rm=5 */
  else if (rt_streq(w, "dynbadrm"))
    __asm__ volatile("fsrmi 6\n\tfadd.d ft0, ft1, ft2" ::: "ft0"); /* dyn with frm=6 */
  else if (rt_streq(w, "ebreak"))
    __asm__ volatile("ebreak");
  else if (rt_streq(w, "cebreak"))
    __asm__ volatile("c.ebreak");
  else
    return 3;
  pr("survived %s\n", w);
  return 0;
}
