/* Branchy: a hand-written quicksort (with insertion sort for small runs)
 * of pseudo-random ints, then binary searches; repeated. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void isort(int *a, long n) {
  for (long i = 1; i < n; ++i) {
    int v = a[i];
    long j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      --j;
    }
    a[j + 1] = v;
  }
}
static void qsort_ints(int *a, long n) {
  while (n > 16) {
    int p = a[n / 2];
    long i = 0, j = n - 1;
    while (i <= j) {
      while (a[i] < p)
        ++i;
      while (a[j] > p)
        --j;
      if (i <= j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        ++i;
        --j;
      }
    }
    if (j + 1 < n - i) {
      qsort_ints(a, j + 1);
      a += i;
      n -= i;
    } else {
      qsort_ints(a + i, n - i);
      n = j + 1;
    }
  }
  isort(a, n);
}
static long bsearch_int(const int *a, long n, int key) {
  long lo = 0, hi = n - 1;
  while (lo <= hi) {
    long mid = lo + (hi - lo) / 2;
    if (a[mid] < key)
      lo = mid + 1;
    else if (a[mid] > key)
      hi = mid - 1;
    else
      return mid;
  }
  return -1;
}

int main(int argc, char **argv) {
  int reps = argc > 1 ? atoi(argv[1]) : 10;
  enum { N = 1000000 };
  int *a = malloc(N * sizeof *a);
  uint32_t s = 2463534242u;
  uint64_t sum = 0;
  for (int r = 0; r < reps; ++r) {
    for (long i = 0; i < N; ++i) {
      s ^= s << 13;
      s ^= s >> 17;
      s ^= s << 5;
      a[i] = (int)(s % 10000000u);
    }
    qsort_ints(a, N);
    long found = 0;
    for (int k = 0; k < 200000; ++k)
      found += bsearch_int(a, N, (int)(k * 50u)) >= 0;
    sum += (uint64_t)a[N / 3] + (uint64_t)found;
  }
  printf("sort checksum %llu\n", (unsigned long long)sum);
  free(a);
  return 0;
}
