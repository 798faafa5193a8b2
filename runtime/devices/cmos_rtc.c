// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * MC146818 CMOS/RTC at 0x70 (index, bit 7 = NMI disable) and 0x71 (data).
 * Time and date come from the backend's wall clock at each read, in BCD or
 * binary and 24- or 12-hour format as status register B says (default: BCD,
 * 24 h, like a PC BIOS leaves it).  Update-in-progress is never reported;
 * alarms and periodic interrupts are not modelled (register C reads 0).
 * The other 114 bytes are plain NVRAM.
 */
#include "devices.h"

#define REG_A		0x0a
#define REG_B		0x0b
#define REG_C		0x0c
#define REG_D		0x0d
#define REG_CENTURY	0x32
#define B_24H		0x02
#define B_BINARY	0x04
#define B_SET		0x80

static uint8_t index_reg;
static uint8_t nvram[128];

void ab_cmos_reset(void)
{
	unsigned int i;

	for (i = 0; i < sizeof(nvram); i++)
		nvram[i] = 0;
	index_reg = 0;
	nvram[REG_A] = 0x26;	/* 32.768 kHz base, 1024 Hz rate */
	nvram[REG_B] = B_24H;
	nvram[REG_D] = 0x80;	/* valid RAM and time */
}

struct civil { unsigned int year, month, day, hour, min, sec, wday; };

/* Days since 1970-01-01 to a Gregorian date (Howard Hinnant's algorithm). */
static void civil_from_seconds(uint64_t t, struct civil *c)
{
	uint64_t days = t / 86400, rem = t % 86400;
	uint64_t z = days + 719468, era = z / 146097;
	uint64_t doe = z - era * 146097;
	uint64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	uint64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	uint64_t mp = (5 * doy + 2) / 153;

	c->day = doy - (153 * mp + 2) / 5 + 1;
	c->month = mp < 10 ? mp + 3 : mp - 9;
	c->year = yoe + era * 400 + (c->month <= 2);
	c->hour = rem / 3600;
	c->min = rem / 60 % 60;
	c->sec = rem % 60;
	c->wday = (days + 4) % 7 + 1;	/* 1970-01-01 was a Thursday; 1 = Sunday */
}

static uint8_t enc(unsigned int v)
{
	if (nvram[REG_B] & B_BINARY)
		return v;
	return ((v / 10) << 4) | (v % 10);
}

static uint8_t clock_reg(unsigned int reg)
{
	struct civil c;
	unsigned int h;
	uint64_t t = ab_dev_host && ab_dev_host->wall_seconds ?
		     ab_dev_host->wall_seconds() : 0;

	civil_from_seconds(t, &c);
	switch (reg) {
	case 0x00: return enc(c.sec);
	case 0x02: return enc(c.min);
	case 0x04:
		if (nvram[REG_B] & B_24H)
			return enc(c.hour);
		h = c.hour % 12 ? c.hour % 12 : 12;
		return enc(h) | (c.hour >= 12 ? 0x80 : 0);
	case 0x06: return enc(c.wday);
	case 0x07: return enc(c.day);
	case 0x08: return enc(c.month);
	case 0x09: return enc(c.year % 100);
	default:   return enc(c.year / 100);	/* REG_CENTURY */
	}
}

uint8_t ab_cmos_read(uint16_t port)
{
	unsigned int reg = index_reg & 0x7f;
	uint8_t v;

	if (!(port & 1))
		return 0xff;	/* the index register is write-only */
	switch (reg) {
	case 0x00: case 0x02: case 0x04: case 0x06:
	case 0x07: case 0x08: case 0x09: case REG_CENTURY:
		return clock_reg(reg);
	case REG_A:
		return nvram[REG_A] & 0x7f;	/* UIP never set */
	case REG_C:
		v = nvram[REG_C];
		nvram[REG_C] = 0;		/* reading C clears the flags */
		return v;
	default:
		return nvram[reg];
	}
}

void ab_cmos_write(uint16_t port, uint8_t val)
{
	unsigned int reg = index_reg & 0x7f;

	if (!(port & 1)) {
		index_reg = val;
		return;
	}
	switch (reg) {
	case REG_C: case REG_D:
		return;			/* read-only */
	case 0x00: case 0x02: case 0x04: case 0x06:
	case 0x07: case 0x08: case 0x09: case REG_CENTURY:
		return;			/* the clock follows the host: setting it is ignored */
	default:
		nvram[reg] = val;
	}
}
