// SPDX-License-Identifier: GPL-3.0-or-later
/* 8254 readback as Linux's TSC calibration uses it: channel 2 gated through
   port 0x61, mode 0, OUT2 polled; counter latch of channel 0 counts down;
   read-back status. */
#include "lib.h"

void guest_main(void)
{
	unsigned int a, b, polls = 0;
	uint8_t st;

	ab_outb(0x61, (ab_inb(0x61) & ~0x02) | 0x01);	/* gate on, speaker off */
	ab_outb(0x43, 0xb0);			/* ch2, lo/hi, mode 0 */
	ab_outb(0x42, 0xff);			/* 65535 ticks: 55 ms */
	ab_outb(0x42, 0xff);
	/* (timing-free facts only: a loaded host may stall QEMU for ms) */
	while (!(ab_inb(0x61) & 0x20))
		polls++;
	say("OUT2 went high", 1);
	say("gate bit", ab_inb(0x61) & 0x01);

	ab_outb(0x43, 0x34);			/* ch0, lo/hi, mode 2 */
	ab_outb(0x40, 0xff);
	ab_outb(0x40, 0xff);
	ab_outb(0x43, 0x00);			/* latch ch0 */
	a = ab_inb(0x40); a |= ab_inb(0x40) << 8;
	for (polls = 0; polls < 20000; polls++)
		asm volatile("" ::: "memory");
	ab_outb(0x43, 0x00);
	b = ab_inb(0x40); b |= ab_inb(0x40) << 8;
	say("channel 0 counter moves", b != a);
	ab_outb(0x43, 0xe2);			/* read-back status of ch0 */
	st = ab_inb(0x40);
	say("status rw=3 mode=2", st & 0x3f);
	ab_outb(0x43, 0x30);			/* stop ch0 (mode 0, no count) */
}
