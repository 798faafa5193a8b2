// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Per-kind cost of a patched site: the same image runs natively in QEMU
 * and under afterburn-run; each line is "KIND CYCLES_PER_OP" measured with
 * an UNMARKED rdtsc (inside `.afterburn off', so timing itself is never
 * emulated), minus the cost of an empty loop iteration.
 */
#include "../../runtime/tests/guests/lib.h"

#define N 20000

static inline unsigned long tsc(void)
{
	unsigned int lo, hi;

	asm volatile(".afterburn off\n\trdtsc\n\t.afterburn on"
		     : "=a"(lo), "=d"(hi) : : "memory");
	return lo | ((unsigned long)hi << 32);
}

static unsigned long base, last_per_op;

#define MEASURE(name, body) do {					\
	unsigned long _t0, _t1, _i, _best = ~0ul;			\
	int _r;								\
	for (_r = 0; _r < 5; _r++) {					\
		_t0 = tsc();						\
		for (_i = 0; _i < N; _i++) { body; }			\
		_t1 = tsc();						\
		if (_t1 - _t0 < _best)					\
			_best = _t1 - _t0;				\
	}								\
	report(name, _best);						\
} while (0)

static void report(const char *name, unsigned long total)
{
	unsigned long per = total / N;

	last_per_op = per;

	puts_(name);
	puts_(" ");
	putu(per > base ? per - base : 0);
	puts_("\n");
}

static struct dtr d;

void bench_iret(void);
asm(".text\n.globl bench_iret\nbench_iret:\n\tiretq\n");

void guest_main(void)
{
	unsigned long v, f;
	unsigned int a, b, c, e;

	pic_init(0);	/* mask the firmware's timer before any sti */
	/* loop overhead: best of 5 like every measurement (the first pass
	   also pays QEMU's translation of the loop) */
	base = 0;
	MEASURE("loop-overhead", asm volatile("" ::: "memory"));
	base = last_per_op;
	MEASURE("cli", asm volatile("cli" ::: "memory"));
	MEASURE("cli+sti", asm volatile("cli; sti" ::: "memory"));
	asm volatile("cli");
	MEASURE("pushf+popf", asm volatile("pushfq; popfq" ::: "memory", "cc"));
	MEASURE("pushf", asm volatile("pushfq; pop %0" : "=r"(f) :: "memory"));
	MEASURE("mov_from_cr3", asm volatile("mov %%cr3, %0" : "=r"(v)));
	MEASURE("mov_to_cr0", ({ asm volatile("mov %%cr0, %0" : "=r"(v));
				  asm volatile("mov %0, %%cr0" :: "r"(v)); }));
	MEASURE("in", asm volatile("inb $0x80, %%al" : "=a"(a)));
	MEASURE("out", asm volatile("outb %%al, $0x80" :: "a"(0)));
	MEASURE("in-uart-lsr", asm volatile("inb %%dx, %%al" : "=a"(a) : "d"(0x3fd)));
	MEASURE("rdmsr", asm volatile("rdmsr" : "=a"(a), "=d"(b) : "c"(0xc0000080)));
	MEASURE("wrmsr", asm volatile("wrmsr" :: "c"(0xc0000103), "a"(1), "d"(0)));
	MEASURE("cpuid", asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(e) : "a"(0), "c"(0)));
	MEASURE("rdtsc", asm volatile("rdtsc" : "=a"(a), "=d"(b)));
	set_gate(0x81, bench_iret);
	load_idt();
	MEASURE("int+iretq", asm volatile("int $0x81" ::: "memory"));
	MEASURE("swapgs(x2)", asm volatile("swapgs; swapgs" ::: "memory"));
	MEASURE("mov_to_cr3", ({ asm volatile("mov %%cr3, %0" : "=r"(v));
				  asm volatile("mov %0, %%cr3" :: "r"(v) : "memory"); }));
	MEASURE("sidt", asm volatile("sidt %0" : "=m"(d)));
	MEASURE("lidt", ({ asm volatile("sidt %0" : "=m"(d));
			    asm volatile("lidt %0" :: "m"(d)); }));
}
