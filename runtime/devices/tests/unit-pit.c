// SPDX-License-Identifier: GPL-3.0-or-later
/* 8254: channel 0 arms the host timer, counters follow time, latch,
   read-back, channel 2 + port 0x61 as Linux's TSC calibration uses it. */
#include "testlib.h"

int main(void)
{
	uint16_t v;

	test_setup();
	/* channel 0, lo/hi, mode 2, 1193 counts = ~1 ms */
	outb(0x43, 0x34); outb(0x40, 1193 & 0xff); outb(0x40, 1193 >> 8);
	CHECK(timer_periodic);
	CHECK(timer_period > 999000 && timer_period < 1000200);
	fake_ns = 500000;			/* half-way: ~596 ticks */
	outb(0x43, 0x00);			/* latch channel 0 */
	fake_ns = 900000;			/* the latch holds the old value */
	v = inb(0x40); v |= inb(0x40) << 8;
	CHECK(v > 590 && v < 600);
	outb(0x43, 0x34); CHECK_EQ(timer_period, 0);	/* reprogramming stops it */
	outb(0x40, 0x00); outb(0x40, 0x00);		/* 0 = 65536 */
	CHECK(timer_period > 54900000 && timer_period < 54960000);

	/* mode 3 counts by two */
	fake_ns = 0;
	outb(0x43, 0x36); outb(0x40, 100); outb(0x40, 0);
	fake_ns = 10 * 1000000000ull / PIT_HZ + 1;	/* 10 ticks */
	v = inb(0x40); v |= inb(0x40) << 8;
	CHECK_EQ(v, 80);

	/* read-back status of channel 0: OUT, rw=3, mode 3 */
	outb(0x43, 0xe2);
	CHECK_EQ(inb(0x40) & 0x3f, 0x36);

	/* lobyte-only access */
	outb(0x43, 0x50); outb(0x41, 0x20);	/* ch1 lobyte mode 0 */
	CHECK_EQ(inb(0x41), 0x20);

	/* Linux pit_calibrate_tsc(): gate ch2, mode 0, poll OUT2 */
	fake_ns = 1000;
	outb(0x61, (inb(0x61) & ~0x02) | 0x01);
	outb(0x43, 0xb0);
	outb(0x42, 11932 & 0xff); outb(0x42, 11932 >> 8);	/* 10 ms */
	CHECK(!(inb(0x61) & 0x20));
	fake_ns += 9000000;
	CHECK(!(inb(0x61) & 0x20));
	fake_ns += 1100000;
	CHECK(inb(0x61) & 0x20);
	CHECK_EQ(inb(0x61) & 0x03, 0x01);

	/* the host timer firing pulses IRQ0 into the PIC */
	outb(0x20, 0x11); outb(0x21, 0x20); outb(0x21, 0x04); outb(0x21, 0x01);
	outb(0x21, 0xfe);
	ab_pit_timer_expired();
	CHECK(ab_pic_has_pending());
	CHECK_EQ(ab_pic_ack(), 0x20);
	return test_done("unit-pit");
}
