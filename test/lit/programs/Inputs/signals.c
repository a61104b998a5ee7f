/* Guest signal handling: handlers via signal()/sigaction (SA_SIGINFO),
 * raise/kill, blocked signals pending until unblocked, a SIGSEGV handler
 * recovering with siglongjmp, a SIGILL handler that skips the faulting
 * instruction by editing the ucontext PC, and an interval timer
 * interrupting a tight loop (asynchronous delivery into translated code). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

static volatile sig_atomic_t got, last_sig, last_code;
static void handler(int sig) {
  got++;
  last_sig = sig;
}
static void info_handler(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  got++;
  last_sig = si->si_signo;
  last_code = si->si_code;
}
static sigjmp_buf jb;
static void *volatile fault_addr;
static void segv_handler(int sig, siginfo_t *si, void *uc) {
  (void)sig;
  (void)uc;
  fault_addr = si->si_addr;
  siglongjmp(jb, 1);
}
static volatile long ill_pc_delta;
static void ill_handler(int sig, siginfo_t *si, void *ucv) {
  (void)sig;
  ucontext_t *uc = ucv;
  ill_pc_delta = (long)uc->uc_mcontext.__gregs[REG_PC] - (long)si->si_addr;
  uc->uc_mcontext.__gregs[REG_PC] += 4; /* skip the 4-byte illegal instruction */
  uc->uc_mcontext.__gregs[REG_A0] = 1234; /* and change a register */
}
static volatile sig_atomic_t ticks;
static void tick(int sig) {
  (void)sig;
  ticks++;
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0); /* keep progress if it dies */
  signal(SIGUSR1, handler);
  raise(SIGUSR1);
  printf("raise: got=%d sig=%d\n", got, last_sig);
  kill(getpid(), SIGUSR1);
  printf("kill: got=%d\n", got);

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = info_handler;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGUSR2, &sa, NULL);
  raise(SIGUSR2);
  printf("siginfo: got=%d signo=%d code-is-tkill=%d\n", got, last_sig, last_code == SI_TKILL);

  /* blocked: pending until unblocked */
  sigset_t set, old;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigprocmask(SIG_BLOCK, &set, &old);
  raise(SIGUSR1);
  sigset_t pend;
  sigpending(&pend);
  printf("blocked: got=%d pending=%d\n", got, sigismember(&pend, SIGUSR1));
  sigprocmask(SIG_SETMASK, &old, NULL);
  printf("unblocked: got=%d\n", got);

  /* ignored signal */
  signal(SIGUSR1, SIG_IGN);
  raise(SIGUSR1);
  printf("ignored: got=%d\n", got);

  /* SIGSEGV handler + siglongjmp */
  sa.sa_sigaction = segv_handler;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGSEGV, &sa, NULL);
  if (sigsetjmp(jb, 1) == 0) {
    *(volatile int *)16 = 1;
    printf("not reached\n");
  }
  printf("segv recovered addr=%p\n", fault_addr);
  /* twice: the handler must still be installed and SIGSEGV unblocked */
  if (sigsetjmp(jb, 1) == 0)
    (void)*(volatile int *)4096;
  printf("segv recovered again addr=%p\n", fault_addr);

  /* SIGILL handler editing the PC in the ucontext */
  sa.sa_sigaction = ill_handler;
  sigaction(SIGILL, &sa, NULL);
  long a0;
  __asm__ volatile("li a0, 1\n\t.word 0xfe000033\n\tmv %0, a0" : "=r"(a0) : : "a0");
  printf("sigill skipped: a0=%ld pc-delta=%ld\n", a0, ill_pc_delta);

  /* a timer interrupting a loop that never makes a syscall */
  signal(SIGALRM, tick);
  struct itimerval it = {{0, 2000}, {0, 2000}};
  setitimer(ITIMER_REAL, &it, NULL);
  unsigned long spins = 0;
  while (ticks < 5)
    ++spins;
  struct itimerval off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &off, NULL);
  printf("timer ticks>=5: %d\n", ticks >= 5);

  /* sigaltstack */
  static char alt[65536];
  stack_t ss = {.ss_sp = alt, .ss_size = sizeof alt, .ss_flags = 0};
  printf("sigaltstack %d\n", sigaltstack(&ss, NULL));
  return 0;
}
