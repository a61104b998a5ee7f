/* Time functions. Nothing printed depends on the current time: only
 * sanity relations (monotonic, plausible, consistent) and conversions of
 * fixed timestamps. Upper bounds are loose (SLACK): under a translator the
 * first call of a function includes translating it, which can take seconds
 * on a loaded machine. */
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#define SLACK 120

int main(void) {
  time_t t = time(NULL);
  printf("time plausible %d\n", t > 1600000000 && t < 4000000000);
  struct timespec r1, m1, m2, res, c1;
  clock_gettime(CLOCK_REALTIME, &r1);
  clock_gettime(CLOCK_MONOTONIC, &m1);
  printf("realtime~time %d\n", r1.tv_sec - t >= 0 && r1.tv_sec - t <= SLACK);
  struct timespec ns = {0, 20 * 1000 * 1000};
  nanosleep(&ns, NULL);
  clock_gettime(CLOCK_MONOTONIC, &m2);
  long long dt = (m2.tv_sec - m1.tv_sec) * 1000000000ll + (m2.tv_nsec - m1.tv_nsec);
  printf("nanosleep 20ms elapsed-ok %d\n", dt >= 20000000ll && dt < SLACK * 1000000000ll);
  printf("nsec range %d\n", m1.tv_nsec >= 0 && m1.tv_nsec < 1000000000);
  printf("getres %d\n", clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0);
  printf("cputime %d\n", clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1) == 0);
  struct timeval tv;
  gettimeofday(&tv, NULL);
  printf("gettimeofday %d\n", tv.tv_sec - t >= 0 && tv.tv_sec - t <= SLACK && tv.tv_usec < 1000000);
  clock_t c = clock();
  printf("clock %d\n", c != (clock_t)-1);
  struct tms tm_;
  printf("times %d\n", times(&tm_) != (clock_t)-1);
  /* fixed timestamps */
  time_t fixed = 1700000000;
  struct tm g;
  gmtime_r(&fixed, &g);
  char buf[128];
  strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %A %j %U", &g);
  printf("gmtime %s\n", buf);
  localtime_r(&fixed, &g); /* TZ=UTC in the test */
  strftime(buf, sizeof buf, "%c %Z", &g);
  printf("localtime %s\n", buf);
  struct tm mk = {.tm_year = 124, .tm_mon = 1, .tm_mday = 29, .tm_hour = 12};
  printf("mktime %lld wday %d yday %d\n", (long long)mktime(&mk), mk.tm_wday, mk.tm_yday);
  printf("asctime %s", asctime(&mk));
  printf("difftime %.1f\n", difftime(fixed + 90, fixed));
  unsigned left = sleep(0);
  printf("sleep(0) %u\n", left);
  return 0;
}
