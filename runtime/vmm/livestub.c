// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Live stubs: the entries patched sites call when their live masks are
 * known (table.h: live, live_in).  An emulation is C code, which may
 * clobber every caller-saved register and the arithmetic flags; the
 * generic entries (entry.S, backends/xen/entry.S) therefore save and
 * restore all sixteen registers and RFLAGS.  A live stub saves only what
 * the site's instruction may read or what lives through it (live_in), and
 * restores only what is live after it (live), and pops RFLAGS only when
 * an arithmetic flag is live; DF (the C code runs with it clear) and, on
 * Xen, IF (masked while the handler runs) are put back without popf.
 *
 * Stubs are machine code written at patch time into a pool in text, one
 * per distinct (masks, entry) combination, and shared by every site that
 * has it.  Each builds the same struct afterburn_frame as the generic
 * entry of its kind (slots of registers it does not save hold stale stack
 * contents; afterburn.poison=1 fills them with a pattern, see poison.c)
 * and calls that entry's common half (ab_vmm_live_common in entry.S,
 * ab_xen_live_common in backends/xen/entry.S):
 *
 *   vmm (afterburn_vmm_trap):          xen (ab_xen_trap):
 *	lea -(GAP+8)(%rsp), %rsp		pushfq
 *	pushfq					cli
 *	lea -128(%rsp), %rsp			lea -128(%rsp), %rsp
 *	mov %reg, 8*reg(%rsp)  (live_in)	mov %reg, 8*reg(%rsp)  (live_in)
 *	call ab_vmm_live_common			call ab_xen_live_common
 *	mov 8*reg(%rsp), %reg  (live)		mov 8*reg(%rsp), %reg  (live)
 *	lea 128(%rsp), %rsp			lea 128(%rsp), %rsp
 *	popfq  |  [std if DF] lea 8(%rsp)	popfq  |  [sti if IF] [std if DF] lea 8(%rsp)
 *	mov (%rsp), %rsp			ret
 *	ret
 *
 * With afterburn.poison=1 every stub restores all registers and pops
 * RFLAGS: the C side has written the pattern into the slots of what is
 * dead, so it is what the guest finds.  Stub lookups are pure (site()
 * calls them at patch time and again on every entry through
 * afterburn_dispatch): the first request writes the stub, every later one
 * finds it in a hash table.  A full pool is not an error: the site takes
 * the generic entry, which preserves everything.
 */
#include <afterburn/x86.h>
#include "vmm/vmm.h"

#define AB_STUB_MAX	210		/* bytes of the longest stub */
#define AB_STUB_SLOTS	2048		/* hash table of distinct stubs */

struct ab_stub {
	uint16_t save, restore;		/* GPRs (rsp never) */
	uint8_t flags;			/* AB_STUB_* */
	uint8_t used;
	uint32_t off;			/* in the pool */
	void (*common)(void);
};

static struct ab_stub ab_stubs[AB_STUB_SLOTS];
static uint32_t ab_pool_used;
static unsigned int ab_nstubs;

unsigned int afterburn_live_stubs(void)
{
	return ab_nstubs;
}

/* mov %r64, 8*r(%rsp) (op 0x89) or mov 8*r(%rsp), %r64 (op 0x8b). */
static uint8_t *ab_mov_slot(uint8_t *p, unsigned int r, uint8_t op)
{
	*p++ = 0x48 | ((r & 8) ? 0x04 : 0);	/* REX.W, REX.R */
	*p++ = op;
	*p++ = 0x44 | ((r & 7) << 3);		/* mod 01, rm 100: SIB */
	*p++ = 0x24;				/* base %rsp */
	*p++ = 8 * r;
	return p;
}

/* lea d(%rsp), %rsp: d8 or d32. */
static uint8_t *ab_lea_rsp(uint8_t *p, int32_t d)
{
	*p++ = 0x48;
	*p++ = 0x8d;
	if (d >= -128 && d < 128) {
		*p++ = 0x64;
		*p++ = 0x24;
		*p++ = (uint8_t)d;
	} else {
		*p++ = 0xa4;
		*p++ = 0x24;
		ab_put32(p, (uint32_t)d);
		p += 4;
	}
	return p;
}

/* testb $bit, 1(%rsp); jz 1f; INSN; 1: -- put a flag of the saved
   RFLAGS (bits 8-15: byte 1) back with a one-byte instruction. */
static uint8_t *ab_flag_back(uint8_t *p, uint8_t bit, uint8_t insn)
{
	*p++ = 0xf6;
	*p++ = 0x44;
	*p++ = 0x24;
	*p++ = 0x01;
	*p++ = bit;
	*p++ = 0x74;		/* jz +1 */
	*p++ = 0x01;
	*p++ = insn;
	return p;
}

/* Write stub st at t (its final address). 0, or -1 if out of reach. */
static int ab_write_stub(uint8_t *t, const struct ab_stub *st, uint32_t *len)
{
	uint8_t *p = t;
	unsigned int r;

	if (st->flags & AB_STUB_XEN) {
		*p++ = 0x9c;				/* pushfq */
		*p++ = 0xfa;				/* cli */
	} else {
		p = ab_lea_rsp(p, -(AB_TRAP_GAP + 8));
		*p++ = 0x9c;
	}
	p = ab_lea_rsp(p, -16 * 8);
	for (r = 0; r < 16; r++)
		if (st->save & (1u << r))
			p = ab_mov_slot(p, r, 0x89);
	if (ab_rel32(p, AB_OP_CALL_REL32, (uintptr_t)p, (uintptr_t)st->common))
		return -1;
	p += AB_REL32_LEN;
	for (r = 0; r < 16; r++)
		if (st->restore & (1u << r))
			p = ab_mov_slot(p, r, 0x8b);
	p = ab_lea_rsp(p, 16 * 8);
	if (st->flags & AB_STUB_POPF) {
		*p++ = 0x9d;				/* popfq */
	} else {
		if (st->flags & AB_STUB_XEN)
			p = ab_flag_back(p, 0x02, 0xfb);	/* IF: sti */
		if (st->flags & AB_STUB_DF)
			p = ab_flag_back(p, 0x04, 0xfd);	/* DF: std */
		p = ab_lea_rsp(p, 8);
	}
	if (!(st->flags & AB_STUB_XEN)) {
		*p++ = 0x48;				/* mov (%rsp), %rsp */
		*p++ = 0x8b;
		*p++ = 0x24;
		*p++ = 0x24;
	}
	*p++ = 0xc3;					/* ret */
	*len = p - t;
	return 0;
}

uintptr_t afterburn_live_stub(const struct afterburn_site *s,
			      void (*common)(void), unsigned int flags)
{
	uint32_t out = afterburn_live_out(s), h, len;
	struct ab_stub key = { 0 }, *st;
	uint8_t *pool = (uint8_t *)afterburn_live_pool;
	unsigned int i;

	if (!afterburn_liveness || !(s->live & AB_LIVE_VALID))
		return 0;		/* nothing to save on: the generic entry */
	key.save = afterburn_live_in(s) & ~(1u << R_SP);
	key.restore = (out & AB_LIVE_GPRS) & ~(1u << R_SP);
	key.flags = flags & (AB_STUB_XEN | AB_STUB_POPF);
	if (out & (AB_LIVE_CF | AB_LIVE_PF | AB_LIVE_AF | AB_LIVE_ZF |
		   AB_LIVE_SF | AB_LIVE_OF))
		key.flags |= AB_STUB_POPF;
	if (out & AB_LIVE_DF)
		key.flags |= AB_STUB_DF;
	if (afterburn_poison) {
		key.restore = 0xffff & ~(1u << R_SP);
		key.flags |= AB_STUB_POPF;
	}
	key.common = common;

	h = (key.save * 31u + key.restore) * 7u + key.flags;
	h ^= (uint32_t)(uintptr_t)common >> 4;
	for (i = 0; i < AB_STUB_SLOTS; i++) {
		st = &ab_stubs[(h + i) % AB_STUB_SLOTS];
		if (!st->used)
			break;
		if (st->save == key.save && st->restore == key.restore &&
		    st->flags == key.flags && st->common == common)
			return (uintptr_t)pool + st->off;
	}
	if (i == AB_STUB_SLOTS || ab_pool_used + AB_STUB_MAX >
	    (uint32_t)(afterburn_live_pool_end - afterburn_live_pool))
		return 0;		/* full: the generic entry */
	if (ab_write_stub(pool + ab_pool_used, &key, &len))
		return 0;
	key.off = ab_pool_used;
	key.used = 1;
	*st = key;
	ab_pool_used = (ab_pool_used + len + 15) & ~15u;
	ab_nstubs++;
	return (uintptr_t)pool + key.off;
}
