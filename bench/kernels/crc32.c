/* Integer/bit manipulation: table-driven CRC-32 and a bitwise hash over a
 * 1 MiB buffer, repeated. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint32_t table[256];

int main(int argc, char **argv) {
  int reps = argc > 1 ? atoi(argv[1]) : 300;
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k)
      c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  enum { N = 1 << 20 };
  uint8_t *buf = malloc(N);
  uint64_t x = 0x9e3779b97f4a7c15ull;
  for (int i = 0; i < N; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    buf[i] = (uint8_t)x;
  }
  uint32_t crc = 0;
  uint64_t h = 0;
  for (int r = 0; r < reps; ++r) {
    uint32_t c = ~(uint32_t)r;
    for (int i = 0; i < N; ++i)
      c = table[(c ^ buf[i]) & 0xff] ^ (c >> 8);
    crc = crc * 31u + ~c;
    h = (h ^ crc) * 0x100000001b3ull;
    h ^= h >> 29;
  }
  printf("crc32 checksum %08x %016llx\n", crc, (unsigned long long)h);
  free(buf);
  return 0;
}
