// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The virtual CPU's state and the rewrite policy shared by non-native
 * backends: what each 64-bit site becomes.
 *
 *  cli          movb $0, afterburn_vcpu.vif(%rip)          7 bytes, inline
 *  mov %crN,%r  mov afterburn_vcpu.cr[N](%rip), %r64       7 bytes, inline
 *  mov %drN,%r  mov afterburn_vcpu.dr[N](%rip), %r64       7 bytes, inline
 *  anything else  call afterburn_vmm_trap_entry            5 bytes
 *
 * The inline forms touch no flags and no other register, so they are
 * exactly the instruction's effect on the virtual CPU.  16/32-bit sites
 * stay native: that code runs before the runtime, in another mode.
 *
 *  NOSTACK kind  jmp rel32 to the site's own trampoline (nostack-entry.S)
 *
 * NOSTACK kinds (swapgs, mov to CR, sysret, sysexit) may run where %rsp is
 * not usable, so they never push: the trampoline saves %rsp in a static,
 * switches to the VMM's stack and names the site with a push there.  iret,
 * also flagged NOSTACK, pops its frame from the stack, so the stack is
 * valid by definition and it takes the ordinary call.
 */
#include "vmm/vmm.h"

struct afterburn_vcpu afterburn_vcpu;
_Static_assert(__builtin_offsetof(struct afterburn_vcpu, vif) == 0 &&
	       __builtin_offsetof(struct afterburn_vcpu, in_vmm) == 1,
	       "entry.S writes vcpu.in_vmm at offset 1");
static const struct vmm_platform *vmm_platform;

void afterburn_vmm_init(const struct vmm_platform *p)
{
	struct afterburn_vcpu *v = &afterburn_vcpu;

	vmm_platform = p;
	ab_memset(v, 0, sizeof(*v));
	/* the state runtime/guest/pvh.S leaves a native guest in */
	v->cr[0] = 0x80000011;		/* PG | ET | PE */
	v->cr[4] = 0x20;		/* PAE */
	v->cr[3] = 0x1000;		/* some page-aligned root */
	v->xcr0 = 1;			/* x87 only */
	v->sreg[1] = AB_VIRT_CS;
	v->sreg[0] = v->sreg[2] = v->sreg[3] = AB_VIRT_DS;
	v->dr[6] = 0xffff0ff0;		/* architectural reset values */
	v->dr[7] = 0x400;
}

bool afterburn_vmm_uses_nostack(unsigned int kind);
const struct vmm_platform *afterburn_vmm_platform(void);
const struct vmm_platform *afterburn_vmm_platform(void)
{
	return vmm_platform;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24;
}

/* REX.W mov m64 -> r64 (8b) with a RIP-relative operand: 7 bytes. */
static void inline_load(uint8_t reg, const void *var, uintptr_t addr,
			struct afterburn_patch *out)
{
	out->bytes[0] = 0x48 | ((reg & 8) ? 0x04 : 0);	/* REX.W (+R) */
	out->bytes[1] = 0x8b;
	out->bytes[2] = 0x05 | ((reg & 7) << 3);		/* mod 00, rm 101 */
	put32(&out->bytes[3], (uintptr_t)var - (addr + 7));
	out->len = 7;
}

int afterburn_vmm_rewrite(const struct afterburn_site *s, uintptr_t addr,
			  struct afterburn_patch *out)
{
	intptr_t rel;

	if (afterburn_site_mode(s) != AB_MODE_64)
		return AB_NATIVE;
	/* A kind no platform rewrites (room 0 in kinds.def): what it does
	   deprivileged is the guest's own business (int3's #BP goes through
	   its IDT; a hidden feature's #UD/#GP reaches its handlers). */
	if (!afterburn_kind_room(s->kind))
		return AB_NATIVE;
	if (s->kind == AB_KIND_CLI && s->room >= 7) {
		out->bytes[0] = 0xc6;	/* movb $0, vif(%rip) */
		out->bytes[1] = 0x05;
		put32(&out->bytes[2], (uintptr_t)&afterburn_vcpu.vif - (addr + 7));
		out->bytes[6] = 0;
		out->len = 7;
		return 0;
	}
	if (s->kind == AB_KIND_MOV_FROM_CR && s->room >= 7 &&
	    s->form == AB_FORM_REG && s->reg < 16 && s->sreg <= 8) {
		inline_load(s->reg, &afterburn_vcpu.cr[s->sreg], addr, out);
		return 0;
	}
	if (s->kind == AB_KIND_MOV_FROM_DR && s->room >= 7 &&
	    s->form == AB_FORM_REG && s->reg < 16 && s->sreg <= 7) {
		inline_load(s->reg, &afterburn_vcpu.dr[s->sreg], addr, out);
		return 0;
	}
	if (s->room < 5)
		return -1;
	if (afterburn_vmm_uses_nostack(s->kind)) {
		uintptr_t t = afterburn_vmm_nostack_tramp(addr);

		if (!t)
			return -1;	/* no trampoline: pool full */
		rel = (intptr_t)t - (intptr_t)(addr + 5);
		if (rel != (int32_t)rel)
			return -1;
		out->bytes[0] = 0xe9;	/* jmp rel32: pushes nothing */
		put32(&out->bytes[1], (uint32_t)rel);
		out->len = 5;
		return 0;
	}
	rel = (intptr_t)afterburn_vmm_trap_entry - (intptr_t)(addr + 5);
	if (rel != (int32_t)rel)
		return -1;	/* stub out of rel32 reach */
	out->bytes[0] = 0xe8;	/* call rel32 */
	put32(&out->bytes[1], (uint32_t)rel);
	out->len = 5;
	return 0;
}
