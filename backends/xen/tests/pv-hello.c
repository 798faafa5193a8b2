// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The PV boot's first test guest (check-xen-pv-hello): one image booted
 * natively in QEMU, as a Xen PVH domU and as a Xen PV domU.  Under PV only
 * port I/O is rewritten so far (policy-pv.def), so this guest uses nothing
 * else: the UART through its marked in/out sites (LSR polled, THR
 * written) and a string write.  What it prints must be the same on all
 * three; then it returns, and the platform's stop ends the run cleanly
 * (under Xen: SCHEDOP_shutdown, poweroff).
 */
#include "lib.h"

void guest_main(void)
{
	static const char rep[] = "rep outsb works\n";
	const char *p = rep;
	unsigned long n = sizeof(rep) - 1, sum = 0, i;

	puts_("hello from a test guest\n");
	asm volatile("rep outsb" : "+S"(p), "+c"(n) : "d"(0x3f8) : "memory");
	for (i = 1; i <= 100; i++)
		sum += i * i;
	say("sum of squares to 100", sum);
	puts_("pv hello done\n");
}
