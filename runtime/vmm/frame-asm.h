/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * struct afterburn_frame on the stack, for the emulation entry stubs
 * (runtime/vmm/entry.S, nostack-entry.S, backends/xen/entry.S): one
 * definition of the save order, so the frame layout in vmm.h has exactly
 * one assembly counterpart.  Include from .S files only.
 *
 * AB_FRAME_SAVE pushes RFLAGS then the 16 GPRs in reverse hardware order,
 * leaving %rsp = &frame->gpr[0] (gpr[4], the guest %rsp, is a placeholder
 * the stub fills in).  With mask_irqs=1 it also clears the real IF right
 * after saving RFLAGS (AB_FRAME_RESTORE's popfq restores it as it was).
 * AB_FRAME_RESTORE undoes it, skipping gpr[4]: each stub switches %rsp
 * itself.  AB_FRAME_CALL calls FN(frame) on a 16-byte aligned stack and
 * comes back with %rsp = frame (%rbx is saved in it).
 */
#ifndef AFTERBURN_VMM_FRAME_ASM_H
#define AFTERBURN_VMM_FRAME_ASM_H

.macro AB_FRAME_SAVE mask_irqs=0
	pushfq
	.if \mask_irqs
	cli
	.endif
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
.endm

.macro AB_FRAME_CALL fn
	mov	%rsp, %rdi
	mov	%rsp, %rbx
	and	$-16, %rsp
	call	\fn
	mov	%rbx, %rsp
.endm

.macro AB_FRAME_RESTORE
	pop	%rax
	pop	%rcx
	pop	%rdx
	pop	%rbx
	lea	8(%rsp), %rsp		/* gpr[4]: the stub sets %rsp itself */
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
.endm

#endif /* AFTERBURN_VMM_FRAME_ASM_H */
