/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Entries of the afterburn runtime linked into an unmodified vmlinux.
 *
 *  afterburn_linux_pvh_entry   32-bit, paging off, %ebx = hvm_start_info
 *				(physical).  Named by the PVH ELF note below:
 *				QEMU's -kernel vmlinux and Xen PVH start here.
 *  afterburn_linux_entry64     64-bit, identity-mapped paging, %rsi =
 *				boot_params (physical).  vmlinux's ELF entry
 *				(the ld wrapper passes -e), which is where
 *				the bzImage decompressor jumps.
 *
 * Both build our own page tables (identity map of the low 4 GiB, plus the
 * kernel's high mapping at __START_KERNEL_map, 2 MiB pages), switch to our
 * stack, run afterburn_linux_boot() at the link addresses (the runtime is
 * -mcmodel=kernel C), then enter the kernel's startup_64 at its PHYSICAL
 * address per the 64-bit boot protocol (Documentation/x86/boot.rst):
 * identity map active, our GDT with flat __BOOT_CS 0x10 / __BOOT_DS 0x18,
 * interrupts off, %rsi = boot_params.  startup_64 builds its own tables.
 *
 * Assembled with marking off (runtime/build.mk): these privileged
 * instructions run once, natively, before any platform is chosen.
 */
#include <xen/elfnote.h>

#define START_KERNEL_MAP	0xffffffff80000000
#define PA(x)			((x) - START_KERNEL_MAP)

#define BOOT_CS			0x10
#define BOOT_DS			0x18
#define PTE_P_RW		0x03
#define PTE_P_RW_PS		0x83		/* present, writable, 2 MiB */
#define CR0_PE			0x00000001
#define CR0_PG			0x80000000
#define CR4_PAE			0x00000020
#define CR4_LA57		0x00001000
#define MSR_EFER		0xc0000080
#define EFER_LME		0x00000100

/* Our page-table pages cleared by ab_common64 (ab_pt32 excluded: it may be
 * the live CR3 then). */
#define AB_PT_PAGES		9

#define AB_ENTRY_PVH		1		/* enum afterburn_entry */
#define AB_ENTRY_LINUX		3

/* The PVH entry note (Xen's public elfnote.h).  vmlinux.lds collects
 * .note.* into its PT_NOTE, where QEMU and Xen look for it. */
	.pushsection .note.afterburn.pvh, "a", @note
	.balign 4
	.long	2f - 1f			/* namesz */
	.long	4f - 3f			/* descsz */
	.long	XEN_ELFNOTE_PHYS32_ENTRY
1:	.asciz	"Xen"
2:	.balign 4
3:	.quad	PA(afterburn_linux_pvh_entry)
4:	.balign 4
	.popsection

	.text

/* ---- 32-bit PVH entry: runs at physical addresses, as loaded ------------ */
	.code32
	.globl	afterburn_linux_pvh_entry
	.type	afterburn_linux_pvh_entry, @function
afterburn_linux_pvh_entry:
	cli
	cld
	movl	%ebx, %esi			/* start_info, kept in %esi */

	/* Minimal tables to get into long mode: first 1 GiB identity. */
	movl	$PA(ab_pt32), %edi
	xorl	%eax, %eax
	movl	$(3 * 4096 / 4), %ecx
	rep stosl
	movl	$PA(ab_pt32 + 2 * 4096), %edi	/* PD */
	xorl	%ecx, %ecx
1:	movl	%ecx, %eax
	shll	$21, %eax
	orl	$PTE_P_RW_PS, %eax
	movl	%eax, (%edi, %ecx, 8)
	incl	%ecx
	cmpl	$512, %ecx
	jb	1b
	movl	$PA(ab_pt32 + 2 * 4096 + PTE_P_RW), PA(ab_pt32 + 4096)	/* PDPT[0] */
	movl	$PA(ab_pt32 + 4096 + PTE_P_RW), PA(ab_pt32)		/* PML4[0] */

	lgdt	PA(ab_gdt_desc32)
	movl	%cr4, %eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$PA(ab_pt32), %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$EFER_LME, %eax
	wrmsr
	movl	%cr0, %eax
	orl	$(CR0_PG | CR0_PE), %eax
	movl	%eax, %cr0
	ljmp	$BOOT_CS, $PA(ab_pvh_64)

	.code64
ab_pvh_64:
	movl	$BOOT_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%esi, %esi			/* upper halves undefined after 32->64 */
	movl	$AB_ENTRY_PVH, %edi
	jmp	ab_common64
	.size	afterburn_linux_pvh_entry, . - afterburn_linux_pvh_entry

/* ---- 64-bit entry (vmlinux e_entry; the decompressor's jump) ----------- */
	.globl	afterburn_linux_entry64
	.type	afterburn_linux_entry64, @function
afterburn_linux_entry64:
	cli
	movl	$AB_ENTRY_LINUX, %edi
	/* %rsi = boot_params already */

/*
 * Common 64-bit part, still at physical addresses on an identity map:
 * %edi = entry kind, %rsi = start_info or boot_params.  Only RIP-relative
 * addressing until we jump high: after the decompressor, the image may sit
 * at another physical address than linked (relocatable kernel).
 */
ab_common64:
	cld
	movq	%rdi, %r12			/* callee-saved across the C call */
	movq	%rsi, %r13
	leaq	startup_64(%rip), %r14		/* kernel entry, physical */
	leaq	ab_stack_top(%rip), %rsp	/* physical until CR3 switch */
	/* Our identity map covers the low 4 GiB only: a loader that put the
	 * image higher (KASLR with lots of RAM) is not supported (yet). */
	movq	%rsp, %rax
	shrq	$32, %rax
	jnz	ab_hang

	leaq	ab_pt(%rip), %rdi		/* clear all our tables */
	xorl	%eax, %eax
	movl	$(AB_PT_PAGES * 4096 / 8), %ecx
	rep stosq

	/* Identity map 0..4 GiB: four PDs of 2 MiB pages. */
	leaq	ab_pt_pd_ident(%rip), %rdi
	xorl	%ecx, %ecx
1:	movq	%rcx, %rax
	shlq	$21, %rax
	orq	$PTE_P_RW_PS, %rax
	movq	%rax, (%rdi, %rcx, 8)
	incq	%rcx
	cmpq	$2048, %rcx
	jb	1b
	leaq	ab_pt_pdpt_low(%rip), %rbx
	leaq	PTE_P_RW(%rdi), %rax
	xorl	%ecx, %ecx
2:	movq	%rax, (%rbx, %rcx, 8)
	addq	$4096, %rax
	incq	%rcx
	cmpq	$4, %rcx
	jb	2b

	/*
	 * High map: the 1 GiB window at __START_KERNEL_map holding the kernel
	 * (KERNEL_IMAGE_SIZE <= 1 GiB), mapped so that virt(_text), as the
	 * image was linked or relocated, lands on phys(_text), where it was
	 * loaded.  Entries that would map below physical 0 stay empty.
	 */
	leaq	_text(%rip), %rax		/* physical */
	movq	$_text, %rdx			/* virtual (relocated if KASLR) */
	movabsq	$START_KERNEL_MAP, %rcx
	subq	%rcx, %rdx
	subq	%rdx, %rax			/* physical of START_KERNEL_MAP */
	testq	$0x1fffff, %rax			/* startup_64 insists on 2 MiB */
	jnz	ab_hang
	leaq	ab_pt_pd_high(%rip), %rdi
	xorl	%ecx, %ecx
3:	movq	%rcx, %rdx
	shlq	$21, %rdx
	addq	%rax, %rdx
	js	4f
	orq	$PTE_P_RW_PS, %rdx
	movq	%rdx, (%rdi, %rcx, 8)
4:	incq	%rcx
	cmpq	$512, %rcx
	jb	3b
	leaq	ab_pt_pdpt_high(%rip), %rbx
	leaq	PTE_P_RW(%rdi), %rax
	movq	%rax, 510 * 8(%rbx)		/* 0xffffffff80000000 >> 30 & 511 */

	leaq	ab_pt_pml4(%rip), %rbx
	leaq	ab_pt_pdpt_low + PTE_P_RW(%rip), %rax
	movq	%rax, (%rbx)
	leaq	ab_pt_pdpt_high + PTE_P_RW(%rip), %rax
	movq	%rax, 511 * 8(%rbx)
	/* A loader may have left 5-level paging on (CR4.LA57 cannot change
	 * while paging is on): then CR3 names a PML5 with both halves -> PML4. */
	movq	%cr4, %rax
	testl	$CR4_LA57, %eax
	jz	5f
	leaq	ab_pt_pml5(%rip), %rdx
	leaq	PTE_P_RW(%rbx), %rax
	movq	%rax, (%rdx)
	movq	%rax, 511 * 8(%rdx)
	movq	%rdx, %rbx
5:	movq	%rbx, %cr3

	/* Our GDT, at wherever we are loaded: descriptor built at run time. */
	leaq	ab_gdt(%rip), %rax
	leaq	ab_gdt_desc64(%rip), %rdx
	movw	$(ab_gdt_end - ab_gdt - 1), (%rdx)
	movq	%rax, 2(%rdx)
	lgdt	(%rdx)
	leaq	6f(%rip), %rax
	pushq	$BOOT_CS
	pushq	%rax
	lretq
6:	movl	$BOOT_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs

	/* Up to the link (virtual) addresses, onto our stack there. */
	movq	$ab_high, %rax
	jmp	*%rax
ab_high:
	movq	$ab_stack_top, %rsp
	xorl	%ebp, %ebp
	movl	%r12d, %edi
	movq	%r13, %rsi
	call	afterburn_linux_boot		/* returns boot_params, physical */

	/* Into the kernel: physical startup_64, identity map still active. */
	movq	%rax, %rsi
	xorl	%ebp, %ebp
	jmp	*%r14

ab_hang:
	hlt
	jmp	ab_hang
	.size	afterburn_linux_entry64, . - afterburn_linux_entry64

/* ---- data: the GDT (flat, as the boot protocol wants) ------------------ */
	.section .rodata, "a"
	.balign 16
ab_gdt:
	.quad	0
	.quad	0
	.quad	0x00af9a000000ffff		/* 0x10: 64-bit code, DPL 0 */
	.quad	0x00cf92000000ffff		/* 0x18: flat data */
ab_gdt_end:
	.balign 8
ab_gdt_desc32:					/* for the 32-bit entry: as linked */
	.word	ab_gdt_end - ab_gdt - 1
	.long	PA(ab_gdt)

/* ---- page tables and stack: .bss, renamed .afterburn.data when linked
 * into vmlinux (kept out of the kernel's own .bss, which it clears). ---- */
	.bss
	.balign 4096
ab_pt:
ab_pt_pml4:	.skip 4096
ab_pt_pdpt_low:	.skip 4096
ab_pt_pdpt_high: .skip 4096
ab_pt_pd_high:	.skip 4096
ab_pt_pml5:	.skip 4096
ab_pt_pd_ident:	.skip 4 * 4096			/* must stay last: 4 pages */
ab_pt32:	.skip 3 * 4096			/* 32-bit entry's bootstrap set */
ab_stack:	.skip 16384
ab_stack_top:
	.balign 8
ab_gdt_desc64:	.skip 16

	.section .note.GNU-stack, "", @progbits
