/* Self-modifying / JIT-style code. Machine code is written into memory,
 * made visible to instruction fetch (__builtin___clear_cache, which calls
 * __riscv_flush_icache -> the riscv_flush_icache syscall, or a plain
 * fence.i), run, rewritten in place, and run again: the new code must run.
 * Covers an RWX mapping, W^X via mprotect, a hot loop rewritten after many
 * calls, and code that patches an instruction later in its own body. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

enum { ZERO = 0, RA = 1, T0 = 5, T1 = 6, T2 = 7, A0 = 10, A1 = 11 };
static uint32_t addi(int rd, int rs1, int imm) {
  return ((uint32_t)imm & 0xfff) << 20 | rs1 << 15 | 0 << 12 | rd << 7 | 0x13;
}
static uint32_t add(int rd, int rs1, int rs2) { return rs2 << 20 | rs1 << 15 | rd << 7 | 0x33; }
static uint32_t sub(int rd, int rs1, int rs2) {
  return 0x20u << 25 | rs2 << 20 | rs1 << 15 | rd << 7 | 0x33;
}
static uint32_t mul(int rd, int rs1, int rs2) {
  return 1u << 25 | rs2 << 20 | rs1 << 15 | rd << 7 | 0x33;
}
static uint32_t bne(int rs1, int rs2, int off) {
  uint32_t o = (uint32_t)off;
  return ((o >> 12) & 1) << 31 | ((o >> 5) & 0x3f) << 25 | rs2 << 20 | rs1 << 15 | 1 << 12 |
         ((o >> 1) & 0xf) << 8 | ((o >> 11) & 1) << 7 | 0x63;
}
static const uint32_t RET = 0x00008067; /* jalr x0, 0(ra) */

typedef long (*fn)(long);

static void sync_icache(void *p, size_t n) {
  __builtin___clear_cache((char *)p, (char *)p + n);
}

/* f(x) = sum_{i=1..x} (i OP k): t0 = x; a0 = 0; loop: t1 = t0 OP k; a0 += t1 */
static size_t emit_loop(uint32_t *c, int use_mul, int k) {
  size_t n = 0;
  c[n++] = addi(T0, A0, 0);
  c[n++] = addi(A0, ZERO, 0);
  c[n++] = addi(T2, ZERO, k);
  c[n++] = use_mul ? mul(T1, T0, T2) : add(T1, T0, T2); /* loop: */
  c[n++] = add(A0, A0, T1);
  c[n++] = addi(T0, T0, -1);
  c[n++] = bne(T0, ZERO, -12);
  c[n++] = RET;
  return n;
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0); /* keep progress if it dies */
  long page = sysconf(_SC_PAGESIZE);
  /* 1. RWX mapping: return a constant, then another one */
  uint32_t *rwx = mmap(NULL, page, PROT_READ | PROT_WRITE | PROT_EXEC,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (rwx == MAP_FAILED) {
    perror("mmap");
    return 1;
  }
  rwx[0] = addi(A0, A0, 100);
  rwx[1] = RET;
  sync_icache(rwx, 8);
  printf("rwx v1: %ld\n", ((fn)rwx)(1));
  rwx[0] = addi(A0, A0, -100);
  sync_icache(rwx, 8);
  printf("rwx v2: %ld\n", ((fn)rwx)(1));
  /* many versions at the same address */
  long acc = 0;
  for (int v = 0; v < 200; ++v) {
    rwx[0] = addi(A0, A0, v);
    sync_icache(rwx, 4);
    acc += ((fn)rwx)(1000);
  }
  printf("rwx 200 versions: %ld\n", acc);

  /* 2. a hot loop, called many times, then rewritten (add -> mul, new k) */
  size_t n = emit_loop(rwx + 16, 0, 3);
  sync_icache(rwx + 16, n * 4);
  fn loop = (fn)(rwx + 16);
  long s = 0;
  for (int i = 0; i < 2000; ++i)
    s += loop(100);
  printf("hot loop v1: %ld (one call %ld)\n", s, loop(100));
  emit_loop(rwx + 16, 1, 2);
  sync_icache(rwx + 16, n * 4);
  printf("hot loop v2: %ld\n", loop(100));
  /* only the immediate changes, via a plain fence.i */
  rwx[16 + 2] = addi(T2, ZERO, 5);
  __asm__ volatile("fence.i" ::: "memory");
  printf("hot loop v3 (fence.i): %ld\n", loop(100));

  /* 3. W^X: write while RW, execute while RX, flip back and rewrite */
  uint32_t *wx = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  wx[0] = addi(A0, A0, 7);
  wx[1] = RET;
  mprotect(wx, page, PROT_READ | PROT_EXEC);
  sync_icache(wx, 8);
  printf("w^x v1: %ld\n", ((fn)wx)(10));
  mprotect(wx, page, PROT_READ | PROT_WRITE);
  wx[0] = addi(A0, A0, 70);
  mprotect(wx, page, PROT_READ | PROT_EXEC);
  sync_icache(wx, 8);
  printf("w^x v2: %ld\n", ((fn)wx)(10));
  /* unmapped and mapped again at the same address with new code */
  munmap(wx, page);
  uint32_t *again = mmap(wx, page, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  again[0] = addi(A0, A0, 700);
  again[1] = RET;
  sync_icache(again, 8);
  printf("remapped: %ld\n", ((fn)again)(10));

  /* 4. code that patches an instruction further on in its own body:
   *   sw a1, 12(pc-relative) ; fence.i ; <patched slot> ; ret
   * a0 = address of the slot's word, a1 = new instruction */
  uint32_t *self = rwx + 64;
  self[0] = 0x00b52023;               /* sw a1, 0(a0) */
  self[1] = 0x0000100f;               /* fence.i */
  self[2] = addi(A0, ZERO, 1);        /* slot: li a0, 1 (to be replaced) */
  self[3] = RET;
  sync_icache(self, 16);
  long (*selfpatch)(uint32_t *, uint32_t) = (long (*)(uint32_t *, uint32_t))self;
  printf("self-patch: %ld\n", selfpatch(&self[2], addi(A0, ZERO, 2)));
  printf("self-patch again: %ld\n", selfpatch(&self[2], addi(A0, ZERO, 3)));
  return 0;
}
