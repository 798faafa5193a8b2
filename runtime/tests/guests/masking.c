// SPDX-License-Identifier: GPL-3.0-or-later
/* No interrupt is delivered while IF is clear, the pending one arrives right
   after sti; PIC masking (IMR) holds requests back too. */
#include "lib.h"

static volatile unsigned long ticks;

void on_tick(void);
void on_tick(void)
{
	ticks++;
}
IRQ_HANDLER(tick_entry, on_tick);

static void spin_until_pending(void)
{
	/* poll the PIC's IRR (OCW3 read IRR) until IRQ0 is requested */
	ab_outb(0x20, 0x0a);
	while (!(ab_inb(0x20) & 1))
		;
}

void guest_main(void)
{
	unsigned long seen;

	set_gate(0x20, tick_entry);
	load_idt();
	pic_init(1 << 0);
	pit_start(200);
	asm volatile("cli");
	spin_until_pending();
	say("IRR pending while cli", 1);
	say("delivered during cli", ticks);
	asm volatile("sti; nop; nop; cli");
	seen = ticks;
	say("delivered right after sti", seen >= 1);
	/* masked in the PIC: IF=1 but nothing arrives */
	ab_outb(0x21, 0xff);
	ticks = 0;
	asm volatile("sti");
	spin_until_pending();
	spin_until_pending();
	asm volatile("cli");
	say("delivered while masked", ticks);
	ab_outb(0x21, 0xfe);
	asm volatile("sti; nop; cli");
	say("delivered after unmask", ticks >= 1);
}
