// SPDX-License-Identifier: GPL-3.0-or-later
/* rdmsr/wrmsr: EFER read, scratch MSRs written and read back. */
#include "lib.h"

static unsigned long rdmsr(unsigned int i)
{
	unsigned int lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(i));
	return lo | ((unsigned long)hi << 32);
}

static void wrmsr(unsigned int i, unsigned long v)
{
	asm volatile("wrmsr" : : "c"(i), "a"((unsigned int)v),
		     "d"((unsigned int)(v >> 32)) : "memory");
}

void guest_main(void)
{
	unsigned long efer = rdmsr(0xc0000080);

	say("EFER.LME", !!(efer & 0x100));
	say("EFER.LMA", !!(efer & 0x400));
	wrmsr(0xc0000102, 0x1122334455667788ul);	/* KERNEL_GS_BASE */
	say("KERNEL_GS_BASE round trip", rdmsr(0xc0000102) == 0x1122334455667788ul);
	wrmsr(0xc0000103, 0x2a);			/* TSC_AUX */
	say("TSC_AUX", rdmsr(0xc0000103));
	wrmsr(0x175, 0xffff8000deadb000ul);		/* SYSENTER_ESP */
	say("SYSENTER_ESP round trip", rdmsr(0x175) == 0xffff8000deadb000ul);
}
