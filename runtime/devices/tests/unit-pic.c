// SPDX-License-Identifier: GPL-3.0-or-later
/* 8259A pair: Linux's init sequence, masking, EOI, cascade, spurious, AEOI. */
#include "testlib.h"

static void linux_init(void)
{
	outb(0x21, 0xff); outb(0xa1, 0xff);
	outb(0x20, 0x11); outb(0x21, 0x30); outb(0x21, 0x04); outb(0x21, 0x01);
	outb(0xa0, 0x11); outb(0xa1, 0x38); outb(0xa1, 0x02); outb(0xa1, 0x01);
	outb(0x21, 0xff); outb(0xa1, 0xff);	/* ICW1 cleared the masks */
}

int main(void)
{
	test_setup();
	linux_init();
	CHECK(!ab_pic_has_pending());
	ab_pic_pulse_irq(0);
	CHECK(!ab_pic_has_pending());		/* masked */
	outb(0x20, 0x0a);
	CHECK_EQ(inb(0x20), 0x01);		/* IRR shows it */
	outb(0x21, 0xfe);			/* unmask IRQ0 */
	CHECK_EQ(inb(0x21), 0xfe);
	CHECK(ab_pic_has_pending());
	CHECK_EQ(ab_pic_ack(), 0x30);
	CHECK(!ab_pic_has_pending());
	outb(0x20, 0x0b);
	CHECK_EQ(inb(0x20), 0x01);		/* ISR */
	ab_pic_pulse_irq(0);
	CHECK(!ab_pic_has_pending());		/* blocked by its own ISR bit */
	outb(0x20, 0x20);			/* non-specific EOI */
	CHECK_EQ(inb(0x20), 0x00);
	CHECK(ab_pic_has_pending());
	CHECK_EQ(ab_pic_ack(), 0x30);
	outb(0x20, 0x60);			/* specific EOI IRQ0 */

	/* edge: a held line raises once */
	ab_pic_set_irq(0, true);
	CHECK_EQ(ab_pic_ack(), 0x30);
	outb(0x20, 0x20);
	ab_pic_set_irq(0, true);
	CHECK(!ab_pic_has_pending());
	ab_pic_set_irq(0, false);

	/* cascade: IRQ8 via master input 2 */
	outb(0x21, 0xfa); outb(0xa1, 0xfe);
	ab_pic_pulse_irq(8);
	CHECK(ab_pic_has_pending());
	CHECK_EQ(ab_pic_ack(), 0x38);
	outb(0x20, 0x0b); CHECK_EQ(inb(0x20), 0x04);
	outb(0xa0, 0x0b); CHECK_EQ(inb(0xa0), 0x01);
	outb(0xa0, 0x20); outb(0x20, 0x20);
	outb(0x20, 0x0b); CHECK_EQ(inb(0x20), 0x00);

	/* priority: IRQ1 beats IRQ3, IRQ1 in service blocks IRQ3 */
	outb(0x21, 0x00);
	ab_pic_pulse_irq(3); ab_pic_pulse_irq(1);
	CHECK_EQ(ab_pic_ack(), 0x31);
	CHECK(!ab_pic_has_pending());
	outb(0x20, 0x20);
	CHECK_EQ(ab_pic_ack(), 0x33);
	outb(0x20, 0x20);

	/* spurious: acknowledge with nothing pending gives IRQ7 */
	CHECK_EQ(ab_pic_ack(), 0x37);

	/* auto-EOI: ISR stays clear */
	outb(0x20, 0x11); outb(0x21, 0x40); outb(0x21, 0x04); outb(0x21, 0x03);
	outb(0x21, 0x00);
	ab_pic_pulse_irq(5);
	CHECK_EQ(ab_pic_ack(), 0x45);
	outb(0x20, 0x0b); CHECK_EQ(inb(0x20), 0x00);

	/* poll mode */
	ab_pic_pulse_irq(6);
	outb(0x20, 0x0c);
	CHECK_EQ(inb(0x20), 0x86);
	return test_done("unit-pic");
}
