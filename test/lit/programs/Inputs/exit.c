/* Ways a program ends, chosen by argv[1]: exit(N), return from main,
 * _exit, atexit handlers, abort() (SIGABRT), raise(SIGKILL/SIGSEGV/...),
 * a null-pointer store (SIGSEGV). stdio buffers are flushed by exit. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void bye1(void) { printf("atexit 1\n"); }
static void bye2(void) { printf("atexit 2\n"); }

int main(int argc, char **argv) {
  const char *m = argc > 1 ? argv[1] : "";
  printf("mode %s\n", m);
  if (!strcmp(m, "exit42"))
    exit(42);
  if (!strcmp(m, "return7"))
    return 7;
  if (!strcmp(m, "exit255"))
    exit(255);
  if (!strcmp(m, "exit256"))
    exit(256); /* only the low 8 bits survive: 0 */
  if (!strcmp(m, "exit-1"))
    exit(-1);
  if (!strcmp(m, "_exit3")) {
    fflush(stdout);
    _exit(3);
  }
  if (!strcmp(m, "atexit")) {
    atexit(bye1);
    atexit(bye2);
    exit(5);
  }
  if (!strcmp(m, "unflushed")) {
    printf("this line is lost");
    _exit(0); /* stdout is a pipe: fully buffered, never flushed */
  }
  fflush(stdout);
  if (!strcmp(m, "abort"))
    abort();
  if (!strcmp(m, "segv"))
    *(volatile int *)0 = 1;
  if (!strcmp(m, "kill"))
    raise(SIGKILL);
  if (!strcmp(m, "term"))
    kill(getpid(), SIGTERM);
  if (!strcmp(m, "fpe"))
    raise(SIGFPE);
  return 0;
}
