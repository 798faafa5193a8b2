// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * xen-io-tool: the disk half of bench/xen-io, run inside the domU (built
 * with plain `gcc -static', shipped in the bench's extra initramfs).  It
 * times block-device I/O with O_DIRECT, so the guest's page cache never
 * answers, and prints one line per test from clock_gettime(CLOCK_MONOTONIC):
 *
 *   xen-io: seqread bytes=N ns=T mb_s=X      sequential, BLOCK_KIB blocks
 *   xen-io: seqwrite bytes=N ns=T mb_s=X     the same, then fdatasync
 *   xen-io: randread ops=N bytes=N ns=T iops=X   4 KiB at random offsets,
 *                                            one at a time
 *
 * Each test is one phase for bench/xen-trace-count: a user-space `cpuid'
 * with leaf AB_MARK_START + PHASE before it and AB_MARK_END + PHASE after it, the
 * end mark's subleaf carrying the KiB moved (xen-trace-count adds it to the
 * phase's iterations, so its counts come out per KiB).  `mark' issues the
 * same marks around another program (iperf3).
 *
 * Usage: xen-io-tool seqread|seqwrite DEV MB PHASE
 *        xen-io-tool randread DEV OPS PHASE
 *        xen-io-tool mark start|end PHASE [KIB]
 * The random offsets come from a fixed seed: every kernel reads the same
 * blocks.  Exits non-zero, saying why, if a system call fails.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "../linux-config/initramfs/ab-mark.h"

#define BLOCK_KIB	1024		/* sequential request size */
#define RAND_BYTES	4096

static void fail(const char *what)
{
	fprintf(stderr, "xen-io-tool: %s failed: %s\n", what, strerror(errno));
	exit(2);
}

static void usage(void)
{
	fprintf(stderr, "usage: xen-io-tool seqread|seqwrite DEV MB PHASE\n"
			"       xen-io-tool randread DEV OPS PHASE\n"
			"       xen-io-tool mark start|end PHASE [KIB]\n");
	exit(1);
}

static long number(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 0) {
		fprintf(stderr, "xen-io-tool: '%s' is not a number\n", s);
		exit(1);
	}
	return v;
}

static double now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts))
		fail("clock_gettime");
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int open_dev(const char *dev, int flags, uint64_t *size)
{
	int fd = open(dev, flags | O_DIRECT);

	if (fd < 0)
		fail(dev);
	if (ioctl(fd, BLKGETSIZE64, size))
		fail("BLKGETSIZE64");
	return fd;
}

static void *buffer(size_t bytes, int fill)
{
	void *p;

	/* O_DIRECT wants the buffer aligned to the logical block size. */
	if (posix_memalign(&p, 4096, bytes))
		fail("posix_memalign");
	memset(p, fill, bytes);
	return p;
}

static void sequential(const char *dev, int write, long mb, unsigned phase)
{
	const size_t bs = BLOCK_KIB * 1024;
	uint64_t size, bytes = (uint64_t)mb << 20;
	int fd = open_dev(dev, write ? O_WRONLY : O_RDONLY, &size);
	char *buf = buffer(bs, 0x5a);
	double t0, dt;

	if (bytes > size) {
		fprintf(stderr, "xen-io-tool: %s has %llu bytes, %ld MB asked\n",
			dev, (unsigned long long)size, mb);
		exit(1);
	}
	ab_mark(AB_MARK_START + phase, 0);
	t0 = now_ns();
	for (uint64_t off = 0; off < bytes; off += bs) {
		ssize_t n = write ? pwrite(fd, buf, bs, off) : pread(fd, buf, bs, off);

		if (n != (ssize_t)bs)
			fail(write ? "pwrite" : "pread");
	}
	/* A write is done when the device says it is stable. */
	if (write && fdatasync(fd))
		fail("fdatasync");
	dt = now_ns() - t0;
	ab_mark(AB_MARK_END + phase, (unsigned int)(bytes >> 10));
	printf("xen-io: %s bytes=%llu ns=%.0f mb_s=%.2f\n", write ? "seqwrite" : "seqread",
	       (unsigned long long)bytes, dt, bytes / 1048576.0 / (dt / 1e9));
	close(fd);
	free(buf);
}

static void random_read(const char *dev, long ops, unsigned phase)
{
	uint64_t size, x = 0x9e3779b97f4a7c15ull, blocks;
	int fd = open_dev(dev, O_RDONLY, &size);
	char *buf = buffer(RAND_BYTES, 0);
	double t0, dt;

	blocks = size / RAND_BYTES;
	if (!blocks) {
		fprintf(stderr, "xen-io-tool: %s is smaller than one block\n", dev);
		exit(1);
	}
	ab_mark(AB_MARK_START + phase, 0);
	t0 = now_ns();
	for (long i = 0; i < ops; i++) {
		/* xorshift64: the same offsets on every run */
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		if (pread(fd, buf, RAND_BYTES, (x % blocks) * RAND_BYTES) != RAND_BYTES)
			fail("pread");
	}
	dt = now_ns() - t0;
	ab_mark(AB_MARK_END + phase, (unsigned int)(ops * RAND_BYTES >> 10));
	printf("xen-io: randread ops=%ld bytes=%ld ns=%.0f iops=%.1f\n",
	       ops, ops * RAND_BYTES, dt, ops / (dt / 1e9));
	close(fd);
	free(buf);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2)
		usage();
	if (!strcmp(argv[1], "mark")) {
		if (argc < 4 || argc > 5)
			usage();
		unsigned phase = number(argv[3]);
		unsigned kib = argc == 5 ? number(argv[4]) : 0;

		if (!strcmp(argv[2], "start"))
			ab_mark(AB_MARK_START + phase, 0);
		else if (!strcmp(argv[2], "end"))
			ab_mark(AB_MARK_END + phase, kib);
		else
			usage();
		return 0;
	}
	if (argc != 5)
		usage();
	if (!strcmp(argv[1], "seqread"))
		sequential(argv[2], 0, number(argv[3]), number(argv[4]));
	else if (!strcmp(argv[1], "seqwrite"))
		sequential(argv[2], 1, number(argv[3]), number(argv[4]));
	else if (!strcmp(argv[1], "randread"))
		random_read(argv[2], number(argv[3]), number(argv[4]));
	else
		usage();
	return 0;
}
