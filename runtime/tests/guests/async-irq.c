// SPDX-License-Identifier: GPL-3.0-or-later
/* Timer interrupts that arrive while the guest computes (no hlt): they are
   delivered asynchronously into the guest's IDT handler and must preserve
   every register and flag of the interrupted code. */
#include "lib.h"

static volatile unsigned long ticks;

void on_tick(void);
void on_tick(void)
{
	ticks++;
}
IRQ_HANDLER(tick_entry, on_tick);

void guest_main(void)
{
	unsigned long sum = 0, i = 0, bad = 0;

	set_gate(0x20, tick_entry);
	load_idt();
	pic_init(1 << 0);
	pit_start(500);
	asm volatile("sti");
	while (ticks < 20) {
		unsigned long a = i * 2654435761ul, b;

		/* r8-r11 and flags live across the loop body */
		asm volatile("mov %2, %%r8\n\t"
			     "mov %2, %%r9\n\t"
			     "mov %2, %%r10\n\t"
			     "mov %2, %%r11\n\t"
			     "add $1, %%r8\n\t"
			     "cmp %%r8, %%r9\n\t"	/* r9 < r8: CF set */
			     "pause\n\tpause\n\tpause\n\tpause\n\t"
			     "sbb %0, %0\n\t"		/* -1 if CF survived */
			     "xor %%r10, %%r11\n\t"
			     "or %%r11, %1\n\t"
			     : "=&r"(b), "+r"(bad) : "r"(a)
			     : "r8", "r9", "r10", "r11", "cc");
		if (b != ~0ul)
			bad++;
		sum += a;
		i++;
	}
	asm volatile("cli");
	say("ticks during computation", ticks >= 20);
	say("corrupted state", bad);
	say("interrupted iterations > 0", i > 0);
}
