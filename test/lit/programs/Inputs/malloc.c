/* malloc-heavy work: linked lists, a hash table, many reallocs growing and
 * shrinking, calloc, large (mmap-served) blocks, and freeing everything. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node { struct node *next; int value; char pad[20]; };

int main(void) {
  /* a linked list of 100000 nodes, reversed, summed, freed */
  struct node *head = NULL;
  for (int i = 0; i < 100000; ++i) {
    struct node *n = malloc(sizeof *n);
    n->value = i;
    n->next = head;
    head = n;
  }
  struct node *rev = NULL;
  while (head) {
    struct node *n = head;
    head = n->next;
    n->next = rev;
    rev = n;
  }
  long sum = 0, idx = 0, ordered = 1;
  for (struct node *n = rev; n; n = n->next, ++idx) {
    sum += n->value;
    if (n->value != idx)
      ordered = 0;
  }
  printf("list sum=%ld ordered=%ld\n", sum, ordered);
  while (rev) {
    struct node *n = rev->next;
    free(rev);
    rev = n;
  }
  /* realloc growth one element at a time, then shrinking */
  int *arr = NULL;
  size_t cap = 0;
  for (int i = 0; i < 50000; ++i) {
    if ((size_t)i == cap) {
      cap = cap ? cap + cap / 3 + 1 : 1;
      arr = realloc(arr, cap * sizeof *arr);
    }
    arr[i] = i * 3;
  }
  long s2 = 0;
  for (int i = 0; i < 50000; ++i)
    s2 += arr[i];
  for (size_t c = 50000; c > 10; c /= 2)
    arr = realloc(arr, c * sizeof *arr);
  printf("realloc sum=%ld first=%d last-kept=%d\n", s2, arr[0], arr[9]);
  free(arr);
  /* many strings of varying sizes, freed in a scrambled order */
  enum { M = 20000 };
  char **strs = calloc(M, sizeof *strs);
  uint32_t x = 12345;
  size_t total = 0;
  for (int i = 0; i < M; ++i) {
    x = x * 1103515245u + 12345u;
    size_t len = 1 + (x >> 16) % 200;
    strs[i] = malloc(len + 1);
    memset(strs[i], 'a' + i % 26, len);
    strs[i][len] = 0;
    total += len;
  }
  size_t total2 = 0;
  for (int i = 0; i < M; ++i) {
    int j = (int)(((long)i * 7919) % M);
    total2 += strlen(strs[j]);
    free(strs[j]);
    strs[j] = NULL;
  }
  printf("strings total=%zu again=%zu\n", total, total2);
  free(strs);
  /* calloc zeroes, large blocks (mmap threshold) */
  unsigned char *z = calloc(1 << 20, 1);
  int nz = 0;
  for (int i = 0; i < (1 << 20); ++i)
    nz += z[i] != 0;
  memset(z, 0xab, 1 << 20);
  printf("calloc nonzero=%d\n", nz);
  unsigned char *big = malloc(64u << 20);
  for (size_t i = 0; i < (64u << 20); i += 4096)
    big[i] = (unsigned char)(i >> 12);
  unsigned long bs = 0;
  for (size_t i = 0; i < (64u << 20); i += 4096)
    bs += big[i];
  printf("big sum=%lu\n", bs);
  big = realloc(big, 128u << 20);
  printf("big after realloc=%d %d\n", big[4096 * 3], big[4096 * 255]);
  free(big);
  free(z);
  void *p = malloc(0);
  printf("malloc(0) %s\n", p ? "non-null" : "null");
  free(p);
  void *al = aligned_alloc(4096, 8192);
  printf("aligned_alloc %d\n", ((uintptr_t)al & 4095) == 0);
  free(al);
  return 0;
}
