// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * What a site the Xen backend rewrote runs (platform.c's switch names the
 * handler; entry.S gets here through ab_xen_trap), and what the shared
 * device models (runtime/devices) run on:
 *   UART COM1 TX/RX   <-> PV console ring (console.c), notified per line
 *   PIT, CMOS time    <-  Xen system time / wall clock (time.c)
 *   PIC + PIT ch. 0   ->  local APIC timer and self-IPIs (irq.c, lapic.c)
 *   debug-exit 0xf4   ->  the backend's stop (SCHEDOP_shutdown)
 *   keyboard-controller reset, port 0xcf9 reset -> SHUTDOWN_reboot
 */
#include <afterburn/x86.h>
#include "devices/devices.h"
#include "vmm/vmm.h"
#include "xen.h"
#include <xen/sched.h>

void ab_xen_trap(struct afterburn_frame *f);

/* ---- device-model host ---------------------------------------------- */
/*
 * COM1's transmitter is the PV console ring.  Linux's 8250 driver writes
 * one byte per `out', each an entry of its own, so the bytes go into the
 * ring at once (in order; nothing is held back in a buffer of ours) but
 * xenconsoled is told -- a hypercall -- only
 *   - at a newline: a console line costs one notification, not one a byte;
 *   - when the ring is half full (console.c);
 *   - at the end of any entry that is not a COM1 access: the guest has
 *     moved on from writing.  On Linux the next such entry comes at the
 *     latest with the next interrupt (its EOI to the PIC) or the timer's
 *     next programming, and the tty path's own UART interrupt ends with an
 *     EOI, so a prompt without a newline is told at once;
 *   - before the domain ends (console.c drains the ring) and with the
 *     runtime's own messages (platform.c).
 * COM1 reads do not kick: the driver polls LSR before every byte.  A guest
 * that leaves a partial line and then runs with interrupts off and no port
 * I/O keeps it untold until it does either.
 */
static bool xen_port_is_uart(uint16_t port)
{
	return port >= 0x3f8 && port <= 0x3ff;
}

static void xen_uart_tx(const char *buf, size_t n)
{
	bool line = false;

	for (size_t i = 0; i < n; i++)
		line |= buf[i] == '\n';
	ab_xen_console_out(buf, n);
	if (line)
		ab_xen_console_kick();
}

static void xen_poll_input(void)
{
	char c;

	/* Only take what the UART's FIFO can hold; the rest stays in the ring. */
	while (ab_xen_console_in(&c, 1) == 1)
		if (!ab_uart_receive((uint8_t)c))
			break;	/* byte lost only if the FIFO is full */
}

/* Status (v << 1) | 1 of a debug-exit write: the backend's stop ends it. */
static void xen_dev_exit(int status)
{
	afterburn_stop((status >> 1) & 0x7f);
}

const struct ab_dev_host ab_xen_dev_host = {
	.uart_tx	= xen_uart_tx,
	.exit		= xen_dev_exit,
	.now_ns		= ab_xen_system_time_ns,
	.wall_seconds	= ab_xen_wall_seconds,
	.pit_timer	= ab_xen_irq_pit_timer,
	.guest_ptr	= ab_xen_guest_ptr,
};

/*
 * A PV domain (pv.c) so far: the console and the clocks, no interrupts
 * (the PIT counts but raises nothing: its timer and the PIC belong to
 * event channels, not yet written) and no DMA devices.
 */
const struct ab_dev_host ab_xen_pv_dev_host = {
	.uart_tx	= xen_uart_tx,
	.exit		= xen_dev_exit,
	.now_ns		= ab_xen_system_time_ns,
	.wall_seconds	= ab_xen_wall_seconds,
};

/* Interrupt glue after a port access: the local APIC's, PVH only. */
static void xen_after_io(uint16_t port, bool write, uint32_t val)
{
	if (!ab_xen_pv)
		ab_xen_irq_after_io(port, write, val);
}

/* ---- handlers --------------------------------------------------------- */
/* Writes that reset the machine on a PC: end the domain as a reboot. */
static void xen_reset_ports(uint16_t port, uint32_t val)
{
	if ((port == 0x64 && (val & 0xff) == 0xfe) ||	/* 8042 pulse reset */
	    (port == 0xcf9 && (val & 0x04))) {		/* reset control */
		afterburn_printk("afterburn: xen: guest reset -> SHUTDOWN_reboot\n");
		ab_xen_shutdown(SHUTDOWN_reboot);
	}
}

/* in, out, ins, outs: the VMM's port emulation on the shared models. */
void ab_xen_port_io(struct afterburn_frame *f, const struct afterburn_site *s)
{
	uint16_t port = s->form == AB_FORM_IMM ? (uint16_t)s->imm :
			(uint16_t)f->gpr[R_DX];
	bool write = ab_io_kind_writes(s->kind);
	uint32_t val = (uint32_t)f->gpr[R_AX];

	if (s->kind == AB_KIND_OUT)
		xen_reset_ports(port, val);
	if (!write && xen_port_is_uart(port))
		xen_poll_input();
	ab_vmm_port_io(f, s);
	xen_after_io(port, write, val);
	if (!xen_port_is_uart(port))
		ab_xen_console_kick();
}

/* A byte in or out of a UART register the record names (a known port,
   vmm.h: ab_io_uart_site): the model directly, no bus lookup. */
void ab_xen_uart_io(struct afterburn_frame *f, const struct afterburn_site *s)
{
	uint16_t port = 0;
	bool write = ab_io_kind_writes(s->kind);
	uint32_t val = (uint32_t)f->gpr[R_AX];

	ab_io_static_port(s, &port);
	if (write) {
		ab_uart_write(port, (uint8_t)val);
	} else {
		xen_poll_input();
		f->gpr[R_AX] = (f->gpr[R_AX] & ~0xffull) | ab_uart_read(port);
	}
	xen_after_io(port, write, val);
	/* A COM1 access: no kick here (see xen_uart_tx). */
}

/*
 * cpuid: Xen's answer, minus the local APIC (and x2APIC): the APIC drives
 * the virtual PIC/PIT (irq.c), so the guest must find a PC without one --
 * as Linux does with `nolapic' -- and leave it alone.
 */
void ab_xen_cpuid(struct afterburn_frame *f, const struct afterburn_site *s)
{
	uint32_t a, b, c, d;

	ab_cpuid((uint32_t)f->gpr[R_AX], (uint32_t)f->gpr[R_CX], &a, &b, &c, &d);
	if ((uint32_t)f->gpr[R_AX] == 1) {
		d &= ~(1u << 9);	/* APIC */
		c &= ~(1u << 21);	/* x2APIC */
	}
	f->gpr[R_AX] = a;
	f->gpr[R_BX] = b;
	f->gpr[R_CX] = c;
	f->gpr[R_DX] = d;
	ab_xen_console_kick();	/* not a COM1 access: see the device-model host */
}

/* ---- the entry's C half (entry.S) ---------------------------------------- */
void ab_xen_trap(struct afterburn_frame *f)
{
	ab_xen_window_ensure();	/* the guest may have switched page tables */
	afterburn_vmm_call_site(f);
}
