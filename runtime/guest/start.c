// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * C side of the boots of a test guest: choose the platform (detected,
 * or named by afterburn.backend= on the boot command line), validate and
 * patch the image's sites, run guest_main(), stop with 0.
 *   afterburn_pvh_main    PVH entry (pvh.S): natively and under Xen PVH,
 *                         at CPL0 with our own IDT;
 *   afterburn_xenpv_main  Xen PV entry (xenpv.S): at CPL3 in Xen's guest
 *                         kernel mode, nothing privileged allowed.
 */
#include <afterburn/backend.h>
#include <xen/arch-x86/hvm/start_info.h>
#include <xen/xen.h>
#include "guest/guest.h"

void afterburn_pvh_main(uint32_t start_info);
void afterburn_xenpv_main(const struct start_info *si);

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

/*
 * The PV boot.  Only the entry kind picks the platform here: the CPUID a
 * PV guest sees is QEMU's raw one (or Xen's policy, with CPUID faulting),
 * and no other backend may run a privileged instruction first.  So no
 * console is set before detect: the PV backend's init sets up the PV
 * console before anything prints, and until then there is none (a COM1
 * write would fault, and a fault kills the domain: no trap table yet).
 * No native IDT either: lidt is privileged.
 */
void afterburn_xenpv_main(const struct start_info *si)
{
	struct afterburn_image img = AFTERBURN_GUEST_IMAGE;
	struct afterburn_boot boot = {
		.entry		= AB_ENTRY_XENPV,
		.start_info	= si,
		.image		= &img,
	};
	const struct afterburn_backend *be;

	/* Identity-mapped image (no VIRT_BASE note): cmd_line is ours. */
	if (si && si->cmd_line[0])
		boot.cmdline = (const char *)si->cmd_line;
	be = afterburn_detect(&boot);
	afterburn_patch_or_panic(&img, be);
	guest_main();
	afterburn_stop(AFTERBURN_EXIT_OK);
}
