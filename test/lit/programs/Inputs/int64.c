/* 64-bit (and 128-bit) integer math: overflowing arithmetic, division and
 * remainder of all signs, __int128 multiply/divide (libgcc), bit tricks,
 * hashes and PRNGs with known outputs. */
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>

static uint64_t splitmix(uint64_t *s) {
  uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

int main(void) {
  volatile int64_t a = INT64_MAX, b = INT64_MIN, c = -7, d = 3;
  printf("%" PRId64 " %" PRId64 " %" PRId64 "\n", a + 1 - 1, b / 2, (int64_t)((uint64_t)a + 1));
  printf("div %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64 "\n", c / d, c % d, -c / -d, c % -d);
  printf("udiv %" PRIu64 " %" PRIu64 "\n", UINT64_MAX / 3, UINT64_MAX % 1000000007ull);
  unsigned __int128 p = (unsigned __int128)0xfedcba9876543210ull * 0x123456789abcdef1ull;
  printf("u128 mul hi=%016" PRIx64 " lo=%016" PRIx64 "\n", (uint64_t)(p >> 64), (uint64_t)p);
  __int128 sp = (__int128)(int64_t)0x8000000000000001ll * -12345;
  printf("s128 mul hi=%016" PRIx64 " lo=%016" PRIx64 "\n", (uint64_t)((unsigned __int128)sp >> 64),
         (uint64_t)sp);
  unsigned __int128 q = p / 1000000007u, r = p % 1000000007u;
  printf("u128 div q=%016" PRIx64 "%016" PRIx64 " r=%" PRIu64 "\n", (uint64_t)(q >> 64),
         (uint64_t)q, (uint64_t)r);
  volatile uint64_t v = 0x00f0000000000100ull;
  printf("clz=%d ctz=%d popcount=%d parity=%d bswap=%016" PRIx64 "\n", __builtin_clzll(v),
         __builtin_ctzll(v), __builtin_popcountll(v), __builtin_parityll(v),
         __builtin_bswap64(v));
  int64_t ov;
  printf("overflow add=%d mul=%d\n", __builtin_add_overflow((int64_t)a, (int64_t)1, &ov),
         __builtin_mul_overflow((int64_t)0x100000000ll, (int64_t)0x80000000ll, &ov));
  uint64_t s = 42, h = 0;
  for (int i = 0; i < 1000000; ++i)
    h ^= splitmix(&s) >> (i & 7);
  printf("splitmix %016" PRIx64 "\n", h);
  uint64_t fnv = 0xcbf29ce484222325ull;
  for (int i = 0; i < 100000; ++i)
    fnv = (fnv ^ (uint8_t)(i * 131)) * 0x100000001b3ull;
  printf("fnv1a %016" PRIx64 "\n", fnv);
  /* 32-bit wrap-around and sign extension in mixed expressions */
  volatile int32_t i32 = INT32_MAX;
  volatile uint32_t u32 = 0xffffffffu;
  printf("mixed %" PRId64 " %" PRIu64 " %d %u\n", (int64_t)i32 + 1, (uint64_t)u32 + 1,
         (int32_t)((uint32_t)i32 + 1u), u32 + 1u);
  long long fact = 1;
  for (int i = 1; i <= 20; ++i)
    fact *= i;
  printf("20! = %lld\n", fact);
  uint64_t g1 = 1071ull * 1000000007ull, g2 = 462ull * 1000000007ull;
  while (g2) {
    uint64_t t = g1 % g2;
    g1 = g2;
    g2 = t;
  }
  printf("gcd %" PRIu64 "\n", g1);
  return 0;
}
