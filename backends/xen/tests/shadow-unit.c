// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Unit tests of the shadow MMU's walk and fill logic (../shadow.c) on the
 * host, through shadow-harness.h (guest RAM, the shadow's machine pages
 * with Xen's page-table rules checked on every request, a hardware TLB
 * and walker).  One test per rule of shadow.h; each prints its name and
 * "ok", any failure aborts with the reason.
 */
#include "shadow-harness.h"

static struct hg H;

#define PTE(gfn, flags)	(((uint64_t)(gfn) << 12) | (flags))
#define P	AB_PTE_P
#define RW	AB_PTE_RW
#define US	AB_PTE_US
#define A	AB_PTE_A
#define D	AB_PTE_D
#define PS	AB_PTE_PS
#define G	AB_PTE_G
#define NX	AB_PTE_NX
#define MID	(P | RW | US)

#define CHECK(cond, ...)						\
	do {								\
		if (!(cond))						\
			hg_fail(&H, "%s:%d: %s", __FILE__, __LINE__, #cond); \
	} while (0)

/* Guest tables: L4 at gfn 1, L3 at 2, L2 at 3, L1 at 4; the L1 maps
   va(0,0,0,i) -> gfn 100 + i for i < 8 with flags. */
static void setup(unsigned int pool, uint64_t leaf_flags, bool pge)
{
	unsigned int i;

	memset(H.ram, 0, sizeof(H.ram));
	hg_init(&H, pool, PTE(1, 0), pge);
	hg_set(&H, 1, 0, PTE(2, MID));
	hg_set(&H, 2, 0, PTE(3, MID));
	hg_set(&H, 3, 0, PTE(4, MID));
	for (i = 0; i < 8; i++)
		hg_set(&H, 4, i, PTE(100 + i, leaf_flags));
}

static struct hg_result touch(uint64_t va, unsigned int access)
{
	return hg_access(&H, va, access);
}

static void expect_ok(uint64_t va, unsigned int access, uint64_t gfn)
{
	struct hg_result r = touch(va, access);

	if (r.kind != HG_OK || r.gfn != gfn)
		hg_fail(&H, "access %#llx/%#x: kind %d gfn %llu pfec %#x err %d, want gfn %llu",
			(unsigned long long)va, access, r.kind,
			(unsigned long long)r.gfn, r.pfec, r.err,
			(unsigned long long)gfn);
}

static void expect_pf(uint64_t va, unsigned int access, uint32_t pfec)
{
	struct hg_result r = touch(va, access);

	if (r.kind != HG_GUEST_PF || r.pfec != pfec)
		hg_fail(&H, "access %#llx/%#x: kind %d pfec %#x, want #PF %#x",
			(unsigned long long)va, access, r.kind, r.pfec, pfec);
}

/* The shadow leaf of va in root r (0 if none), read from machine memory. */
static uint64_t shadow_leaf(int r, uint64_t va)
{
	bool rw, nx;

	return hg_shadow_walk(&H, r, va, &rw, &nx);
}

static void test_read_fill_sets_accessed(void)
{
	uint64_t va = hg_va(0, 0, 0, 1);

	H.what = "read fill";
	setup(16, P | RW, true);
	expect_ok(va, 0, 101);
	CHECK(hg_get(&H, 1, 0) & A);
	CHECK(hg_get(&H, 2, 0) & A);
	CHECK(hg_get(&H, 3, 0) & A);
	CHECK(hg_get(&H, 4, 1) & A);
	CHECK(!(hg_get(&H, 4, 1) & D));		/* a read never sets D */
	CHECK(!(shadow_leaf(AB_SH_KERNEL, va) & RW));	/* D clear: read-only */
	CHECK(!(hg_get(&H, 4, 2) & A));		/* untouched neighbour */
	CHECK(H.sh.st.fills == 1 && H.sh.st.tables == 3);
}

static void test_write_sets_dirty(void)
{
	uint64_t va = hg_va(0, 0, 0, 1);
	struct hg_result r;

	H.what = "write after read";
	setup(16, P | RW, true);
	expect_ok(va, 0, 101);
	r = touch(va, AB_PF_W);		/* RO shadow faults, D set, upgraded */
	CHECK(r.kind == HG_OK && r.gfn == 101 && r.faults == 1);
	CHECK(hg_get(&H, 4, 1) & D);
	CHECK(shadow_leaf(AB_SH_KERNEL, va) & RW);
	CHECK(H.sh.st.upgrades == 1);
	/* Already dirty in the guest: writable at the first fill. */
	H.what = "fill of a dirty page";
	setup(16, P | RW | A | D, true);
	expect_ok(va, 0, 101);
	CHECK(shadow_leaf(AB_SH_KERNEL, va) & RW);
	r = touch(va, AB_PF_W);
	CHECK(r.kind == HG_OK && r.faults == 0);
}

static void test_permissions(void)
{
	uint64_t va = hg_va(0, 0, 0, 1);
	uint32_t pfec;

	H.what = "read-only page";
	setup(16, P, true);
	expect_pf(va, AB_PF_W, AB_PF_P | AB_PF_W);
	CHECK(!(hg_get(&H, 4, 1) & (A | D)));	/* a faulting walk sets nothing */
	expect_ok(va, 0, 101);
	H.what = "kernel page from user mode";
	expect_pf(va, AB_PF_U, AB_PF_P | AB_PF_U);
	CHECK(shadow_leaf(AB_SH_USER, va) == 0);
	H.what = "NX page fetched";
	setup(16, P | RW | NX, true);
	expect_pf(va, AB_PF_I, AB_PF_P | AB_PF_I);
	expect_ok(va, 0, 101);
	CHECK(shadow_leaf(AB_SH_KERNEL, va) & NX);
	H.what = "not present";
	expect_pf(hg_va(0, 0, 0, 9), AB_PF_W | AB_PF_U, AB_PF_W | AB_PF_U);
	expect_pf(hg_va(1, 0, 0, 0), 0, 0);
	H.what = "user page, both modes";
	setup(16, P | RW | US, true);
	expect_ok(va, AB_PF_U, 101);
	expect_ok(va, 0, 101);	/* maybe from the TLB: U=1 entries are global */
	CHECK(shadow_leaf(AB_SH_USER, va) & US);
	CHECK(ab_sh_fault(&H.sh, va, 0, &pfec) == AB_SH_FIXED);
	CHECK(shadow_leaf(AB_SH_KERNEL, va) & US);
	/* U must be set at every level for user mode. */
	hg_set(&H, 3, 0, PTE(4, P | RW));
	CHECK(ab_sh_flush_all(&H.sh) == 0);
	expect_pf(va, AB_PF_U, AB_PF_P | AB_PF_U);
}

static void test_attributes_stripped(void)
{
	uint64_t va = hg_va(0, 0, 0, 3), e;

	H.what = "cache and available bits";
	setup(16, P | RW | US | A | D | AB_PTE_PCD | AB_PTE_PWT | AB_PTE_PS |
	      G | (7ull << 9) | (0x7full << 52), true);
	expect_ok(va, AB_PF_W, 103);
	e = shadow_leaf(AB_SH_KERNEL, va);
	CHECK(e == (hg_mfn(103) << 12 | P | RW | US | A | D));
	/* The checker in hg_apply refuses G on kernel entries: a kernel
	   global page must be shadowed without G too. */
	setup(16, P | RW | G | A | D, true);
	expect_ok(va, AB_PF_W, 103);
	CHECK(!(shadow_leaf(AB_SH_KERNEL, va) & G));
}

static void test_2m_pages(void)
{
	uint64_t base = hg_va(0, 0, 1, 0), e;
	unsigned int i, p;

	H.what = "2 MiB page";
	setup(16, P | RW, true);
	hg_set(&H, 3, 1, PTE(512, P | RW | PS | AB_PTE_PAT_BIG));  /* gfn 512.. */
	expect_ok(base + 0x5000, 0, 517);
	expect_ok(base + 0x1ff000, 0, 512 + 511);
	CHECK(hg_get(&H, 3, 1) & A);
	CHECK(!(hg_get(&H, 3, 1) & D));
	e = shadow_leaf(AB_SH_KERNEL, base + 0x5000);
	CHECK(e && !(e & RW) && !(e & PS));
	expect_ok(base + 0x7000, AB_PF_W, 519);
	CHECK(hg_get(&H, 3, 1) & D);		/* D lives in the L2 entry */
	/* No PSE anywhere in the shadow (hg_apply refuses it, too). */
	for (p = 0; p < H.pool_size; p++)
		for (i = 0; i < 512; i++)
			CHECK(!(H.mpage[p][i] & PS));
	H.what = "2 MiB reserved bits";
	hg_set(&H, 3, 2, PTE(1024, P | RW | PS) | (1ull << 13));
	expect_pf(hg_va(0, 0, 2, 0), 0, AB_PF_P | AB_PF_RSVD);
	H.what = "1 GiB page hidden";
	hg_set(&H, 2, 1, PTE(0, P | RW | PS));
	expect_pf(hg_va(0, 1, 0, 0), 0, AB_PF_P | AB_PF_RSVD);
	hg_set(&H, 1, 2, PTE(2, P | RW | PS));	/* PS in an L4: reserved */
	expect_pf(hg_va(2, 0, 0, 0), AB_PF_W, AB_PF_P | AB_PF_RSVD | AB_PF_W);
}

static void test_global_survives_cr3(void)
{
	uint64_t g = hg_va(0, 0, 0, 1), ng = hg_va(0, 0, 0, 2);

	H.what = "CR3 write keeps global entries";
	setup(16, P | RW | A | D, true);
	hg_set(&H, 4, 1, PTE(101, P | RW | A | D | G));
	expect_ok(g, 0, 101);
	expect_ok(ng, 0, 102);
	/* A second address space at L4 gfn 5 mapping nothing. */
	CHECK(ab_sh_write_cr3(&H.sh, PTE(5, 0)) == 0);
	expect_ok(g, 0, 101);			/* global: kept */
	expect_pf(ng, 0, 0);			/* not global: gone */
	CHECK(shadow_leaf(AB_SH_KERNEL, g) != 0);
	/* invlpg drops a global entry too. */
	CHECK(ab_sh_invlpg(&H.sh, g) == 0);
	expect_pf(g, 0, 0);
	H.what = "CR4.PGE toggle";
	setup(16, P | RW | A | D | G, true);
	expect_ok(g, 0, 101);
	CHECK(ab_sh_set_pge(&H.sh, false) == 0);
	CHECK(shadow_leaf(AB_SH_KERNEL, g) == 0);
	expect_ok(g, 0, 101);
	CHECK(ab_sh_write_cr3(&H.sh, PTE(5, 0)) == 0);	/* PGE off: G ignored */
	expect_pf(g, 0, 0);
	H.what = "CR3 write in the kernel half (canonical invlpg)";
	setup(16, P | RW | A | D, true);
	hg_set(&H, 1, 300, PTE(2, MID));
	hg_set(&H, 4, 1, PTE(101, P | RW | A | D | G));
	expect_ok(hg_va(300, 0, 0, 1), 0, 101);
	expect_ok(hg_va(300, 0, 0, 2), 0, 102);
	CHECK(ab_sh_write_cr3(&H.sh, PTE(5, 0)) == 0);
	expect_ok(hg_va(300, 0, 0, 1), 0, 101);
	expect_pf(hg_va(300, 0, 0, 2), 0, 0);	/* not from a stale TLB entry */
	H.what = "keyed on G, not on the address (PTI)";
	setup(16, P | RW | A | D, true);
	hg_set(&H, 1, 300, PTE(2, MID));	/* a kernel-half alias */
	expect_ok(hg_va(300, 0, 0, 1), 0, 101);
	CHECK(ab_sh_write_cr3(&H.sh, PTE(1, 0)) == 0);
	CHECK(shadow_leaf(AB_SH_KERNEL, hg_va(300, 0, 0, 1)) == 0);
}

static void test_stale_until_flush(void)
{
	uint64_t va = hg_va(0, 0, 0, 1);

	H.what = "PTE write without a flush";
	setup(16, P | RW | A | D, true);
	expect_ok(va, 0, 101);
	hg_set(&H, 4, 1, PTE(200, P | RW | A | D));
	expect_ok(va, 0, 101);			/* the old mapping: allowed */
	CHECK(ab_sh_invlpg(&H.sh, va) == 0);
	expect_ok(va, 0, 200);			/* the new one after invlpg */
	hg_set(&H, 4, 1, 0);
	expect_ok(va, 0, 200);
	CHECK(ab_sh_write_cr3(&H.sh, PTE(1, 0)) == 0);
	expect_pf(va, 0, 0);
	/* The hardware TLB must have been flushed: a stale hardware entry
	   would still answer 200 above. */
	CHECK(H.mmuext_ops > 0);
}

static void test_invlpg_2m(void)
{
	uint64_t base = hg_va(0, 0, 1, 0);

	H.what = "invlpg in a 2 MiB page";
	setup(16, P | RW, true);
	hg_set(&H, 3, 1, PTE(512, P | RW | PS | A | D));
	expect_ok(base + 0x3000, 0, 515);
	expect_ok(base + 0x9000, 0, 521);
	hg_set(&H, 3, 1, PTE(0, P | RW | PS | A | D));
	CHECK(ab_sh_invlpg(&H.sh, base + 0x3000) == 0);
	/* The whole 2 MiB entry is gone, so the other piece re-walks too. */
	expect_ok(base + 0x9000, 0, 9);
	expect_ok(base + 0x3000, 0, 3);
}

static void test_reserved_slots(void)
{
	uint32_t pfec = 0;

	H.what = "Xen's and the VMM's L4 slots";
	setup(16, P | RW, true);
	hg_set(&H, 1, 256, PTE(2, MID));
	hg_set(&H, 1, HG_VMM_SLOT, PTE(2, MID));
	CHECK(ab_sh_fault(&H.sh, hg_va(256, 0, 0, 1), 0, &pfec) == AB_SH_ERR_SLOT);
	CHECK(ab_sh_fault(&H.sh, hg_va(271, 0, 0, 1), 0, &pfec) == AB_SH_ERR_SLOT);
	CHECK(ab_sh_fault(&H.sh, hg_va(HG_VMM_SLOT, 0, 0, 1), 0, &pfec) ==
	      AB_SH_ERR_SLOT);
	CHECK(ab_sh_slot_reserved(&H.sh, 255) == false);
	CHECK(ab_sh_slot_reserved(&H.sh, 272) == false);
	{
		struct ab_sh sh;
		struct ab_sh_page pool[4];

		CHECK(ab_sh_init(&sh, &hg_ops, &H, pool, 4, 260, 0, true) < 0);
		CHECK(ab_sh_init(&sh, &hg_ops, &H, pool, 3, 509, 0, true) < 0);
	}
}

static void test_not_ram(void)
{
	H.what = "frames that are not guest RAM";
	setup(16, P | RW, true);
	hg_set(&H, 4, 6, PTE(5000, P | RW));
	CHECK(touch(hg_va(0, 0, 0, 6), 0).err == AB_SH_ERR_NOT_RAM);
	hg_set(&H, 1, 3, PTE(7000, MID));
	CHECK(touch(hg_va(3, 0, 0, 0), 0).err == AB_SH_ERR_NOT_RAM);
	/* ... after the permission check, as the CPU faults first. */
	expect_pf(hg_va(0, 0, 0, 6), AB_PF_U, AB_PF_P | AB_PF_U);
}

static void test_pool_exhaustion(void)
{
	unsigned int i;

	H.what = "full pool";
	setup(5, P | RW | A | D, true);		/* roots + 3 tables */
	for (i = 0; i < 8; i++)
		hg_set(&H, 1, i, PTE(2, MID));	/* eight L4 aliases */
	for (i = 0; i < 8; i++)
		expect_ok(hg_va(i, 0, 0, 1), 0, 101);
	CHECK(H.sh.st.pool_resets == 7);
	/* Both roots at once need 6 tables: each fill resets the other. */
	setup(5, P | RW | US | A | D, true);
	expect_ok(hg_va(0, 0, 0, 1), 0, 101);
	expect_ok(hg_va(0, 0, 0, 1), AB_PF_U, 101);
	expect_ok(hg_va(0, 0, 0, 1), 0, 101);
}

static void test_batching(void)
{
	unsigned int i;
	unsigned long calls;

	H.what = "batching";
	setup(16, P | RW | A | D, true);
	for (i = 0; i < 8; i++)
		hg_set(&H, 4, i, PTE(100 + i, P | RW | A | D));
	expect_ok(hg_va(0, 0, 0, 0), 0, 100);
	/* The first fill: three tables linked and one leaf, one mmu_update. */
	CHECK(H.updates == 4 && H.mmu_update_calls == 1 && H.submits == 1);
	for (i = 1; i < 8; i++)
		expect_ok(hg_va(0, 0, 0, i), 0, 100 + i);
	calls = H.submits;
	CHECK(ab_sh_write_cr3(&H.sh, PTE(1, 0)) == 0);
	/* The CR3 write: the L3 unlinked in one update, one full flush. */
	CHECK(H.submits == calls + 1 && H.sh.st.flushes == 1);
	for (i = 0; i < 8; i++)
		expect_ok(hg_va(0, 0, 0, i), 0, 100 + i);
	/* Its pages come back through MMUEXT_CLEAR_PAGE before reuse. */
	CHECK(H.sh.st.tables == 6);
}

int main(void)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} tests[] = {
		{ "read fill sets A, not D; RO shadow", test_read_fill_sets_accessed },
		{ "write sets D and upgrades", test_write_sets_dirty },
		{ "permissions and #PF codes", test_permissions },
		{ "PCD/PWT/PAT/G/avail stripped", test_attributes_stripped },
		{ "2 MiB pages: synthetic L1s; 1 GiB hidden", test_2m_pages },
		{ "G=1 survives CR3 writes; PGE toggles", test_global_survives_cr3 },
		{ "stale until invlpg / CR3 write", test_stale_until_flush },
		{ "invlpg drops a whole 2 MiB page", test_invlpg_2m },
		{ "Xen's and the VMM's slots", test_reserved_slots },
		{ "frames that are not RAM", test_not_ram },
		{ "pool exhaustion flushes and refills", test_pool_exhaustion },
		{ "requests batched", test_batching },
	};
	unsigned int i;

	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		tests[i].fn();
		printf("shadow-unit: ok   %s\n", tests[i].name);
	}
	printf("shadow-unit: PASS, %u tests\n", i);
	return 0;
}
