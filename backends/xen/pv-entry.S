/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The entry of the sites the PV backend rewrites (pv.c's switch,
 * policy-pv.def): `call ab_xen_pv_entry' plus the core's NOP fill.
 *
 * entry.S's PVH entry, minus `cli': under PV the guest kernel runs at CPL
 * 3, where cli faults.  Nothing needs masking yet: events stay masked in
 * vcpu_info from the builder on (no callback is registered), so nothing
 * can interrupt the device models.  Once events are delivered, masking
 * here becomes a store to vcpu_info's evtchn_upcall_mask.  No live stubs
 * either (theirs have cli/sti): every site takes this generic entry.
 */
#include "vmm/vmm.h"
#include "vmm/frame-asm.h"

	.text
	.globl	ab_xen_pv_entry
	.type	ab_xen_pv_entry, @function
	.p2align 4
ab_xen_pv_entry:
	/* Reached by the sites' direct `call' only (ANNOTATE_NOENDBR). */
	.pushsection .discard.noendbr, ""
	.quad	ab_xen_pv_entry
	.popsection
	AB_FRAME_SAVE			/* gpr[4]: not used by the handlers */
	cld
	AB_FRAME_CALL afterburn_vmm_call_site	/* no window to plant under PV */
	AB_FRAME_RESTORE
	ret
	.size	ab_xen_pv_entry, . - ab_xen_pv_entry

	.section .note.GNU-stack, "", @progbits
