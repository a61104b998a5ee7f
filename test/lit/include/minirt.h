/* minirt.h - a freestanding runtime for ISA known-answer tests.
 *
 * Include it in exactly one translation unit and build with
 * %rv64-cc-nostdlib (-nostdlib -ffreestanding -static). It provides _start,
 * raw syscalls, a tiny printf (%d %u %x %s %c with l, 0 and width),
 * rt_envp and exit. Output is flushed at every newline, so everything printed before a
 * fault reaches stdout. No glibc: the guests stay small and start fast, and
 * the ISA tests do not depend on glibc running correctly.
 */
#ifndef MINIRT_H
#define MINIRT_H

#include <stdarg.h>

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long u64;
typedef signed char i8;
typedef short i16;
typedef int i32;
typedef long i64;

#define RT_UNUSED __attribute__((unused))
#define NOINLINE __attribute__((noinline))

/* Keep a value opaque to the optimiser, so operations are not folded. */
#define OPAQUE(x) ({ __typeof__(x) o_ = (x); __asm__ volatile("" : "+r"(o_)); o_; })

static inline long rt_syscall(long n, long a0, long a1, long a2) {
  register long r_a0 __asm__("a0") = a0;
  register long r_a1 __asm__("a1") = a1;
  register long r_a2 __asm__("a2") = a2;
  register long r_a7 __asm__("a7") = n;
  __asm__ volatile("ecall" : "+r"(r_a0) : "r"(r_a1), "r"(r_a2), "r"(r_a7) : "memory");
  return r_a0;
}

enum { RT_SYS_write = 64, RT_SYS_exit_group = 94, RT_SYS_getpid = 172, RT_SYS_kill = 129 };

static char rt_buf[512];
static unsigned rt_len;

static RT_UNUSED void rt_flush(void) {
  unsigned off = 0;
  while (off < rt_len) {
    long n = rt_syscall(RT_SYS_write, 1, (long)(rt_buf + off), rt_len - off);
    if (n <= 0)
      break;
    off += (unsigned)n;
  }
  rt_len = 0;
}

static RT_UNUSED __attribute__((noreturn)) void rt_exit(int code) {
  rt_flush();
  for (;;)
    rt_syscall(RT_SYS_exit_group, code, 0, 0);
}

static RT_UNUSED void put_char(char c) {
  rt_buf[rt_len++] = c;
  if (c == '\n' || rt_len == sizeof(rt_buf))
    rt_flush();
}

static RT_UNUSED void put_str(const char *s) {
  while (*s)
    put_char(*s++);
}

static void rt_put_u(u64 v, unsigned base, int width, char pad) {
  char tmp[24];
  int n = 0;
  do {
    unsigned d = (unsigned)(v % base);
    tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
    v /= base;
  } while (v);
  while (width-- > n)
    put_char(pad);
  while (n)
    put_char(tmp[--n]);
}

static RT_UNUSED void rt_vprintf(const char *f, va_list ap) {
  for (; *f; ++f) {
    if (*f != '%') {
      put_char(*f);
      continue;
    }
    ++f;
    char pad = ' ';
    int width = 0, is_long = 0;
    if (*f == '0') {
      pad = '0';
      ++f;
    }
    while (*f >= '0' && *f <= '9')
      width = width * 10 + (*f++ - '0');
    while (*f == 'l') {
      is_long = 1;
      ++f;
    }
    switch (*f) {
    case 'd': {
      i64 v = is_long ? va_arg(ap, long) : va_arg(ap, int);
      u64 u = (u64)v;
      if (v < 0) {
        put_char('-');
        u = -u;
        --width;
      }
      rt_put_u(u, 10, width, pad);
      break;
    }
    case 'u':
      rt_put_u(is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10, width, pad);
      break;
    case 'x':
      rt_put_u(is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16, width, pad);
      break;
    case 's':
      put_str(va_arg(ap, const char *));
      break;
    case 'c':
      put_char((char)va_arg(ap, int));
      break;
    case '%':
      put_char('%');
      break;
    default:
      put_char('?');
      break;
    }
  }
}

static RT_UNUSED void pr(const char *f, ...) {
  va_list ap;
  va_start(ap, f);
  rt_vprintf(f, ap);
  va_end(ap);
}

static RT_UNUSED int rt_streq(const char *a, const char *b) {
  while (*a && *a == *b)
    ++a, ++b;
  return *a == *b;
}

/* The compiler may emit calls to these even when freestanding. */
void *memcpy(void *d, const void *s, unsigned long n) {
  char *dd = d;
  const char *ss = s;
  while (n--)
    *dd++ = *ss++;
  return d;
}
void *memset(void *d, int c, unsigned long n) {
  char *dd = d;
  while (n--)
    *dd++ = (char)c;
  return d;
}

int main(); /* main(void), main(int, char **) or main(int, char **, char **) */

static char **rt_envp RT_UNUSED;

__attribute__((noreturn, used)) void rt_start_c(long *sp) {
  int argc = (int)sp[0];
  char **argv = (char **)(sp + 1);
  rt_envp = argv + argc + 1;
  rt_exit(main(argc, argv, rt_envp));
}

__asm__(".section .text._start,\"ax\",@progbits\n"
        ".globl _start\n"
        "_start:\n"
        ".option push\n"
        ".option norelax\n"
        "  la gp, __global_pointer$\n"
        ".option pop\n"
        "  mv a0, sp\n"
        "  andi sp, sp, -16\n"
        "  call rt_start_c\n"
        "  unimp\n"
        ".text\n");

#endif
