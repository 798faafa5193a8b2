// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The runtime's part of booting vmlinux, between our entry (entry.S) and
 * the kernel's startup_64: detect the platform, check and patch the
 * vmlinux table, hand over boot_params.
 *
 * The kernel's own patching comes later and stays correct: alternatives,
 * static calls and jump labels rewrite their own sites (never inside a
 * site's room: those are separate instructions), and apply_alternatives()
 * copying a replacement over an original overwrites whatever we wrote
 * there with bytes that were themselves checked (see ranges.c for how
 * sites inside .altinstr_replacement must be rewritten).
 */
#include <afterburn/backend.h>
#include "linux.h"

/* Add KEY=VALUE to our PVH command line; the user's own KEY= wins. */
static void ab_cmdline_add(const char *key, const char *value, const char *why)
{
	switch (afterburn_linux_pvh_cmdline_add(key, value)) {
	case 0:
		afterburn_printk("afterburn: %s: added %s=%s to the command line\n",
				 why, key, value);
		break;
	case 1:
		afterburn_printk("afterburn: %s: kept the command line's own %s=\n",
				 why, key);
		break;
	default:
		afterburn_printk("afterburn: %s: no room on the command line for %s=%s\n",
				 why, key, value);
	}
}

/*
 * Linux under PVH has nothing to calibrate its TSC against (no PIT but
 * ours, whose time is Xen's and too slow to poll through rdtsc that Xen
 * traps; no HPET, no PM timer; CPUID 0x15 is Intel-only), and nothing but
 * jiffies to verify it with, and ticks are lost whenever the slow console
 * keeps interrupts off.  It then keeps time in jiffies.  A platform that
 * knows the TSC says so through two documented parameters:
 * tsc_early_khz= and, when the TSC cannot drift, tsc=reliable -- the trust
 * Linux's own Xen guest gives its Xen clocksource.
 */
static void ab_pass_tsc(const struct afterburn_backend *be)
{
	struct afterburn_tsc tsc = { 0 };
	char khz[16];

	if (be->tsc_info)
		be->tsc_info(&tsc);
	if (!tsc.khz)
		return;
	ab_snprintf(khz, sizeof(khz), "%u", tsc.khz);
	ab_cmdline_add("tsc_early_khz", khz, "TSC frequency from the platform");
	if (tsc.reliable)
		ab_cmdline_add("tsc", "reliable", "TSC emulated by the platform");
}

static struct afterburn_image ab_vmlinux;
static struct afterburn_boot ab_boot;

unsigned long afterburn_linux_boot(unsigned int entry, unsigned long ptr_phys)
{
	const struct afterburn_backend *be;
	struct afterburn_error err;
	struct ab_boot_params *bp;
	unsigned long bp_phys;

	afterburn_console_set(afterburn_com1_write);
	afterburn_linux_image(&ab_vmlinux);
	ab_boot.image = &ab_vmlinux;
	ab_boot.entry = entry;

	if (entry == AB_ENTRY_PVH) {
		bp = afterburn_linux_pvh_params(ptr_phys);
		bp_phys = (uintptr_t)bp - AB_START_KERNEL_MAP;	/* PVH: loaded as linked */
		ab_boot.start_info = (const void *)(uintptr_t)ptr_phys;
		ab_boot.cmdline = afterburn_linux_pvh_cmdline();
		ab_boot.fw = &afterburn_linux_pvh_firmware;
	} else {
		if (ptr_phys >= AB_IDENT_LIMIT)
			afterburn_panic("boot_params at 0x%lx above the 4 GiB we map",
					ptr_phys);
		bp = (struct ab_boot_params *)(uintptr_t)ptr_phys;
		bp_phys = ptr_phys;
		/* on the identity map, like boot_params itself */
		if (bp->hdr.cmd_line_ptr && !bp->ext_cmd_line_ptr)
			ab_boot.cmdline = (const char *)(uintptr_t)bp->hdr.cmd_line_ptr;
	}
	ab_boot.boot_params = bp;

	be = afterburn_detect(&ab_boot);
	if (afterburn_validate(&ab_vmlinux, &err) < 0)
		afterburn_panic("refusing to patch vmlinux: %s (%s)", err.msg,
				afterburn_strerror(err.code));
	afterburn_linux_check_ranges(&ab_vmlinux);
	afterburn_patch_or_panic(&ab_vmlinux, be);
	if (entry == AB_ENTRY_PVH)
		ab_pass_tsc(be);
	return bp_phys;
}
