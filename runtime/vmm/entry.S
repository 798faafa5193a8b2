/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The emulation entry: every patched site is `call afterburn_vmm_trap_entry'
 * (5 bytes).  The stub
 *  1. steps AB_TRAP_GAP bytes further down the guest stack (lea: no flags
 *     touched), so that emulation can push onto the guest stack (pushf, an
 *     interrupt frame) without overwriting what it is reading;
 *  2. saves RFLAGS (arithmetic flags included) and all 16 GPRs as a
 *     struct afterburn_frame, the return address (site + 5) as frame->rip
 *     and the guest's %rsp at the site as gpr[4];
 *  3. calls afterburn_vmm_trap(frame) with DF clear and a 16-byte aligned
 *     stack; the C side finds the site from frame->rip, emulates it from
 *     the table entry's fields only, maybe delivers a virtual interrupt, and
 *     finally stores the resume RIP just below the guest's new %rsp and
 *     leaves that slot's address in frame->rip;
 *  4. restores GPRs and RFLAGS, loads %rsp from frame->rip and `ret's: one
 *     instruction switches to the guest's new stack, the ret pops the
 *     resume RIP and leaves %rsp exactly where the guest expects it.
 * Nothing is assumed below the guest's %rsp (guests are -mno-red-zone), and
 * no scratch memory outside the stack is used, so the stub is reentrant.
 */
#include "vmm/vmm.h"
#include "vmm/frame-asm.h"

	.text
	.globl	afterburn_vmm_stub_begin, afterburn_vmm_stub_end
	.globl	afterburn_vmm_trap_entry
	.type	afterburn_vmm_trap_entry, @function
	.p2align 4
afterburn_vmm_stub_begin:
afterburn_vmm_trap_entry:
	lea	-(AB_TRAP_GAP + 8)(%rsp), %rsp	/* gap + frame->rip slot */
	AB_FRAME_SAVE
	mov	AB_FRAME_SIZE + AB_TRAP_GAP(%rsp), %rax
	mov	%rax, 17*8(%rsp)		/* frame->rip = return address */
	lea	AB_FRAME_SIZE + AB_TRAP_GAP + 8(%rsp), %rax
	mov	%rax, 4*8(%rsp)			/* gpr[4] = guest %rsp */
	cld
	movb	$1, afterburn_vcpu+1(%rip)	/* vcpu.in_vmm: async events defer */
	AB_FRAME_CALL afterburn_vmm_trap
	movb	$0, afterburn_vcpu+1(%rip)	/* still inside the stub range */
	AB_FRAME_RESTORE
	mov	(%rsp), %rsp			/* new guest %rsp - 8: the resume RIP */
	ret
	.size	afterburn_vmm_trap_entry, . - afterburn_vmm_trap_entry

/*
 * The common half of the live stubs (livestub.c), which build the same
 * frame but save only what the site's masks ask for, then call this: the
 * frame is at 8(%rsp).  It fills frame->rip and gpr[4] as above, calls
 * afterburn_vmm_trap on an aligned stack (%rbp, saved here, keeps the
 * old %rsp) and returns to the stub, which restores and resumes.  It
 * clobbers %rax, %rdi, the flags and what C may: the stub restores what
 * is live.
 */
	.globl	ab_vmm_live_common
	.type	ab_vmm_live_common, @function
ab_vmm_live_common:
	mov	8 + AB_FRAME_SIZE + AB_TRAP_GAP(%rsp), %rax
	mov	%rax, 8 + 17*8(%rsp)		/* frame->rip = return address */
	lea	8 + AB_FRAME_SIZE + AB_TRAP_GAP + 8(%rsp), %rax
	mov	%rax, 8 + 4*8(%rsp)		/* gpr[4] = guest %rsp */
	cld
	movb	$1, afterburn_vcpu+1(%rip)	/* vcpu.in_vmm */
	lea	8(%rsp), %rdi
	push	%rbp
	mov	%rsp, %rbp
	and	$-16, %rsp
	call	afterburn_vmm_trap
	mov	%rbp, %rsp
	pop	%rbp
	movb	$0, afterburn_vcpu+1(%rip)
	ret
	.size	ab_vmm_live_common, . - ab_vmm_live_common
afterburn_vmm_stub_end:

/* The live stubs themselves, written at patch time (livestub.c). */
	.section .text.afterburn_vmm_pool, "ax"
	.globl	afterburn_live_pool, afterburn_live_pool_end
	.p2align 4
afterburn_live_pool:
	/* Sites enter the stubs written here by direct calls only: no ENDBR
	   (the kernel's ANNOTATE_NOENDBR). */
	.pushsection .discard.noendbr, ""
	.quad	afterburn_live_pool
	.popsection
	.fill	AB_LIVE_POOL_BYTES, 1, 0xcc
afterburn_live_pool_end:

	.section .note.GNU-stack, "", @progbits
