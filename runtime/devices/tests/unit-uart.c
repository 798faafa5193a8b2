// SPDX-License-Identifier: GPL-3.0-or-later
/* 16550A: the probe Linux's 8250 driver runs, TX, RX FIFO, interrupts. */
#include "testlib.h"

int main(void)
{
	test_setup();
	outb(0x20, 0x11); outb(0x21, 0x20); outb(0x21, 0x04); outb(0x21, 0x01);
	outb(0x21, 0xef);			/* unmask IRQ4 only */

	/* scratch register */
	outb(0x3ff, 0xa5); CHECK_EQ(inb(0x3ff), 0xa5);
	outb(0x3ff, 0x5a); CHECK_EQ(inb(0x3ff), 0x5a);
	/* loopback test: MCR loop|OUT2|RTS -> MSR DCD|CTS */
	outb(0x3fc, 0x10 | 0x0a);
	CHECK_EQ(inb(0x3fe) & 0xf0, 0x90);
	outb(0x3fc, 0x00);
	/* FIFO detection: IIR bits 6-7 */
	outb(0x3fa, 0x01); CHECK_EQ(inb(0x3fa) & 0xc0, 0xc0);
	/* divisor latch */
	outb(0x3fb, 0x80); outb(0x3f8, 0x01); outb(0x3f9, 0x00);
	CHECK_EQ(inb(0x3f8), 0x01);
	outb(0x3fb, 0x03);
	/* transmit */
	CHECK_EQ(inb(0x3fd) & 0x60, 0x60);
	outb(0x3f8, 'h'); outb(0x3f8, 'i');
	CHECK_EQ(tx_len, 2); CHECK(!memcmp(tx_buf, "hi", 2));
	CHECK(!ab_pic_has_pending());		/* IER = 0 */
	/* THRE interrupt with OUT2 */
	outb(0x3fc, 0x0b);
	outb(0x3f9, 0x02);
	CHECK(ab_pic_has_pending());
	CHECK_EQ(inb(0x3fa) & 0x0f, 0x02);	/* reading IIR acknowledges */
	CHECK_EQ(inb(0x3fa) & 0x0f, 0x01);
	CHECK_EQ(ab_pic_ack(), 0x24);
	outb(0x20, 0x20);
	/* receive */
	outb(0x3f9, 0x01);
	CHECK(ab_uart_receive('x'));
	CHECK_EQ(inb(0x3fd) & 0x01, 0x01);
	CHECK(ab_pic_has_pending());
	CHECK_EQ(inb(0x3fa) & 0x0f, 0x04);
	CHECK_EQ(inb(0x3f8), 'x');
	CHECK_EQ(inb(0x3fd) & 0x01, 0x00);
	/* loopback TX lands in RX, not on the host */
	outb(0x3fc, 0x10);
	outb(0x3f8, 'L');
	CHECK_EQ(tx_len, 2);
	CHECK_EQ(inb(0x3f8), 'L');
	/* host input arrives when the guest polls LSR, FIFO-limited */
	outb(0x3fc, 0x00);
	fake_input = "0123456789abcdefXY";
	CHECK_EQ(inb(0x3fd) & 0x01, 0x01);
	CHECK_EQ(ab_uart_rx_room(), 0);
	CHECK_EQ(inb(0x3f8), '0');
	{
		int i;

		for (i = 1; i < 16; i++)
			inb(0x3f8);
	}
	CHECK_EQ(inb(0x3fd) & 0x01, 0x01);	/* polled again: X Y */
	CHECK_EQ(inb(0x3f8), 'X');
	CHECK_EQ(inb(0x3f8), 'Y');
	rx_polls = 0;
	fake_input = 0;
	CHECK_EQ(inb(0x3fd) & 0x01, 0x00);
	CHECK_EQ(rx_polls, 1);
	return test_done("unit-uart");
}
