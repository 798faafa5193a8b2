// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The virtual CPU's state, as a freshly booted native guest has it, and
 * the platform hooks of the backend using the VMM.
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

const struct vmm_platform *ab_vmm_platform(void)
{
	return vmm_platform;
}
