/* Careful: printf arguments are evaluated in an unspecified order (right to
 * left on x86-64, left to right on riscv64), so calls with side effects are
 * sequenced before printing.
 *
 * File I/O inside the directory given as argv[1] (which must be empty):
 * stdio and raw fds, seeking, rename/unlink, mkdir/rmdir, directory
 * listing, stat, pipes and dup. Everything printed is independent of the
 * directory's name and of timestamps, so the output can be compared with
 * the same program built for the host (a kernel oracle). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static char path[4096];
static const char *P(const char *name) {
  static char buf[2][4200];
  static int k;
  k ^= 1;
  snprintf(buf[k], sizeof buf[k], "%s/%s", path, name);
  return buf[k];
}
static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}
static void list(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) {
    printf("opendir failed errno=%d\n", errno);
    return;
  }
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 64)
    names[n++] = strdup(e->d_name);
  closedir(d);
  qsort(names, n, sizeof names[0], cmp);
  printf("listing:");
  for (int i = 0; i < n; ++i) {
    printf(" %s", names[i]);
    free(names[i]);
  }
  printf("\n");
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  snprintf(path, sizeof path, "%s", argv[1]);
  umask(022);
  FILE *f = fopen(P("a.txt"), "w");
  for (int i = 0; i < 1000; ++i)
    fprintf(f, "line %04d %-4s\n", i, i % 2 ? "odd" : "even"); /* 15 bytes */
  printf("ftell after write %ld\n", ftell(f));
  fclose(f);
  f = fopen(P("a.txt"), "r");
  char line[64];
  fseek(f, 15 * 500, SEEK_SET);
  fgets(line, sizeof line, f);
  printf("line at 500: %s", line);
  fseek(f, -15, SEEK_END);
  fgets(line, sizeof line, f);
  printf("last line: %s", line);
  rewind(f);
  char big[20000];
  size_t got = fread(big, 1, sizeof big, f);
  printf("fread %zu eof=%d\n", got, feof(f));
  fclose(f);
  struct stat st;
  stat(P("a.txt"), &st);
  printf("stat size=%lld reg=%d dir=%d mode=%o\n", (long long)st.st_size, S_ISREG(st.st_mode),
         S_ISDIR(st.st_mode), st.st_mode & 0777);
  /* raw fds: open/pwrite/pread/lseek/ftruncate/fstat/writev */
  int fd = open(P("b.bin"), O_RDWR | O_CREAT | O_TRUNC, 0644);
  unsigned char blk[4096];
  for (int i = 0; i < 4096; ++i)
    blk[i] = (unsigned char)(i * 13);
  printf("write %zd\n", write(fd, blk, sizeof blk));
  printf("pwrite %zd\n", pwrite(fd, "XYZ", 3, 10000));
  unsigned char rb[8];
  ssize_t rn = pread(fd, rb, 8, 100);
  printf("pread %zd %02x %02x\n", rn, rb[0], rb[7]);
  printf("lseek end %lld\n", (long long)lseek(fd, 0, SEEK_END));
  rn = pread(fd, rb, 4, 5000);
  printf("hole read %zd %d\n", rn, rb[0] | rb[1] | rb[2] | rb[3]);
  struct iovec iov[3] = {{"ab", 2}, {"cde", 3}, {"f", 1}};
  lseek(fd, 0, SEEK_SET);
  printf("writev %zd\n", writev(fd, iov, 3));
  ftruncate(fd, 5000);
  fstat(fd, &st);
  printf("fstat size %lld\n", (long long)st.st_size);
  close(fd);
  /* rename, link, unlink, mkdir, rmdir, access */
  printf("rename %d\n", rename(P("b.bin"), P("c.bin")));
  int rc = access(P("b.bin"), F_OK);
  printf("access old %d errno=%d\n", rc, errno);
  printf("mkdir %d\n", mkdir(P("sub"), 0755));
  rc = mkdir(P("sub"), 0755);
  printf("mkdir again %d errno=%d\n", rc, errno);
  f = fopen(P("sub/inner.txt"), "w");
  fputs("inner\n", f);
  fclose(f);
  printf("link %d\n", link(P("a.txt"), P("sub/hard")));
  printf("symlink %d\n", symlink("../a.txt", P("sub/soft")));
  char target[64] = {0};
  rn = readlink(P("sub/soft"), target, sizeof target - 1);
  printf("readlink %zd %s\n", rn, target);
  stat(P("sub/soft"), &st);
  printf("stat via symlink size=%lld nlink=%lu\n", (long long)st.st_size, (unsigned long)st.st_nlink);
  lstat(P("sub/soft"), &st);
  printf("lstat link=%d\n", S_ISLNK(st.st_mode));
  list(path);
  list(P("sub"));
  rc = rmdir(P("sub"));
  printf("rmdir nonempty %d errno=%d\n", rc, errno);
  unlink(P("sub/inner.txt"));
  unlink(P("sub/hard"));
  unlink(P("sub/soft"));
  printf("rmdir %d\n", rmdir(P("sub")));
  rc = unlink(P("a.txt"));
  printf("unlink %d", rc);
  rc = unlink(P("c.bin"));
  printf(" %d\n", rc);
  rc = unlink(P("nothing"));
  printf("unlink missing %d errno=%d\n", rc, errno);
  rc = open(P("nothing"), O_RDONLY);
  printf("open missing %d errno=%d\n", rc, errno);
  list(path);
  /* cwd */
  char cwd[4096];
  chdir(path);
  getcwd(cwd, sizeof cwd);
  printf("getcwd matches %d\n", strcmp(cwd, path) == 0 || strstr(cwd, "/") != NULL);
  f = fopen("relative.txt", "w+");
  fprintf(f, "%d %s %.3f\n", 42, "rel", 2.5);
  rewind(f);
  int a;
  char w[16];
  double d;
  rc = fscanf(f, "%d %15s %lf", &a, w, &d);
  printf("fscanf %d %d %s %.3f\n", rc, a, w, d);
  fclose(f);
  remove("relative.txt");
  /* pipe + dup2 */
  int p[2];
  pipe(p);
  write(p[1], "through a pipe", 14);
  close(p[1]);
  int nfd = dup(p[0]);
  char pb[32] = {0};
  rn = read(nfd, pb, sizeof pb - 1);
  printf("pipe read %zd [%s]\n", rn, pb);
  printf("pipe eof %zd\n", read(p[0], pb, 1));
  close(p[0]);
  close(nfd);
  /* stdin, if any */
  char in[128] = {0};
  ssize_t k = read(0, in, sizeof in - 1);
  printf("stdin %zd [%s]\n", k, k > 0 ? strtok(in, "\n") : "");
  return 0;
}
