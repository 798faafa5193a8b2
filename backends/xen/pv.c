// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The Xen PV domU: a second backend ("xen-pv") in the Xen directory,
 * sharing its hypercalls, console ring, clocks and device-model host.
 *
 * A PV domain has no hardware virtualization: the guest kernel runs at
 * CPL 3 in Xen's "guest kernel mode", every privileged instruction
 * faults, and Xen, not the guest, writes the page tables.  This file is
 * the first stage of it (the P0): a guest that boots through the
 * PV entry (runtime/guest/xenpv.S), gets the PV console before anything
 * prints, runs with its port I/O rewritten onto the device models, and
 * powers off.  Traps, events, the privileged kinds and the shadow MMU come
 * later (backends/xen/README.md, "PV").
 *
 * Detect: by the entry kind only (AB_ENTRY_XENPV).  The CPUID a PV guest
 * sees is QEMU's own (or Xen's PV policy, with CPUID faulting), which says
 * nothing about PV; and PVH's detect must never claim this boot.
 */
#include "devices/devices.h"
#include "vmm/vmm.h"
#include "xen.h"
#include <xen/sched.h>

static const struct vmm_platform xen_pv_vmm_platform;

/*
 * A guest frame's address in the builder's initial mapping: the image has
 * no VIRT_BASE note, so [0, v_end) maps pfn 0... one to one, and that
 * range holds start_info, the xenstore and console pages.
 */
static void *xen_pv_pfn_va(uint64_t pfn)
{
	return (void *)(uintptr_t)(pfn << 12);
}

/* A machine frame's guest frame: Xen's read-only M2P table (xen.h). */
static uint64_t xen_pv_mfn_to_pfn(uint64_t mfn)
{
	return ((volatile unsigned long *)MACH2PHYS_VIRT_START)[mfn];
}

static bool xen_pv_detect(const struct afterburn_boot *boot)
{
	return boot && boot->entry == AB_ENTRY_XENPV;
}

static void xen_pv_console_write(const char *s, size_t n)
{
	ab_xen_console_out(s, n);
	ab_xen_console_kick();
}

/*
 * The console comes first: until it exists nothing can be said at all
 * (no UART, port 0xe9 faults, CONSOLEIO_write is refused to a domU).
 * A failure after it is reported there; one before it ends the domain
 * as a crash, which the harness reports.
 */
static int xen_pv_init(const struct afterburn_boot *boot)
{
	const struct start_info *si = boot ? boot->start_info : NULL;
	uint64_t pfn;
	int rc;

	if (!boot || boot->entry != AB_ENTRY_XENPV)
		return -1;	/* named on a command line, but not a PV boot */
	ab_xen_hypercall_init_pv();
	if (!si || ab_memcmp(si->magic, "xen-3.0-x86_64", 14))
		ab_xen_sched_shutdown(SHUTDOWN_crash);
	pfn = xen_pv_mfn_to_pfn(si->console.domU.mfn);
	if (pfn >= si->nr_pages)
		ab_xen_sched_shutdown(SHUTDOWN_crash);
	/* shared_info first: console.c masks the port in it. */
	rc = ab_xen_shared_info_map_pv(si->shared_info);
	ab_xen_console_attach(xen_pv_pfn_va(pfn), si->console.domU.evtchn);
	afterburn_console_set(xen_pv_console_write);
	if (rc) {
		afterburn_printk("afterburn: xen-pv: mapping shared_info failed (%d)\n",
				 rc);
		return rc;
	}
	afterburn_vmm_init(&xen_pv_vmm_platform);
	ab_devices_reset();
	ab_dev_host = &ab_xen_pv_dev_host;
	afterburn_printk("afterburn: xen-pv: %s, %lu pages, console pfn %lx port %u\n",
			 si->magic, si->nr_pages, (unsigned long)pfn,
			 si->console.domU.evtchn);
	return 0;
}

/* The one switch: what each 64-bit site becomes in a PV domU. */
static int xen_pv_site(const struct afterburn_site *s, uintptr_t addr,
		       struct afterburn_plan *p)
{
	if (afterburn_site_mode(s) != AB_MODE_64)
		return AB_NATIVE;
#define XEN_PATCH(match, arg, handler)					\
	if (XEN_MATCH_##match(s, arg))					\
		return afterburn_plan_call(p, s, addr, ab_xen_pv_entry,	\
					   handler == ab_xen_port_io &&	\
					   ab_io_uart_site(s) ?		\
					   ab_xen_uart_io : handler);
#include "policy-pv.def"
	return AB_NATIVE;
}

static void __attribute__((noreturn)) xen_pv_stop(int code)
{
	ab_xen_stop("xen-pv", code);
}

const struct afterburn_backend afterburn_backend_xenpv = {
	.name		= "xen-pv",
	.detect		= xen_pv_detect,
	.init		= xen_pv_init,
	.site		= xen_pv_site,
	.console_write	= xen_pv_console_write,
	.stop		= xen_pv_stop,
	/* cpuid serialises: under PV it runs natively or Xen emulates it. */
};
