// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Trampolines for AB_F_NOSTACK sites (see nostack-entry.S).  They are written
 * once, before patching, for every 64-bit NOSTACK site whose kind this VMM
 * sends through the stack-free path; the rewrite hook then only looks them
 * up (it must be pure).  iret is flagged NOSTACK too but pops its frame
 * from the stack, so the stack is usable by definition and it takes the
 * ordinary call path.
 */
#include <afterburn/x86.h>
#include "vmm/vmm.h"

static uintptr_t nostack_site[AB_NOSTACK_SLOTS];
static unsigned int nostack_nr;

bool ab_vmm_uses_nostack(unsigned int kind)
{
	return (afterburn_kind_flags(kind) & AB_F_NOSTACK) &&
	       kind != AB_KIND_IRET;
}

static void write_tramp(uint8_t *t, uintptr_t site)
{
	uintptr_t at = (uintptr_t)t;

	t[0] = 0x48; t[1] = 0x89; t[2] = 0x25;		/* mov %rsp, rsp(%rip) */
	ab_put32(t + 3, (uintptr_t)&ab_nostack_rsp - (at + 7));
	t[7] = 0x48; t[8] = 0x8d; t[9] = 0x25;		/* lea top(%rip), %rsp */
	ab_put32(t + 10, (uintptr_t)ab_nostack_stack_top - (at + 14));
	t[14] = 0x68;					/* push $site */
	ab_put32(t + 15, (uint32_t)site);
	/* jmp entry: the pool and the entry are in the same text */
	ab_rel32(t + 19, AB_OP_JMP_REL32, at + 19,
		 (uintptr_t)afterburn_vmm_nostack_entry);
}

int afterburn_vmm_prepare_nostack(const struct afterburn_image *img)
{
	const uint8_t *p = img->table, *end = img->table_end;
	uint8_t *pool = (uint8_t *)afterburn_vmm_tramp_pool;

	nostack_nr = 0;
	for (; p + AFTERBURN_RECORD_SIZE <= end; p += AFTERBURN_RECORD_SIZE) {
		const struct afterburn_site *s = (const void *)p;
		uintptr_t a;

		if (s->kind == AB_KIND_HEADER || !ab_vmm_uses_nostack(s->kind) ||
		    afterburn_site_mode(s) != AB_MODE_64)
			continue;
		a = afterburn_site_addr(s);
		if ((intptr_t)a != (int32_t)a)
			return -1;	/* push imm32 cannot name it */
		if (nostack_nr == AB_NOSTACK_SLOTS)
			return -1;	/* the rewrite refuses: pool full */
		write_tramp(pool + nostack_nr * AB_NOSTACK_TRAMP, a);
		nostack_site[nostack_nr++] = a;
	}
	return nostack_nr;
}

uintptr_t afterburn_vmm_nostack_tramp(uintptr_t addr)
{
	unsigned int i;

	for (i = 0; i < nostack_nr; i++)
		if (nostack_site[i] == addr)
			return (uintptr_t)afterburn_vmm_tramp_pool +
			       i * AB_NOSTACK_TRAMP;
	return 0;
}

bool afterburn_vmm_in_stub(uintptr_t rip)
{
	return (rip >= (uintptr_t)afterburn_vmm_stub_begin &&
		rip < (uintptr_t)afterburn_vmm_stub_end) ||
	       (rip >= (uintptr_t)afterburn_vmm_nostack_entry &&
		rip < (uintptr_t)afterburn_vmm_nostack_end) ||
	       (rip >= (uintptr_t)afterburn_vmm_tramp_pool &&
		rip < (uintptr_t)afterburn_vmm_tramp_pool_end) ||
	       (rip >= (uintptr_t)afterburn_live_pool &&
		rip < (uintptr_t)afterburn_live_pool_end);
}
