// SPDX-License-Identifier: GPL-3.0-or-later
/* UART receive: the runner feeds echo.in to the serial line on both
   platforms.  The first line is read by polling LSR.DR, the rest with the
   receive interrupt (IER.RDI, IRQ4) and hlt; each is echoed upper-cased. */
#include "lib.h"

static char ring[256];
static volatile unsigned int head, tail;

void on_uart(void);
void on_uart(void)
{
	while (ab_inb(0x3fd) & 0x01)
		ring[head++ & 255] = ab_inb(0x3f8);
}
IRQ_HANDLER(uart_entry, on_uart);

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? c - 32 : c;
}

void guest_main(void)
{
	char c;
	int lines = 0;

	puts_("polled: ");
	do {
		while (!(ab_inb(0x3fd) & 0x01))
			;
		c = ab_inb(0x3f8);
		putc_(upper(c));
	} while (c != '\n');

	set_gate(0x24, uart_entry);
	load_idt();
	pic_init(1 << 4);
	ab_outb(0x3fc, 0x0b);		/* OUT2: IRQ4 reaches the PIC */
	ab_outb(0x3f9, 0x01);		/* IER: received data */
	puts_("irq: ");
	for (;;) {
		asm volatile("cli");
		if (head == tail) {
			asm volatile("sti; hlt");
			continue;
		}
		asm volatile("sti");
		c = ring[tail++ & 255];
		if (c == '.')
			break;
		putc_(upper(c));
		if (c == '\n') {
			lines++;
			puts_("irq: ");
		}
	}
	asm volatile("cli");
	ab_outb(0x3f9, 0x00);
	puts_("\n");
	say("irq lines", lines);
}
