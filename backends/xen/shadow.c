// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The PV shadow MMU's walk and fill logic: a virtual TLB (shadow.h has
 * the rules and the interface).
 *
 * The shadow tables are keyed by virtual address, not by guest table: a
 * shadow L1 covers one 2 MiB region of one root and only its leaves carry
 * permissions (intermediate entries are P|RW|U|A).  Every leaf comes from
 * one complete guest walk done at fault time, so it always holds a
 * translation the guest's tables gave since the last flush that covered
 * it -- exactly what a TLB may hold.  Dropping any entry at any time is
 * always allowed (a TLB evicts), which is how a full pool is handled.
 *
 * The module never reads the shadow pages back: what they hold is
 * mirrored in struct ab_sh_page (present, global and 2 MiB bitmaps, the
 * children), so requests may sit in the batch until the operation ends.
 */
#include "shadow.h"

#define SH_MID_FLAGS	(AB_PTE_P | AB_PTE_RW | AB_PTE_US | AB_PTE_A)

static unsigned int sh_index(uint64_t va, unsigned int level)
{
	return (va >> (12 + 9 * (level - 1))) & (AB_SH_ENTRIES - 1);
}

static bool sh_bit(const uint64_t *map, unsigned int i)
{
	return map[i / 64] >> (i % 64) & 1;
}

static void sh_set_bit(uint64_t *map, unsigned int i, bool on)
{
	if (on)
		map[i / 64] |= 1ull << (i % 64);
	else
		map[i / 64] &= ~(1ull << (i % 64));
}

/* ---- requests ------------------------------------------------------- */

static void sh_submit(struct ab_sh *sh)
{
	if (!sh->nbatch)
		return;
	if (sh->ops->submit(sh->ctx, sh->batch, sh->nbatch) < 0)
		sh->err = AB_SH_ERR_SUBMIT;
	sh->st.submits++;
	sh->nbatch = 0;
}

static void sh_emit(struct ab_sh *sh, uint32_t type, uint64_t ptr, uint64_t val)
{
	if (sh->nbatch == AB_SH_BATCH)
		sh_submit(sh);
	sh->batch[sh->nbatch].type = type;
	sh->batch[sh->nbatch].ptr = ptr;
	sh->batch[sh->nbatch].val = val;
	sh->nbatch++;
	if (type == AB_SH_UPDATE)
		sh->st.updates++;
}

static void sh_set_entry(struct ab_sh *sh, struct ab_sh_page *p,
			 unsigned int i, uint64_t val)
{
	sh_emit(sh, AB_SH_UPDATE, (p->mfn << 12) + 8 * i, val);
}

/* The hardware may hold va's old entry: flush it when the operation ends. */
static void sh_stale(struct ab_sh *sh, uint64_t va)
{
	if (sh->nstale < sizeof(sh->stale) / sizeof(sh->stale[0]))
		sh->stale[sh->nstale++] = va;
	else
		sh->stale_all = true;
}

/* End of an operation: the flushes after the updates, then submit. */
static int sh_end(struct ab_sh *sh)
{
	unsigned int i;
	int err;

	if (sh->stale_all) {
		sh_emit(sh, AB_SH_FLUSH_TLB, 0, 0);
		sh->st.flushes++;
	} else {
		for (i = 0; i < sh->nstale; i++)
			sh_emit(sh, AB_SH_INVLPG, sh->stale[i], 0);
	}
	sh->nstale = 0;
	sh->stale_all = false;
	sh_submit(sh);
	err = sh->err;
	sh->err = 0;
	return err;
}

/* ---- table pages ---------------------------------------------------- */

static void sh_page_reset(struct ab_sh_page *p, unsigned int level, int parent,
			  unsigned int pslot)
{
	unsigned int i;

	p->level = level;
	p->parent = parent;
	p->pslot = pslot;
	p->nr = 0;
	for (i = 0; i < AB_SH_ENTRIES / 64; i++)
		p->present[i] = p->global[i] = p->big[i] = 0;
	for (i = 0; i < AB_SH_ENTRIES; i++)
		p->child[i] = -1;
}

/* A free page as a level-`level' table under pool[parent] at pslot. */
static int sh_alloc(struct ab_sh *sh, unsigned int level, int parent,
		    unsigned int pslot)
{
	unsigned int n, i;

	for (n = 0; n < sh->pool_size - 2; n++) {
		i = 2 + (sh->hint + n) % (sh->pool_size - 2);
		if (sh->pool[i].level)
			continue;
		sh->hint = i - 1;
		/* Unlinked earlier: Xen has untyped it, so it may be cleared. */
		if (sh->pool[i].dirty)
			sh_emit(sh, AB_SH_CLEAR_PAGE, sh->pool[i].mfn << 12, 0);
		sh->pool[i].dirty = 0;
		sh_page_reset(&sh->pool[i], level, parent, pslot);
		sh->st.tables++;
		return (int)i;
	}
	return -1;
}

/* Free pool[i] and every table below it (no request: see sh_unlink). */
static void sh_free_tree(struct ab_sh *sh, int i)
{
	struct ab_sh_page *p = &sh->pool[i];
	unsigned int s;

	if (p->level > 1)
		for (s = 0; s < AB_SH_ENTRIES; s++)
			if (p->child[s] >= 0)
				sh_free_tree(sh, p->child[s]);
	p->level = 0;
	p->dirty = 1;
}

/*
 * Cut pool[i] (a table) out of its parent: one update.  Xen then drops
 * the table's type and, through it, its children's; they are free to be
 * cleared and reused.  The hardware may hold any address below it.
 */
static void sh_unlink(struct ab_sh *sh, int i)
{
	struct ab_sh_page *p = &sh->pool[i], *parent = &sh->pool[p->parent];

	sh_set_entry(sh, parent, p->pslot, 0);
	parent->child[p->pslot] = -1;
	sh_set_bit(parent->present, p->pslot, false);
	parent->nr--;
	sh_free_tree(sh, i);
	sh->stale_all = true;
}

static void sh_zap_leaf(struct ab_sh *sh, struct ab_sh_page *l1,
			unsigned int i, uint64_t va)
{
	sh_set_entry(sh, l1, i, 0);
	sh_set_bit(l1->present, i, false);
	sh_set_bit(l1->global, i, false);
	sh_set_bit(l1->big, i, false);
	l1->nr--;
	sh->st.zaps++;
	sh_stale(sh, va);
}

/* Is there a global leaf below table pool[i]? */
static bool sh_any_global(struct ab_sh *sh, int i)
{
	struct ab_sh_page *p = &sh->pool[i];
	unsigned int s;

	if (p->level == 1) {
		for (s = 0; s < AB_SH_ENTRIES / 64; s++)
			if (p->global[s])
				return true;
		return false;
	}
	for (s = 0; s < AB_SH_ENTRIES; s++)
		if (p->child[s] >= 0 && sh_any_global(sh, p->child[s]))
			return true;
	return false;
}

/*
 * Drop what the TLB would lose: below table pool[i] (covering addresses
 * from base), every leaf, or with keep_global every leaf but the global
 * ones.  A table with nothing to keep goes with one update (its parent's
 * entry); only tables holding a global leaf are flushed entry by entry.
 */
static void sh_flush_tree(struct ab_sh *sh, int i, uint64_t base,
			  bool keep_global)
{
	struct ab_sh_page *p = &sh->pool[i];
	unsigned int s, shift = 12 + 9 * (p->level - 1);

	for (s = 0; s < AB_SH_ENTRIES; s++) {
		uint64_t va = ab_canonical(base + ((uint64_t)s << shift));
		int c = p->child[s];

		if (!sh_bit(p->present, s))
			continue;
		if (p->level == 1) {
			if (!keep_global || !sh_bit(p->global, s))
				sh_zap_leaf(sh, p, s, va);
		} else if (!keep_global || !sh_any_global(sh, c)) {
			sh_unlink(sh, c);
		} else {
			sh_flush_tree(sh, c, va, true);
		}
	}
}

static void sh_flush_roots(struct ab_sh *sh, bool keep_global)
{
	int r;

	for (r = AB_SH_KERNEL; r <= AB_SH_USER; r++)
		sh_flush_tree(sh, r, 0, keep_global);
}

static int sh_flush(struct ab_sh *sh, bool keep_global)
{
	sh_flush_roots(sh, keep_global);
	return sh_end(sh);
}

/* ---- the guest's tables --------------------------------------------- */

struct sh_walk {
	uint64_t gpa[4], pte[4];	/* the entries used, L4 first */
	unsigned int n;
	uint64_t gfn;			/* the 4 KiB frame va lands in */
	bool rw, us, nx, global, big, dirty;
};

static bool sh_reserved(uint64_t pte, unsigned int level)
{
	switch (level) {
	case 4:
		return pte & AB_PTE_PS;
	case 3:
		return pte & AB_PTE_PS;	/* 1 GiB pages are hidden */
	case 2:
		return (pte & AB_PTE_PS) && (pte & AB_PTE_RSVD_2M);
	default:
		return false;
	}
}

/*
 * The guest's translation of va for access, as the CPU would walk it
 * (CR0.WP set, EFER.NXE set, no SMEP/SMAP/PKE: the VMM hides them): 0,
 * AB_SH_GUEST_FAULT with *pfec, or AB_SH_ERR_NOT_RAM.
 */
static int sh_walk(struct ab_sh *sh, uint64_t va, unsigned int access,
		   struct sh_walk *w, uint32_t *pfec)
{
	uint64_t table = sh->cr3 & AB_PTE_ADDR, pte = 0;
	unsigned int level;

	w->n = 0;
	w->gfn = 0;
	w->rw = w->us = true;
	w->nx = w->big = false;
	for (level = 4; level >= 1; level--) {
		uint64_t gpa = table + 8 * sh_index(va, level);

		if (sh->ops->read_gpte(sh->ctx, gpa, &pte) < 0)
			return AB_SH_ERR_NOT_RAM;
		w->gpa[w->n] = gpa;
		w->pte[w->n++] = pte;
		if (!(pte & AB_PTE_P)) {
			*pfec = access;
			return AB_SH_GUEST_FAULT;
		}
		if (sh_reserved(pte, level)) {
			*pfec = access | AB_PF_P | AB_PF_RSVD;
			return AB_SH_GUEST_FAULT;
		}
		w->rw &= !!(pte & AB_PTE_RW);
		w->us &= !!(pte & AB_PTE_US);
		w->nx |= !!(pte & AB_PTE_NX);
		if (level == 2 && (pte & AB_PTE_PS)) {
			w->big = true;
			w->gfn = ((pte & AB_PTE_ADDR_2M) >> 12) + sh_index(va, 1);
			break;
		}
		if (level == 1)
			w->gfn = (pte & AB_PTE_ADDR) >> 12;
		table = pte & AB_PTE_ADDR;
	}
	if (((access & AB_PF_U) && !w->us) || ((access & AB_PF_W) && !w->rw) ||
	    ((access & AB_PF_I) && w->nx)) {
		*pfec = access | AB_PF_P;
		return AB_SH_GUEST_FAULT;
	}
	w->global = (pte & AB_PTE_G) && sh->pge;
	w->dirty = pte & AB_PTE_D;
	return 0;
}

/*
 * What the CPU writes during a walk: A in every entry used, D in the leaf
 * for a write.  0; 1 if the guest changed an entry meanwhile (walk again).
 */
static int sh_set_ad(struct ab_sh *sh, struct sh_walk *w, bool write)
{
	unsigned int i;

	for (i = 0; i < w->n; i++) {
		uint64_t want = w->pte[i] | AB_PTE_A;
		int rc;

		if (i == w->n - 1 && write)
			want |= AB_PTE_D;
		if (want == w->pte[i])
			continue;
		rc = sh->ops->cmpxchg_gpte(sh->ctx, w->gpa[i], w->pte[i], want);
		if (rc)
			return rc < 0 ? AB_SH_ERR_NOT_RAM : 1;
		w->pte[i] = want;
	}
	if (write)
		w->dirty = true;
	return 0;
}

/* ---- filling -------------------------------------------------------- */

/* The shadow leaf for a walk: frame and permissions, nothing else. */
static uint64_t sh_leaf(const struct sh_walk *w, uint64_t mfn)
{
	uint64_t e = (mfn << 12) | AB_PTE_P | AB_PTE_A;

	if (w->us)
		e |= AB_PTE_US;
	if (w->rw && w->dirty)
		e |= AB_PTE_RW | AB_PTE_D;
	if (w->nx)
		e |= AB_PTE_NX;
	return e;
}

/* The L1 covering va in root r, tables made as needed; -1 if none left. */
static int sh_l1(struct ab_sh *sh, int r, uint64_t va)
{
	int i = r, c;
	unsigned int level, s;

	for (level = 4; level > 1; level--) {
		s = sh_index(va, level);
		c = sh->pool[i].child[s];
		if (c < 0) {
			c = sh_alloc(sh, level - 1, i, s);
			if (c < 0)
				return -1;
			sh_set_entry(sh, &sh->pool[i], s,
				     (sh->pool[c].mfn << 12) | SH_MID_FLAGS);
			sh->pool[i].child[s] = c;
			sh_set_bit(sh->pool[i].present, s, true);
			sh->pool[i].nr++;
		}
		i = c;
	}
	return i;
}

static bool sh_xen_slot(unsigned int slot)
{
	return slot >= AB_SH_XEN_SLOT_FIRST && slot <= AB_SH_XEN_SLOT_LAST;
}

bool ab_sh_slot_reserved(const struct ab_sh *sh, unsigned int slot)
{
	return sh_xen_slot(slot) || slot == sh->vmm_slot;
}

int ab_sh_fault(struct ab_sh *sh, uint64_t va, unsigned int access,
		uint32_t *pfec)
{
	int root = access & AB_PF_U ? AB_SH_USER : AB_SH_KERNEL;
	unsigned int s, tries;
	struct ab_sh_page *l1;
	struct sh_walk w;
	uint64_t mfn, e;
	int rc, i;

	va &= ~0xfffull;
	if (ab_sh_slot_reserved(sh, sh_index(va, 4)))
		return AB_SH_ERR_SLOT;
	for (tries = 0;; tries++) {
		rc = sh_walk(sh, va, access, &w, pfec);
		if (rc == AB_SH_GUEST_FAULT)
			sh->st.guest_faults++;
		if (rc)
			return rc;
		rc = sh_set_ad(sh, &w, access & AB_PF_W);
		if (rc < 0)
			return rc;
		if (!rc)
			break;
		if (tries == 8)		/* the guest keeps changing it */
			return AB_SH_FIXED;
	}
	if (sh->ops->gfn_to_mfn(sh->ctx, w.gfn, &mfn) < 0)
		return AB_SH_ERR_NOT_RAM;
	i = sh_l1(sh, root, va);
	if (i < 0) {
		/* Out of table pages: drop everything (a TLB may), retry. */
		sh->st.pool_resets++;
		sh_flush_roots(sh, false);
		i = sh_l1(sh, root, va);
		if (i < 0) {
			sh_end(sh);
			return AB_SH_ERR_POOL;
		}
	}
	l1 = &sh->pool[i];
	s = sh_index(va, 1);
	e = sh_leaf(&w, mfn);
	if (sh_bit(l1->present, s)) {
		sh->st.upgrades++;
		sh_stale(sh, va);	/* the hardware may hold the old one */
	} else {
		l1->nr++;
		sh->st.fills++;
	}
	sh_set_entry(sh, l1, s, e);
	sh_set_bit(l1->present, s, true);
	sh_set_bit(l1->global, s, w.global);
	sh_set_bit(l1->big, s, w.big);
	rc = sh_end(sh);
	return rc ? rc : AB_SH_FIXED;
}

/* ---- the guest's flushes -------------------------------------------- */

int ab_sh_write_cr3(struct ab_sh *sh, uint64_t cr3)
{
	sh->cr3 = cr3;
	sh->st.cr3_writes++;
	return sh_flush(sh, true);
}

/* Toggling CR4.PGE flushes everything, global entries included. */
int ab_sh_set_pge(struct ab_sh *sh, bool pge)
{
	if (pge == sh->pge)
		return 0;
	sh->pge = pge;
	return sh_flush(sh, false);
}

int ab_sh_flush_all(struct ab_sh *sh)
{
	return sh_flush(sh, false);
}

/*
 * invlpg va: its entry in both roots, and -- as a 2 MiB TLB entry around
 * va would go -- every piece of a 2 MiB page in its L1.
 */
int ab_sh_invlpg(struct ab_sh *sh, uint64_t va)
{
	uint64_t base = va & ~0x1fffffull;
	unsigned int level, s;
	int r, i;

	sh->st.invlpgs++;
	va &= ~0xfffull;
	for (r = AB_SH_KERNEL; r <= AB_SH_USER; r++) {
		for (i = r, level = 4; i >= 0 && level > 1; level--)
			i = sh->pool[i].child[sh_index(va, level)];
		if (i < 0)
			continue;
		for (s = 0; s < AB_SH_ENTRIES; s++)
			if (sh_bit(sh->pool[i].present, s) &&
			    (sh_bit(sh->pool[i].big, s) || s == sh_index(va, 1)))
				sh_zap_leaf(sh, &sh->pool[i], s,
					    base + ((uint64_t)s << 12));
	}
	return sh_end(sh);
}

int ab_sh_init(struct ab_sh *sh, const struct ab_sh_ops *ops, void *ctx,
	       struct ab_sh_page *pool, unsigned int pool_size,
	       unsigned int vmm_slot, uint64_t cr3, bool pge)
{
	unsigned int i;

	if (pool_size < 4 || pool_size > 32767 || vmm_slot >= AB_SH_ENTRIES ||
	    sh_xen_slot(vmm_slot))
		return -1;
	sh->ops = ops;
	sh->ctx = ctx;
	sh->pool = pool;
	sh->pool_size = pool_size;
	sh->hint = 0;
	sh->cr3 = cr3;
	sh->pge = pge;
	sh->vmm_slot = vmm_slot;
	sh->nstale = 0;
	sh->stale_all = false;
	sh->nbatch = 0;
	sh->err = 0;
	sh->st = (struct ab_sh_stats){ 0 };
	for (i = 0; i < pool_size; i++) {
		pool[i].dirty = 0;
		sh_page_reset(&pool[i], i < 2 ? 4 : 0, -1, 0);
	}
	return 0;
}
