// SPDX-License-Identifier: GPL-3.0-or-later
/* cpuid: only facts that hold on QEMU's emulated CPU and on the host under
   the usermode VMM (vendors and models differ). rdtsc moves forward. */
#include "lib.h"

static void cpuid(unsigned int leaf, unsigned int r[4])
{
	asm volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
		     : "a"(leaf), "c"(0));
}

static unsigned long rdtsc(void)
{
	unsigned int lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return lo | ((unsigned long)hi << 32);
}

void guest_main(void)
{
	unsigned int r[4];
	unsigned long t0, t1;

	cpuid(0, r);
	say("max basic leaf >= 1", r[0] >= 1);
	cpuid(1, r);
	say("fpu", r[3] & 1);
	say("tsc", !!(r[3] & (1 << 4)));
	say("msr", !!(r[3] & (1 << 5)));
	say("pae", !!(r[3] & (1 << 6)));
	say("apic", !!(r[3] & (1 << 9)));
	say("hypervisor bit", !!(r[2] & (1u << 31)));
	cpuid(0x80000000, r);
	say("max extended leaf >= 0x80000001", r[0] >= 0x80000001);
	cpuid(0x80000001, r);
	say("long mode", !!(r[3] & (1 << 29)));
	t0 = rdtsc();
	t1 = rdtsc();
	say("rdtsc monotonic", t1 > t0);
}
