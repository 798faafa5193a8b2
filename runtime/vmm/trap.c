// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * C half of the VMM's emulation entries (entry.S, nostack-entry.S): find
 * the site the guest came from, run its handler (afterburn_dispatch asks
 * the backend's switch which), deliver a pending virtual interrupt if the
 * virtual IF allows, and prepare the stub's exit.
 */
#include "vmm/vmm.h"

/* Every entry's core: the site's handler, inside the poison mode. */
static void vmm_handle(struct afterburn_frame *f, const struct afterburn_site *s)
{
	afterburn_poison_in(f, s);
	afterburn_dispatch(f, s);
	afterburn_poison_out(f, s);
}

/* Both entries: the site is known, f->rip is its return address. */
static void vmm_run(struct afterburn_frame *f, const struct afterburn_site *s)
{
	const struct vmm_platform *p = ab_vmm_platform();

	afterburn_vcpu.sti_shadow = 0;
	f->rip = afterburn_site_addr(s) + s->room;
	if (p && p->poll_events)
		p->poll_events();
	vmm_handle(f, s);
}

/*
 * The entry of a backend whose sites need only their handler: no virtual
 * IF to honour, no pending interrupt to deliver, the stub's own `ret'
 * returns past the site (the Xen entries: Xen and the hardware keep the
 * real interrupt state).  f->rip is the site's call's return address.
 */
void afterburn_vmm_call_site(struct afterburn_frame *f)
{
	const struct afterburn_site *s = afterburn_site_of_call(f->rip);

	if (!s)
		afterburn_panic("site entry from 0x%lx: no patched site there",
				(unsigned long)f->rip);
	vmm_handle(f, s);
}

void afterburn_vmm_trap(struct afterburn_frame *f)
{
	const struct afterburn_site *s = afterburn_site_of_call(f->rip);
	uint64_t *slot;

	if (!s)
		afterburn_panic("emulation entry from 0x%lx: no patched site there",
				(unsigned long)f->rip);
	vmm_run(f, s);
	/* sti's one-instruction interrupt shadow (see ab_vmm_sti) */
	if (!afterburn_vcpu.sti_shadow)
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
	const struct afterburn_site *s = afterburn_site_starting_at(f->rip);

	if (!s)
		afterburn_panic("stack-free emulation entry for 0x%lx: no patched site there",
				(unsigned long)f->rip);
	vmm_run(f, s);
	afterburn_vmm_deliver_pending(f);
}
