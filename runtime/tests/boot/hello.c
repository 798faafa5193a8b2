// SPDX-License-Identifier: GPL-3.0-or-later
/* The smallest test guest: one line over COM1, then return (status 1). */
#include <stdint.h>

static void outb(uint16_t port, uint8_t v)
{
	asm volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

void guest_main(void)
{
	const char *s = "hello from an afterburn guest\n";

	while (*s)
		outb(0x3f8, *s++);
}
