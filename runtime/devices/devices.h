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
	/* DMA-capable models (virtio): guest-physical [pa, pa + len) as a
	   pointer the runtime may use, or 0 if that is not the guest's RAM. */
	void *(*guest_ptr)(uint64_t pa, size_t len);
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
uint8_t ab_pic_vector(unsigned int irq);	/* the guest's vector for an IRQ line */
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

/* ---- PCI bus 0, configuration mechanism #1 (pci.c) ---------------------- */
/* The ISA IRQ every slot's INTA# is routed to (PIIX-style PIRQ links, all
   to one line; INTERRUPT_LINE and the ACPI _PRT say so). */
#define AB_PCI_IRQ 11

struct ab_pci_dev {
	/* filled in by the device model before ab_pci_register() */
	uint16_t vendor, device, subvendor, subdevice;
	uint32_t class_rev;		/* class code << 8 | revision */
	uint16_t io_size;		/* I/O BAR 0: a power of two, 4..256 */
	uint32_t (*io_read)(struct ab_pci_dev *d, uint16_t off, unsigned int size);
	void (*io_write)(struct ab_pci_dev *d, uint16_t off, unsigned int size,
			 uint32_t val);
	/* the bus's */
	uint8_t slot, irq_line;
	uint16_t command;
	uint16_t bar0;
	bool irq_level;
};

void ab_pci_reset(void);		/* empties the bus (ab_devices_reset) */
/* Give d the next slot, a BAR 0 port range and the INTx line, as a BIOS
   would; 0, or -1 if the bus is full or io_size is invalid. */
int ab_pci_register(struct ab_pci_dev *d);
struct ab_pci_dev *ab_pci_slot(unsigned int slot);	/* 0 if empty */
void ab_pci_set_irq(struct ab_pci_dev *d, bool level);	/* INTx */
/* Port accesses for the bus: true if the port is the bus's (0xcf8-0xcff,
   or a function's enabled I/O BAR).  Whole-width, never split. */
bool ab_pci_config_io(uint16_t port, unsigned int size, bool write, uint32_t *val);
bool ab_pci_bar_io(uint16_t port, unsigned int size, bool write, uint32_t *val);

/* ---- the bus described to an ACPI guest (acpi.c) ------------------------ */
/* An SSDT with the host bridge and its _PRT, added to the tables at
   rsdp_pa (read identity-mapped) in copies written to buf (guest-physical
   buf_pa, size bytes): the new RSDP's address, or 0. */
uint64_t ab_acpi_add_pci(uint64_t rsdp_pa, void *buf, uint64_t buf_pa, size_t size);

/* ---- QEMU isa-debug-exit at 0xf4 (debug_exit.c) ------------------------ */
void ab_debug_exit_write(uint16_t port, uint32_t val);

#endif
