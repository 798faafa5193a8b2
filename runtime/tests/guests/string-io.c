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
	ab_outb(0x70, 0x40);
	ab_outb(0x71, 0x99);
	ab_outb(0x70, 0x40);
	port = 0x71;
	n = 1;
	asm volatile("rep insb" : "+D"(d), "+c"(n) : "d"(port) : "memory");
	say("insb read", buf[0]);
	/* scratch register via a 16-bit access at 0x3fe: MSR byte, SCR byte */
	ab_outb(0x3ff, 0x42);
	asm volatile("inw %1, %w0" : "=a"(v32) : "d"((uint16_t)0x3fe));
	say("inw high byte = scratch", (v32 >> 8) & 0xff);
	/* backwards: DF=1 walks the buffer down */
	p = msg + 3;
	n = 4;
	port = 0x3f8;
	asm volatile("std; rep outsb; cld" : "+S"(p), "+c"(n) : "d"(port) : "memory");
	puts_("\n");
	say("rsi after backwards rep", p == msg - 1);
	/* 16-bit port writes split into index (0x70) + data (0x71) bytes */
	asm volatile("outw %w0, $0x70" : : "a"(0x3c41));
	ab_outb(0x70, 0x41);
	say("outw index+data", ab_inb(0x71));
	{
		static const uint16_t pairs[2] = { 0x1142, 0x2243 };
		const uint16_t *q = pairs;
		unsigned long c2 = 2;
		uint32_t w;

		asm volatile("rep outsw" : "+S"(q), "+c"(c2) : "d"((uint16_t)0x70) : "memory");
		ab_outb(0x70, 0x42);
		say("outsw nvram 0x42", ab_inb(0x71));
		ab_outb(0x70, 0x43);
		say("outsw nvram 0x43", ab_inb(0x71));
		ab_outb(0x70, 0x43);
		asm volatile("inl $0x70, %0" : "=a"(w));
		say("inl 0x70: index ff, data, mirrored index ff, data", w == 0x22ff22ffu);
	}
	/* unknown port reads all ones */
	asm volatile("inl %1, %0" : "=a"(v32) : "d"((uint16_t)0x1230));
	say("unknown port", v32 == 0xffffffffu);
}
