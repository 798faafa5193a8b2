// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * C half of the emulation entry (see entry.S): find the site the guest
 * trapped from, emulate it, deliver a pending virtual interrupt if the
 * virtual IF allows, and prepare the stub's exit.
 */
#include "vmm/vmm.h"

const struct vmm_platform *afterburn_vmm_platform(void);

void afterburn_vmm_trap(struct afterburn_frame *f)
{
	struct afterburn_vcpu *v = &afterburn_vcpu;
	const struct vmm_platform *p = afterburn_vmm_platform();
	const struct afterburn_site *s;
	uintptr_t ret = f->rip, site;
	uint64_t *slot;

	v->traps++;
	v->sti_shadow = 0;
	s = afterburn_site_at(ret - 5);
	site = s ? afterburn_site_addr(s) : 0;
	if (!s || site + 5 != ret)
		afterburn_panic("emulation entry from 0x%lx: no patched site there",
				(unsigned long)ret);
	f->rip = site + s->room;
	if (p && p->poll_events)
		p->poll_events();
	afterburn_vmm_emulate(f, s);
	/* sti's one-instruction interrupt shadow (see emulate.c) */
	if (!v->sti_shadow)
		afterburn_vmm_deliver_pending(f);

	/* The stub loads %rsp = slot and returns through it. */
	slot = (uint64_t *)(uintptr_t)f->gpr[R_SP] - 1;
	*slot = f->rip;
	f->rip = (uintptr_t)slot;
}

/* The stack-free path (nostack-entry.S): frame->rip is the site address itself,
   and the exit reloads %rsp and %rip from the frame without a stack slot. */
void afterburn_vmm_trap_nostack(struct afterburn_frame *f)
{
	struct afterburn_vcpu *v = &afterburn_vcpu;
	const struct vmm_platform *p = afterburn_vmm_platform();
	const struct afterburn_site *s = afterburn_site_at(f->rip);

	v->traps++;
	v->sti_shadow = 0;
	if (!s || afterburn_site_addr(s) != f->rip)
		afterburn_panic("stack-free emulation entry for 0x%lx: no patched site there",
				(unsigned long)f->rip);
	f->rip += s->room;
	if (p && p->poll_events)
		p->poll_events();
	afterburn_vmm_emulate(f, s);
	afterburn_vmm_deliver_pending(f);
}
