// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Frames outside the image, and the shared_info page (addresses: xen.h).
 *
 * shared_info: XENMEM_add_to_physmap(XENMAPSPACE_shared_info) puts Xen's
 * page at a frame of ours.  We give it a page-aligned page of our .bss;
 * Xen frees the RAM that was behind that frame and maps shared_info there.
 */
#include "xen.h"
#include <afterburn/x86.h>
#include <xen/memory.h>
#include <xen/sched.h>

/*
 * Frames outside our image (the PV console ring, the xAPIC page) are
 * reached through a page-table window of our own in the x86-64
 * "hypervisor hole" (PML4 slot 256, 0xffff800000000000): Linux never maps
 * anything there, and once Linux owns the page tables neither the low
 * identity map nor its direct map covers the console frame (it is not
 * RAM).  Our PDPT/PD/PT live in the image; ab_xen_window_ensure() (re)plants
 * the PML4 entry in whatever page table is current -- our boot tables,
 * Linux's early or final ones, a process's copy -- before each use.
 */
#define XEN_WINDOW_SLOT		256
#define XEN_WINDOW_VA		0xffff800000000000ull
#define PTE_P_RW		(AB_PTE_P | AB_PTE_RW)
#define XEN_2M			0x200000ull
/* PD entries 1.. of the window: the reserved region, in 2 MiB pages. */
#define XEN_REGION_MAX		(16 * XEN_2M)

static uint64_t xen_win_pdpt[512] __attribute__((aligned(4096)));
static uint64_t xen_win_pd[512] __attribute__((aligned(4096)));
static uint64_t xen_win_pt[512] __attribute__((aligned(4096)));

#ifdef AFTERBURN_FLAVOUR_KERNEL
extern const char _text[], _end[];	/* vmlinux's linker symbols */

/* A page-table page by physical address, from wherever it lives. */
static uint64_t *xen_pt_page(uint64_t pa)
{
	if (pa >= ab_xen_virt_to_phys(_text) && pa < ab_xen_virt_to_phys(_end))
		return (uint64_t *)(uintptr_t)(pa + AB_XEN_START_KERNEL_MAP);
	return (uint64_t *)(uintptr_t)(pa + AB_XEN_PAGE_OFFSET);
}
#else
static uint64_t *xen_pt_page(uint64_t pa)
{
	return (uint64_t *)(uintptr_t)pa;	/* identity-mapped guest */
}
#endif

void ab_xen_window_ensure(void)
{
	uint64_t cr3, *pml4, want;

	if (ab_xen_pv)		/* no window: page tables are Xen's to write */
		return;

	asm volatile("mov %%cr3, %0" : "=r"(cr3));
	pml4 = xen_pt_page(cr3 & AB_PTE_ADDR);
	want = ab_xen_virt_to_phys(xen_win_pdpt) | PTE_P_RW;
	/* The CPU sets the accessed bit (0x20): compare frame and P/RW only. */
	if ((pml4[XEN_WINDOW_SLOT] & (AB_PTE_ADDR | PTE_P_RW)) == want)
		return;
	if (pml4[XEN_WINDOW_SLOT] & AB_PTE_P) {
		/* Not afterburn_panic: its message would come back here. */
		ab_xen_debug_str("afterburn: xen: PML4 slot 256 (hypervisor hole) is in use\n");
		ab_xen_sched_shutdown(SHUTDOWN_crash);
	}
	pml4[XEN_WINDOW_SLOT] = want;
}

void *ab_xen_map_frame(uint64_t pa, unsigned int slot, bool uncached)
{
	xen_win_pdpt[0] = ab_xen_virt_to_phys(xen_win_pd) | PTE_P_RW;
	xen_win_pd[0] = ab_xen_virt_to_phys(xen_win_pt) | PTE_P_RW;
	xen_win_pt[slot] = (pa & AB_PTE_ADDR) | PTE_P_RW |
			   (uncached ? (AB_PTE_PCD | AB_PTE_PWT) : 0);
	asm volatile("invlpg (%0)" : : "r"(XEN_WINDOW_VA + slot * 4096ull)
		     : "memory");
	ab_xen_window_ensure();
	return (void *)(uintptr_t)(XEN_WINDOW_VA + slot * 4096ull + (pa & 0xfff));
}

/*
 * The region the boot glue reserved for us (afterburn_firmware.reserve):
 * rings, grant-table frames, receive buffers, ACPI tables.  The guest's
 * memory map lists it reserved, so no mapping of the guest's covers it:
 * it lives in the window from 2 MiB on, and pages are handed out from it
 * once, never freed.
 */
static uint64_t xen_region_pa, xen_region_size, xen_region_used;

int ab_xen_region_init(const struct afterburn_boot *boot, uint64_t bytes)
{
	uint64_t pa, i;

	bytes = (bytes + XEN_2M - 1) & ~(XEN_2M - 1);
	if (bytes > XEN_REGION_MAX || !boot || !boot->fw || !boot->fw->reserve)
		return -1;
	pa = boot->fw->reserve(bytes);
	if (!pa)
		return -2;
	xen_win_pdpt[0] = ab_xen_virt_to_phys(xen_win_pd) | PTE_P_RW;
	for (i = 0; i < bytes / XEN_2M; i++)
		xen_win_pd[1 + i] = (pa + i * XEN_2M) | PTE_P_RW | AB_PTE_PS;
	xen_region_pa = pa;
	xen_region_size = bytes;
	xen_region_used = 0;
	ab_xen_window_ensure();
	return 0;
}

void *ab_xen_page_alloc(unsigned int pages, uint64_t *pa)
{
	uint64_t n = (uint64_t)pages * 4096;
	uint8_t *va;

	if (!xen_region_size || n > xen_region_size - xen_region_used)
		return 0;
	*pa = xen_region_pa + xen_region_used;
	va = (uint8_t *)(uintptr_t)(XEN_WINDOW_VA + XEN_2M + xen_region_used);
	xen_region_used += n;
	ab_memset(va, 0, n);
	return va;
}

/* Guest RAM as the device models see it (struct ab_dev_host.guest_ptr). */
#define XEN_RAM_RANGES	8
static struct { uint64_t start, end; } xen_ram[XEN_RAM_RANGES];
static unsigned int xen_nram;

void ab_xen_ram_add(uint64_t start, uint64_t end)
{
	if (xen_nram < XEN_RAM_RANGES && end > start) {
		xen_ram[xen_nram].start = start;
		xen_ram[xen_nram].end = end;
		xen_nram++;
	}
}

void *ab_xen_guest_ptr(uint64_t pa, size_t len)
{
	unsigned int i;

	if (pa < xen_region_pa + xen_region_size && xen_region_pa < pa + len)
		return 0;	/* ours, not the guest's */
	for (i = 0; i < xen_nram; i++)
		if (pa >= xen_ram[i].start && len <= xen_ram[i].end - pa &&
		    pa < xen_ram[i].end)
#ifdef AFTERBURN_FLAVOUR_KERNEL
			return (void *)(uintptr_t)(pa + AB_XEN_PAGE_OFFSET);
#else
			return (void *)(uintptr_t)pa;
#endif
	return 0;
}

static union {
	struct shared_info info;
	char page[4096];
} xen_shared_page __attribute__((aligned(4096)));

struct shared_info *ab_xen_shared_info;

int ab_xen_shared_info_init(void)
{
	struct xen_add_to_physmap xatp = {
		.domid	= DOMID_SELF,
		.space	= XENMAPSPACE_shared_info,
		.idx	= 0,
		.gpfn	= ab_xen_virt_to_phys(&xen_shared_page) >> 12,
	};
	long rc;

	rc = ab_xen_hypercall(__HYPERVISOR_memory_op, XENMEM_add_to_physmap,
			   (unsigned long)&xatp, 0, 0, 0);
	if (rc)
		return (int)rc;
	ab_xen_shared_info = &xen_shared_page.info;
	return 0;
}

/*
 * PV: shared_info is a machine frame (start_info->shared_info) the guest
 * maps itself.  HYPERVISOR_update_va_mapping points our page's entry in
 * the builder's L1 at it (the L1 is Xen's to write; Xen adds U and checks
 * the frame is the domain's own shared_info), and flushes that VA.
 */
int ab_xen_shared_info_map_pv(uint64_t ma)
{
	uint64_t pte = (ma & AB_PTE_ADDR) | PTE_P_RW | AB_PTE_A | AB_PTE_D;
	long rc;

	rc = ab_xen_hypercall(__HYPERVISOR_update_va_mapping,
			      (unsigned long)&xen_shared_page, pte, UVMF_INVLPG,
			      0, 0);
	if (rc)
		return (int)rc;
	ab_xen_shared_info = &xen_shared_page.info;
	return 0;
}
