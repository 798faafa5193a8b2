// SPDX-License-Identifier: GPL-3.0-or-later
/* UART transmit-holding-register-empty interrupt on IRQ4 through the PIC
   into the guest's handler, which identifies it through IIR. */
#include "lib.h"

static volatile unsigned long hits;
static volatile uint8_t iir;

void on_uart(void);
void on_uart(void)
{
	iir = ab_inb(0x3fa);		/* reading IIR acknowledges THRE */
	ab_outb(0x3f9, 0x00);		/* no more interrupts */
	hits++;
}
IRQ_HANDLER(uart_entry, on_uart);

void guest_main(void)
{
	set_gate(0x24, uart_entry);
	load_idt();
	pic_init(1 << 4);
	ab_outb(0x3fc, 0x0b);		/* DTR RTS OUT2 */
	ab_outb(0x3f9, 0x02);		/* IER: THRI */
	/* The interrupt is pending already: wait for it the race-free way,
	   `sti; hlt' with interrupts off around the test, so it is taken in
	   the hlt, not between the test and the hlt (sti's shadow; the
	   assembler keeps the two adjacent). */
	while (!hits)
		asm volatile("sti; hlt; cli" : : : "memory");
	say("uart interrupts", hits);
	say("IIR said THRE", (iir & 0x0f) == 0x02);
	ab_outb(0x3fc, 0x03);
}
