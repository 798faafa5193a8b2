// SPDX-License-Identifier: GPL-3.0-or-later
/* CMOS/RTC: status registers, BCD date fields in range, NVRAM bytes. */
#include "lib.h"

static uint8_t cmos(uint8_t r)
{
	ab_outb(0x70, r);
	return ab_inb(0x71);
}

static int bcd_ok(uint8_t v, unsigned int max)
{
	return (v & 0xf) <= 9 && (v >> 4) <= 9 && (v >> 4) * 10 + (v & 0xf) <= max;
}

void guest_main(void)
{
	say("status B 24h", !!(cmos(0x0b) & 0x02));
	say("status B binary", !!(cmos(0x0b) & 0x04));
	say("status D valid", !!(cmos(0x0d) & 0x80));
	say("seconds bcd", bcd_ok(cmos(0x00), 59));
	say("minutes bcd", bcd_ok(cmos(0x02), 59));
	say("hours bcd", bcd_ok(cmos(0x04), 23));
	say("day bcd", bcd_ok(cmos(0x07), 31) && cmos(0x07) != 0);
	say("month bcd", bcd_ok(cmos(0x08), 12) && cmos(0x08) != 0);
	say("century", cmos(0x32));
	ab_outb(0x70, 0x50);
	ab_outb(0x71, 0xa7);
	say("nvram byte", cmos(0x50));
}
