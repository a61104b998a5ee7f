/* qsort and bsearch on ints, strings and structs (indirect calls through a
 * comparison function pointer, many short blocks). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long rng = 88172645463325252ull;
static unsigned next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (unsigned)(rng >> 11);
}

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}
static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}
struct rec { char name[12]; int age; double score; };
static int cmp_rec(const void *a, const void *b) {
  const struct rec *x = a, *y = b;
  if (x->age != y->age)
    return x->age - y->age;
  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  return strcmp(x->name, y->name);
}

int main(void) {
  enum { N = 20000 };
  int *v = malloc(N * sizeof *v);
  for (int i = 0; i < N; ++i)
    v[i] = (int)(next() % 100000) - 50000;
  qsort(v, N, sizeof *v, cmp_int);
  long long chk = 0;
  int sorted = 1;
  for (int i = 0; i < N; ++i) {
    chk = chk * 31 + v[i];
    if (i && v[i - 1] > v[i])
      sorted = 0;
  }
  printf("ints sorted=%d min=%d max=%d median=%d chk=%lld\n", sorted, v[0], v[N - 1], v[N / 2], chk);
  int key = v[1234];
  int *found = bsearch(&key, v, N, sizeof *v, cmp_int);
  printf("bsearch found=%d value=%d\n", found != NULL, found ? *found : 0);
  key = 123456;
  printf("bsearch missing=%d\n", bsearch(&key, v, N, sizeof *v, cmp_int) == NULL);
  free(v);

  const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date", "elderberry",
                         "grape", "kiwi", "lemon", "mango", "nectarine", "orange", "Apple",
                         "apple pie", "", "zucchini", "banana"};
  size_t nw = sizeof words / sizeof words[0];
  qsort(words, nw, sizeof words[0], cmp_str);
  for (size_t i = 0; i < nw; ++i)
    printf("word[%zu]=[%s]\n", i, words[i]);

  struct rec recs[40];
  for (int i = 0; i < 40; ++i) {
    snprintf(recs[i].name, sizeof recs[i].name, "p%02u", next() % 100);
    recs[i].age = 20 + (int)(next() % 5);
    recs[i].score = (next() % 1000) / 10.0;
  }
  qsort(recs, 40, sizeof recs[0], cmp_rec);
  for (int i = 0; i < 40; ++i)
    printf("rec %s %d %.1f\n", recs[i].name, recs[i].age, recs[i].score);
  return 0;
}
