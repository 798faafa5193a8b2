/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Entry stubs for the 32 CPU exception vectors of the guest flavour's
 * native IDT.  Each pushes a dummy error code where the CPU pushes none,
 * then the vector, so afterburn_trap_report() sees one frame layout:
 *	vector, error code, rip, cs, rflags, rsp, ss
 * Exceptions here are fatal: the handler reports and stops the run.
 */
	.section .text, "ax"
	.code64

.macro trap_stub vec
	.balign 16
ab_trap_\vec:
	.if (\vec == 8) || (\vec >= 10 && \vec <= 14) || (\vec == 17) || (\vec == 21) || (\vec == 29) || (\vec == 30)
	.else
	pushq $0
	.endif
	pushq $\vec
	jmp ab_trap_common
.endm

	.globl afterburn_trap_stubs
afterburn_trap_stubs:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	trap_stub \v
	.endr

ab_trap_common:
	movq %rsp, %rdi
	andq $-16, %rsp
	call afterburn_trap_report
1:	cli
	hlt
	jmp 1b

	/* Stub addresses for the IDT, in vector order. */
	.section .rodata
	.balign 8
	.globl afterburn_trap_table
afterburn_trap_table:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad ab_trap_\v
	.endr

	.section .note.GNU-stack, "", @progbits
