// SPDX-License-Identifier: GPL-3.0-or-later
/* CMOS/RTC date from the host clock, NVRAM, debug-exit, unknown ports. */
#include "testlib.h"

static uint8_t rd(uint8_t reg) { outb(0x70, reg); return inb(0x71); }

int main(void)
{
	test_setup();
	fake_wall = 1700000000;		/* 2023-11-14 22:13:20 UTC, a Tuesday */
	CHECK_EQ(rd(0x00), 0x20);
	CHECK_EQ(rd(0x02), 0x13);
	CHECK_EQ(rd(0x04), 0x22);
	CHECK_EQ(rd(0x06), 0x03);
	CHECK_EQ(rd(0x07), 0x14);
	CHECK_EQ(rd(0x08), 0x11);
	CHECK_EQ(rd(0x09), 0x23);
	CHECK_EQ(rd(0x32), 0x20);
	CHECK_EQ(rd(0x0a) & 0x80, 0);
	CHECK_EQ(rd(0x0d), 0x80);
	outb(0x70, 0x0b); outb(0x71, 0x06);	/* binary, 24 h */
	CHECK_EQ(rd(0x04), 22);
	outb(0x70, 0x0b); outb(0x71, 0x04);	/* binary, 12 h: 10 pm */
	CHECK_EQ(rd(0x04), 0x8a);
	outb(0x70, 0x80 | 0x40); outb(0x71, 0x77);	/* NMI-disable bit ignored */
	CHECK_EQ(rd(0x40), 0x77);
	outb(0x72, 0x40);			/* the QEMU mirror at 0x72/0x73 */
	CHECK_EQ(inb(0x73), 0x77);

	/* unknown ports: all ones, writes ignored */
	CHECK_EQ(ab_io_read(0x1234, 1), 0xff);
	CHECK_EQ(ab_io_read(0x1234, 2), 0xffff);
	CHECK_EQ(ab_io_read(0x1234, 4), 0xffffffffu);
	ab_io_write(0x1234, 4, 0);
	/* a 16-bit access to byte registers splits little-endian */
	ab_io_write(0x3ff, 1, 0x42);
	CHECK_EQ(ab_io_read(0x3fe, 2) >> 8, 0x42);
	/* debug-exit */
	CHECK_EQ(exit_status, -1);
	ab_io_write(0xf4, 1, 0x10);
	CHECK_EQ(exit_status, 0x21);
	ab_io_write(0xf4, 4, 0);
	CHECK_EQ(exit_status, 1);
	return test_done("unit-cmos-ioport");
}
