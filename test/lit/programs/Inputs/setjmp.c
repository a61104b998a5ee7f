/* setjmp/longjmp: non-local exits from nested calls, values preserved in
 * volatile locals, longjmp(0) returning 1, sigsetjmp/siglongjmp. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>

static jmp_buf env;
static int depth;

static void dive(int n) {
  depth = n;
  if (n == 50)
    longjmp(env, n);
  dive(n + 1);
}

int main(void) {
  volatile int count = 0;
  int r = setjmp(env);
  printf("setjmp returned %d (count %d)\n", r, count);
  if (count++ < 3) {
    if (count == 3)
      longjmp(env, 0); /* becomes 1 */
    dive(count * 10);
  }
  printf("final depth %d count %d\n", depth, count);
  sigjmp_buf senv;
  volatile double fpv = 1.5;
  if (sigsetjmp(senv, 1) == 0) {
    fpv = 2.5;
    siglongjmp(senv, 7);
  }
  printf("after siglongjmp fpv=%g\n", fpv);
  return 0;
}
