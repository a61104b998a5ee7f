/* Memory latency: pointer chasing through a randomly linked list of 2M
 * nodes (a random cyclic permutation). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct node { struct node *next; uint64_t value; };

int main(int argc, char **argv) {
  int reps = argc > 1 ? atoi(argv[1]) : 2;
  enum { N = 2 * 1024 * 1024 };
  struct node *nodes = malloc(N * sizeof *nodes);
  uint32_t *perm = malloc(N * sizeof *perm);
  for (uint32_t i = 0; i < N; ++i)
    perm[i] = i;
  uint64_t x = 88172645463325252ull;
  for (uint32_t i = N - 1; i > 0; --i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    uint32_t j = (uint32_t)(x % (i + 1));
    uint32_t t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  for (uint32_t i = 0; i < N; ++i) {
    nodes[perm[i]].next = &nodes[perm[(i + 1) % N]];
    nodes[perm[i]].value = i;
  }
  free(perm);
  uint64_t sum = 0;
  struct node *p = &nodes[0];
  for (int r = 0; r < reps; ++r)
    for (long k = 0; k < N; ++k) {
      sum += p->value;
      p = p->next;
    }
  printf("listwalk checksum %llu\n", (unsigned long long)sum);
  free(nodes);
  return 0;
}
