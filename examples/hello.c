/* hello.c - the example guest program.
 *
 * Build it for riscv64 and run it under dbt-run:
 *
 *   riscv64-linux-gnu-gcc -static -O2 examples/hello.c -o hello
 *   build/bin/dbt-run ./hello world
 *
 * (The build also produces build/examples/hello; `ninja run-hello` runs it.)
 */
#include <stdio.h>

int main(int argc, char **argv) {
  printf("Hello, %s!\n", argc > 1 ? argv[1] : "RISC-V");
  double x = 1.0;
  for (int i = 1; i <= 10; ++i)
    x += 1.0 / i;
  printf("1 + H(10) = %.6f\n", x);
  return 0;
}
