// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The polled COM1 writer: the native platform's console, and the early
 * console of every boot glue (usable before a backend is chosen, harmless
 * where there is no UART: a missing port reads 0xff, "ready").
 */
#include <afterburn/runtime.h>
#include <afterburn/x86.h>

#define COM1		0x3f8
#define UART_LSR	5
#define UART_LSR_THRE	0x20

static void ab_com1_putc(char c)
{
	unsigned int spin = 100000;

	/* Bounded wait: a missing or stuck UART must not hang a panic. */
	while (!(ab_inb(COM1 + UART_LSR) & UART_LSR_THRE) && --spin)
		;
	ab_outb(COM1, (uint8_t)c);
}

void afterburn_com1_write(const char *s, size_t n)
{
	while (n--) {
		if (*s == '\n')
			ab_com1_putc('\r');
		ab_com1_putc(*s++);
	}
}
