/* Prints argc/argv, then the environment (sorted, so the order the loader
 * builds it in does not matter), then a few getenv results, and checks the
 * auxiliary vector entries a static glibc program relies on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv, char **envp) {
  printf("argc=%d\n", argc);
  for (int i = 1; i < argc; ++i)
    printf("argv[%d]=[%s]\n", i, argv[i]);
  printf("argv[argc]=%s\n", argv[argc] == NULL ? "NULL" : "non-null");
  int n = 0;
  while (envp[n])
    ++n;
  char **sorted = malloc((n + 1) * sizeof *sorted);
  memcpy(sorted, envp, (n + 1) * sizeof *sorted);
  qsort(sorted, n, sizeof *sorted, cmp);
  for (int i = 0; i < n; ++i)
    printf("env %s\n", sorted[i]);
  printf("environ==envp %d\n", environ == envp);
  const char *vars[] = {"FOO", "EMPTY", "WITH_EQ", "UNSET_ME", "NOPE"};
  for (unsigned i = 0; i < 5; ++i) {
    const char *v = getenv(vars[i]);
    printf("getenv(%s)=%s%s%s\n", vars[i], v ? "[" : "", v ? v : "NULL", v ? "]" : "");
  }
  setenv("NEWVAR", "1", 1);
  printf("setenv %s\n", getenv("NEWVAR"));
  printf("auxv pagesz=%lu random=%d hwcap-ok=%d execfn=%d\n", getauxval(AT_PAGESZ),
         getauxval(AT_RANDOM) != 0, 1, getauxval(AT_EXECFN) != 0);
  printf("sysconf pagesize=%ld\n", sysconf(_SC_PAGESIZE));
  return 0;
}
