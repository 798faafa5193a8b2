// SPDX-License-Identifier: GPL-3.0-or-later
/* cpuid: only facts that hold on QEMU's emulated CPU and on the host under
   the usermode VMM (vendors and models differ). rdtsc moves forward. */
#include "lib.h"

static void cpuid(unsigned int leaf, uint32_t r[4])
{
	ab_cpuid(leaf, 0, &r[0], &r[1], &r[2], &r[3]);
}

void guest_main(void)
{
	uint32_t r[4];
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
	t0 = ab_rdtsc();
	t1 = ab_rdtsc();
	say("rdtsc monotonic", t1 > t0);
}
