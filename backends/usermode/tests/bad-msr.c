// SPDX-License-Identifier: GPL-3.0-or-later
/* An MSR the virtual CPU does not model: the run must stop naming the site
   and the kind, with the runtime's panic status, not carry on wrongly. */
void guest_main(void);
void guest_main(void)
{
	unsigned int lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(0x12345678));
}
