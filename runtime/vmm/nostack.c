// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Trampolines for AB_F_NOSTACK sites (see nostack-entry.S).  They are written
 * once, before patching, for every 64-bit NOSTACK site whose kind this VMM
 * sends through the stack-free path; the rewrite hook then only looks them
 * up (it must be pure).  iret is flagged NOSTACK too but pops its frame
 * from the stack, so the stack is usable by definition and it takes the
 * ordinary call path.
 */
#include "vmm/vmm.h"

static uintptr_t nostack_site[AB_NOSTACK_SLOTS];
static unsigned int nostack_nr;

bool afterburn_vmm_uses_nostack(unsigned int kind);
bool afterburn_vmm_uses_nostack(unsigned int kind)
{
	return (afterburn_kind_flags(kind) & AB_F_NOSTACK) &&
	       kind != AB_KIND_IRET;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24;
}

static void write_tramp(uint8_t *t, uintptr_t site)
{
	uintptr_t at = (uintptr_t)t;

	t[0] = 0x48; t[1] = 0x89; t[2] = 0x25;		/* mov %rsp, rsp(%rip) */
	put32(t + 3, (uintptr_t)&ab_nostack_rsp - (at + 7));
	t[7] = 0x48; t[8] = 0x8d; t[9] = 0x25;		/* lea top(%rip), %rsp */
	put32(t + 10, (uintptr_t)ab_nostack_stack_top - (at + 14));
	t[14] = 0x68;					/* push $site */
	put32(t + 15, (uint32_t)site);
	t[19] = 0xe9;					/* jmp entry */
	put32(t + 20, (uintptr_t)afterburn_vmm_nostack_entry - (at + 24));
}

int afterburn_vmm_prepare_nostack(const struct afterburn_image *img)
{
	const uint8_t *p = img->table, *end = img->table_end;
	uint8_t *pool = (uint8_t *)afterburn_vmm_tramp_pool;

	nostack_nr = 0;
	for (; p + AFTERBURN_RECORD_SIZE <= end; p += AFTERBURN_RECORD_SIZE) {
		const struct afterburn_site *s = (const void *)p;
		uintptr_t a;

		if (s->kind == AB_KIND_HEADER || !afterburn_vmm_uses_nostack(s->kind) ||
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
		rip < (uintptr_t)afterburn_vmm_tramp_pool_end);
}
