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
	asm volatile("sti");
	while (!hits)
		asm volatile("hlt");
	asm volatile("cli");
	say("uart interrupts", hits);
	say("IIR said THRE", (iir & 0x0f) == 0x02);
	ab_outb(0x3fc, 0x03);
}
