/* Memory bandwidth: STREAM-like copy/scale/add/triad over arrays larger
 * than the caches, plus memcpy. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  int reps = argc > 1 ? atoi(argv[1]) : 30;
  enum { N = 4 * 1024 * 1024 };
  double *a = malloc(N * sizeof *a), *b = malloc(N * sizeof *b), *c = malloc(N * sizeof *c);
  for (long i = 0; i < N; ++i) {
    a[i] = 1.0 + (double)(i & 1023);
    b[i] = 2.0;
    c[i] = 0.0;
  }
  const double s = 3.0;
  for (int r = 0; r < reps; ++r) {
    for (long i = 0; i < N; ++i)
      c[i] = a[i];
    for (long i = 0; i < N; ++i)
      b[i] = s * c[i];
    for (long i = 0; i < N; ++i)
      c[i] = a[i] + b[i];
    for (long i = 0; i < N; ++i)
      a[i] = b[i] + s * c[i];
    memcpy(b, a, N * sizeof *a);
    for (long i = 0; i < N; ++i)
      a[i] *= 0.0625;
  }
  double sum = 0;
  for (long i = 0; i < N; i += 4096)
    sum += a[i] + b[i] + c[i];
  printf("stream checksum %.6e\n", sum);
  free(a);
  free(b);
  free(c);
  return 0;
}
