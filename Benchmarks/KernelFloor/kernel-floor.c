// The kernel's own cost of E1's traffic, the floor under any server: a single-threaded epoll server in C that
// writes a 700-byte frame to each of N loopback connections every 50 ms (one write per client per patch) and
// reads the clients' 30-byte messages (10 per second per client), doing nothing else. A forked client process
// sends and reads. Prints the server's CPU seconds per second and CPU microseconds per frame, to compare with
// what colyseus-loadtest reports for the demo server on the same machine.
//
//   cc -O2 -o kernel-floor Benchmarks/KernelFloor/kernel-floor.c && ./kernel-floor 500
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static double cpu(void) { struct rusage r; getrusage(RUSAGE_SELF, &r); return r.ru_utime.tv_sec + r.ru_utime.tv_usec / 1e6 + r.ru_stime.tv_sec + r.ru_stime.tv_usec / 1e6; }

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 500;
    int seconds = 10;
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1; setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    bind(listener, (void *)&a, sizeof a); listen(listener, 4096);
    socklen_t l = sizeof a; getsockname(listener, (void *)&a, &l);
    pid_t child = fork();
    if (child == 0) {  // clients: one thread, epoll; send 10 msgs/s each spread evenly, read everything
        int *fds = malloc(n * sizeof(int));
        int ep = epoll_create1(0);
        for (int i = 0; i < n; i++) {
            fds[i] = socket(AF_INET, SOCK_STREAM, 0);
            setsockopt(fds[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            connect(fds[i], (void *)&a, sizeof a);
            fcntl(fds[i], F_SETFL, O_NONBLOCK);
            struct epoll_event e = {.events = EPOLLIN, .data.fd = fds[i]};
            epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &e);
        }
        char msg[30]; memset(msg, 1, sizeof msg);
        char buf[65536];
        double start = now(), spacing = 0.1 / n, next = start;
        int k = 0;
        while (now() - start < seconds + 3) {
            double wait = next - now();
            struct epoll_event ev[256];
            int got = epoll_wait(ep, ev, 256, wait > 0 ? (int)(wait * 1000) : 0);
            for (int i = 0; i < got; i++) while (read(ev[i].data.fd, buf, sizeof buf) > 0) {}
            while (now() >= next) { write(fds[k], msg, sizeof msg); k = (k + 1) % n; next += spacing; }
        }
        exit(0);
    }
    int *fds = malloc(n * sizeof(int));
    int ep = epoll_create1(0);
    for (int i = 0; i < n; i++) {
        fds[i] = accept(listener, NULL, NULL);
        setsockopt(fds[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        fcntl(fds[i], F_SETFL, O_NONBLOCK);
        struct epoll_event e = {.events = EPOLLIN, .data.fd = fds[i]};
        epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &e);
    }
    char patch[700]; memset(patch, 2, sizeof patch);
    char buf[65536];
    double start = now(), nextTick = start + 0.05, measuredFrom = start + 2, cpuFrom = -1;
    long writes = 0, reads = 0;
    while (now() - start < seconds + 2) {
        if (cpuFrom < 0 && now() >= measuredFrom) { cpuFrom = cpu(); writes = reads = 0; measuredFrom = now(); }
        double wait = nextTick - now();
        struct epoll_event ev[256];
        int got = epoll_wait(ep, ev, 256, wait > 0 ? (int)(wait * 1000) + 1 : 0);
        // One read per readiness event, as SwiftNIO does when the read does not fill the buffer.
        for (int i = 0; i < got; i++) { if (read(ev[i].data.fd, buf, sizeof buf) > 0) reads++; }
        if (now() >= nextTick) { for (int i = 0; i < n; i++) { write(fds[i], patch, sizeof patch); writes++; } nextTick += 0.05; }
    }
    double elapsed = now() - measuredFrom, used = cpu() - cpuFrom;
    printf("%d connections: server %.3f CPU s/s; %.0f writes/s, %.0f reads/s; %.2f us per frame\n", n, used / elapsed, writes / elapsed, reads / elapsed, used / (writes + reads) * 1e6);
    kill(child, 9); wait(NULL);
    return 0;
}
