// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * ab-workload: a small kernel-heavy workload run by the initramfs init and
 * timed by bench/linux-native.  Each test hammers one kernel path whose code
 * is full of sensitive instructions (syscall entry/exit: swapgs, sysret;
 * context switches: CR3 writes, pushf/popf, cli/sti; page faults: CR2 reads;
 * fork/exec: page-table setup, TLB flushes; sleeps: the timer interrupt,
 * idle hlt and the wakeup) and prints its own timing from
 * clock_gettime(CLOCK_MONOTONIC), one line per test:
 *
 *   ab-workload: TEST iters=N ns_per_op=X
 *
 * then "ab-workload: total_ms=X" summing the tests that keep the CPU busy
 * (sleep is left out: its time is mostly spent waiting) and
 * "ab-workload: tick_rate=X" (see main).  Exits non-zero, saying why, if
 * any system call fails.  Built with plain `gcc -static'.
 *
 * Usage: ab-workload [SCALE]   (iteration counts are multiplied by SCALE)
 *        ab-workload --noop     (the exec target: exits at once)
 *        ab-workload --spin MS  (busy for MS milliseconds on whatever CPUs
 *                                it may run on; the init pins one per CPU)
 */
#define _GNU_SOURCE		/* sched_getcpu, CPU_COUNT */
#include <errno.h>
#include <sched.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ab-mark.h"	/* phase markers for bench/xen-trace-count */

static const char *self;

static void fail(const char *what)
{
	fprintf(stderr, "ab-workload: %s failed: %s\n", what, strerror(errno));
	exit(2);
}

static double now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts))
		fail("clock_gettime");
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* A raw system call each time (getppid is never cached by libc). */
static void t_syscall(long n)
{
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
}

/* Writes to /dev/null: syscall + file layer, no device work. */
static void t_write(long n)
{
	char c = 'x';
	int fd = open("/dev/null", O_WRONLY);

	if (fd < 0)
		fail("open /dev/null");
	for (long i = 0; i < n; i++)
		if (write(fd, &c, 1) != 1)
			fail("write /dev/null");
	close(fd);
}

/* One byte back and forth between two processes: 2 context switches per op. */
static void t_pipe(long n)
{
	int a[2], b[2];
	char c = 0;
	pid_t pid;

	if (pipe(a) || pipe(b))
		fail("pipe");
	pid = fork();
	if (pid < 0)
		fail("fork");
	if (pid == 0) {
		for (long i = 0; i < n; i++) {
			if (read(a[0], &c, 1) != 1 || write(b[1], &c, 1) != 1)
				_exit(3);
		}
		_exit(0);
	}
	for (long i = 0; i < n; i++) {
		if (write(a[1], &c, 1) != 1 || read(b[0], &c, 1) != 1)
			fail("pipe ping-pong");
	}
	int st;
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
		fail("pipe child");
	close(a[0]); close(a[1]); close(b[0]); close(b[1]);
}

/* Anonymous memory: map, touch every page (a fault each), unmap. */
static void t_fault(long n)
{
	const long pages = 16, psz = 4096;

	for (long i = 0; i < n; i++) {
		char *p = mmap(NULL, pages * psz, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			fail("mmap");
		for (long j = 0; j < pages; j++)
			p[j * psz] = 1;
		if (munmap(p, pages * psz))
			fail("munmap");
	}
}

static void t_fork(long n)
{
	for (long i = 0; i < n; i++) {
		int st;
		pid_t pid = fork();

		if (pid < 0)
			fail("fork");
		if (pid == 0)
			_exit(0);
		if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
			fail("waitpid");
	}
}

static void t_exec(long n)
{
	for (long i = 0; i < n; i++) {
		int st;
		pid_t pid = fork();

		if (pid < 0)
			fail("fork");
		if (pid == 0) {
			execl(self, self, "--noop", (char *)NULL);
			_exit(127);
		}
		if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
			fail("exec child");
	}
}

/*
 * Timer-heavy: 1 ms sleeps.  With a periodic tick and no high-resolution
 * timers (both small configs) each rounds up to the next tick or two, so
 * ns/op shows how promptly the platform's timer interrupt wakes the idle
 * CPU, not the workload's own speed.
 */
static void t_sleep(long n)
{
	const struct timespec ms = { 0, 1000000 };

	for (long i = 0; i < n; i++)
		if (nanosleep(&ms, NULL))
			fail("nanosleep");
}

/*
 * One busy process of the SMP check (linux-config/initramfs/init): spin for
 * ms milliseconds, asking which CPU runs it every 1024 rounds, and print
 *
 *   ab-workload: spin pinned=P cpu_first=F cpu_last=L moves=M rounds=R
 *
 * P = the one CPU its affinity allows ("none" when it allows several), F/L
 * the CPU seen first and last, M how often that changed.
 * The init pins one per CPU with taskset and wants, for each, F = L = its
 * CPU, M = 0 and R > 0: every CPU ran user code while the others did too.
 */
static int spin(long ms)
{
	cpu_set_t set;
	unsigned long rounds = 0;
	volatile unsigned long sink = 0;
	int first, last, moves = 0, pinned = -1;
	double end = now_ns() + ms * 1e6;

	if (sched_getaffinity(0, sizeof(set), &set))
		fail("sched_getaffinity");
	if (CPU_COUNT(&set) == 1)
		for (int c = 0; c < CPU_SETSIZE; c++)
			if (CPU_ISSET(c, &set))
				pinned = c;
	first = last = sched_getcpu();
	if (first < 0)
		fail("sched_getcpu");
	do {
		for (int i = 0; i < 1024; i++)
			sink += i;
		rounds++;
		int c = sched_getcpu();
		if (c != last)
			moves++;
		last = c;
	} while (now_ns() < end);
	if (pinned >= 0)
		printf("ab-workload: spin pinned=%d", pinned);
	else
		printf("ab-workload: spin pinned=none");
	printf(" cpu_first=%d cpu_last=%d moves=%d rounds=%lu\n",
	       first, last, moves, rounds);
	return 0;
}

static const struct test {
	const char *name;
	void (*fn)(long);
	long iters;
	bool waits;		/* mostly idle: not in total_ms */
} tests[] = {
	{ "syscall", t_syscall, 20000, false },
	{ "write", t_write, 20000, false },
	{ "pipe", t_pipe, 2000, false },
	{ "fault", t_fault, 500, false },
	{ "fork", t_fork, 100, false },
	{ "exec", t_exec, 50, false },
	{ "sleep", t_sleep, 50, true },
};

int main(int argc, char **argv)
{
	long scale = 1;
	double total = 0;
	struct tms tms;

	self = argv[0];
	if (argc > 1 && !strcmp(argv[1], "--noop"))
		return 0;
	if (argc > 1 && !strcmp(argv[1], "--spin")) {
		long ms = argc > 2 ? strtol(argv[2], NULL, 10) : 0;

		if (ms < 1) {
			fprintf(stderr, "ab-workload: --spin wants milliseconds\n");
			return 1;
		}
		setvbuf(stdout, NULL, _IOLBF, 0);
		return spin(ms);
	}
	if (argc > 1) {
		scale = strtol(argv[1], NULL, 10);
		if (scale < 1) {
			fprintf(stderr, "ab-workload: bad SCALE '%s'\n", argv[1]);
			return 1;
		}
	}
	if (self[0] != '/') {
		fprintf(stderr, "ab-workload: run me by absolute path (exec test)\n");
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* times() counts the kernel's ticks (jiffies); see tick_rate below. */
	clock_t ticks0 = times(&tms);
	double run0 = now_ns();

	for (unsigned i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		long n = tests[i].iters * scale;
		double t0, dt;

		ab_mark(AB_MARK_START + i, (unsigned int)n);
		t0 = now_ns();
		tests[i].fn(n);
		dt = now_ns() - t0;
		ab_mark(AB_MARK_END + i, 0);
		if (!tests[i].waits)
			total += dt;
		printf("ab-workload: %s iters=%ld ns_per_op=%.0f\n",
		       tests[i].name, n, dt / n);
	}
	printf("ab-workload: total_ms=%.1f\n", total / 1e6);
	/*
	 * Ticks the kernel counted per tick the clocksource says were due:
	 * 1.00 when the platform's timer interrupt keeps its rate; below 1
	 * when ticks are lost or late, above 1 when they come early.
	 */
	printf("ab-workload: tick_rate=%.3f\n",
	       (double)(times(&tms) - ticks0) / sysconf(_SC_CLK_TCK) /
	       ((now_ns() - run0) / 1e9));
	return 0;
}
