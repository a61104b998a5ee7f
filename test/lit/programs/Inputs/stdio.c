/* stdin/stdout/stderr plumbing: copy stdin to stdout (with a running
 * checksum on stderr), or print many lines. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "lines")) {
    for (int i = 1; i <= 100000; ++i)
      printf("line %d of 100000\n", i);
    return 0;
  }
  unsigned long sum = 0, n = 0;
  int c;
  while ((c = getchar()) != EOF) {
    putchar(c);
    sum = sum * 31 + (unsigned char)c;
    ++n;
  }
  fprintf(stderr, "copied %lu bytes, checksum %lu\n", n, sum);
  return 0;
}
