/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * PVH boot entry for test guests.  QEMU's -kernel (and Xen) find the
 * XEN_ELFNOTE_PHYS32_ENTRY note and enter here in 32-bit protected mode,
 * paging off, interrupts off, %ebx = physical address of hvm_start_info
 * (Xen's docs/misc/pvh.pandoc).  We go to long mode with the low 4 GiB
 * identity-mapped (2 MiB pages, read/write/execute so the runtime can patch
 * text), clear .bss, and call afterburn_pvh_main(start_info) on our stack.
 *
 * This file is assembled with marking off like the rest of the runtime:
 * the privileged instructions here run before any runtime exists.
 */
#include <xen/elfnote.h>

#define X86_CR0_PE	0x00000001
#define X86_CR0_PG	0x80000000
#define X86_CR4_PAE	0x00000020
#define MSR_EFER	0xc0000080
#define EFER_LME	0x00000100
#define PTE_P_RW	0x003
#define PTE_P_RW_PS	0x083
#define BOOT_CS64	0x08
#define BOOT_DS		0x10
#define BOOT_STACK	16384

	.pushsection .note.Xen, "a", @note
	.balign 4
	.long 2f - 1f			/* namesz */
	.long 4f - 3f			/* descsz */
	.long XEN_ELFNOTE_PHYS32_ENTRY
1:	.asciz "Xen"
2:	.balign 4
3:	.quad afterburn_pvh_start	/* linked at its physical address */
4:	.balign 4
	.popsection

	.section .text.boot, "ax"
	.code32
	.globl afterburn_pvh_start
	.type afterburn_pvh_start, @function
afterburn_pvh_start:
	cli
	cld
	movl %ebx, %esi			/* keep start_info across the setup */

	/* .bss first: the page tables and the stack live there. */
	movl $__bss_start, %edi
	movl $__bss_end, %ecx
	subl %edi, %ecx
	shrl $2, %ecx
	xorl %eax, %eax
	rep stosl

	/* PML4[0] -> PDPT; PDPT[0..3] -> 4 page directories of 2 MiB pages. */
	movl $(ab_boot_pdpt + PTE_P_RW), ab_boot_pml4
	movl $ab_boot_pdpt, %edi
	movl $(ab_boot_pd + PTE_P_RW), %eax
	movl $4, %ecx
1:	movl %eax, (%edi)
	addl $4096, %eax
	addl $8, %edi
	loop 1b
	movl $ab_boot_pd, %edi
	movl $PTE_P_RW_PS, %eax
	xorl %edx, %edx			/* high dword: frame bits 32+ */
	movl $2048, %ecx
2:	movl %eax, (%edi)
	movl %edx, 4(%edi)
	addl $0x200000, %eax
	adcl $0, %edx
	addl $8, %edi
	loop 2b

	lgdt ab_boot_gdt_desc
	movl %cr4, %eax
	orl $X86_CR4_PAE, %eax
	movl %eax, %cr4
	movl $ab_boot_pml4, %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	rdmsr
	orl $EFER_LME, %eax
	wrmsr
	movl %cr0, %eax
	orl $(X86_CR0_PG | X86_CR0_PE), %eax
	movl %eax, %cr0
	ljmp $BOOT_CS64, $3f

	.code64
3:	movl $BOOT_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	xorl %eax, %eax
	movl %eax, %fs
	movl %eax, %gs
	leaq ab_boot_stack + BOOT_STACK(%rip), %rsp
	xorl %ebp, %ebp
	movl %esi, %edi			/* afterburn_pvh_main(start_info) */
	call afterburn_pvh_main
4:	cli
	hlt
	jmp 4b
	.size afterburn_pvh_start, . - afterburn_pvh_start

	.section .rodata
	.balign 8
ab_boot_gdt:
	.quad 0				/* null */
	.quad 0x00af9a000000ffff	/* 0x08: 64-bit code, DPL 0 */
	.quad 0x00cf92000000ffff	/* 0x10: flat data, DPL 0 */
ab_boot_gdt_end:
	.balign 8
ab_boot_gdt_desc:
	.word ab_boot_gdt_end - ab_boot_gdt - 1
	.long ab_boot_gdt

	.section .bss
	.balign 4096
ab_boot_pml4:	.skip 4096
ab_boot_pdpt:	.skip 4096
ab_boot_pd:	.skip 4 * 4096
	.balign 16
	.globl ab_boot_stack, ab_boot_stack_top	/* xenpv.S's too: one boot per image */
ab_boot_stack:	.skip BOOT_STACK
ab_boot_stack_top:

	.section .note.GNU-stack, "", @progbits
