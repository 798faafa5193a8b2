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
	pushfq
	push	%r15
	push	%r14
	push	%r13
	push	%r12
	push	%r11
	push	%r10
	push	%r9
	push	%r8
	push	%rdi
	push	%rsi
	push	%rbp
	push	%rsp			/* placeholder for gpr[4] */
	push	%rbx
	push	%rdx
	push	%rcx
	push	%rax
	mov	ab_nostack_rsp(%rip), %rax
	mov	%rax, 4*8(%rsp)
	cld
	movb	$1, afterburn_vcpu+1(%rip)	/* vcpu.in_vmm */
	mov	%rsp, %rdi
	mov	%rsp, %rbx
	and	$-16, %rsp
	call	afterburn_vmm_trap_nostack
	mov	%rbx, %rsp
	movb	$0, afterburn_vcpu+1(%rip)
	mov	17*8(%rsp), %rax
	mov	%rax, ab_nostack_rip(%rip)
	mov	4*8(%rsp), %rax
	mov	%rax, ab_nostack_rsp(%rip)
	pop	%rax
	pop	%rcx
	pop	%rdx
	pop	%rbx
	lea	8(%rsp), %rsp
	pop	%rbp
	pop	%rsi
	pop	%rdi
	pop	%r8
	pop	%r9
	pop	%r10
	pop	%r11
	pop	%r12
	pop	%r13
	pop	%r14
	pop	%r15
	popfq
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
