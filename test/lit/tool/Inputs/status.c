/* exit status / signal chosen by argv[1] */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv) {
  if (argc < 2)
    return 0;
  if (!strcmp(argv[1], "segv"))
    raise(SIGSEGV);
  if (!strcmp(argv[1], "abort"))
    abort();
  if (!strcmp(argv[1], "kill"))
    raise(SIGKILL);
  return atoi(argv[1]);
}
