// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Addresses, and the shared_info page.
 *
 * Xen speaks guest-physical frame numbers.  The guest flavour runs with
 * the low 4 GiB identity-mapped (runtime/guest/pvh.S), so virtual ==
 * physical there.  The kernel flavour is linked into vmlinux with
 * -mcmodel=kernel: its code and data live in the kernel text mapping
 * (__START_KERNEL_map + physical, with the non-relocated, non-KASLR
 * kernel our configs build) and Linux's direct map starts at
 * page_offset_base (0xffff888000000000 without KASLR).
 *
 * shared_info: XENMEM_add_to_physmap(XENMAPSPACE_shared_info) puts Xen's
 * page at a frame of ours.  We give it a page-aligned page of our .bss;
 * Xen frees the RAM that was behind that frame and maps shared_info there.
 */
#include "xen.h"
#include <xen/memory.h>

#define XEN_START_KERNEL_MAP	0xffffffff80000000ull
#define XEN_PAGE_OFFSET		0xffff888000000000ull

uint64_t xen_virt_to_phys(const void *p)
{
	uint64_t v = (uintptr_t)p;

	if (v >= XEN_START_KERNEL_MAP)
		return v - XEN_START_KERNEL_MAP;
	if (v >= XEN_PAGE_OFFSET)
		return v - XEN_PAGE_OFFSET;
	return v;
}

void *xen_phys_to_virt(uint64_t pa)
{
#ifdef AFTERBURN_FLAVOUR_KERNEL
	/* Before Linux's own page tables: its PVH entry identity-maps low
	   memory; afterwards only RAM is in the direct map (see report). */
	return (void *)(uintptr_t)(pa + XEN_PAGE_OFFSET);
#else
	return (void *)(uintptr_t)pa;
#endif
}

static union {
	struct shared_info info;
	char page[4096];
} xen_shared_page __attribute__((aligned(4096)));

struct shared_info *xen_shared_info;

int xen_shared_info_init(void)
{
	struct xen_add_to_physmap xatp = {
		.domid	= DOMID_SELF,
		.space	= XENMAPSPACE_shared_info,
		.idx	= 0,
		.gpfn	= xen_virt_to_phys(&xen_shared_page) >> 12,
	};
	long rc;

	rc = xen_hypercall(__HYPERVISOR_memory_op, XENMEM_add_to_physmap,
			   (unsigned long)&xatp, 0, 0, 0);
	if (rc)
		return (int)rc;
	xen_shared_info = &xen_shared_page.info;
	return 0;
}
