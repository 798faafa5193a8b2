/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Device models of the in-place VMM, written once and shared by every
 * backend that emulates port I/O (usermode, xen).  Freestanding C: the
 * models never call the platform directly, only through struct ab_dev_host,
 * which the backend fills in before the first port access.
 *
 * Concurrency: the models are not reentrant.  A backend that receives
 * asynchronous events must only feed them in while no model code runs:
 * usermode defers timer signals that arrive inside the VMM and replays
 * them at the next VMM entry/exit; xen runs the models with interrupts
 * masked (backends/xen/entry.S).
 */
#ifndef AB_DEVICES_H
#define AB_DEVICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a backend provides to the device models. */
struct ab_dev_host {
	void (*uart_tx)(const char *buf, size_t n);	/* COM1 transmit */
	void (*exit)(int status);		/* isa-debug-exit: ends the run */
	uint64_t (*now_ns)(void);		/* monotonic virtual time */
	uint64_t (*wall_seconds)(void);		/* seconds since 1970 (CMOS) */
	/* (Re)arm the host timer behind PIT channel 0: one tick every
	   period_ns (periodic) or once after period_ns; 0 stops it. */
	void (*pit_timer)(uint64_t period_ns, bool periodic);
	/* Optional: offer host input to the UART now (it calls
	   ab_uart_receive() for what is available, up to ab_uart_rx_room()).
	   Called when the guest looks at LSR/RBR with room in the FIFO. */
	void (*uart_rx_poll)(void);
};

extern const struct ab_dev_host *ab_dev_host;

/* ---- port dispatch (ioport.c) ---------------------------------------- */
/* Read/write SIZE bytes (1, 2, 4) at PORT.  Unknown ports read as all ones
   and ignore writes, like an ISA bus with nothing on it. */
uint32_t ab_io_read(uint16_t port, unsigned int size);
void ab_io_write(uint16_t port, unsigned int size, uint32_t val);
void ab_devices_reset(void);

/* ---- 8259A PIC pair (pic8259.c) --------------------------------------- */
void ab_pic_reset(void);
void ab_pic_set_irq(unsigned int irq, bool level);	/* edge-triggered input line */
void ab_pic_pulse_irq(unsigned int irq);		/* rising then falling edge */
/* true if an unmasked request outranks everything in service */
bool ab_pic_has_pending(void);
/* Interrupt acknowledge: returns the vector the CPU would take (a spurious
   IRQ7/IRQ15 vector if the request went away), updates IRR/ISR. */
uint8_t ab_pic_ack(void);
uint8_t ab_pic_read(uint16_t port);
void ab_pic_write(uint16_t port, uint8_t val);

/* ---- 8254 PIT and port 0x61 (pit8254.c) ------------------------------- */
#define PIT_HZ 1193182u
void ab_pit_reset(void);
uint8_t ab_pit_read(uint16_t port);
void ab_pit_write(uint16_t port, uint8_t val);
uint8_t ab_pit_port61_read(void);
void ab_pit_port61_write(uint8_t val);
void ab_pit_timer_expired(void);		/* host timer for channel 0 fired */

/* ---- 8250/16550A UART on COM1 (uart8250.c) ---------------------------- */
void ab_uart_reset(void);
uint8_t ab_uart_read(uint16_t port);
void ab_uart_write(uint16_t port, uint8_t val);
bool ab_uart_receive(uint8_t byte);	/* host input; false if the FIFO is full */
unsigned int ab_uart_rx_room(void);	/* free bytes in the receive FIFO */

/* ---- CMOS/RTC (cmos_rtc.c) -------------------------------------------- */
void ab_cmos_reset(void);
uint8_t ab_cmos_read(uint16_t port);
void ab_cmos_write(uint16_t port, uint8_t val);

/* ---- QEMU isa-debug-exit at 0xf4 (debug_exit.c) ------------------------ */
void ab_debug_exit_write(uint16_t port, uint32_t val);

#endif
