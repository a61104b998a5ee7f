/* Call-heavy code: recursive fib, Ackermann, mutual recursion, deep
 * recursion using a few MB of stack, and function pointers. */
#include <stdio.h>
#include <stdlib.h>

static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static int ack(int m, int n) {
  if (m == 0)
    return n + 1;
  if (n == 0)
    return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}
static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }
static long deep(int n) {
  volatile char frame[256];
  frame[n % 256] = (char)n;
  return n == 0 ? 0 : deep(n - 1) + frame[n % 256] % 3;
}
static long apply(long (*f)(int), int n) { return f(n); }

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 27;
  printf("fib(%d) = %ld\n", n, fib(n));
  printf("ack(2,3) = %d ack(3,5) = %d\n", ack(2, 3), ack(3, 5));
  printf("even(100001) = %d\n", is_even(100001));
  printf("deep(20000) = %ld\n", deep(20000));
  printf("apply = %ld\n", apply(fib, 20));
  return 0;
}
