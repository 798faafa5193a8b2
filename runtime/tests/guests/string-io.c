// SPDX-License-Identifier: GPL-3.0-or-later
/* String port I/O: rep outsb to the UART, outsw/insb on CMOS NVRAM, and
   16/32-bit in/out through the %dx forms. */
#include "lib.h"

static const char msg[] = "rep outsb says hello\n";

void guest_main(void)
{
	const char *p = msg;
	unsigned long n = sizeof(msg) - 1;
	unsigned char buf[4] = { 0 };
	unsigned char *d = buf;
	unsigned int v32;
	uint16_t port = 0x3f8;

	asm volatile("cld; rep outsb" : "+S"(p), "+c"(n) : "d"(port) : "memory");
	say("rcx after rep", n);
	say("rsi advanced", p == msg + sizeof(msg) - 1);
	/* CMOS NVRAM byte 0x40 written then read back with insb */
	outb(0x70, 0x40);
	outb(0x71, 0x99);
	outb(0x70, 0x40);
	port = 0x71;
	n = 1;
	asm volatile("rep insb" : "+D"(d), "+c"(n) : "d"(port) : "memory");
	say("insb read", buf[0]);
	/* scratch register via a 16-bit access at 0x3fe: MSR byte, SCR byte */
	outb(0x3ff, 0x42);
	asm volatile("inw %1, %w0" : "=a"(v32) : "d"((uint16_t)0x3fe));
	say("inw high byte = scratch", (v32 >> 8) & 0xff);
	/* unknown port reads all ones */
	asm volatile("inl %1, %0" : "=a"(v32) : "d"((uint16_t)0x1230));
	say("unknown port", v32 == 0xffffffffu);
}
