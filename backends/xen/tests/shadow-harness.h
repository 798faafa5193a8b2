/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Host harness for the shadow MMU module (../shadow.c): the world its
 * ops reach, for tests/shadow-unit.c and tests/shadow-fuzz.c.  This is a
 * unit test of one module, not a stand-in for Xen: nothing here runs a
 * guest or speaks Xen's ABI.  It provides
 *   - guest RAM (HG_RAM frames) holding the guest's page tables, and a
 *     fixed, non-identity p2m (mfn = HG_MFN_BASE + gfn * 7 mod HG_RAM);
 *   - machine pages for the shadow pool, which the module's requests
 *     change (AB_SH_UPDATE, AB_SH_CLEAR_PAGE), checked against the rules
 *     Xen applies to a PV domU's page tables (findings note section 4):
 *     no PCD/PWT/PAT in L1, no PSE at L2-L4, no G on a kernel (U=0)
 *     entry, nothing in L4 slots 256-271 or the VMM's slot, not-present
 *     entries 0, tables only pool pages and leaves only guest RAM, a page
 *     linked as one level only and cleared only once unlinked.  Also our
 *     own rule: the user root reaches only user (U=1) leaves;
 *   - a hardware model running on the shadow: a TLB that keeps what it
 *     walked until AB_SH_INVLPG / AB_SH_FLUSH_TLB (an update alone never
 *     flushes it), drops an entry that faults (as x86 does), and serves
 *     an entry from a U=1 leaf in both modes (Xen makes those global, so
 *     they outlive its switch between the kernel and the user root); and
 *     a page walk of the shadow tables from the root of the current mode.
 * Any broken rule prints what and where, and aborts.
 */
#ifndef AB_SHADOW_HARNESS_H
#define AB_SHADOW_HARNESS_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../shadow.h"

#define HG_RAM		1024u		/* guest RAM frames: gfn 0..1023 */
#define HG_MFN_BASE	0x40000ull
#define HG_POOL_MAX	64u
#define HG_POOL_MFN	0x90000ull
#define HG_VMM_SLOT	509u
#define HG_TLB		256u

struct hg_tlb {
	bool valid;
	int mode;
	bool both;		/* a U=1 leaf: Xen makes it global, so it
				   outlives the switch to the other root */
	uint64_t va, gfn;
	bool rw, nx;
};

struct hg {
	uint64_t ram[HG_RAM][512];
	uint64_t mpage[HG_POOL_MAX][512];	/* the pool's machine pages */
	int mlevel[HG_POOL_MAX];		/* type Xen would give: 0 none */
	int mroot[HG_POOL_MAX];			/* which root reaches it */
	int mrefs[HG_POOL_MAX];
	struct hg_tlb tlb[HG_TLB];
	/* Guest entries the module changed (its only way to write them). */
	struct { uint64_t gpa, old, new; } wlog[64];
	unsigned int nwlog;
	unsigned long updates, mmu_update_calls, mmuext_ops, submits;
	unsigned long tlb_hits, hw_walks;
	struct ab_sh_page pool[HG_POOL_MAX];
	unsigned int pool_size;
	struct ab_sh sh;
	const char *what;		/* the operation under way, for reports */
};

static void hg_fail(struct hg *h, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "shadow harness: FAIL during %s: ", h->what ? h->what : "?");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	abort();
}

static uint64_t hg_mfn(uint64_t gfn)
{
	return HG_MFN_BASE + (gfn * 7) % HG_RAM;
}

/* 7 * 439 = 3073 = 1 (mod 1024). */
static bool hg_gfn_of(uint64_t mfn, uint64_t *gfn)
{
	if (mfn < HG_MFN_BASE || mfn >= HG_MFN_BASE + HG_RAM)
		return false;
	*gfn = ((mfn - HG_MFN_BASE) * 439) % HG_RAM;
	return true;
}

/* ---- the module's ops ------------------------------------------------ */

static int hg_read_gpte(void *ctx, uint64_t gpa, uint64_t *pte)
{
	struct hg *h = ctx;

	if ((gpa >> 12) >= HG_RAM || (gpa & 7))
		return -1;
	*pte = h->ram[gpa >> 12][(gpa & 0xfff) / 8];
	return 0;
}

static int hg_cmpxchg_gpte(void *ctx, uint64_t gpa, uint64_t old, uint64_t new)
{
	struct hg *h = ctx;
	uint64_t *p;

	if ((gpa >> 12) >= HG_RAM || (gpa & 7))
		return -1;
	p = &h->ram[gpa >> 12][(gpa & 0xfff) / 8];
	if (*p != old)
		return 1;
	*p = new;
	if (h->nwlog == sizeof(h->wlog) / sizeof(h->wlog[0]))
		hg_fail(h, "more than %u guest entry writes in one access", h->nwlog);
	h->wlog[h->nwlog].gpa = gpa;
	h->wlog[h->nwlog].old = old;
	h->wlog[h->nwlog++].new = new;
	return 0;
}

static int hg_gfn_to_mfn(void *ctx, uint64_t gfn, uint64_t *mfn)
{
	if (gfn >= HG_RAM)
		return -1;
	*mfn = hg_mfn(gfn);
	return 0;
}

static int hg_pool_page(struct hg *h, uint64_t mfn)
{
	if (mfn < HG_POOL_MFN || mfn >= HG_POOL_MFN + h->pool_size)
		return -1;
	return (int)(mfn - HG_POOL_MFN);
}

/* Xen drops a table's type when its last reference goes, and with it
   the references its entries hold. */
static void hg_unref(struct hg *h, int p)
{
	unsigned int i;

	if (--h->mrefs[p] > 0)
		return;
	if (h->mlevel[p] > 1)
		for (i = 0; i < 512; i++)
			if (h->mpage[p][i] & AB_PTE_P)
				hg_unref(h, hg_pool_page(h, (h->mpage[p][i] & AB_PTE_ADDR) >> 12));
	h->mlevel[p] = 0;
	h->mroot[p] = -1;
}

static void hg_check_entry(struct hg *h, int p, unsigned int i, uint64_t v)
{
	int level = h->mlevel[p];
	const uint64_t leaf_ok = AB_PTE_ADDR | AB_PTE_P | AB_PTE_RW | AB_PTE_US |
				 AB_PTE_A | AB_PTE_D | AB_PTE_NX;
	const uint64_t mid_ok = AB_PTE_ADDR | AB_PTE_P | AB_PTE_RW | AB_PTE_US |
				AB_PTE_A;
	uint64_t gfn;
	int c;

	if (level == 4 && ((i >= AB_SH_XEN_SLOT_FIRST && i <= AB_SH_XEN_SLOT_LAST) ||
			   i == HG_VMM_SLOT))
		hg_fail(h, "write to reserved L4 slot %u of root %d", i, p);
	if (!(v & AB_PTE_P)) {
		if (v)
			hg_fail(h, "not-present entry %#llx is not 0 (page %d slot %u)",
				(unsigned long long)v, p, i);
		return;
	}
	if (level == 1) {
		if (v & (AB_PTE_PCD | AB_PTE_PWT | AB_PTE_PS))
			hg_fail(h, "L1 entry %#llx has PCD/PWT/PAT", (unsigned long long)v);
		if ((v & AB_PTE_G) && !(v & AB_PTE_US))
			hg_fail(h, "kernel L1 entry %#llx has G", (unsigned long long)v);
		if (v & ~leaf_ok)
			hg_fail(h, "L1 entry %#llx has bits beyond frame/P/RW/U/A/D/NX",
				(unsigned long long)v);
		if (!hg_gfn_of((v & AB_PTE_ADDR) >> 12, &gfn))
			hg_fail(h, "L1 entry %#llx maps no guest RAM", (unsigned long long)v);
		if (h->mroot[p] == AB_SH_USER && !(v & AB_PTE_US))
			hg_fail(h, "user root reaches kernel-only leaf %#llx",
				(unsigned long long)v);
		return;
	}
	if (v & AB_PTE_PS)
		hg_fail(h, "L%d entry %#llx has PSE", level, (unsigned long long)v);
	if (v & ~mid_ok)
		hg_fail(h, "L%d entry %#llx has bits beyond frame/P/RW/U/A", level,
			(unsigned long long)v);
	c = hg_pool_page(h, (v & AB_PTE_ADDR) >> 12);
	if (c < 2)
		hg_fail(h, "L%d entry %#llx names no non-root pool page", level,
			(unsigned long long)v);
	if (h->mlevel[c] && h->mlevel[c] != level - 1)
		hg_fail(h, "pool page %d linked as L%d, already an L%d", c, level - 1,
			h->mlevel[c]);
	if (!h->mlevel[c]) {
		unsigned int k;

		for (k = 0; k < 512; k++)
			if (h->mpage[c][k])
				hg_fail(h, "pool page %d linked as L%d with old entries "
					"(not cleared)", c, level - 1);
	}
}

static void hg_apply(struct hg *h, const struct ab_sh_req *r)
{
	unsigned int i, k;
	uint64_t old;
	int p, c;

	switch (r->type) {
	case AB_SH_UPDATE:
		p = hg_pool_page(h, r->ptr >> 12);
		if (p < 0 || (r->ptr & 7))
			hg_fail(h, "update at %#llx: not an entry of a pool page",
				(unsigned long long)r->ptr);
		if (!h->mlevel[p])
			hg_fail(h, "update of pool page %d, which is no page table", p);
		i = (r->ptr & 0xfff) / 8;
		hg_check_entry(h, p, i, r->val);
		old = h->mpage[p][i];
		if ((r->val & AB_PTE_P) && h->mlevel[p] > 1) {
			c = hg_pool_page(h, (r->val & AB_PTE_ADDR) >> 12);
			h->mlevel[c] = h->mlevel[p] - 1;
			h->mroot[c] = h->mroot[p];
			h->mrefs[c]++;
		}
		h->mpage[p][i] = r->val;
		if ((old & AB_PTE_P) && h->mlevel[p] > 1)
			hg_unref(h, hg_pool_page(h, (old & AB_PTE_ADDR) >> 12));
		h->updates++;
		break;
	case AB_SH_CLEAR_PAGE:
		p = hg_pool_page(h, r->ptr >> 12);
		if (p < 2 || (r->ptr & 0xfff))
			hg_fail(h, "clear of %#llx: not a non-root pool page",
				(unsigned long long)r->ptr);
		if (h->mlevel[p])
			hg_fail(h, "clear of pool page %d while it is an L%d", p,
				h->mlevel[p]);
		memset(h->mpage[p], 0, sizeof(h->mpage[p]));
		break;
	case AB_SH_INVLPG:
		if (ab_canonical(r->ptr) != r->ptr)
			hg_fail(h, "invlpg of non-canonical %#llx",
				(unsigned long long)r->ptr);
		for (k = 0; k < HG_TLB; k++)
			if (h->tlb[k].va == (r->ptr & ~0xfffull))
				h->tlb[k].valid = false;
		break;
	case AB_SH_FLUSH_TLB:
		for (k = 0; k < HG_TLB; k++)
			h->tlb[k].valid = false;
		break;
	default:
		hg_fail(h, "request type %u", r->type);
	}
}

/* The glue's job, as the module's interface asks: runs of updates are one
   mmu_update, runs of the others one mmuext_op. */
static int hg_submit(void *ctx, const struct ab_sh_req *req, unsigned int n)
{
	struct hg *h = ctx;
	unsigned int i;

	if (!n || n > AB_SH_BATCH)
		hg_fail(h, "submit of %u requests", n);
	h->submits++;
	for (i = 0; i < n; i++) {
		bool upd = req[i].type == AB_SH_UPDATE;

		if (!i || upd != (req[i - 1].type == AB_SH_UPDATE)) {
			if (upd)
				h->mmu_update_calls++;
			else
				h->mmuext_ops++;
		}
		hg_apply(h, &req[i]);
	}
	return 0;
}

static const struct ab_sh_ops hg_ops = {
	.read_gpte	= hg_read_gpte,
	.cmpxchg_gpte	= hg_cmpxchg_gpte,
	.gfn_to_mfn	= hg_gfn_to_mfn,
	.submit		= hg_submit,
};

/* Fresh zero pool, roots typed as pinned L4s; guest RAM is left as it
   is (the caller zeroes what it wrote: 4 MiB a run is most of a fuzz
   run's time otherwise). */
static void hg_init(struct hg *h, unsigned int pool_size, uint64_t cr3, bool pge)
{
	unsigned int i;

	memset((char *)h + sizeof(h->ram), 0, sizeof(*h) - sizeof(h->ram));
	h->pool_size = pool_size;
	for (i = 0; i < pool_size; i++) {
		h->pool[i].mfn = HG_POOL_MFN + i;
		h->mroot[i] = -1;
	}
	h->mlevel[0] = h->mlevel[1] = 4;
	h->mrefs[0] = h->mrefs[1] = 1;		/* pinned */
	h->mroot[0] = AB_SH_KERNEL;
	h->mroot[1] = AB_SH_USER;
	h->what = "init";
	if (ab_sh_init(&h->sh, &hg_ops, h, h->pool, pool_size, HG_VMM_SLOT, cr3, pge))
		hg_fail(h, "ab_sh_init refused");
}

/* ---- the hardware on the shadow ----------------------------------------- */

struct hg_result {
	int kind;		/* HG_OK, HG_GUEST_PF, HG_ERROR */
	uint64_t gfn;
	uint32_t pfec;
	int err;
	unsigned int faults;	/* hardware faults taken on the way */
};
enum { HG_OK, HG_GUEST_PF, HG_ERROR };

static bool hg_allows(bool rw, bool nx, unsigned int access)
{
	return (!(access & AB_PF_W) || rw) && (!(access & AB_PF_I) || !nx);
}

/*
 * The shadow tables' walk from root page p: the leaf for va, or 0 if an
 * entry on the way is not present; *rw and *nx combine every level.
 */
static uint64_t hg_shadow_walk(struct hg *h, int p, uint64_t va, bool *rw,
			       bool *nx)
{
	unsigned int level;
	uint64_t e = 0;

	*rw = true;
	*nx = false;
	for (level = 4; level >= 1; level--) {
		e = h->mpage[p][(va >> (12 + 9 * (level - 1))) & 511];
		if (!(e & AB_PTE_P))
			return 0;
		*rw &= !!(e & AB_PTE_RW);
		*nx |= !!(e & AB_PTE_NX);
		if (level > 1)
			p = hg_pool_page(h, (e & AB_PTE_ADDR) >> 12);
	}
	return e;
}

/* One hardware access: true with *gfn, or false (a fault). */
static bool hg_hw(struct hg *h, uint64_t va, unsigned int access, uint64_t *gfn)
{
	int mode = access & AB_PF_U ? AB_SH_USER : AB_SH_KERNEL;
	uint64_t e;
	bool rw, nx;
	unsigned int k;

	va &= ~0xfffull;
	for (k = 0; k < HG_TLB; k++) {
		struct hg_tlb *t = &h->tlb[k];

		if (!t->valid || t->va != va || (t->mode != mode && !t->both))
			continue;
		if (!hg_allows(t->rw, t->nx, access)) {
			t->valid = false;	/* a #PF drops the entry */
			return false;
		}
		h->tlb_hits++;
		*gfn = t->gfn;
		return true;
	}
	h->hw_walks++;
	e = hg_shadow_walk(h, mode, va, &rw, &nx);
	if (!e || !hg_allows(rw, nx, access))
		return false;
	if (!hg_gfn_of((e & AB_PTE_ADDR) >> 12, gfn))
		hg_fail(h, "leaf %#llx maps no guest RAM", (unsigned long long)e);
	k = (unsigned int)((va >> 12) * 31 + mode) % HG_TLB;
	h->tlb[k] = (struct hg_tlb){ .valid = true, .mode = mode, .va = va,
				     .both = e & AB_PTE_US, .gfn = *gfn,
				     .rw = rw, .nx = nx };
	return true;
}

/* The guest touches va: the hardware, and the module on each fault. */
static struct hg_result hg_access(struct hg *h, uint64_t va, unsigned int access)
{
	struct hg_result r = { 0 };
	int rc;

	for (;;) {
		if (hg_hw(h, va, access, &r.gfn)) {
			r.kind = HG_OK;
			return r;
		}
		if (++r.faults > 3)
			hg_fail(h, "access %#llx (%#x) still faults after %u fills",
				(unsigned long long)va, access, r.faults - 1);
		rc = ab_sh_fault(&h->sh, va, access, &r.pfec);
		if (rc == AB_SH_GUEST_FAULT) {
			r.kind = HG_GUEST_PF;
			return r;
		}
		if (rc < 0) {
			r.kind = HG_ERROR;
			r.err = rc;
			return r;
		}
	}
}

/* Guest page-table entries, for the tests. */
static void hg_set(struct hg *h, uint64_t gfn, unsigned int i, uint64_t v)
{
	h->ram[gfn][i] = v;
}

static uint64_t hg_get(struct hg *h, uint64_t gfn, unsigned int i)
{
	return h->ram[gfn][i];
}

static uint64_t hg_va(unsigned int l4, unsigned int l3, unsigned int l2,
		      unsigned int l1)
{
	return ab_canonical(((uint64_t)l4 << 39) | ((uint64_t)l3 << 30) |
			    ((uint64_t)l2 << 21) | ((uint64_t)l1 << 12));
}

#endif
