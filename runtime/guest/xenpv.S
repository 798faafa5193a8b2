/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Xen PV boot entry for test guests, beside the PVH one (pvh.S): the ELF
 * notes Xen's PV domain builder (libxenguest) needs, and the entry it
 * jumps to.
 *
 * The notes (xen/include/public/elfnote.h; what libelf checks:
 * /work/notes/xen-pv-findings.md section 1):
 *   XEN_VERSION "xen-3.0" and LOADER "generic"   required for PV;
 *   GUEST_OS "Afterburn"  anything but "linux": libxl moves a PVH guest's
 *                         ACPI RSDP below 1 MiB only for "linux", so the
 *                         PVH boot stays exactly as without the notes;
 *   ENTRY                 the entry below (e_entry is afterburn-run's).
 * Left out on purpose: VIRT_BASE (0: the builder maps the image at its
 * link address, virtual == guest-physical, as under PVH and natively),
 * HYPERCALL_PAGE (the backend writes its own syscall stubs), and
 * FEATURES and MOD_START_PFN, which the builder also honours for PVH and
 * which would change that boot.  PVH and QEMU read only PHYS32_ENTRY.
 *
 * The builder's state here (tools/libs/guest/xg_dom_x86.c): 64-bit mode
 * at CPL 3 in Xen's guest-kernel mode, %rsi = the VA of struct
 * start_info, %rsp = a boot stack page of the builder's, events masked in
 * vcpu_info, no trap table, no callbacks, Xen's flat selectors.  So
 * nothing privileged may run here (no trap table: a fault kills the
 * domain): clear .bss, take the boot stack, call afterburn_xenpv_main.
 *
 * Assembled with marking off like the rest of the runtime.
 */
#include <xen/elfnote.h>

/* One Xen note: type, then its descriptor between labels 3 and 4. */
.macro XEN_NOTE type
	.balign 4
	.long 2f - 1f			/* namesz */
	.long 4f - 3f			/* descsz */
	.long \type
1:	.asciz "Xen"
2:	.balign 4
3:
.endm

	.pushsection .note.Xen, "a", @note
	XEN_NOTE XEN_ELFNOTE_XEN_VERSION
	.asciz "xen-3.0"
4:	XEN_NOTE XEN_ELFNOTE_LOADER
	.asciz "generic"
4:	XEN_NOTE XEN_ELFNOTE_GUEST_OS
	.asciz "Afterburn"
4:	XEN_NOTE XEN_ELFNOTE_ENTRY
	.quad afterburn_xenpv_start
4:	.balign 4
	.popsection

	.section .text.boot, "ax"
	.code64
	.globl afterburn_xenpv_start
	.type afterburn_xenpv_start, @function
afterburn_xenpv_start:
	cld
	movq %rsi, %rbx			/* start_info, kept across the clear */
	leaq __bss_start(%rip), %rdi
	leaq __bss_end(%rip), %rcx
	subq %rdi, %rcx
	xorl %eax, %eax
	rep stosb
	leaq ab_boot_stack_top(%rip), %rsp	/* pvh.S's: one entry runs per boot */
	xorl %ebp, %ebp
	movq %rbx, %rdi			/* afterburn_xenpv_main(start_info) */
	call afterburn_xenpv_main
	/* Not reached (it stops the domain); a fault here ends it too. */
	ud2
	.size afterburn_xenpv_start, . - afterburn_xenpv_start

	.section .note.GNU-stack, "", @progbits
