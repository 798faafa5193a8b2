// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * 16550A UART on COM1 (0x3f8-0x3ff, IRQ4): enough for Linux's 8250 driver to
 * probe it (scratch register, loopback test of MCR/MSR, FIFO bits in IIR)
 * and use it with or without interrupts.  Transmission is instantaneous:
 * every THR byte goes straight to the backend's uart_tx, so THR is always
 * empty again (LSR THRE|TEMT) and a THRE interrupt is raised as soon as it
 * is enabled, as on real hardware with an idle line.  Received bytes sit in
 * a 16-byte FIFO.  IRQ4 reaches the PIC only while MCR.OUT2 is set (PC
 * wiring), as Linux expects.
 */
#include "devices.h"

#define UART_IRQ	4
#define FIFO_SIZE	16

/* register bits (names as in the 16550A data sheet) */
#define IER_RDI		0x01
#define IER_THRI	0x02
#define IIR_NO_INT	0x01
#define IIR_THRI	0x02
#define IIR_RDI		0x04
#define IIR_FIFO	0xc0
#define FCR_ENABLE	0x01
#define FCR_CLEAR_RX	0x02
#define LCR_DLAB	0x80
#define MCR_DTR		0x01
#define MCR_RTS		0x02
#define MCR_OUT1	0x04
#define MCR_OUT2	0x08
#define MCR_LOOP	0x10
#define LSR_DR		0x01
#define LSR_THRE	0x20
#define LSR_TEMT	0x40

static struct {
	uint8_t ier, lcr, mcr, scr, fcr, dll, dlm, msr_delta;
	bool thre_pending;	/* THRE interrupt condition not yet consumed */
	uint8_t rx[FIFO_SIZE];
	unsigned int rx_head, rx_count;
} u;

void ab_uart_reset(void)
{
	u = (typeof(u)){ .dll = 0x0c };	/* 9600 baud after reset */
}

static uint8_t uart_iir(void)
{
	uint8_t fifo = (u.fcr & FCR_ENABLE) ? IIR_FIFO : 0;

	if ((u.ier & IER_RDI) && u.rx_count)
		return fifo | IIR_RDI;
	if ((u.ier & IER_THRI) && u.thre_pending)
		return fifo | IIR_THRI;
	return fifo | IIR_NO_INT;
}

static void uart_update_irq(void)
{
	bool level = !(uart_iir() & IIR_NO_INT);

	/* in loopback the interrupt line is disconnected, like OUT2 low */
	if (!(u.mcr & MCR_OUT2) || (u.mcr & MCR_LOOP))
		level = false;
	ab_pic_set_irq(UART_IRQ, level);
}

bool ab_uart_receive(uint8_t byte)
{
	if (u.rx_count == FIFO_SIZE)
		return false;
	u.rx[(u.rx_head + u.rx_count++) % FIFO_SIZE] = byte;
	uart_update_irq();
	return true;
}

unsigned int ab_uart_rx_room(void)
{
	return FIFO_SIZE - u.rx_count;
}

/* Let the backend deliver pending host input before the guest looks. */
static void uart_poll_host(void)
{
	if (u.rx_count < FIFO_SIZE && !(u.mcr & MCR_LOOP) && ab_dev_host &&
	    ab_dev_host->uart_rx_poll)
		ab_dev_host->uart_rx_poll();
}

static uint8_t uart_msr(void)
{
	uint8_t m;

	if (u.mcr & MCR_LOOP) {
		/* loopback: DTR->DSR, RTS->CTS, OUT1->RI, OUT2->DCD */
		m = ((u.mcr & MCR_RTS) << 3) | ((u.mcr & MCR_DTR) << 5) |
		    ((u.mcr & MCR_OUT1) << 4) | ((u.mcr & MCR_OUT2) << 4);
	} else {
		m = 0xb0;	/* idle line with a modem attached: DCD, DSR, CTS */
	}
	return m | u.msr_delta;
}

uint8_t ab_uart_read(uint16_t port)
{
	uint8_t v;

	switch (port & 7) {
	case 0:
		if (u.lcr & LCR_DLAB)
			return u.dll;
		if (!u.rx_count)
			uart_poll_host();
		if (!u.rx_count)
			return 0;
		v = u.rx[u.rx_head];
		u.rx_head = (u.rx_head + 1) % FIFO_SIZE;
		u.rx_count--;
		uart_update_irq();
		return v;
	case 1:
		return (u.lcr & LCR_DLAB) ? u.dlm : u.ier;
	case 2:
		v = uart_iir();
		/* reading IIR acknowledges a THRE interrupt it reports */
		if ((v & 0x0f) == IIR_THRI) {
			u.thre_pending = false;
			uart_update_irq();
		}
		return v;
	case 3:
		return u.lcr;
	case 4:
		return u.mcr;
	case 5:
		if (!u.rx_count)
			uart_poll_host();
		return LSR_THRE | LSR_TEMT | (u.rx_count ? LSR_DR : 0);
	case 6:
		v = uart_msr();
		u.msr_delta = 0;
		return v;
	default:
		return u.scr;
	}
}

void ab_uart_write(uint16_t port, uint8_t val)
{
	char c = val;

	switch (port & 7) {
	case 0:
		if (u.lcr & LCR_DLAB) {
			u.dll = val;
			return;
		}
		if (u.mcr & MCR_LOOP)
			ab_uart_receive(val);
		else if (ab_dev_host && ab_dev_host->uart_tx)
			ab_dev_host->uart_tx(&c, 1);
		u.thre_pending = true;	/* sent at once: THR empty again */
		break;
	case 1:
		if (u.lcr & LCR_DLAB) {
			u.dlm = val;
			return;
		}
		/* enabling THRI with an empty THR raises THRE at once */
		if ((val & IER_THRI) && !(u.ier & IER_THRI))
			u.thre_pending = true;
		u.ier = val & 0x0f;
		break;
	case 2:
		if (val & FCR_CLEAR_RX)
			u.rx_count = 0;
		u.fcr = val & 0xc9;
		break;
	case 3:
		u.lcr = val;
		return;
	case 4:
		u.mcr = val & 0x1f;
		break;
	case 5:
	case 6:
		return;		/* LSR/MSR writes are ignored (factory test) */
	default:
		u.scr = val;
		return;
	}
	uart_update_irq();
}
