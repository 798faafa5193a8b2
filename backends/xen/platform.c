// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The Xen PVH platform.  A PVH domU runs in an HVM container at ring 0:
 * cli/sti/pushf/popf, CR/MSR access, swapgs/sysret/iret and hlt work
 * natively or are handled by Xen, so those sites stay as assembled.  What
 * the domain lacks is the legacy platform -- no PIC, PIT, UART, CMOS; port
 * I/O there goes nowhere -- so every in/out/ins/outs becomes a call into
 * the shared device models, which Xen backs (io.c), and cpuid hides the
 * local APIC the backend uses for interrupts.  Detection is at run time
 * (CPUID), so the same image boots natively.
 */
#include "devices/devices.h"
#include "vmm/vmm.h"
#include "xen.h"
#include <afterburn/x86.h>
#include <xen/sched.h>

static uint32_t xen_base;

/* The VMM core's handlers are reused for the I/O kinds only; its platform
   hooks (wait, FS/GS bases) are never reached (nothing else is patched). */
static const struct vmm_platform xen_vmm_platform;

static void xen_console_write(const char *s, size_t n);

/*
 * The one switch: what each 64-bit site becomes under Xen PVH.  The list
 * is policy.def (data the tools read too); everything not listed stays
 * native (an HVM container runs it, or Xen handles it).
 */
static int xen_enter(struct afterburn_plan *p, const struct afterburn_site *s,
		     uintptr_t addr, afterburn_handler_t *h)
{
	/* the stub of the site's live masks, else the generic entry */
	uintptr_t t = afterburn_live_stub(s, ab_xen_live_common, AB_STUB_XEN);

	if (h == ab_xen_port_io && ab_io_uart_site(s))
		h = ab_xen_uart_io;		/* a known UART register */
	if (t)
		return afterburn_plan_call(p, s, addr, (void (*)(void))t, h);
	return afterburn_plan_call(p, s, addr, ab_xen_entry, h);
}

static int xen_site(const struct afterburn_site *s, uintptr_t addr,
		    struct afterburn_plan *p)
{
	if (afterburn_site_mode(s) != AB_MODE_64)
		return AB_NATIVE;
#define XEN_PATCH(match, arg, handler)					\
	if (XEN_MATCH_##match(s, arg))					\
		return xen_enter(p, s, addr, handler);
#include "policy.def"
	return AB_NATIVE;
}

static bool xen_detect(const struct afterburn_boot *boot)
{
	/* Not a process, and not a PV domU (pv.c's: no CPUID says which). */
	if (boot && (boot->entry == AB_ENTRY_USERMODE ||
		     boot->entry == AB_ENTRY_XENPV))
		return false;
	xen_base = ab_xen_cpuid_base();
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

	ab_cpuid(xen_base + 3, 0, &a, &b, &c, &d);
	tsc->khz = c;
	tsc->reliable = a & 1;
}

/* The core's panic would go to the native UART, which Xen does not have. */
static int xen_init_failed(const char *what, int rc)
{
	char buf[80];
	int n = ab_snprintf(buf, sizeof(buf), "afterburn: xen: %s: error %d\n",
			    what, rc);

	ab_xen_debug_write(buf, n);
	return rc < 0 ? rc : -rc;
}

static int xen_init(const struct afterburn_boot *boot)
{
	struct afterburn_tsc tsc;
	uint32_t ver, b, c, d;
	char msg[128];
	int rc, n;

	ab_xen_debug_str("afterburn: xen detected\n");
	rc = ab_xen_hypercall_init(xen_base);
	if (rc)
		return xen_init_failed("hypercall page", rc);
	rc = ab_xen_shared_info_init();
	if (rc)
		return xen_init_failed("shared_info", rc);
	rc = ab_xen_console_init();
	if (rc)
		return xen_init_failed("PV console", rc);
	/* Until this backend is the active one, runtime messages (the
	   devices' below) would go to COM1, which a PVH domain lacks. */
	afterburn_console_set(xen_console_write);
	afterburn_vmm_init(&xen_vmm_platform);
	ab_devices_reset();
	ab_dev_host = &ab_xen_dev_host;
	rc = ab_xen_lapic_init();
	if (rc)
		return xen_init_failed("local APIC", rc);
	ab_xen_devices_init(boot);
	ab_cpuid(xen_base + 1, 0, &ver, &b, &c, &d);
	xen_tsc_info(&tsc);
	/* Not afterburn_printk: this backend is not the active one yet. */
	n = ab_snprintf(msg, sizeof(msg),
			"afterburn: xen %u.%u (cpuid %x), PV console, APIC timer %lu kHz, TSC %u kHz%s\n",
			ver >> 16, ver & 0xffff, xen_base, ab_xen_lapic_khz(),
			tsc.khz, tsc.reliable ? " (emulated)" : "");
	xen_console_write(msg, n);
	return 0;
}

/* Runtime messages: the domain's PV console, plus Xen's own console. */
static void xen_console_write(const char *s, size_t n)
{
	ab_xen_window_ensure();
	ab_xen_console_out(s, n);
	ab_xen_console_kick();
	ab_xen_debug_write(s, n);
}

/*
 * End of a run, for both Xen backends (WHO names it in the message).
 * Status 0 (the guest returned, or wrote 0 to 0xf4) is a clean poweroff;
 * anything else is reported and ends as a crash so the toolstack and the
 * harness can tell them apart.
 */
void ab_xen_stop(const char *who, int code)
{
	/* ab_xen_shutdown drains the console ring, told or not. */
	if (code == AFTERBURN_EXIT_OK) {
		afterburn_printk("afterburn: %s: poweroff\n", who);
		ab_xen_shutdown(SHUTDOWN_poweroff);
	}
	afterburn_printk("afterburn: %s: exit status %d -> SHUTDOWN_crash\n",
			 who, (code << 1) | 1);
	ab_xen_shutdown(SHUTDOWN_crash);
}

static void __attribute__((noreturn)) xen_stop(int code)
{
	ab_xen_stop("xen", code);
}

const struct afterburn_backend afterburn_backend_xen = {
	.name		= "xen-pvh",
	.detect		= xen_detect,
	.init		= xen_init,
	.site		= xen_site,
	.console_write	= xen_console_write,
	.stop		= xen_stop,
	.tsc_info	= xen_tsc_info,
};
