/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Hand-written .afterburn records (table.h format) for three real sites,
 * so the boot test sees a non-empty table whatever assembler built it.
 * Assemble WITHOUT afterburn marking (plain as, or --afterburn=off), or
 * gas would record these instructions a second time.
 */
#define AB_KIND_CLI	1
#define AB_KIND_STI	2
#define AB_KIND_CPUID	34
#define AB_MODE_64	2

/* One 32-byte site record (format AB_TABLE_VERSION) for the instruction at
   \label, in the section objects carry the table in (table.h). */
.macro ab_record label, kind, len, room
	.pushsection .discard.afterburn, "a"
	.long \label - .
	.byte \kind, 0, \len, \room		/* kind member insn_len room */
	.byte 0, AB_MODE_64, 0, 0		/* insn_off flags xflags opsize */
	.byte 0, 0xff, 0xff, 0xff, 0xff, 0x70, 0, 0	/* form reg sreg base index scale_seg */
	.long 0, 0, 0				/* imm live known */
	.popsection
.endm

	.pushsection .discard.afterburn, "a"
	.balign 4
	.long 0x42465441			/* header: magic */
	.byte 0, 0				/* kind 0 */
	.byte AB_TABLE_VERSION, 32		/* version (check-runtime-boot: table.h's), record size */
	.fill 24, 1, 0
	.popsection

	.text
	.globl ab_fixture_sites
ab_fixture_sites:
1:	cli
	.byte 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00	/* 6-byte NOP: room 7 */
	ab_record 1b, AB_KIND_CLI, 1, 7
2:	sti
	.byte 0x0f, 0x1f, 0x40, 0x00			/* 4-byte NOP: room 5 */
	ab_record 2b, AB_KIND_STI, 1, 5
	push %rbx
3:	cpuid
	.byte 0x0f, 0x1f, 0x00				/* 3-byte NOP: room 5 */
	ab_record 3b, AB_KIND_CPUID, 2, 5
	pop %rbx
	ret

	.section .note.GNU-stack, "", @progbits
