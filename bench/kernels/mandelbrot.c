/* Floating point with data-dependent branches: Mandelbrot set membership
 * counts over a grid. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int size = argc > 1 ? atoi(argv[1]) : 3000;
  const int maxit = 100;
  long inside = 0, iters = 0;
  for (int py = 0; py < size; ++py) {
    double ci = 2.0 * py / size - 1.0;
    for (int px = 0; px < size; ++px) {
      double cr = 3.0 * px / size - 2.0;
      double zr = 0, zi = 0, zr2 = 0, zi2 = 0;
      int it = 0;
      while (it < maxit && zr2 + zi2 <= 4.0) {
        zi = 2.0 * zr * zi + ci;
        zr = zr2 - zi2 + cr;
        zr2 = zr * zr;
        zi2 = zi * zi;
        ++it;
      }
      inside += it == maxit;
      iters += it;
    }
  }
  printf("mandelbrot checksum %ld %ld\n", inside, iters);
  return 0;
}
