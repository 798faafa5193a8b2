// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The Xen PVH platform.  A PVH domU runs in an HVM container at ring 0:
 * cli/sti/pushf/popf, CR/MSR access, swapgs/sysret/iret and hlt work
 * natively or are handled by Xen, so those sites stay as assembled.  What
 * the domain lacks is the legacy platform -- no PIC, PIT, UART, CMOS; port
 * I/O there goes nowhere -- so every in/out/ins/outs becomes a call into
 * the shared device models (runtime/devices), which Xen backs:
 *   UART COM1 TX/RX   <-> PV console ring (console.c)
 *   PIT, CMOS time    <-  Xen system time / wall clock (time.c)
 *   PIC + PIT ch. 0   ->  local APIC timer and self-IPIs (irq.c, lapic.c)
 *   debug-exit 0xf4, keyboard-controller reset, port 0xcf9 reset
 *                     ->  SCHEDOP_shutdown
 *   cpuid             ->  Xen's answer without the local APIC, which the
 *                         in-place VMM uses for interrupt delivery
 * Detection is at run time (CPUID), so the same image boots natively.
 */
#include "devices/devices.h"
#include "vmm/vmm.h"
#include "xen.h"
#include <xen/sched.h>

void xen_io_entry(void);
void xen_io_trap(struct afterburn_frame *f);

static uint32_t xen_base;

/* ---- device-model host ---------------------------------------------- */
/* UART bytes are batched per trap: one ring update + notify, not per byte. */
static char xen_tx_buf[256];
static size_t xen_tx_len;

static void xen_tx_flush(void)
{
	if (xen_tx_len)
		xen_console_out(xen_tx_buf, xen_tx_len);
	xen_tx_len = 0;
}

static void xen_uart_tx(const char *buf, size_t n)
{
	while (n--) {
		if (xen_tx_len == sizeof(xen_tx_buf))
			xen_tx_flush();
		xen_tx_buf[xen_tx_len++] = *buf++;
	}
}

static void xen_poll_input(void)
{
	char c;

	/* Only take what the UART's FIFO can hold; the rest stays in the ring. */
	while (xen_console_in(&c, 1) == 1)
		if (!uart_receive((uint8_t)c))
			break;	/* byte lost only if the FIFO is full */
}

static void xen_stop(int code) __attribute__((noreturn));
static void xen_console_write(const char *s, size_t n);

static void xen_dev_exit(int status)
{
	xen_tx_flush();
	xen_stop((status >> 1) & 0x7f);
}

static const struct ab_dev_host xen_dev_host = {
	.uart_tx	= xen_uart_tx,
	.exit		= xen_dev_exit,
	.now_ns		= xen_system_time_ns,
	.wall_seconds	= xen_wall_seconds,
	.pit_timer	= xen_irq_pit_timer,
};

/* The VMM core's per-kind emulation is reused for the I/O kinds only; the
   rest of its platform hooks are never reached (nothing else is patched). */
static const struct vmm_platform xen_vmm_platform;

/* ---- port I/O ------------------------------------------------------- */
static bool xen_is_io(unsigned int kind)
{
	return kind == AB_KIND_IN || kind == AB_KIND_OUT ||
	       kind == AB_KIND_INS || kind == AB_KIND_OUTS;
}

/* Sites this backend rewrites (into `call xen_io_entry'). */
static bool xen_rewrites(unsigned int kind)
{
	return xen_is_io(kind) || kind == AB_KIND_CPUID;
}

/*
 * cpuid: Xen's answer, minus the local APIC (and x2APIC): the APIC drives
 * the virtual PIC/PIT (irq.c), so the guest must find a PC without one --
 * as Linux does with `nolapic' -- and leave it alone.
 */
static void xen_emulate_cpuid(struct afterburn_frame *f)
{
	uint32_t a, b, c, d;

	xen_cpuid((uint32_t)f->gpr[R_AX], (uint32_t)f->gpr[R_CX], &a, &b, &c, &d);
	if ((uint32_t)f->gpr[R_AX] == 1) {
		d &= ~(1u << 9);	/* APIC */
		c &= ~(1u << 21);	/* x2APIC */
	}
	f->gpr[R_AX] = a;
	f->gpr[R_BX] = b;
	f->gpr[R_CX] = c;
	f->gpr[R_DX] = d;
}

/* Writes that reset the machine on a PC: end the domain as a reboot. */
static void xen_reset_ports(uint16_t port, uint32_t val)
{
	if ((port == 0x64 && (val & 0xff) == 0xfe) ||	/* 8042 pulse reset */
	    (port == 0xcf9 && (val & 0x04))) {		/* reset control */
		xen_tx_flush();
		afterburn_printk("afterburn: xen: guest reset -> SHUTDOWN_reboot\n");
		xen_shutdown(SHUTDOWN_reboot);
	}
}

static int xen_emulate(struct afterburn_frame *f, const struct afterburn_site *s)
{
	uint16_t port = s->form == AB_FORM_IMM ? (uint16_t)s->imm :
			(uint16_t)f->gpr[R_DX];
	bool write = s->kind == AB_KIND_OUT || s->kind == AB_KIND_OUTS;
	uint32_t val = (uint32_t)f->gpr[R_AX];

	if (s->kind == AB_KIND_CPUID) {
		xen_emulate_cpuid(f);
		return 0;
	}
	if (!xen_is_io(s->kind))
		afterburn_panic("site %lx (%s): not patched on xen-pvh",
				(unsigned long)afterburn_site_addr(s),
				afterburn_kind_name(s->kind));
	if (s->kind == AB_KIND_OUT)
		xen_reset_ports(port, val);
	if (!write && port >= 0x3f8 && port <= 0x3ff)
		xen_poll_input();
	afterburn_vmm_emulate(f, s);
	xen_irq_after_io(port, write, val);
	xen_tx_flush();
	return 0;
}

void xen_io_trap(struct afterburn_frame *f)
{
	uintptr_t ret = f->rip;
	const struct afterburn_site *s;

#ifdef AFTERBURN_FLAVOUR_KERNEL
	/* Linux's startup_64 runs at its physical address on an identity
	   map: a site there calls us at physical addresses too. */
	if (ret < 0xffffffff80000000ul)
		ret += 0xffffffff80000000ul;
#endif
	s = afterburn_site_at(ret - 5);
	xen_window_ensure();	/* the guest may have switched page tables */
	if (!s || afterburn_site_addr(s) + 5 != ret)
		afterburn_panic("xen: I/O entry from %lx: no patched site there",
				(unsigned long)f->rip);
	xen_emulate(f, s);
}

/* ---- the backend ---------------------------------------------------- */
static bool xen_detect(const struct afterburn_boot *boot)
{
	if (boot && boot->entry == AB_ENTRY_USERMODE)
		return false;
	xen_base = xen_cpuid_base();
	return xen_base != 0;
}

/*
 * The guest TSC from Xen's timing leaf (base + 3, sub-leaf 0, public
 * arch-x86/cpuid.h): ECX is its frequency in kHz in every tsc_mode; EAX
 * bit 0 says Xen emulates rdtsc, deriving the TSC from its own system
 * time at that fixed rate, which makes it reliable whatever the host's
 * TSC does.  (Natively run TSCs are left to the kernel's own checks.)
 */
static void xen_tsc_info(struct afterburn_tsc *tsc)
{
	uint32_t a, b, c, d;

	xen_cpuid(xen_base + 3, 0, &a, &b, &c, &d);
	tsc->khz = c;
	tsc->reliable = a & 1;
}

/* The core's panic would go to the native UART, which Xen does not have. */
static int xen_init_failed(const char *what, int rc)
{
	char buf[80];
	int n = ab_snprintf(buf, sizeof(buf), "afterburn: xen: %s: error %d\n",
			    what, rc);

	xen_debug_write(buf, n);
	return rc < 0 ? rc : -rc;
}

static int xen_init(const struct afterburn_boot *boot)
{
	struct afterburn_tsc tsc;
	uint32_t ver, b, c, d;
	char msg[128];
	int rc, n;

	xen_debug_str("afterburn: xen detected\n");
	rc = xen_hypercall_init(xen_base);
	if (rc)
		return xen_init_failed("hypercall page", rc);
	rc = xen_shared_info_init();
	if (rc)
		return xen_init_failed("shared_info", rc);
	rc = xen_console_init();
	if (rc)
		return xen_init_failed("PV console", rc);
	afterburn_vmm_init(&xen_vmm_platform);
	ab_devices_reset();
	ab_dev_host = &xen_dev_host;
	rc = xen_lapic_init();
	if (rc)
		return xen_init_failed("local APIC", rc);
	xen_cpuid(xen_base + 1, 0, &ver, &b, &c, &d);
	xen_tsc_info(&tsc);
	/* Not afterburn_printk: this backend is not the active one yet. */
	n = ab_snprintf(msg, sizeof(msg),
			"afterburn: xen %u.%u (cpuid %x), PV console, APIC timer %lu kHz, TSC %u kHz%s\n",
			ver >> 16, ver & 0xffff, xen_base, xen_lapic_khz(),
			tsc.khz, tsc.reliable ? " (emulated)" : "");
	xen_console_write(msg, n);
	return 0;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static int xen_rewrite(const struct afterburn_site *s, uintptr_t addr,
		       struct afterburn_patch *out)
{
	intptr_t rel;

	if (afterburn_site_mode(s) != AB_MODE_64 || !xen_rewrites(s->kind))
		return AB_NATIVE;
	if (s->room < 5)
		return -1;
	rel = (intptr_t)xen_io_entry - (intptr_t)(addr + 5);
	if (rel != (int32_t)rel)
		return -2;	/* entry out of rel32 reach */
	out->bytes[0] = 0xe8;	/* call rel32 */
	put32(&out->bytes[1], (uint32_t)rel);
	out->len = 5;
	return 0;
}

/* Runtime messages: the domain's PV console, plus Xen's own console. */
static void xen_console_write(const char *s, size_t n)
{
	xen_window_ensure();
	xen_tx_flush();
	xen_console_out(s, n);
	xen_debug_write(s, n);
}

/*
 * End of a run.  Status 0 (the guest returned, or wrote 0 to 0xf4) is a
 * clean poweroff; anything else is reported and ends as a crash so the
 * toolstack and the harness can tell them apart.
 */
static void xen_stop(int code)
{
	xen_tx_flush();
	if (code == AFTERBURN_EXIT_OK) {
		afterburn_printk("afterburn: xen: poweroff\n");
		xen_shutdown(SHUTDOWN_poweroff);
	}
	afterburn_printk("afterburn: xen: exit status %d -> SHUTDOWN_crash\n",
			 (code << 1) | 1);
	xen_shutdown(SHUTDOWN_crash);
}

const struct afterburn_backend afterburn_backend_xen = {
	.name		= "xen-pvh",
	.detect		= xen_detect,
	.init		= xen_init,
	.rewrite	= xen_rewrite,
	.emulate	= xen_emulate,
	.console_write	= xen_console_write,
	.stop		= xen_stop,
	.tsc_info	= xen_tsc_info,
};
