/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Entry for the sites the Xen backend rewrites (in/out/ins/outs, cpuid):
 * each is `call xen_io_entry' (5 bytes) followed by the core's NOP fill.
 *
 * These never move %rsp or %rip, so this is simpler than the VMM's
 * general entry: save RFLAGS and the GPRs as a struct afterburn_frame on
 * the guest's stack (guests are -mno-red-zone), mask interrupts while the
 * device models run (they are not reentrant, and the guest's IF is the
 * real one here), call xen_io_trap(frame), restore -- RFLAGS, and with it
 * IF, exactly as saved -- and return behind the call.
 */
#include "vmm/vmm.h"
#include "vmm/frame-asm.h"

	.text
	.globl	xen_io_entry
	.type	xen_io_entry, @function
	.p2align 4
xen_io_entry:
	/* frame->rip is the return address the call pushed. */
	pushfq
	cli
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
	push	%rsp			/* gpr[4]: not used for port I/O */
	push	%rbx
	push	%rdx
	push	%rcx
	push	%rax
	cld
	AB_FRAME_CALL xen_io_trap
	AB_FRAME_RESTORE
	ret
	.size	xen_io_entry, . - xen_io_entry

	.section .note.GNU-stack, "", @progbits
