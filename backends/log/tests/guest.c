// SPDX-License-Identifier: GPL-3.0-or-later
/* The log backend's test guest: a few kinds of site (port I/O through
   lib.h's console, cli/sti, pushf/popf, cpuid, rdtsc), all of which must
   be logged and left native. */
#include "lib.h"

void guest_main(void)
{
	unsigned long fl;
	uint32_t a, b, c, d;

	/*
	 * The BIOS leaves the PIT ticking into a PIC based at vector 8: mask
	 * it (and move it off the exception vectors) before sti, or a tick
	 * in the window arrives as a "#DF" (seen natively under load).
	 */
	pic_init(0);
	asm volatile("cli; sti");
	fl = read_flags();
	ab_cpuid(0, 0, &a, &b, &c, &d);
	say("interrupts on", !!(fl & 0x200));
	say("cpuid max leaf above 0", a > 0);
	say("tsc moves", ab_rdtsc() != ab_rdtsc());
	puts_("log guest done\n");
}
