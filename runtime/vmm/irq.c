// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Virtual interrupt delivery through the guest's own IDT (as loaded by its
 * emulated lidt): build the 64-bit interrupt frame on the guest stack
 * exactly as the CPU does (align %rsp to 16, push SS, RSP, RFLAGS, CS,
 * RIP), clear the virtual IF for an interrupt gate, continue at the gate's
 * handler.  The handler's iretq is a site and returns through iret
 * emulation.
 */
#include "vmm/vmm.h"
#include "devices/devices.h"

struct idt_gate64 {
	uint16_t off_lo, sel;
	uint8_t ist, type;
	uint16_t off_mid;
	uint32_t off_hi, zero;
} __attribute__((packed));

uint64_t afterburn_vmm_guest_flags(const struct afterburn_frame *f)
{
	return (f->rflags & (AB_GUEST_FLAGS | AB_GUEST_TF)) | 0x2 |
	       (afterburn_vcpu.vif ? X86_EFLAGS_IF : 0);
}

void afterburn_vmm_set_guest_flags(struct afterburn_frame *f, uint64_t fl)
{
	f->rflags = (f->rflags & ~(uint64_t)AB_GUEST_FLAGS) |
		    (fl & AB_GUEST_FLAGS);
	afterburn_vcpu.vif = !!(fl & X86_EFLAGS_IF);
}

bool afterburn_vmm_irq_deliverable(void)
{
	return afterburn_vcpu.vif && ab_pic_has_pending();
}

void afterburn_vmm_deliver(struct afterburn_frame *f, unsigned int vector)
{
	struct afterburn_vcpu *v = &afterburn_vcpu;
	const struct idt_gate64 *g;
	uint64_t *sp, handler;

	if ((uint32_t)vector * 16 + 15 > v->idtr.limit || !v->idtr.base)
		afterburn_panic("virtual interrupt %u at rip 0x%lx: beyond the guest IDT (limit %x)",
				vector, (unsigned long)f->rip, v->idtr.limit);
	g = (const struct idt_gate64 *)(uintptr_t)(v->idtr.base + vector * 16);
	if (!(g->type & 0x80) || ((g->type & 0x0e) != 0x0e))
		afterburn_panic("virtual interrupt %u at rip 0x%lx: gate not present (type %x)",
				vector, (unsigned long)f->rip, g->type);
	handler = g->off_lo | ((uint64_t)g->off_mid << 16) |
		  ((uint64_t)g->off_hi << 32);
	sp = (uint64_t *)(uintptr_t)(f->gpr[R_SP] & ~15ull);
	*--sp = AB_VIRT_DS;			/* SS */
	*--sp = f->gpr[R_SP];			/* RSP */
	*--sp = afterburn_vmm_guest_flags(f);	/* RFLAGS with the virtual IF */
	*--sp = AB_VIRT_CS;			/* CS */
	*--sp = f->rip;				/* RIP */
	f->gpr[R_SP] = (uintptr_t)sp;
	f->rip = handler;
	f->rflags &= ~(uint64_t)AB_GUEST_TF;
	if (!(g->type & 1))			/* interrupt gate, not trap gate */
		v->vif = 0;
}

void afterburn_vmm_deliver_pending(struct afterburn_frame *f)
{
	if (afterburn_vmm_irq_deliverable())
		afterburn_vmm_deliver(f, ab_pic_ack());
}
