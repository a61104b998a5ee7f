/* Integer: sieve of Eratosthenes over 8M numbers, repeated. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  int reps = argc > 1 ? atoi(argv[1]) : 40;
  enum { N = 8 * 1024 * 1024 };
  unsigned char *composite = malloc(N + 1);
  unsigned long total = 0;
  for (int r = 0; r < reps; ++r) {
    memset(composite, 0, N + 1);
    unsigned long count = 0;
    for (unsigned long i = 2; i <= N; ++i) {
      if (composite[i])
        continue;
      ++count;
      for (unsigned long j = i * i; j <= N; j += i)
        composite[j] = 1;
    }
    total += count + (unsigned long)r;
  }
  printf("sieve checksum %lu\n", total);
  free(composite);
  return 0;
}
