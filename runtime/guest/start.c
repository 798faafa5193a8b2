// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * C side of the PVH boot of a test guest: choose the platform (detected,
 * or named by afterburn.backend= on the PVH command line), validate and
 * patch the image's sites, run guest_main() at CPL0, stop with 0.
 */
#include <afterburn/backend.h>
#include <xen/arch-x86/hvm/start_info.h>
#include "guest/guest.h"

void afterburn_pvh_main(uint32_t start_info);

void afterburn_pvh_main(uint32_t start_info)
{
	struct afterburn_image img = AFTERBURN_GUEST_IMAGE;
	struct afterburn_boot boot = {
		.entry		= AB_ENTRY_PVH,
		.start_info	= (const void *)(uintptr_t)start_info,
		.image		= &img,
	};
	const struct hvm_start_info *si = boot.start_info;
	const struct afterburn_backend *be;

	afterburn_console_set(afterburn_com1_write);
	afterburn_traps_init();
	/* The PVH ABI promises %ebx -> hvm_start_info; refuse anything else. */
	if (!si || si->magic != XEN_HVM_START_MAGIC_VALUE)
		afterburn_panic("PVH entry without hvm_start_info (%%ebx 0x%x)",
				start_info);
	/* Identity-mapped low 4 GiB (pvh.S): physical is virtual. */
	if (si->cmdline_paddr)
		boot.cmdline = (const char *)(uintptr_t)si->cmdline_paddr;
	be = afterburn_detect(&boot);
	afterburn_patch_or_panic(&img, be);
	guest_main();
	afterburn_stop(AFTERBURN_EXIT_OK);
}
