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

/* One 24-byte site record for the instruction at \label. */
.macro ab_record label, kind, len, room
	.pushsection .afterburn, "a"
	.long \label - .
	.short \kind
	.byte \len, \room, AB_MODE_64
	.byte 0, 0, 0xff, 0xff, 0xff, 0xff, 0	/* opsize form reg sreg base index scale_seg */
	.long 0, 0				/* imm live */
	.popsection
.endm

	.pushsection .afterburn, "a"
	.balign 4
	.long 0x42465441			/* header: magic */
	.short 0				/* kind 0 */
	.byte 1, 24				/* version, record size */
	.fill 16, 1, 0
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
