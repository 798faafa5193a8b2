/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A stand-in for the kernel's startup_64, for check-ld's miniature vmlinux:
 * checks the 64-bit boot protocol hand-over the runtime gives it
 * (Documentation/x86/boot.rst) and reports on COM1, then ends QEMU through
 * isa-debug-exit: status 1 = all good, 3 = a check failed.
 */
	.section .head.text, "ax"
	.code64
	.globl	startup_64
startup_64:
	movq	%rsi, %rbx
	leaq	m_fail_phys(%rip), %rdi
	leaq	startup_64(%rip), %rax		/* running at the physical address */
	shrq	$32, %rax
	jnz	fail
	leaq	m_fail_seg(%rip), %rdi
	movw	%cs, %ax
	cmpw	$0x10, %ax
	jne	fail
	movw	%ds, %ax
	cmpw	$0x18, %ax
	jne	fail
	movw	%ss, %ax
	cmpw	$0x18, %ax
	jne	fail
	leaq	m_fail_if(%rip), %rdi
	pushfq
	popq	%rax
	testl	$0x200, %eax
	jnz	fail
	leaq	m_fail_hdr(%rip), %rdi
	cmpl	$0x53726448, 0x202(%rbx)	/* "HdrS" */
	jne	fail
	cmpw	$0x0200, 0x206(%rbx)		/* version */
	jb	fail
	leaq	m_fail_e820(%rip), %rdi
	cmpb	$2, 0x1e8(%rbx)
	jb	fail
	leaq	m_fail_initrd(%rip), %rdi
	movl	0x218(%rbx), %esi		/* ramdisk_image */
	testl	%esi, %esi
	jz	fail
	cmpl	$0x74696e69, (%rsi)		/* "init" */
	jne	fail
	leaq	m_ok(%rip), %rdi
	call	puts
	movl	0x228(%rbx), %edi		/* the command line */
	call	puts
	leaq	m_nl(%rip), %rdi
	call	puts
	xorl	%eax, %eax
	outl	%eax, $0xf4
	hlt
fail:	call	puts
	movl	$1, %eax
	outl	%eax, $0xf4
	hlt
puts:	movb	(%rdi), %al
	testb	%al, %al
	jz	1f
	movw	$0x3f8, %dx
	outb	%al, %dx
	incq	%rdi
	jmp	puts
1:	ret
m_ok:		.asciz "startup_64: ok: boot_params header, e820, initrd; cmdline: "
m_nl:		.asciz "\n"
m_fail_phys:	.asciz "startup_64: FAIL: not at a physical address\n"
m_fail_seg:	.asciz "startup_64: FAIL: CS/DS/SS not 0x10/0x18\n"
m_fail_if:	.asciz "startup_64: FAIL: interrupts enabled\n"
m_fail_hdr:	.asciz "startup_64: FAIL: boot_params header\n"
m_fail_e820:	.asciz "startup_64: FAIL: fewer than 2 e820 entries\n"
m_fail_initrd:	.asciz "startup_64: FAIL: initrd not where boot_params says\n"
	.section .note.GNU-stack, "", @progbits
