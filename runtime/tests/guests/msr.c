// SPDX-License-Identifier: GPL-3.0-or-later
/* rdmsr/wrmsr: EFER read, scratch MSRs written and read back. */
#include "lib.h"

void guest_main(void)
{
	unsigned long efer = ab_rdmsr(0xc0000080);

	say("EFER.LME", !!(efer & 0x100));
	say("EFER.LMA", !!(efer & 0x400));
	ab_wrmsr(0xc0000102, 0x1122334455667788ul);	/* KERNEL_GS_BASE */
	say("KERNEL_GS_BASE round trip", ab_rdmsr(0xc0000102) == 0x1122334455667788ul);
	ab_wrmsr(0xc0000103, 0x2a);			/* TSC_AUX */
	say("TSC_AUX", ab_rdmsr(0xc0000103));
	ab_wrmsr(0x175, 0xffff8000deadb000ul);		/* SYSENTER_ESP */
	say("SYSENTER_ESP round trip", ab_rdmsr(0x175) == 0xffff8000deadb000ul);
}
