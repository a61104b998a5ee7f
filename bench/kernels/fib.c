/* Call-heavy: naive recursive Fibonacci plus many calls of tiny
 * non-inlined functions through a function pointer. */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
__attribute__((noinline)) static long inc(long x) { return x + 1; }
__attribute__((noinline)) static long twice(long x) { return x * 2 - 1; }
static long (*volatile fp[2])(long) = {inc, twice};

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 42;
  long r = fib(n);
  long acc = 0;
  for (long i = 0; i < 2000000l * (n - 20); ++i)
    acc = fp[i & 1](acc) & 0xffffff;
  printf("fib checksum %ld %ld\n", r, acc);
  return 0;
}
