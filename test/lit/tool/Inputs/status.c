/* Exit status or death by signal chosen by argv[1] (freestanding: fast to
 * translate). "segv": store to address 0; "abort"/"kill": SIGABRT/SIGKILL
 * sent to itself; a number: that exit status. */
#include "minirt.h"

int main(int argc, char **argv) {
  if (argc < 2)
    return 0;
  const char *a = argv[1];
  if (rt_streq(a, "segv"))
    *(volatile int *)0 = 1;
  if (rt_streq(a, "abort"))
    rt_syscall(RT_SYS_kill, rt_syscall(RT_SYS_getpid, 0, 0, 0), 6, 0);
  if (rt_streq(a, "kill"))
    rt_syscall(RT_SYS_kill, rt_syscall(RT_SYS_getpid, 0, 0, 0), 9, 0);
  int v = 0;
  while (*a >= '0' && *a <= '9')
    v = v * 10 + (*a++ - '0');
  return v;
}
