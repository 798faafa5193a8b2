/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A malformed table: a cli site recorded with room 0, less than its own
 * length.  The runtime must refuse it at boot, naming the site address and
 * kind, before guest_main runs.  Assemble without afterburn marking.
 */
	.pushsection .afterburn, "a"
	.balign 4
	.long 0x42465441, 0x18010000		/* header: magic; kind 0, v1, 24 */
	.fill 16, 1, 0
	.long ab_bad_site - .			/* site */
	.short 1				/* kind cli */
	.byte 1, 0, 2				/* insn_len 1, room 0, 64-bit */
	.byte 0, 0, 0xff, 0xff, 0xff, 0xff, 0
	.long 0, 0
	.popsection

	.text
	.globl ab_bad_site
ab_bad_site:
	cli
	ret

	.section .note.GNU-stack, "", @progbits
