/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A malformed table: a cli site recorded with room 0, less than its own
 * length.  The runtime must refuse it at boot, naming the site address and
 * kind, before guest_main runs.  Assemble without afterburn marking.
 */
	.pushsection .discard.afterburn, "a"	/* the objects' name: table.h */
	.balign 4
	.long 0x42465441			/* header: magic */
	.byte 0, 0, AB_TABLE_VERSION, 32	/* kind 0, version (table.h's), record size */
	.fill 24, 1, 0
	.long ab_bad_site - .			/* site */
	.byte 1, 0, 1, 0			/* kind cli, member, insn_len 1, room 0 */
	.byte 0, 2, 0, 0			/* insn_off, 64-bit, xflags, opsize */
	.byte 0, 0xff, 0xff, 0xff, 0xff, 0x70, 0, 0
	.long 0, 0, 0
	.popsection

	.text
	.globl ab_bad_site
ab_bad_site:
	cli
	ret

	.section .note.GNU-stack, "", @progbits
