/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The image's ELF entry point (guest.ld: ENTRY(afterburn_usermode_start)):
 * Linux exec'd the image as an ordinary process (afterburn-run checks it
 * and execs it).  Clear the frame pointer, align the stack and enter C with
 * the initial stack pointer (argc, argv, envp, auxv).
 */
	.text
	.globl	afterburn_usermode_start
	.type	afterburn_usermode_start, @function
afterburn_usermode_start:
	xor	%ebp, %ebp
	mov	%rsp, %rdi
	and	$-16, %rsp
	call	afterburn_usermode_main
	ud2
	.size	afterburn_usermode_start, . - afterburn_usermode_start

	/* rt_sigreturn trampoline for our signal handlers (SA_RESTORER) */
	.globl	afterburn_usermode_sigreturn
	.type	afterburn_usermode_sigreturn, @function
afterburn_usermode_sigreturn:
	mov	$15, %eax
	syscall
	ud2
	.size	afterburn_usermode_sigreturn, . - afterburn_usermode_sigreturn

	.section .note.GNU-stack, "", @progbits
