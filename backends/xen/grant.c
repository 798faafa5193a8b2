// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Grant table (version 1), for the split drivers: each entry lets one
 * domain (the backend, dom0) map or copy one of our frames.  The table's
 * frames are Xen's, placed at frames of our reserved region with
 * XENMEM_add_to_physmap(XENMAPSPACE_grant_table).  Entries 0..7 are the
 * toolstack's (console, xenstore); the rest are handed out from a free
 * list and ended when the backend has answered.
 */
#include "xen.h"
#include <xen/grant_table.h>
#include <xen/memory.h>

#define GNT_FRAMES		4
#define GNT_PER_FRAME		(4096 / sizeof(struct grant_entry_v1))
#define GNT_ENTRIES		(GNT_FRAMES * GNT_PER_FRAME)
#define GNT_FIRST		8	/* GNTTAB_NR_RESERVED_ENTRIES */

static volatile struct grant_entry_v1 *xen_gnt;
static uint16_t xen_gnt_free[GNT_ENTRIES];
static unsigned int xen_gnt_nfree;

int ab_xen_grant_init(void)
{
	struct gnttab_query_size q = { .dom = DOMID_SELF };
	uint64_t pa;
	unsigned int i;
	long rc;

	rc = ab_xen_hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_query_size,
			      (unsigned long)&q, 1, 0, 0);
	if (rc || q.status)
		return rc ? (int)rc : (int)q.status;
	if (q.max_nr_frames < GNT_FRAMES)
		return -1;
	xen_gnt = ab_xen_page_alloc(GNT_FRAMES, &pa);
	if (!xen_gnt)
		return -2;
	for (i = 0; i < GNT_FRAMES; i++) {
		struct xen_add_to_physmap x = {
			.domid = DOMID_SELF,
			.space = XENMAPSPACE_grant_table,
			.idx = i,
			.gpfn = (pa >> 12) + i,
		};

		rc = ab_xen_hypercall(__HYPERVISOR_memory_op, XENMEM_add_to_physmap,
				      (unsigned long)&x, 0, 0, 0);
		if (rc)
			return (int)rc;
	}
	xen_gnt_nfree = 0;
	for (i = GNT_ENTRIES; i-- > GNT_FIRST;)
		xen_gnt_free[xen_gnt_nfree++] = i;
	return 0;
}

unsigned int ab_xen_grant_free_count(void)
{
	return xen_gnt_nfree;
}

/* Let domid access frame pa >> 12 (read-only if ro); the reference, or -1. */
int ab_xen_grant(uint16_t domid, uint64_t pa, bool ro)
{
	volatile struct grant_entry_v1 *e;
	uint16_t ref;

	if (!xen_gnt_nfree)
		return -1;
	ref = xen_gnt_free[--xen_gnt_nfree];
	e = &xen_gnt[ref];
	e->domid = domid;
	e->frame = pa >> 12;
	asm volatile("" ::: "memory");	/* frame and domid before the flags */
	e->flags = GTF_permit_access | (ro ? GTF_readonly : 0);
	return ref;
}

/*
 * End the grant (the backend has answered, so it no longer maps the
 * frame) and free the reference.  A frame still in use is never freed:
 * that would hand it to the next request while the backend writes it.
 */
void ab_xen_grant_end(int ref)
{
	volatile struct grant_entry_v1 *e = &xen_gnt[ref];
	uint16_t flags = e->flags;

	do {
		if (flags & (GTF_reading | GTF_writing)) {
			afterburn_printk("afterburn: xen: grant %d still in use by dom%u; leaked\n",
					 ref, e->domid);
			return;
		}
	} while (!__atomic_compare_exchange_n(&e->flags, &flags, 0, false,
					      __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
	xen_gnt_free[xen_gnt_nfree++] = ref;
}
