// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * 8259A programmable interrupt controller, master (0x20/0x21) and slave
 * (0xa0/0xa1) cascaded on master input 2, as on every PC.  Edge-triggered
 * inputs (the ELCR/level mode is not modelled: the ISA devices we model are
 * all edge-triggered).  Supports the ICW1-ICW4 init sequence, OCW1 (mask),
 * OCW2 (specific/non-specific/rotating EOI, set priority), OCW3 (IRR/ISR
 * read select, poll, special mask), auto-EOI (with rotation), special fully
 * nested mode and spurious IRQ7/IRQ15 acknowledge.
 */
#include "devices.h"

struct pic {
	uint8_t irr, isr, imr;
	uint8_t last_irr;	/* input line levels, for edge detection */
	uint8_t priority_add;	/* IRQ with the highest priority (rotation) */
	uint8_t irq_base;
	uint8_t init_state;	/* 0 ready, 1..3 expecting ICW2..ICW4 */
	bool read_isr, poll, special_mask, auto_eoi, rotate_on_aeoi;
	bool single, icw4_needed, sfnm;
};

static struct pic pics[2];	/* 0 master, 1 slave */

static void pic_init_reset(struct pic *p)
{
	p->irr = p->isr = p->imr = p->last_irr = 0;
	p->priority_add = 0;
	p->init_state = 0;
	p->read_isr = p->poll = p->special_mask = false;
	p->auto_eoi = p->rotate_on_aeoi = false;
	p->single = p->icw4_needed = p->sfnm = false;
}

void ab_pic_reset(void)
{
	pic_init_reset(&pics[0]);
	pic_init_reset(&pics[1]);
	pics[0].irq_base = 0x08;	/* BIOS defaults; guests reprogram */
	pics[1].irq_base = 0x70;
}

/* Priority rank (0 = highest) of the best request in MASK, 8 if none. */
static int get_priority(const struct pic *p, uint8_t mask)
{
	int prio;

	if (!mask)
		return 8;
	for (prio = 0; !(mask & (1u << ((prio + p->priority_add) & 7))); prio++)
		;
	return prio;
}

/* The IRQ this PIC would raise to its output, or -1. */
static int pic_get_irq(const struct pic *p, bool master)
{
	uint8_t isr = p->isr;
	int prio, cur;

	prio = get_priority(p, p->irr & ~p->imr);
	if (prio == 8)
		return -1;
	if (p->special_mask)
		isr &= ~p->imr;
	/* special fully nested: the slave's in-service bit does not block
	   further slave requests on the master */
	if (master && p->sfnm)
		isr &= ~(1u << 2);
	cur = get_priority(p, isr);
	if (prio < cur)
		return (prio + p->priority_add) & 7;
	return -1;
}

static void pic_line(struct pic *p, unsigned int irq, bool level)
{
	uint8_t mask = 1u << irq;

	if (level) {
		if (!(p->last_irr & mask))
			p->irr |= mask;
		p->last_irr |= mask;
	} else {
		p->last_irr &= ~mask;
	}
}

/* The slave's output drives master input 2. */
static void pic_update(void)
{
	pic_line(&pics[0], 2, pic_get_irq(&pics[1], false) >= 0);
}

void ab_pic_set_irq(unsigned int irq, bool level)
{
	if (irq >= 16)
		return;
	pic_line(&pics[irq >> 3], irq & 7, level);
	pic_update();
}

void ab_pic_pulse_irq(unsigned int irq)
{
	ab_pic_set_irq(irq, true);
	ab_pic_set_irq(irq, false);
}

bool ab_pic_has_pending(void)
{
	return pic_get_irq(&pics[0], true) >= 0;
}

static void pic_intack(struct pic *p, int irq)
{
	if (p->auto_eoi) {
		if (p->rotate_on_aeoi)
			p->priority_add = (irq + 1) & 7;
	} else {
		p->isr |= 1u << irq;
	}
	p->irr &= ~(1u << irq);	/* edge-triggered: the request is consumed */
}

uint8_t ab_pic_ack(void)
{
	int irq, irq2;
	uint8_t vec;

	irq = pic_get_irq(&pics[0], true);
	if (irq < 0) {
		/* the request vanished before INTA: spurious IRQ7 */
		return pics[0].irq_base + 7;
	}
	pic_intack(&pics[0], irq);
	if (irq == 2) {
		irq2 = pic_get_irq(&pics[1], false);
		if (irq2 >= 0)
			pic_intack(&pics[1], irq2);
		else
			irq2 = 7;	/* spurious IRQ15 */
		vec = pics[1].irq_base + irq2;
	} else {
		vec = pics[0].irq_base + irq;
	}
	pic_update();
	return vec;
}

uint8_t ab_pic_vector(unsigned int irq)
{
	return pics[(irq >> 3) & 1].irq_base + (irq & 7);
}

/* OCW3 poll mode: the read acknowledges the best request. */
static uint8_t pic_poll_read(struct pic *p, bool master)
{
	int irq = pic_get_irq(p, master);

	p->poll = false;
	if (irq < 0)
		return 0x07;
	p->irr &= ~(1u << irq);
	p->isr |= 1u << irq;
	pic_update();
	return 0x80 | irq;
}

uint8_t ab_pic_read(uint16_t port)
{
	unsigned int n = (port >> 7) & 1;	/* 0x20/0x21 master, 0xa0/0xa1 slave */
	struct pic *p = &pics[n];

	if (port & 1)
		return p->imr;
	if (p->poll)
		return pic_poll_read(p, n == 0);
	return p->read_isr ? p->isr : p->irr;
}

static void pic_ocw2(struct pic *p, uint8_t val)
{
	int prio, irq;

	switch (val >> 5) {
	case 0:	/* rotate in auto-EOI mode: clear */
	case 4:	/* set */
		p->rotate_on_aeoi = val >> 7;
		break;
	case 1:	/* non-specific EOI */
	case 5:	/* rotate on non-specific EOI */
		prio = get_priority(p, p->isr);
		if (prio != 8) {
			irq = (prio + p->priority_add) & 7;
			p->isr &= ~(1u << irq);
			if (val >> 5 == 5)
				p->priority_add = (irq + 1) & 7;
		}
		break;
	case 3:	/* specific EOI */
		p->isr &= ~(1u << (val & 7));
		break;
	case 7:	/* rotate on specific EOI */
		p->isr &= ~(1u << (val & 7));
		p->priority_add = ((val & 7) + 1) & 7;
		break;
	case 6:	/* set priority: val&7 becomes the lowest */
		p->priority_add = ((val & 7) + 1) & 7;
		break;
	default: /* 2: no operation */
		break;
	}
}

void ab_pic_write(uint16_t port, uint8_t val)
{
	struct pic *p = &pics[(port >> 7) & 1];

	if (!(port & 1)) {
		if (val & 0x10) {		/* ICW1 */
			uint8_t base = p->irq_base;

			pic_init_reset(p);
			p->irq_base = base;
			p->init_state = 1;
			p->single = val & 0x02;
			p->icw4_needed = val & 0x01;
		} else if (val & 0x08) {	/* OCW3 */
			if (val & 0x04)
				p->poll = true;
			if (val & 0x02)
				p->read_isr = val & 0x01;
			if (val & 0x40)
				p->special_mask = (val >> 5) & 1;
		} else {			/* OCW2 */
			pic_ocw2(p, val);
		}
	} else {
		switch (p->init_state) {
		case 0:			/* OCW1: interrupt mask */
			p->imr = val;
			break;
		case 1:			/* ICW2: vector base */
			p->irq_base = val & 0xf8;
			p->init_state = p->single ? (p->icw4_needed ? 3 : 0) : 2;
			break;
		case 2:			/* ICW3: cascade wiring (fixed on a PC) */
			p->init_state = p->icw4_needed ? 3 : 0;
			break;
		default:		/* ICW4 */
			p->sfnm = (val >> 4) & 1;
			p->auto_eoi = (val >> 1) & 1;
			p->init_state = 0;
			break;
		}
	}
	pic_update();
}
