// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Xen stage-2 guest: says hello over COM1 with the port-I/O forms the
 * backend rewrites (in %dx polling LSR, out %dx, rep outsb, out imm) and
 * returns (status 1).  Natively the UART is QEMU's; under Xen PVH it is the
 * shared 8250 model behind the PV console.  Output must be identical.
 */
#include <stdint.h>

#define COM1	0x3f8

static inline void outb(uint16_t port, uint8_t v)
{
	asm volatile("outb %0, %1" : : "a"(v), "d"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	asm volatile("inb %1, %0" : "=a"(v) : "d"(port));
	return v;
}

static void putc_polled(char c)
{
	while (!(inb(COM1 + 5) & 0x20))		/* LSR.THRE */
		;
	outb(COM1, c);
}

static void puts_rep(const char *s, unsigned long n)
{
	asm volatile("rep outsb" : "+S"(s), "+c"(n) : "d"(COM1) : "memory");
}

void guest_main(void)
{
	static const char line2[] = "hello via rep outsb\n";
	const char *s = "hello from an afterburn guest\n";

	while (*s)
		putc_polled(*s++);
	puts_rep(line2, sizeof(line2) - 1);
	/* POST-code port 0x80 with the immediate form: ignored by both. */
	asm volatile("outb %0, $0x80" : : "a"((uint8_t)0x42));
}
