/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Stack-free emulation entry for AB_F_NOSTACK kinds (swapgs, mov to CR,
 * sysret, sysexit): such sites may run where %rsp points at nothing usable
 * (Linux's entry code before it switches stacks), so they must not `call'.
 * The site becomes `jmp rel32' to its own 24-byte trampoline (nostack.c
 * writes them into afterburn_vmm_tramp_pool, inside the image's text):
 *
 *	mov  %rsp, ab_nostack_rsp(%rip)		guest %rsp, whatever it is
 *	lea  ab_nostack_stack_top(%rip), %rsp	the VMM's own stack
 *	push $SITE				which site (sign-extended imm32)
 *	jmp  afterburn_vmm_nostack_entry
 *
 * None of these touch the flags.  The entry saves the frame on the VMM
 * stack, emulates, and resumes with `mov ab_nostack_rsp, %rsp; jmp
 * *ab_nostack_rip': nothing is ever written to the guest's stack (unless
 * emulation itself delivers a virtual interrupt, which needs one, as on
 * hardware).  The statics make this path non-reentrant; async events
 * defer while %rip is in the stub range or a trampoline (usermode.c).
 */
#include "vmm/vmm.h"
#include "vmm/frame-asm.h"

	.section .text.afterburn_vmm_pool, "ax"
	.globl	afterburn_vmm_tramp_pool, afterburn_vmm_tramp_pool_end
	.p2align 4
afterburn_vmm_tramp_pool:
	.fill	AB_NOSTACK_SLOTS * AB_NOSTACK_TRAMP, 1, 0xcc
afterburn_vmm_tramp_pool_end:

	.text
	.globl	afterburn_vmm_nostack_entry
	.type	afterburn_vmm_nostack_entry, @function
	.p2align 4
afterburn_vmm_nostack_entry:
	/* [%rsp] = site address: becomes frame->rip */
	AB_FRAME_SAVE
	mov	ab_nostack_rsp(%rip), %rax
	mov	%rax, 4*8(%rsp)
	cld
	movb	$1, afterburn_vcpu+1(%rip)	/* vcpu.in_vmm */
	AB_FRAME_CALL afterburn_vmm_trap_nostack
	movb	$0, afterburn_vcpu+1(%rip)
	mov	17*8(%rsp), %rax
	mov	%rax, ab_nostack_rip(%rip)
	mov	4*8(%rsp), %rax
	mov	%rax, ab_nostack_rsp(%rip)
	AB_FRAME_RESTORE
	mov	ab_nostack_rsp(%rip), %rsp
	jmp	*ab_nostack_rip(%rip)
	.size	afterburn_vmm_nostack_entry, . - afterburn_vmm_nostack_entry
	.globl	afterburn_vmm_nostack_end
afterburn_vmm_nostack_end:

	.bss
	.p2align 4
	.globl	ab_nostack_rsp, ab_nostack_stack_top
ab_nostack_rsp:	.quad 0
ab_nostack_rip:	.quad 0
	.p2align 4
ab_nostack_stack:
	.skip	16384
ab_nostack_stack_top:

	.section .note.GNU-stack, "", @progbits
