// SPDX-License-Identifier: GPL-3.0-or-later
/* PIT + PIC timer interrupts delivered through the guest's own IDT, with
   hlt waiting for each one. */
#include "lib.h"

static volatile unsigned long ticks;
static volatile unsigned long if_in_handler;

void on_tick(void);
void on_tick(void)
{
	ticks++;
	if_in_handler |= read_flags() & 0x200;
}
IRQ_HANDLER(tick_entry, on_tick);

void guest_main(void)
{
	unsigned long woken = 0;

	set_gate(0x20, tick_entry);
	load_idt();
	pic_init(1 << 0);
	pit_start(100);
	asm volatile("sti");
	while (ticks < 10) {
		asm volatile("hlt");
		woken++;
	}
	asm volatile("cli");
	say("ticks at least", ticks >= 10);
	say("hlt woken by ticks", woken >= 1 && woken <= ticks);
	say("IF clear in handler", if_in_handler == 0);
	say("IF after handlers", !!(read_flags() & 0x200));
	/* sti; hlt idiom also wakes */
	ticks = 0;
	while (ticks < 3)
		asm volatile("sti; hlt; cli");
	say("sti;hlt ticks", ticks >= 3);
}
