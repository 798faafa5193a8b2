// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * What each 64-bit site becomes under the in-place VMM, and which handler
 * (emulate.c) runs it: the one switch, used at patch time for the bytes
 * and by the entries (trap.c, through afterburn_dispatch) for the handler.
 *
 *  cli            movb $0, afterburn_vcpu.vif(%rip)        7 bytes, inline
 *  mov %crN,%r    mov afterburn_vcpu.cr[N](%rip), %r64     7 bytes, inline
 *  mov %drN,%r    mov afterburn_vcpu.dr[N](%rip), %r64     7 bytes, inline
 *  NOSTACK kind   jmp rel32 to the site's own trampoline   5 bytes
 *  anything else  call its live stub (livestub.c), or       5 bytes
 *                 afterburn_vmm_trap_entry
 *  a UART byte    in/out whose port the record names (an immediate, or a
 *                 known %dx): ab_vmm_uart_io, the model directly
 *  room-0 kind    native: no platform rewrites it (kinds.def); int3's #BP
 *                 reaches the guest's IDT, a hidden feature's #UD or #GP
 *                 the guest's handler, as on hardware
 *
 * The inline forms touch no flags and no other register, so they are
 * exactly the instruction's effect on the virtual CPU.  16/32-bit sites
 * stay native: that code runs before the runtime, in another mode.
 *
 * NOSTACK kinds (swapgs, mov to CR, sysret, sysexit) may run where %rsp is
 * not usable, so they never push: the trampoline saves %rsp in a static,
 * switches to the VMM's stack and names the site with a push there
 * (nostack-entry.S).  iret, also flagged NOSTACK, pops its frame from the
 * stack, so the stack is valid by definition and it takes the ordinary
 * call (ab_vmm_uses_nostack).
 */
#include <afterburn/x86.h>
#include "vmm/vmm.h"

/*
 * The entry for site s: the stack-free trampoline, or a call to the live
 * stub of its masks (livestub.c) or, without one, the generic entry.
 * popf and iret may set TF: their stubs restore RFLAGS whole.
 */
static int vmm_enter(struct afterburn_plan *p, const struct afterburn_site *s,
		     uintptr_t addr, afterburn_handler_t *h)
{
	uintptr_t t;

	if (!ab_vmm_uses_nostack(s->kind)) {
		t = afterburn_live_stub(s, ab_vmm_live_common,
					s->kind == AB_KIND_POPF ||
					s->kind == AB_KIND_IRET ? AB_STUB_POPF : 0);
		if (t)
			return afterburn_plan_call(p, s, addr, (void (*)(void))t, h);
		return afterburn_plan_call(p, s, addr, afterburn_vmm_trap_entry, h);
	}
	t = afterburn_vmm_nostack_tramp(addr);
	if (!t)
		return -1;	/* no trampoline: pool full */
	return afterburn_plan_jmp(p, s, addr, t, h);
}

/* movb $0, afterburn_vcpu.vif(%rip): 7 bytes. */
static int vmm_inline_cli(struct afterburn_plan *p, uintptr_t addr)
{
	uint8_t *b = p->patch.bytes;

	b[0] = 0xc6;
	b[1] = 0x05;
	ab_put32(&b[2], (uintptr_t)&afterburn_vcpu.vif - (addr + 7));
	b[6] = 0;
	p->patch.len = 7;
	return 0;
}

/* REX.W mov m64 -> r64 (8b) with a RIP-relative operand: 7 bytes. */
static int vmm_inline_load(struct afterburn_plan *p, uint8_t reg,
			   const void *var, uintptr_t addr)
{
	uint8_t *b = p->patch.bytes;

	b[0] = 0x48 | ((reg & 8) ? 0x04 : 0);	/* REX.W (+R) */
	b[1] = 0x8b;
	b[2] = 0x05 | ((reg & 7) << 3);		/* mod 00, rm 101 */
	ab_put32(&b[3], (uintptr_t)var - (addr + 7));
	p->patch.len = 7;
	return 0;
}

/* A register load of virtual register N (of nr) fits inline. */
static bool vmm_can_inline_load(const struct afterburn_site *s,
				unsigned int nr)
{
	return s->room >= 7 && s->form == AB_FORM_REG && s->reg < 16 &&
	       s->sreg < nr;
}

int afterburn_vmm_site(const struct afterburn_site *s, uintptr_t addr,
		       struct afterburn_plan *p)
{
	struct afterburn_vcpu *v = &afterburn_vcpu;

	if (afterburn_site_mode(s) != AB_MODE_64 || !afterburn_kind_room(s->kind))
		return AB_NATIVE;
	if (afterburn_kind_flags(s->kind) & AB_F_IO)	/* in out ins outs */
		return vmm_enter(p, s, addr, ab_io_uart_site(s) ?
				 ab_vmm_uart_io : ab_vmm_port_io);

	switch (s->kind) {
	case AB_KIND_CLI:
		if (s->room >= 7)
			return vmm_inline_cli(p, addr);
		return vmm_enter(p, s, addr, ab_vmm_cli);
	case AB_KIND_STI:		return vmm_enter(p, s, addr, ab_vmm_sti);
	case AB_KIND_PUSHF:		return vmm_enter(p, s, addr, ab_vmm_pushf);
	case AB_KIND_POPF:		return vmm_enter(p, s, addr, ab_vmm_popf);
	case AB_KIND_HLT:		return vmm_enter(p, s, addr, ab_vmm_hlt);
	case AB_KIND_MWAIT:
	case AB_KIND_MWAITX:		return vmm_enter(p, s, addr, ab_vmm_mwait);

	case AB_KIND_MOV_FROM_CR:
		if (vmm_can_inline_load(s, AB_ARRAY_SIZE(v->cr)))
			return vmm_inline_load(p, s->reg, &v->cr[s->sreg], addr);
		return vmm_enter(p, s, addr, ab_vmm_mov_from_cr);
	case AB_KIND_MOV_TO_CR:		return vmm_enter(p, s, addr, ab_vmm_mov_to_cr);
	case AB_KIND_MOV_FROM_DR:
		if (vmm_can_inline_load(s, AB_ARRAY_SIZE(v->dr)))
			return vmm_inline_load(p, s->reg, &v->dr[s->sreg], addr);
		return vmm_enter(p, s, addr, ab_vmm_mov_from_dr);
	case AB_KIND_MOV_TO_DR:		return vmm_enter(p, s, addr, ab_vmm_mov_to_dr);
	case AB_KIND_LMSW:		return vmm_enter(p, s, addr, ab_vmm_lmsw);
	case AB_KIND_SMSW:		return vmm_enter(p, s, addr, ab_vmm_smsw);
	case AB_KIND_CLTS:		return vmm_enter(p, s, addr, ab_vmm_clts);
	case AB_KIND_XSETBV:		return vmm_enter(p, s, addr, ab_vmm_xsetbv);
	case AB_KIND_XGETBV:		return vmm_enter(p, s, addr, ab_vmm_xgetbv);

	case AB_KIND_LGDT:
	case AB_KIND_LIDT:
	case AB_KIND_SGDT:
	case AB_KIND_SIDT:		return vmm_enter(p, s, addr, ab_vmm_dtr);
	case AB_KIND_LLDT:		return vmm_enter(p, s, addr, ab_vmm_lldt);
	case AB_KIND_LTR:		return vmm_enter(p, s, addr, ab_vmm_ltr);
	case AB_KIND_SLDT:		return vmm_enter(p, s, addr, ab_vmm_sldt);
	case AB_KIND_STR:		return vmm_enter(p, s, addr, ab_vmm_str);

	case AB_KIND_INVLPG:
	case AB_KIND_INVPCID:
	case AB_KIND_INVD:
	case AB_KIND_WBINVD:
	case AB_KIND_WBNOINVD:
	case AB_KIND_MONITOR:
	case AB_KIND_MONITORX:		return vmm_enter(p, s, addr, ab_vmm_nothing);

	case AB_KIND_RDMSR:
	case AB_KIND_WRMSR:		return vmm_enter(p, s, addr, ab_vmm_msr);
	case AB_KIND_RDTSC:
	case AB_KIND_RDTSCP:		return vmm_enter(p, s, addr, ab_vmm_rdtsc);
	case AB_KIND_RDPID:		return vmm_enter(p, s, addr, ab_vmm_rdpid);
	case AB_KIND_CPUID:		return vmm_enter(p, s, addr, ab_vmm_cpuid);

	case AB_KIND_SWAPGS:		return vmm_enter(p, s, addr, ab_vmm_swapgs);
	case AB_KIND_RDFSBASE:
	case AB_KIND_RDGSBASE:		return vmm_enter(p, s, addr, ab_vmm_rdbase);
	case AB_KIND_WRFSBASE:
	case AB_KIND_WRGSBASE:		return vmm_enter(p, s, addr, ab_vmm_wrbase);

	case AB_KIND_IRET:		return vmm_enter(p, s, addr, ab_vmm_iret);
	case AB_KIND_INT:		return vmm_enter(p, s, addr, ab_vmm_int);
	case AB_KIND_LRET:		return vmm_enter(p, s, addr, ab_vmm_lret);

	case AB_KIND_MOV_FROM_SREG:	return vmm_enter(p, s, addr, ab_vmm_mov_from_sreg);
	case AB_KIND_MOV_TO_SREG:	return vmm_enter(p, s, addr, ab_vmm_mov_to_sreg);
	case AB_KIND_PUSH_SREG:		return vmm_enter(p, s, addr, ab_vmm_push_sreg);
	case AB_KIND_POP_SREG:		return vmm_enter(p, s, addr, ab_vmm_pop_sreg);

	/*
	 * Everything else (sysret, sysexit, ljmp, lcall, lar, lsl, verr,
	 * verw, far-pointer loads, rdpmc, the hand-marked kinds) has no
	 * meaning this VMM can give it: the site still
	 * becomes an entry, so running it stops the guest naming the site.
	 */
	default:			return vmm_enter(p, s, addr, ab_vmm_unsupported);
	}
}
