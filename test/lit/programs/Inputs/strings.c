/* String and memory functions from static glibc: lengths, copies
 * (including overlapping memmove in both directions and all small
 * alignments), comparisons, searching, tokenising, formatting and parsing. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned sum(const unsigned char *p, size_t n) {
  unsigned h = 2166136261u;
  for (size_t i = 0; i < n; ++i)
    h = (h ^ p[i]) * 16777619u;
  return h;
}

int main(void) {
  char buf[256], buf2[256];
  const char *s = "The quick brown fox jumps over the lazy dog";
  printf("strlen %zu %zu %zu\n", strlen(s), strlen(""), strlen(s + 7));
  /* lengths at every alignment (vectorised strlen implementations) */
  static char al[80];
  unsigned acc = 0;
  for (int off = 0; off < 16; ++off)
    for (int len = 0; len < 40; ++len) {
      memset(al, 'x', sizeof al);
      al[off + len] = 0;
      acc = acc * 31 + (unsigned)strlen(al + off);
    }
  printf("strlen-aligned %u\n", acc);
  strcpy(buf, s);
  strcat(buf, "!");
  printf("strcpy/strcat [%s]\n", buf);
  strncpy(buf2, "abc", 6);
  printf("strncpy %d %d %d\n", buf2[3], buf2[4], buf2[5]);
  printf("strcmp %d %d %d %d\n", strcmp("abc", "abd") < 0, strcmp("abc", "abc"),
         strcmp("b", "abc") > 0, strcmp("\xff", "a") > 0);
  printf("strncmp %d %d\n", strncmp("abcdef", "abcxyz", 3), strncmp("abcdef", "abcxyz", 4) < 0);
  printf("strcasecmp %d\n", strcasecmp("HeLLo", "hello"));
  printf("memcmp %d %d\n", memcmp("abc\0x", "abc\0y", 5) < 0, memcmp("abc", "abc", 3));
  printf("strchr [%s] strrchr [%s] memchr [%s]\n", strchr(s, 'q'), strrchr(s, 'o'),
         (char *)memchr(s, 'z', strlen(s)));
  printf("strstr [%s] [%s] %p\n", strstr(s, "fox"), strstr(s, ""), (void *)strstr(s, "cat"));
  printf("strspn %zu strcspn %zu strpbrk [%s]\n", strspn("aaabbbccc", "ab"),
         strcspn("hello world", " "), strpbrk(s, "xyz"));
  /* memmove overlapping in both directions, memcpy at all alignments */
  for (int i = 0; i < 64; ++i)
    buf[i] = (char)('A' + i % 26);
  memmove(buf + 5, buf, 40);
  printf("memmove fwd %.50s\n", buf);
  memmove(buf, buf + 7, 40);
  printf("memmove back %.50s\n", buf);
  unsigned char src[300], dst[300];
  for (int i = 0; i < 300; ++i)
    src[i] = (unsigned char)(i * 7 + 3);
  unsigned h = 0;
  for (int so = 0; so < 8; ++so)
    for (int d = 0; d < 8; ++d)
      for (int n = 0; n < 260; n += 37) {
        memset(dst, 0xee, sizeof dst);
        memcpy(dst + d, src + so, n);
        h ^= sum(dst, sizeof dst) + (unsigned)(so * 100 + d * 10 + n);
      }
  printf("memcpy-aligned %08x\n", h);
  memset(dst, 0, sizeof dst);
  memset(dst + 3, 0x5a, 250);
  printf("memset %08x\n", sum(dst, sizeof dst));
  /* strtok */
  char toks[] = "  alpha, beta;gamma ,, delta  ";
  for (char *t = strtok(toks, " ,;"); t; t = strtok(NULL, " ,;"))
    printf("tok [%s]\n", t);
  char r[] = "a=1&b=2&c=3";
  char *save;
  for (char *t = strtok_r(r, "&", &save); t; t = strtok_r(NULL, "&", &save))
    printf("tok_r [%s]\n", t);
  /* sprintf / snprintf */
  int n = sprintf(buf, "%d|%5d|%-5d|%05d|%x|%X|%#o|%c|%s|%10.3s|%%|%ld|%llu", -42, 42, 42, 42,
                  0xbeef, 0xbeef, 8, 'z', "str", "abcdef", -1234567890123L,
                  18446744073709551615ULL);
  printf("sprintf %d [%s]\n", n, buf);
  n = snprintf(buf, 10, "%s", "0123456789abcdef");
  printf("snprintf %d [%s]\n", n, buf);
  n = snprintf(NULL, 0, "%d-%d", 123, 456);
  printf("snprintf-null %d\n", n);
  /* sscanf / strtol / strtod */
  int a, b;
  char word[32];
  double d;
  n = sscanf("  17 0x1f hello 3.25e2", "%d %i %31s %lf", &a, &b, word, &d);
  printf("sscanf %d %d %d %s %g\n", n, a, b, word, d);
  char *end;
  printf("strtol %ld %ld %ld\n", strtol("-0x7fff", &end, 16), strtol("0777", NULL, 0),
         strtol("99999999999999999999", NULL, 10));
  printf("strtoul %lu\n", strtoul("18446744073709551615", NULL, 10));
  const char *ds[] = {"3.14159", "-1e-310", "1e400", "0x1.8p3", "inf", "nan", "  42abc",
                      "2.2250738585072011e-308", "0.1", "1.7976931348623157e308"};
  for (unsigned i = 0; i < sizeof ds / sizeof ds[0]; ++i) {
    double v = strtod(ds[i], &end);
    printf("strtod %s -> %.17g %a rest [%s]\n", ds[i], v, v, end);
  }
  printf("atoi %d atof %g\n", atoi("  -123x"), atof("6.5e-1"));
  /* ctype and strdup */
  char *dup = strdup("Mixed Case 123");
  for (char *p = dup; *p; ++p)
    *p = (char)(isalpha((unsigned char)*p) ? toupper((unsigned char)*p) : *p);
  printf("upper [%s] %d %d %d\n", dup, isdigit('7') != 0, isspace('\t') != 0, ispunct('a'));
  free(dup);
  return 0;
}
