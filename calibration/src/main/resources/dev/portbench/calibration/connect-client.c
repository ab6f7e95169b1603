/*
 * portbench calibration client in C, for what Java cannot do: IP_BIND_ADDRESS_NO_PORT (Linux 4.2),
 * a socket option the JDK does not expose. ./portbench calibrate compiles this file with the
 * machine's cc into benchmarks/target/calibration/ and runs it inside its own network namespace,
 * only for scenarios that ask for that option; every other scenario uses the Java client
 * (dev.portbench.calibration.JavaConnectClient), which follows the same loop and output.
 *
 * usage: connect-client RATE DURATION_MS MAX_ATTEMPTS BACKOFF_US BIND(0|1) NO_PORT(0|1) SLOW SHIGH IP:PORT...
 *   RATE 0 is a fast loop (the next attempt right after the previous one, BACKOFF_US after a failure).
 *   SLOW SHIGH: the socket's own IP_LOCAL_PORT_RANGE (Linux 6.3+), 0 0 for none.
 * Prints one line per attempt: CLOCK_MONOTONIC ns, destination index, outcome (OK or errno name),
 * local port (0 if none), the instant its TIME-WAIT began (0 if none) and FIN (or - if none).
 * The client closes first: shutdown(SHUT_WR), a read to the server's FIN (when TIME-WAIT is
 * armed), then close(), so it holds the TIME-WAIT. Bounded by DURATION_MS and MAX_ATTEMPTS.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif
#ifndef IP_LOCAL_PORT_RANGE
#define IP_LOCAL_PORT_RANGE 51
#endif

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void sleep_until(long long t) {
    struct timespec ts;
    ts.tv_sec = t / 1000000000LL;
    ts.tv_nsec = t % 1000000000LL;
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR) {
    }
}

static const char *errno_name(int e) {
    switch (e) {
    case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
    case EADDRINUSE: return "EADDRINUSE";
    case ECONNREFUSED: return "ECONNREFUSED";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EAGAIN: return "EAGAIN";
    case EMFILE: return "EMFILE";
    case ENFILE: return "ENFILE";
    case ENOBUFS: return "ENOBUFS";
    case EINVAL: return "EINVAL";
    default: return "EOTHER";
    }
}

int main(int argc, char **argv) {
    if (argc < 10) {
        fprintf(stderr, "usage: %s RATE DURATION_MS MAX_ATTEMPTS BACKOFF_US BIND NO_PORT SLOW SHIGH IP:PORT...\n", argv[0]);
        return 2;
    }
    double rate = atof(argv[1]);
    long long duration_ns = atoll(argv[2]) * 1000000LL;
    long long max_attempts = atoll(argv[3]);
    long long backoff_ns = atoll(argv[4]) * 1000LL;
    int bind_first = atoi(argv[5]);
    int no_port = atoi(argv[6]);
    unsigned int socket_low = (unsigned int) atoi(argv[7]);
    unsigned int socket_high = (unsigned int) atoi(argv[8]);
    unsigned int socket_range = socket_low | (socket_high << 16);
    int n = argc - 9;
    struct sockaddr_in *dest = calloc((size_t) n, sizeof *dest);
    if (dest == NULL || rate < 0 || duration_ns <= 0 || max_attempts <= 0 || backoff_ns < 0) {
        fprintf(stderr, "connect-client: bad arguments\n");
        return 2;
    }
    for (int i = 0; i < n; i++) {
        char buf[64];
        snprintf(buf, sizeof buf, "%s", argv[9 + i]);
        char *colon = strrchr(buf, ':');
        if (colon == NULL) {
            fprintf(stderr, "connect-client: '%s' is not IP:PORT\n", argv[9 + i]);
            return 2;
        }
        *colon = '\0';
        dest[i].sin_family = AF_INET;
        dest[i].sin_port = htons((unsigned short) atoi(colon + 1));
        if (inet_pton(AF_INET, buf, &dest[i].sin_addr) != 1) {
            fprintf(stderr, "connect-client: '%s' is not an IPv4 address\n", buf);
            return 2;
        }
    }
    static char out[1 << 20];
    setvbuf(stdout, out, _IOFBF, sizeof out);
    struct sockaddr_in local;
    memset(&local, 0, sizeof local);
    local.sin_family = AF_INET;
    inet_pton(AF_INET, "127.0.0.1", &local.sin_addr);

    long long start = now_ns();
    long long end = start + duration_ns;
    for (long long i = 0; i < max_attempts; i++) {
        long long t;
        if (rate > 0) {
            long long due = start + (long long) ((double) i * 1e9 / rate);
            if (due >= end) {
                break;
            }
            if (now_ns() < due) {
                sleep_until(due);
            }
        }
        t = now_ns();
        if (t >= end) {
            break;
        }
        int d = (int) (i % n);
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) {
            printf("%lld,%d,%s,0,0,-\n", t, d, errno_name(errno));
            continue;
        }
        const char *outcome = "OK";
        int port = 0;
        int one = 1;
        long long closed = 0;
        if (socket_range != 0
                && setsockopt(fd, IPPROTO_IP, IP_LOCAL_PORT_RANGE, &socket_range, sizeof socket_range) != 0) {
            outcome = errno_name(errno);
        } else if (no_port && setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one) != 0) {
            outcome = errno_name(errno);
        } else if (bind_first && bind(fd, (struct sockaddr *) &local, sizeof local) != 0) {
            outcome = errno_name(errno);
        } else if (connect(fd, (struct sockaddr *) &dest[d], sizeof dest[d]) != 0) {
            outcome = errno_name(errno);
        } else {
            struct sockaddr_in me;
            socklen_t len = sizeof me;
            if (getsockname(fd, (struct sockaddr *) &me, &len) == 0) {
                port = ntohs(me.sin_port);
            }
            struct timeval tv = {5, 0};
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
            shutdown(fd, SHUT_WR);
            char buf[64];
            while (read(fd, buf, sizeof buf) > 0) {
            }
            closed = now_ns();
        }
        close(fd);
        printf("%lld,%d,%s,%d,%lld,%s\n", t, d, outcome, port, closed, closed != 0 ? "FIN" : "-");
        if (rate == 0 && port == 0 && backoff_ns > 0) {
            sleep_until(now_ns() + backoff_ns);
        }
    }
    fflush(stdout);
    return 0;
}
