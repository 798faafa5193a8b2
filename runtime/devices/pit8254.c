// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * 8254 programmable interval timer at 0x40-0x43 and the PC's port 0x61
 * (channel 2 gate, speaker, OUT2).  Counters are not stepped: every read is
 * derived from the backend's time source (ticks elapsed since the count was
 * loaded), so the model costs nothing while the guest does not look.
 * Channel 0 drives IRQ0 through the host timer the backend arms for it.
 * Modes 0 (interrupt on terminal count), 2 (rate generator) and 3 (square
 * wave) are modelled; 1, 4, 5 count like mode 0.  Lobyte, hibyte and
 * lobyte/hibyte access, counter latch, and the read-back command.
 */
#include "devices.h"

#define NS_PER_S 1000000000ull

struct pit_channel {
	uint32_t count;		/* reload value, 1..65536 */
	uint64_t load_ns;	/* when counting started */
	uint8_t mode, rw, bcd;
	uint8_t read_state, write_state;	/* next byte for rw == 3: 1 lo, 2 hi */
	uint8_t write_lo;
	bool null_count;	/* programmed, count not yet written */
	bool count_latched, status_latched;
	uint16_t latched_count;
	uint8_t latch_state;	/* bytes of the latch still to read (rw 3) */
	uint8_t status;
	bool gate;
};

static struct pit_channel ch[3];
static uint8_t port61;		/* bits 0-1: gate2, speaker data */

static uint64_t now(void)
{
	return ab_dev_host && ab_dev_host->now_ns ? ab_dev_host->now_ns() : 0;
}

void ab_pit_reset(void)
{
	int i;

	for (i = 0; i < 3; i++) {
		ch[i] = (struct pit_channel){ .count = 65536, .mode = 3,
			.rw = 3, .read_state = 1, .write_state = 1,
			.gate = i != 2 };
	}
	port61 = 0;
}

/* PIT ticks since channel C started counting (no 128-bit maths: freestanding). */
static uint64_t ticks(const struct pit_channel *c)
{
	uint64_t dt = now() - c->load_ns;

	return dt / NS_PER_S * PIT_HZ + dt % NS_PER_S * PIT_HZ / NS_PER_S;
}

static uint16_t counter_value(const struct pit_channel *c)
{
	uint64_t d;

	if (c->null_count || !c->gate)
		return c->count & 0xffff;
	d = ticks(c);
	switch (c->mode) {
	case 2:
		return c->count - d % c->count;
	case 3:
		return (c->count - (2 * d) % c->count) & 0xfffe;
	default:
		return (c->count - d) & 0xffff;
	}
}

static bool out_level(const struct pit_channel *c)
{
	uint64_t d;

	if (c->null_count)
		return c->mode != 0;
	if (!c->gate)
		return c->mode != 0;
	d = ticks(c);
	switch (c->mode) {
	case 2:
		return d % c->count != c->count - 1;
	case 3:
		return d % c->count < (c->count + 1) / 2;
	default:
		return d >= c->count;
	}
}

static void arm_host_timer(unsigned int n)
{
	const struct pit_channel *c = &ch[n];
	uint64_t period;

	if (n != 0 || !ab_dev_host || !ab_dev_host->pit_timer)
		return;
	if (c->null_count) {
		ab_dev_host->pit_timer(0, false);
		return;
	}
	period = (uint64_t)c->count * NS_PER_S / PIT_HZ;
	ab_dev_host->pit_timer(period ? period : 1,
			       c->mode == 2 || c->mode == 3);
}

static void load_count(unsigned int n, uint32_t val)
{
	struct pit_channel *c = &ch[n];

	if (c->bcd) {	/* BCD count: decimal digits, 0 means 10000 */
		val = (val & 0xf) + ((val >> 4) & 0xf) * 10 +
		      ((val >> 8) & 0xf) * 100 + ((val >> 12) & 0xf) * 1000;
		if (!val)
			val = 10000;
	}
	c->count = val ? val : 65536;
	c->load_ns = now();
	c->null_count = false;
	arm_host_timer(n);
}

static void latch(struct pit_channel *c)
{
	if (c->count_latched)
		return;
	c->latched_count = counter_value(c);
	c->count_latched = true;
	c->latch_state = c->rw == 3 ? 2 : 1;
}

static void pit_command(uint8_t val)
{
	unsigned int n = val >> 6, i;
	struct pit_channel *c;

	if (n == 3) {		/* read-back: bits 1-3 select channels */
		for (i = 0; i < 3; i++) {
			if (!(val & (2u << i)))
				continue;
			c = &ch[i];
			if (!(val & 0x20))
				latch(c);
			if (!(val & 0x10) && !c->status_latched) {
				c->status = (out_level(c) << 7) |
					    (c->null_count << 6) | (c->rw << 4) |
					    (c->mode << 1) | c->bcd;
				c->status_latched = true;
			}
		}
		return;
	}
	c = &ch[n];
	if (!((val >> 4) & 3)) {	/* counter latch command */
		latch(c);
		return;
	}
	c->rw = (val >> 4) & 3;
	c->mode = (val >> 1) & 7;
	if (c->mode > 5)
		c->mode -= 4;		/* 6, 7 alias 2, 3 */
	c->bcd = val & 1;
	c->read_state = c->write_state = 1;
	c->count_latched = c->status_latched = false;
	c->null_count = true;
	arm_host_timer(n);
}

uint8_t ab_pit_read(uint16_t port)
{
	struct pit_channel *c;
	uint16_t v;
	uint8_t r;

	if ((port & 3) == 3)
		return 0xff;	/* the mode register is write-only */
	c = &ch[port & 3];
	if (c->status_latched) {
		c->status_latched = false;
		return c->status;
	}
	if (c->count_latched) {
		v = c->latched_count;
		if (c->rw == 2 || (c->rw == 3 && c->latch_state == 1))
			r = v >> 8;
		else
			r = v & 0xff;
		if (--c->latch_state == 0)
			c->count_latched = false;
		return r;
	}
	v = counter_value(c);
	switch (c->rw) {
	case 1:
		return v & 0xff;
	case 2:
		return v >> 8;
	default:
		r = c->read_state == 1 ? (v & 0xff) : (v >> 8);
		c->read_state ^= 3;
		return r;
	}
}

void ab_pit_write(uint16_t port, uint8_t val)
{
	struct pit_channel *c;
	unsigned int n = port & 3;

	if (n == 3) {
		pit_command(val);
		return;
	}
	c = &ch[n];
	switch (c->rw) {
	case 1:
		load_count(n, val);
		break;
	case 2:
		load_count(n, (uint32_t)val << 8);
		break;
	default:
		if (c->write_state == 1) {
			c->write_lo = val;
			c->write_state = 2;
		} else {
			load_count(n, c->write_lo | ((uint32_t)val << 8));
			c->write_state = 1;
		}
		break;
	}
}

uint8_t ab_pit_port61_read(void)
{
	/* bit 4 toggles with DRAM refresh (every ~15 us), bit 5 is OUT2 */
	bool refresh = (now() / 15085) & 1;

	return (port61 & 3) | (refresh << 4) | (out_level(&ch[2]) << 5);
}

void ab_pit_port61_write(uint8_t val)
{
	struct pit_channel *c = &ch[2];
	bool gate = val & 1;

	/* a rising gate restarts modes 1, 2, 3 and 5 */
	if (gate && !c->gate && c->mode != 0 && c->mode != 4)
		c->load_ns = now();
	c->gate = gate;
	port61 = val & 3;
}

void ab_pit_timer_expired(void)
{
	ab_pic_pulse_irq(0);
}
