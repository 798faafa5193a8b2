/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The PV shadow MMU's walk and fill logic (shadow.c): a virtual TLB.
 *
 * Under Xen PV the guest kernel's page tables stay ordinary memory
 * holding guest-physical frames; the hardware runs on shadow tables the
 * VMM builds from them, filled on page faults and flushed on what x86
 * itself requires for TLB coherence (CR3 writes, invlpg, CR4.PGE
 * toggles).  This module is that logic and nothing else: it walks the
 * guest's 4-level tables through an accessor and says what the shadow
 * tables must become as a list of requests, which the Xen glue turns into
 * mmu_update / mmuext_op hypercalls.  It makes no Xen call itself, so the
 * host tests (tests/shadow-*.c) run it as is.
 *
 * The rules (issue 16; Xen's constraints: /work/notes/xen-pv-findings.md
 * section 4):
 *  - accessed and dirty bits are emulated: a fill sets A in every guest
 *    entry it used, and D in the leaf for a write; a leaf whose guest D is
 *    clear is shadowed read-only, so the first write comes back to set it;
 *  - a 2 MiB guest page is shadowed by 4 KiB entries in a synthetic L1
 *    (Xen PV has no superpages: PSE is refused at L2); a 1 GiB page is a
 *    reserved-bit fault, as on a CPU without PDPE1GB (hidden in CPUID);
 *  - leaves from guest entries with G=1 (and CR4.PGE on) survive a CR3
 *    write, as the TLB keeps global entries; everything else is flushed.
 *    The rule is keyed on the guest's G bit, not on the address (with
 *    PTI, kernel mappings are not global);
 *  - invlpg drops the entry for the address in both roots and, as for a
 *    2 MiB TLB entry, every 4 KiB piece of a 2 MiB page around it;
 *  - shadow entries never carry PCD, PWT, PAT (Xen refuses them in a
 *    domU's L1), PSE (refused at L2) or G (Xen makes user entries global
 *    itself; a global kernel entry would leak past the switch to user
 *    mode), nor the guest's available bits;
 *  - L4 slots 256-271 are Xen's and the VMM's slot is the VMM's: never
 *    written; a guest address there cannot be shadowed (an error);
 *  - two roots, as 64-bit PV needs: kernel (index 0, every mapping) and
 *    user (index 1, only what guest user mode may reach).
 *
 * Requests take effect in order.  The glue issues each run of
 * AB_SH_UPDATE as one mmu_update (MMU_NORMAL_PT_UPDATE) and each run of
 * the others as one mmuext_op: AB_SH_CLEAR_PAGE -> MMUEXT_CLEAR_PAGE,
 * AB_SH_INVLPG -> MMUEXT_INVLPG_LOCAL, AB_SH_FLUSH_TLB ->
 * MMUEXT_TLB_FLUSH_LOCAL (which includes global entries).
 */
#ifndef AB_XEN_SHADOW_H
#define AB_XEN_SHADOW_H

#include <stdbool.h>
#include <stdint.h>
#include <afterburn/x86.h>	/* AB_PTE_*, AB_PF_* */

#define AB_SH_ENTRIES		512
#define AB_SH_BATCH		64	/* requests per submit */
#define AB_SH_XEN_SLOT_FIRST	256	/* L4 slots 256..271: Xen's */
#define AB_SH_XEN_SLOT_LAST	271

/* ab_sh_fault's answers; errors are negative. */
#define AB_SH_FIXED		0	/* retry the access */
#define AB_SH_GUEST_FAULT	1	/* a #PF for the guest, code in *pfec */
#define AB_SH_ERR_SLOT		(-1)	/* address in Xen's or the VMM's slot */
#define AB_SH_ERR_NOT_RAM	(-2)	/* a guest entry names no guest RAM */
#define AB_SH_ERR_POOL		(-3)	/* no table page, even after a flush */
#define AB_SH_ERR_SUBMIT	(-4)	/* the glue's submit failed */

enum ab_sh_req_type {
	AB_SH_UPDATE = 1,	/* entry at machine address ptr := val */
	AB_SH_CLEAR_PAGE,	/* zero the table page at machine address ptr */
	AB_SH_INVLPG,		/* flush the TLB entry of virtual address ptr */
	AB_SH_FLUSH_TLB,	/* flush the whole TLB, global entries too */
};

struct ab_sh_req {
	uint32_t type;
	uint64_t ptr, val;
};

/* The world around the module: the guest's memory and Xen. */
struct ab_sh_ops {
	/* The guest entry at guest-physical gpa: 0, or < 0 if not RAM. */
	int (*read_gpte)(void *ctx, uint64_t gpa, uint64_t *pte);
	/* Replace it with new iff it still holds old (the guest runs on
	   other vCPUs or the entry was just changed): 0, 1 if it did not
	   hold old, < 0 if not RAM. */
	int (*cmpxchg_gpte)(void *ctx, uint64_t gpa, uint64_t old, uint64_t new);
	/* The machine frame of guest frame gfn: 0, or < 0 if not RAM. */
	int (*gfn_to_mfn)(void *ctx, uint64_t gfn, uint64_t *mfn);
	/* Carry out n requests in order: 0, or < 0 (the glue logs why). */
	int (*submit)(void *ctx, const struct ab_sh_req *req, unsigned int n);
};

/*
 * One shadow table page.  The caller sets mfn (zeroed pages that nothing
 * maps writable: Xen types them as page tables); the rest is the
 * module's.  Pages 0 and 1 are the kernel and user roots (L4s the glue
 * pins and installs); the others are levels 3..1 as needed.
 */
struct ab_sh_page {
	uint64_t mfn;
	uint8_t level;		/* 4..1, 0: free */
	uint8_t dirty;		/* may hold old entries: clear before reuse */
	int16_t parent;		/* pool index of the parent, -1 for a root */
	uint16_t pslot;		/* its slot in the parent */
	uint16_t nr;		/* present entries */
	uint64_t present[AB_SH_ENTRIES / 64];
	uint64_t global[AB_SH_ENTRIES / 64];	/* L1: from a guest G=1 leaf */
	uint64_t big[AB_SH_ENTRIES / 64];	/* L1: a piece of a 2 MiB page */
	int16_t child[AB_SH_ENTRIES];		/* L4..L2: pool index, -1 */
};

enum { AB_SH_KERNEL, AB_SH_USER };	/* the roots: pool[0], pool[1] */

struct ab_sh_stats {
	unsigned long fills, upgrades, guest_faults, zaps, tables;
	unsigned long cr3_writes, invlpgs, flushes, pool_resets;
	unsigned long updates, submits;
};

struct ab_sh {
	const struct ab_sh_ops *ops;
	void *ctx;
	struct ab_sh_page *pool;
	unsigned int pool_size, hint;
	uint64_t cr3;			/* the guest's CR3 */
	bool pge;			/* the guest's CR4.PGE */
	unsigned int vmm_slot;		/* L4 slot the VMM keeps for itself */
	/* Addresses whose entries changed in this operation (TLB flush). */
	uint64_t stale[16];
	unsigned int nstale;
	bool stale_all;
	struct ab_sh_req batch[AB_SH_BATCH];
	unsigned int nbatch;
	int err;
	struct ab_sh_stats st;
};

/* 0, or < 0 if the pool has fewer than 4 pages or vmm_slot is Xen's. */
int ab_sh_init(struct ab_sh *sh, const struct ab_sh_ops *ops, void *ctx,
	       struct ab_sh_page *pool, unsigned int pool_size,
	       unsigned int vmm_slot, uint64_t cr3, bool pge);
/* Is L4 slot s out of the shadow's reach (Xen's or the VMM's)? */
bool ab_sh_slot_reserved(const struct ab_sh *sh, unsigned int slot);
/*
 * The hardware faulted at va for access (AB_PF_W/U/I) with the shadow
 * installed: fill or upgrade the entry from the guest's tables now, or
 * say which #PF the guest gets.
 */
int ab_sh_fault(struct ab_sh *sh, uint64_t va, unsigned int access,
		uint32_t *pfec);
/* The guest's TLB-coherence events; 0 or AB_SH_ERR_SUBMIT. */
int ab_sh_write_cr3(struct ab_sh *sh, uint64_t cr3);
int ab_sh_set_pge(struct ab_sh *sh, bool pge);
int ab_sh_invlpg(struct ab_sh *sh, uint64_t va);
int ab_sh_flush_all(struct ab_sh *sh);

#endif
