// SPDX-License-Identifier: GPL-3.0-or-later
/* UART output: the probe a driver does (scratch, LSR), then text. */
#include "lib.h"

void guest_main(void)
{
	ab_outb(0x3ff, 0x5a);
	say("scratch ok", ab_inb(0x3ff) == 0x5a);
	ab_outb(0x3fb, 0x80);		/* DLAB: 115200 baud */
	ab_outb(0x3f8, 0x01);
	ab_outb(0x3f9, 0x00);
	ab_outb(0x3fb, 0x03);		/* 8N1 */
	say("lsr thre", (ab_inb(0x3fd) & 0x60) == 0x60);
	puts_("hello from the guest\n");
}
