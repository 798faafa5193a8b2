/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The entry of the sites the Xen backend rewrites (platform.c's switch:
 * in/out/ins/outs, cpuid): each is `call ab_xen_entry' (5 bytes) followed
 * by the core's NOP fill.
 *
 * Their handlers never move %rsp or %rip, so this is simpler than the
 * VMM's general entry: save RFLAGS and the GPRs as a struct afterburn_frame
 * on the guest's stack (guests are -mno-red-zone; frame->rip is the return
 * address the call pushed), mask interrupts while the handler runs (the
 * device models are not reentrant, and the guest's IF is the real one
 * here), call ab_xen_trap(frame) (io.c), restore -- RFLAGS, and with it
 * IF, exactly as saved -- and return behind the call.
 */
#include "vmm/vmm.h"
#include "vmm/frame-asm.h"

	.text
	.globl	ab_xen_entry
	.type	ab_xen_entry, @function
	.p2align 4
ab_xen_entry:
	/* Reached by the sites' direct `call', never indirectly: tell objtool
	   its address is taken for that (the kernel's ANNOTATE_NOENDBR). */
	.pushsection .discard.noendbr, ""
	.quad	ab_xen_entry
	.popsection
	AB_FRAME_SAVE mask_irqs=1	/* gpr[4]: not used by the handlers */
	cld
	AB_FRAME_CALL ab_xen_trap
	AB_FRAME_RESTORE
	ret
	.size	ab_xen_entry, . - ab_xen_entry

	.section .note.GNU-stack, "", @progbits
