// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * libFuzzer target: the shadow MMU (../shadow.c) against a reference
 * model of what x86's TLB rules allow.
 *
 * The input is a program: random guest page tables (a tree through which
 * every address resolves, in eleven table frames, with random flags:
 * present, RW, U, A, D, PS, G, NX, cache and reserved bits), then a random
 * sequence of PTE writes (frames that are tables, data, 2 MiB pages or
 * not RAM at all) without flush,
 * CR3 writes, invlpg, CR4.PGE toggles, whole flushes and accesses (read,
 * write, fetch; kernel or user mode) at a fixed set of addresses chosen
 * to share tables.  The module runs under shadow-harness.h (Xen's
 * page-table rules checked on every request, a hardware TLB that only the
 * module's flush requests clear).
 *
 * The model (written apart from the module, as simply as possible): for
 * each address, the set of translations the TLB may hold -- every walk
 * of the guest tables since the last event that invalidates it (a CR3
 * write spares walks whose leaf had G=1 with PGE on; invlpg drops the
 * address and every 2 MiB translation in its 2 MiB; a PGE toggle drops
 * everything), the current walk always included.  After every access:
 *  - a translation the shadow gave must be in that set and allow the
 *    access; a write needs one that had D set (the CPU sets D before it
 *    caches a writable entry);
 *  - a #PF must be what the guest's tables say now, error code included
 *    (a fault is never served from a stale entry here);
 *  - "not RAM" only where the current walk meets a frame that is not RAM;
 *  - guest memory may only have changed by A bits in the entries of the
 *    current walk and D in its leaf for a write, and an access the module
 *    had to fill must have left A set in all of them (D in the leaf for a
 *    write).
 * Anything else aborts, with the operation that broke it.
 */
#include "shadow-harness.h"

#define NTAB	11		/* guest table frames: gfn 1..NTAB */
#define NVA	(3 * 2 * 2 * 3)	/* the addresses, see fz_va() */
#define NREC	512		/* translations remembered per address */

struct fz_rec {
	uint64_t gfn;
	bool rw, us, nx, global, big, dirty;
};

struct fz_walk {
	int status;		/* FZ_OK, FZ_NP (not present), FZ_RSVD, FZ_NOTRAM */
	uint64_t gpa[4];
	unsigned int n;
	struct fz_rec rec;
};
enum { FZ_OK, FZ_NP, FZ_RSVD, FZ_NOTRAM };

static struct hg H;
static uint64_t fz_cr3;
static bool fz_pge;
static struct fz_rec fz_set[NVA][NREC];
static unsigned int fz_nset[NVA];
static uint64_t fz_dirty[HG_RAM / 64];	/* guest frames a run wrote */

static const unsigned int fz_l4[] = { 0, 272, 511 };
static const unsigned int fz_l3[] = { 0, 511 };
static const unsigned int fz_l2[] = { 0, 1 };
static const unsigned int fz_l1[] = { 0, 1, 511 };

static uint64_t fz_va(unsigned int k)
{
	return hg_va(fz_l4[k / 12], fz_l3[k / 6 % 2], fz_l2[k / 3 % 2], fz_l1[k % 3]);
}

/* The reference walk: x86 4-level paging, WP=1, NXE=1, no PDPE1GB. */
static struct fz_walk fz_walk(uint64_t va)
{
	struct fz_walk w = { .status = FZ_OK };
	uint64_t table = fz_cr3 >> 12, e = 0;
	int level;

	w.rec.rw = w.rec.us = true;
	for (level = 4; level >= 1; level--) {
		unsigned int i = (va >> (12 + 9 * (level - 1))) & 511;

		if (table >= HG_RAM) {
			w.status = FZ_NOTRAM;
			return w;
		}
		w.gpa[w.n++] = (table << 12) + 8 * i;
		e = H.ram[table][i];
		if (!(e & AB_PTE_P)) {
			w.status = FZ_NP;
			return w;
		}
		if ((level >= 3 && (e & AB_PTE_PS)) ||
		    (level == 2 && (e & AB_PTE_PS) && (e & 0x1fe000))) {
			w.status = FZ_RSVD;
			return w;
		}
		w.rec.rw = w.rec.rw && (e & AB_PTE_RW);
		w.rec.us = w.rec.us && (e & AB_PTE_US);
		w.rec.nx = w.rec.nx || (e & AB_PTE_NX);
		if (level == 2 && (e & AB_PTE_PS)) {
			w.rec.big = true;
			w.rec.gfn = ((e >> 21) << 9 & 0xffffffffffull) + ((va >> 12) & 511);
			break;
		}
		table = (e >> 12) & 0xffffffffffull;
		w.rec.gfn = table;
	}
	w.rec.global = (e & AB_PTE_G) && fz_pge;
	w.rec.dirty = e & AB_PTE_D;
	return w;
}

static bool fz_same(const struct fz_rec *a, const struct fz_rec *b)
{
	return a->gfn == b->gfn && a->rw == b->rw && a->us == b->us &&
	       a->nx == b->nx && a->global == b->global && a->big == b->big &&
	       a->dirty == b->dirty;
}

static void fz_record(unsigned int k)
{
	struct fz_walk w = fz_walk(fz_va(k));
	unsigned int i;

	if (w.status != FZ_OK || w.rec.gfn >= HG_RAM)
		return;
	for (i = fz_nset[k]; i-- > 0;)		/* the latest first: likeliest */
		if (fz_same(&fz_set[k][i], &w.rec))
			return;
	if (fz_nset[k] == NREC)
		hg_fail(&H, "model: more than %d translations for one address", NREC);
	fz_set[k][fz_nset[k]++] = w.rec;
}

/* After any change: a walk could happen now and be cached. */
static void fz_record_all(void)
{
	unsigned int k;

	for (k = 0; k < NVA; k++)
		fz_record(k);
}

/* Keep only the translations keep() spares, at address k. */
static void fz_drop(unsigned int k, bool (*keep)(const struct fz_rec *))
{
	unsigned int i, n = 0;

	for (i = 0; i < fz_nset[k]; i++)
		if (keep && keep(&fz_set[k][i]))
			fz_set[k][n++] = fz_set[k][i];
	fz_nset[k] = n;
}

static bool fz_keep_global(const struct fz_rec *r)
{
	return r->global;
}

static bool fz_keep_small(const struct fz_rec *r)
{
	return !r->big;
}

/* What the guest's tables say now about access at va. */
static int fz_expect(uint64_t va, unsigned int access, struct fz_walk *w,
		     uint32_t *pfec)
{
	*w = fz_walk(va);
	switch (w->status) {
	case FZ_NOTRAM:
		return HG_ERROR;
	case FZ_NP:
		*pfec = access;
		return HG_GUEST_PF;
	case FZ_RSVD:
		*pfec = access | AB_PF_P | AB_PF_RSVD;
		return HG_GUEST_PF;
	}
	if (((access & AB_PF_U) && !w->rec.us) || ((access & AB_PF_W) && !w->rec.rw) ||
	    ((access & AB_PF_I) && w->rec.nx)) {
		*pfec = access | AB_PF_P;
		return HG_GUEST_PF;
	}
	return w->rec.gfn < HG_RAM ? HG_OK : HG_ERROR;
}

static void fz_access(unsigned int k, unsigned int access)
{
	uint64_t va = fz_va(k);
	struct hg_result r;
	struct fz_walk w;
	uint32_t pfec = 0;
	unsigned int i, t;
	int want;
	bool found = false;

	H.nwlog = 0;
	r = hg_access(&H, va, access);
	want = fz_expect(va, access, &w, &pfec);
	/* Guest memory (the module writes it only through cmpxchg_gpte, which
	   the harness logs): only A on the walk's entries, D on its leaf. */
	for (i = 0; i < H.nwlog; i++) {
		uint64_t was = H.wlog[i].old, now = H.wlog[i].new, allowed = 0;

		for (t = 0; t < w.n; t++)
			if (w.gpa[t] == H.wlog[i].gpa)
				allowed = AB_PTE_A |
					  (t == w.n - 1 && (access & AB_PF_W) &&
					   w.status == FZ_OK ? AB_PTE_D : 0);
		if ((now & ~was) & ~allowed || (was & ~now))
			hg_fail(&H, "guest entry %#llx changed %#llx -> %#llx",
				(unsigned long long)H.wlog[i].gpa,
				(unsigned long long)was, (unsigned long long)now);
	}
	/* The walk the module just did may be cached from now on. */
	fz_record(k);
	switch (r.kind) {
	case HG_OK:
		for (i = 0; i < fz_nset[k] && !found; i++) {
			const struct fz_rec *x = &fz_set[k][i];

			found = x->gfn == r.gfn &&
				(!(access & AB_PF_W) || (x->rw && x->dirty)) &&
				(!(access & AB_PF_U) || x->us) &&
				(!(access & AB_PF_I) || !x->nx);
		}
		if (!found)
			hg_fail(&H, "access %#llx (%#x) gave gfn %llu: no allowed translation "
				"(now: %d gfn %llu)", (unsigned long long)va, access,
				(unsigned long long)r.gfn, want, (unsigned long long)w.rec.gfn);
		/* Filled by this access, from the walk of now: the CPU has set
		   A in every entry of it, and D in its leaf for a write. */
		for (t = 0; r.faults && t < w.n; t++) {
			uint64_t e = H.ram[w.gpa[t] >> 12][(w.gpa[t] & 0xfff) / 8];

			if (!(e & AB_PTE_A) ||
			    (t == w.n - 1 && (access & AB_PF_W) && !(e & AB_PTE_D)))
				hg_fail(&H, "access %#llx (%#x) filled, but entry %#llx "
					"is %#llx (A/D not set)", (unsigned long long)va,
					access, (unsigned long long)w.gpa[t],
					(unsigned long long)e);
		}
		break;
	case HG_GUEST_PF:
		if (want != HG_GUEST_PF || r.pfec != pfec)
			hg_fail(&H, "access %#llx (%#x): #PF %#x, the tables say %d (%#x)",
				(unsigned long long)va, access, r.pfec, want, pfec);
		break;
	default:
		if (r.err != AB_SH_ERR_NOT_RAM || want != HG_ERROR)
			hg_fail(&H, "access %#llx (%#x): error %d, the tables say %d",
				(unsigned long long)va, access, r.err, want);
	}
}

/* ---- the program ---------------------------------------------------- */

struct fz_in {
	const uint8_t *p;
	size_t n;
};

static unsigned int fz_byte(struct fz_in *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

/* The initial tree's flags come from a generator the input seeds, so
   that even a short input reaches its operations. */
static uint32_t fz_seed;

static unsigned int fz_rand_byte(void)
{
	fz_seed ^= fz_seed << 13;
	fz_seed ^= fz_seed >> 17;
	fz_seed ^= fz_seed << 5;
	return fz_seed >> 24;
}

/*
 * Random flags for an entry: present (15 in 16), RW, U, A, D, G, NX, and
 * now and then PS, cache bits, available bits or a bit reserved in a
 * 2 MiB entry.
 */
static uint64_t fz_flags(struct fz_in *in, bool ps, bool mid)
{
	unsigned int f = in ? fz_byte(in) : fz_rand_byte();
	unsigned int x = in ? fz_byte(in) : fz_rand_byte();
	uint64_t e = 0;

	if ((f & 7) != 0 || (x & 0x80))
		e |= AB_PTE_P;
	/* Tables mostly let everything through (3 in 4), leaves half. */
	if (mid ? (f & 0x18) != 0x18 : f & 8)
		e |= AB_PTE_RW;
	if (mid ? (f & 0x18) != 0x10 : f & 16)
		e |= AB_PTE_US;
	if (f & 32)
		e |= AB_PTE_A | (f & 64 ? AB_PTE_D : 0);
	if (f & 128)
		e |= AB_PTE_G;
	if ((x & 7) == 0)
		e |= AB_PTE_NX;
	if (ps || (x & 0xf8) == 0x08)
		e |= AB_PTE_PS;
	if ((x & 0x78) == 0x10)
		e |= AB_PTE_PCD | AB_PTE_PWT;
	if ((x & 0x78) == 0x18)
		e |= 0x7ull << 9 | 0x7full << 52;	/* available bits */
	if ((x & 0x78) == 0x20)
		e |= 1ull << (13 + (x >> 7) * 5);	/* reserved in a 2 MiB entry */
	return e;
}

#define FZ_N(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * The initial tables: a tree through which every address resolves (root
 * gfn 1: L3 tables 2-3, L2 tables 4-6, L1 tables 7-10, 2 MiB pages at gfn
 * 0 or 512, data at 32..), random flags; root 11 has none of slot 0, the
 * same slot 272 and slot 511 through the other L3.  Then the program may
 * break any of it.
 */
static void fz_tree(void)
{
	unsigned int i;

	for (i = 0; i < FZ_N(fz_l4); i++)
		H.ram[1][fz_l4[i]] = (uint64_t)(2 + i % 2) << 12 | fz_flags(NULL, false, true);
	for (i = 0; i < FZ_N(fz_l3); i++) {
		H.ram[2][fz_l3[i]] = (uint64_t)(4 + i % 3) << 12 | fz_flags(NULL, false, true);
		H.ram[3][fz_l3[i]] = (uint64_t)(4 + (i + 1) % 3) << 12 | fz_flags(NULL, false, true);
	}
	for (i = 0; i < 3 * FZ_N(fz_l2); i++) {
		bool big = (fz_rand_byte() & 3) == 0;

		H.ram[4 + i / 2][fz_l2[i % 2]] = big ?
			(uint64_t)(512 * (i % 2)) << 12 | fz_flags(NULL, true, false) :
			(uint64_t)(7 + i % 4) << 12 | fz_flags(NULL, false, true);
	}
	for (i = 0; i < 4 * FZ_N(fz_l1); i++)
		H.ram[7 + i / FZ_N(fz_l1)][fz_l1[i % FZ_N(fz_l1)]] =
			(uint64_t)(32 + i) << 12 | fz_flags(NULL, false, false);
	H.ram[11][272] = H.ram[1][272];
	H.ram[11][511] = H.ram[1][511] ^ (1ull << 12);	/* L3 table 2 <-> 3 */
}

/* A PTE write's value: a table, data, a 2 MiB frame or no RAM at all. */
static uint64_t fz_entry(struct fz_in *in)
{
	unsigned int g = fz_byte(in);
	uint64_t frame;

	switch (g & 7) {
	case 0: case 1: case 2:
		frame = 1 + (g >> 3) % NTAB;		/* a table */
		break;
	case 3: case 4:
		frame = 32 + (g >> 3);			/* data */
		break;
	case 5:
		return (uint64_t)(512 * ((g >> 3) & 1)) << 12 | fz_flags(in, true, false);
	case 6:
		frame = 2048 + g;			/* not RAM */
		break;
	default:
		frame = 1 + (g >> 3) % NTAB;
	}
	return frame << 12 | fz_flags(in, false, true);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = { data, size };
	unsigned int i, op, k, steps = 0;

	fz_cr3 = 1 << 12;
	fz_pge = true;
	for (i = 0; i < HG_RAM; i++)	/* what the last run wrote */
		if (fz_dirty[i / 64] >> (i % 64) & 1)
			memset(H.ram[i], 0, sizeof(H.ram[i]));
	memset(fz_dirty, 0, sizeof(fz_dirty));
	for (i = 1; i <= NTAB; i++)
		fz_dirty[i / 64] |= 1ull << (i % 64);
	hg_init(&H, 8 + fz_byte(&in) % 40, fz_cr3, fz_pge);
	memset(fz_nset, 0, sizeof(fz_nset));
	fz_seed = fz_byte(&in) | fz_byte(&in) << 8 | fz_byte(&in) << 16 | 1u << 24;
	fz_tree();
	fz_record_all();
	while (in.n && steps++ < 400) {
		op = fz_byte(&in);
		k = fz_byte(&in) % NVA;
		switch (op % 16) {
		case 0: {				/* PTE write, no flush */
			/* Mostly an entry address k's walk uses now, at some level;
			   else any of the indices the addresses use. */
			static const unsigned int idx[] = { 0, 1, 272, 511 };
			struct fz_walk w = fz_walk(fz_va(k));
			unsigned int t = 1 + (op >> 4) % NTAB, l = (op >> 4) % 9;

			if (l >= 4 && l < 8 && w.n)
				l = w.n - 1;		/* the leaf, most often */

			H.what = "PTE write";
			if (l < w.n) {
				t = w.gpa[l] >> 12;
				fz_dirty[t / 64] |= 1ull << (t % 64);
				H.ram[t][(w.gpa[l] & 0xfff) / 8] = fz_entry(&in);
			}
			else
				H.ram[t][idx[k % 4]] = fz_entry(&in);
			break;
		}
		case 3:					/* CR3 write */
			H.what = "CR3 write";
			fz_cr3 = (uint64_t)((op >> 4) < 14 ? (op >> 4) % 2 ? 11 : 1 :
					    1 + (op >> 4) % NTAB) << 12;
			if (ab_sh_write_cr3(&H.sh, fz_cr3))
				hg_fail(&H, "ab_sh_write_cr3 failed");
			for (i = 0; i < NVA; i++)
				fz_drop(i, fz_keep_global);
			break;
		case 4:					/* invlpg */
			H.what = "invlpg";
			if (ab_sh_invlpg(&H.sh, fz_va(k)))
				hg_fail(&H, "ab_sh_invlpg failed");
			for (i = 0; i < NVA; i++)
				if (i == k)
					fz_drop(i, NULL);
				else if ((fz_va(i) >> 21) == (fz_va(k) >> 21))
					fz_drop(i, fz_keep_small);
			break;
		case 5:					/* CR4.PGE toggle */
			H.what = "PGE toggle";
			fz_pge = !fz_pge;
			if (ab_sh_set_pge(&H.sh, fz_pge))
				hg_fail(&H, "ab_sh_set_pge failed");
			for (i = 0; i < NVA; i++)
				fz_drop(i, NULL);
			break;
		case 6:					/* the VMM drops it all */
			if (op >> 6)
				goto access;
			H.what = "flush";
			if (ab_sh_flush_all(&H.sh))
				hg_fail(&H, "ab_sh_flush_all failed");
			break;
		default: {				/* an access */
			static const unsigned int acc[] = {
				0, AB_PF_W, AB_PF_I, AB_PF_U, AB_PF_U | AB_PF_W,
				AB_PF_U | AB_PF_I, 0, AB_PF_W,
			};
access:
			H.what = "access";
			fz_access(k, acc[(op >> 4) % 8]);
			break;
		}
		}
		fz_record_all();
	}
	return 0;
}
