/* The guest for most tool tests (freestanding, so it translates quickly):
 * a greeting through one write(2), then its arguments, then exit_group(0).
 * With argv[1] == "env": its environment, sorted, and some getenv results. */
#include "minirt.h"

static const char *getenv_(char **envp, const char *name) {
  for (; *envp; ++envp) {
    const char *e = *envp, *n = name;
    while (*n && *e == *n)
      ++e, ++n;
    if (!*n && *e == '=')
      return e + 1;
  }
  return 0;
}

static int less(const char *a, const char *b) {
  while (*a && *a == *b)
    ++a, ++b;
  return (unsigned char)*a < (unsigned char)*b;
}

int main(int argc, char **argv, char **envp) {
  if (argc > 1 && rt_streq(argv[1], "env")) {
    int n = 0;
    while (envp[n])
      ++n;
    char *sorted[256];
    if (n > 256)
      n = 256;
    for (int i = 0; i < n; ++i) {
      char *v = envp[i];
      int j = i;
      for (; j > 0 && less(v, sorted[j - 1]); --j)
        sorted[j] = sorted[j - 1];
      sorted[j] = v;
    }
    for (int i = 0; i < n; ++i)
      pr("env %s\n", sorted[i]);
    static const char *const names[] = {"FOO", "EMPTY", "WITH_EQ", "UNSET_ME"};
    for (int i = 0; i < 4; ++i) {
      const char *v = getenv_(envp, names[i]);
      pr("getenv(%s)=%s%s%s\n", names[i], v ? "[" : "", v ? v : "NULL", v ? "]" : "");
    }
    return 0;
  }
  pr("hello from the guest\n");
  for (int i = 1; i < argc; ++i)
    pr("arg %d: %s\n", i, argv[i]);
  return 0;
}
