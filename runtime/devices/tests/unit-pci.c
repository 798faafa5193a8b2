// SPDX-License-Identifier: GPL-3.0-or-later
/* PCI bus 0: configuration mechanism #1 as Linux probes and scans it, BAR
   sizing and moving, the shared INTx line through the PIC. */
#include "testlib.h"

static uint32_t bar_regs[4];
static struct { uint16_t off; unsigned int size; } last;

static uint32_t dev_read(struct ab_pci_dev *d, uint16_t off, unsigned int size)
{
	last.off = off; last.size = size;
	return bar_regs[off / 4];
}

static void dev_write(struct ab_pci_dev *d, uint16_t off, unsigned int size, uint32_t v)
{
	last.off = off; last.size = size;
	bar_regs[off / 4] = v;
}

int main(void)
{
	struct ab_pci_dev d = {
		.vendor = 0x1af4, .device = 0x1001, .subvendor = 0x1af4,
		.subdevice = 2, .class_rev = 0x01000000, .io_size = 16,
		.io_read = dev_read, .io_write = dev_write,
	}, d2 = d;

	test_setup();
	/* Linux's pci_check_type1: a byte to 0xcfb leaves the dword alone */
	outb(0xcfb, 0x01);
	outl(0xcf8, 0x80000000);
	CHECK_EQ(inl(0xcf8), 0x80000000);
	CHECK_EQ(inb(0xcf8), 0xff);
	/* an empty bus still has the host bridge */
	CHECK_EQ(cfg_read(0, 0x00, 4), 0x12378086);
	CHECK_EQ(cfg_read(0, 0x0a, 2), 0x0600);
	CHECK_EQ(cfg_read(1, 0x00, 4), 0xffffffffu);
	CHECK_EQ(cfg_read(1, 0x00, 2), 0xffff);
	/* disabled address register: nobody answers */
	outl(0xcf8, 0x00000000);
	CHECK_EQ(inl(0xcfc), 0xffffffffu);

	CHECK_EQ(ab_pci_register(&d), 0);
	CHECK_EQ(d.slot, 1);
	CHECK_EQ(cfg_read(1, 0x00, 2), 0x1af4);
	CHECK_EQ(cfg_read(1, 0x02, 2), 0x1001);
	CHECK_EQ(cfg_read(1, 0x2e, 2), 2);
	CHECK_EQ(cfg_read(1, 0x0b, 1), 0x01);		/* class: storage */
	CHECK_EQ(cfg_read(1, 0x0e, 1), 0);		/* header type 0 */
	CHECK_EQ(cfg_read(1, 0x3c, 1), AB_PCI_IRQ);
	CHECK_EQ(cfg_read(1, 0x3d, 1), 1);		/* INTA# */
	CHECK_EQ(cfg_read(1, 0x04, 2) & 1, 1);		/* I/O decoding on */
	CHECK_EQ(cfg_read(1, 0x06, 2) & 0x10, 0);	/* no capabilities */
	/* other functions of the slot, other buses: absent */
	outl(0xcf8, 0x80000000u | 1 << 11 | 1 << 8);
	CHECK_EQ(inl(0xcfc), 0xffffffffu);
	outl(0xcf8, 0x80010000u | 1 << 11);
	CHECK_EQ(inl(0xcfc), 0xffffffffu);

	/* BAR 0 sizing as __pci_read_base does it, then the I/O range */
	uint32_t bar = cfg_read(1, 0x10, 4);
	CHECK_EQ(bar & 1, 1);
	cfg_write(1, 0x10, 4, 0xffffffffu);
	CHECK_EQ(cfg_read(1, 0x10, 4) & 0xffff, 0xfff1);
	cfg_write(1, 0x10, 4, bar);
	CHECK_EQ(cfg_read(1, 0x10, 4), bar);
	CHECK_EQ(cfg_read(1, 0x14, 4), 0);		/* BAR 1: none */
	uint16_t io = bar & ~3u;
	outl(io + 4, 0x12345678);
	CHECK_EQ(last.off, 4);
	CHECK_EQ(last.size, 4);
	CHECK_EQ(inl(io + 4), 0x12345678);
	outw(io + 8, 0xbeef);				/* whole width, not split */
	CHECK_EQ(last.size, 2);
	/* the OS moves the BAR: the old ports go quiet */
	cfg_write(1, 0x10, 4, 0xd001);
	CHECK_EQ(inl(io + 4), 0xffffffffu);
	CHECK_EQ(inl(0xd004), 0x12345678);
	/* I/O decoding off: quiet too */
	cfg_write(1, 0x04, 2, 0);
	CHECK_EQ(inl(0xd004), 0xffffffffu);
	cfg_write(1, 0x04, 2, 1);

	/* INTx: the shared line through the PIC (slave, IRQ 11) */
	outb(0x20, 0x11); outb(0x21, 0x30); outb(0x21, 0x04); outb(0x21, 0x01);
	outb(0xa0, 0x11); outb(0xa1, 0x38); outb(0xa1, 0x02); outb(0xa1, 0x01);
	outb(0x21, 0xfb); outb(0xa1, 0xff & ~(1 << (AB_PCI_IRQ - 8)));
	CHECK_EQ(ab_pic_vector(AB_PCI_IRQ), 0x38 + AB_PCI_IRQ - 8);
	CHECK(!ab_pic_has_pending());
	CHECK_EQ(ab_pci_register(&d2), 0);
	CHECK_EQ(d2.slot, 2);
	CHECK(d2.bar0 != d.bar0);
	ab_pci_set_irq(&d, true);
	CHECK_EQ(cfg_read(1, 0x06, 2) & 0x08, 0x08);	/* interrupt status */
	CHECK(ab_pic_has_pending());
	CHECK_EQ(ab_pic_ack(), 0x38 + AB_PCI_IRQ - 8);
	outb(0xa0, 0x20); outb(0x20, 0x20);
	/* a second function on the held line makes no new edge; the line
	   falls only when both are low */
	ab_pci_set_irq(&d2, true);
	CHECK(!ab_pic_has_pending());
	ab_pci_set_irq(&d, false);
	ab_pci_set_irq(&d2, false);
	ab_pci_set_irq(&d2, true);
	CHECK(ab_pic_has_pending());
	ab_pic_ack();
	outb(0xa0, 0x20); outb(0x20, 0x20);
	ab_pci_set_irq(&d2, false);
	/* INTx disable in the command register masks the function */
	cfg_write(2, 0x04, 2, 0x401);
	ab_pci_set_irq(&d2, true);
	CHECK(!ab_pic_has_pending());
	cfg_write(2, 0x04, 2, 0x001);
	CHECK(ab_pic_has_pending());
	return test_done("unit-pci");
}
