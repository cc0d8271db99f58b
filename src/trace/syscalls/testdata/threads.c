#include <pthread.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/socket.h>
static void* worker(void* arg) { char b[64]; int fd = open("/etc/hostname", O_RDONLY); read(fd, b, sizeof b); close(fd); return arg; }
int main(void) {
  pthread_t t; pthread_create(&t, 0, worker, 0); pthread_join(t, 0);
  int p[2]; pipe(p); write(p[1], "x", 1); close(p[0]); close(p[1]);
  int s = socket(AF_INET, SOCK_STREAM, 0); close(s);
  open("/nonexistent/file", O_RDONLY);
  if (fork() == 0) { _exit(3); }
  return 0;
}
