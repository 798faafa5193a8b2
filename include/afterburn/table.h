/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The .afterburn table: what the assembler records about each sensitive
 * instruction, and all the runtime ever learns about it (it has no x86
 * decoder).  Included by gas (binutils-afterburn), the runtime, the
 * backends, afterburn-sites and the tests.  Freestanding: <stdint.h> only.
 *
 * Layout.  Each object file's .afterburn section (SHF_ALLOC, alignment 4) is
 * a sequence of fixed-size 32-byte records.  The first record of every
 * object's contribution is a header record (kind 0) naming the format
 * version and record size; the records after it, up to the next header, are
 * sites.  The linker concatenates the per-object sections, so a linked
 * image's table is the same sequence with one header per contributing
 * object; because records are 32 bytes and the section alignment is 4, the
 * linker never inserts gaps.  A reader walks records in order and refuses
 * the table if any header has a foreign magic, version or record size, or
 * if a site record precedes the first header.  Version 3 adds the live
 * registers and known operands (below) in what version 2 reserved, and the
 * liveness analysis' instruction counts in the header; versions 1 (24-byte
 * records) and 2 are refused: nothing reads them any more.
 *
 * Position independence.  A site's address is stored as a 32-bit offset
 * from the address of its own `site' field (an R_X86_64_PC32 relocation in
 * objects), so the table survives relocation and KASLR like Linux's
 * .altinstructions.  Do not move records in memory: use
 * afterburn_site_addr() where the record lives.
 *
 * The room.  A site is the `room' bytes starting at its address: the
 * instruction (insn_len bytes at offset insn_off) and the multi-byte NOPs
 * the assembler put beside it.  The runtime may rewrite the whole room.
 * Padding goes after the instruction (insn_off == 0), except for kinds
 * with an interrupt shadow (AB_F_SHADOW in kinds.def: sti, and mov/pop to
 * %ss), which are padded before it (insn_off == room - insn_len) so the
 * instruction the shadow protects still follows directly (`sti; hlt').
 * A kind that no platform rewrites (ROOM 0 in kinds.def: int3, features
 * every platform hides, ...) is not padded: room == insn_len.  In 16-bit
 * code (.code16, .code16gcc) no site is padded: real-mode code runs before
 * any runtime exists, and boot-sector layouts (.org) leave no space.  The
 * runtime never patches 16- or 32-bit sites while the CPU is in that mode.
 *
 * Families.  Instruction sets no platform emulates one by one (VMX, SVM,
 * TDX, ...) share one kind; `member' says which instruction it is
 * (AB_MEMBER lines of kinds.def, numbered from 1).  Single kinds have
 * member 0.  This keeps kind numbers (< AB_KIND_LIMIT, stored in one byte)
 * for kinds a backend treats differently.
 */
#ifndef AFTERBURN_TABLE_H
#define AFTERBURN_TABLE_H

#include <stdint.h>

/*
 * Section names.  A linked image (vmlinux, a test guest) has .afterburn,
 * .afterburn_src and .afterburn_fill.  Object files have them under the
 * names below: objtool's IBT check (Linux 5.18+) reports every data
 * relocation that names a non-ENDBR instruction, except in sections whose
 * names start with `.discard' (they reference code, but never as indirect
 * branch targets -- true of sites and fill) and a few named ones, so an
 * .afterburn in vmlinux.o drew one warning per site.  The kernel's linker
 * scripts discard .discard.*; the afterburn ld wrapper's scripts
 * (linux-config/ld) take these first and give them their image names.
 * Readers accept both names.
 */
#define AFTERBURN_SECTION	".afterburn"
#define AFTERBURN_OBJ_SECTION	".discard.afterburn"
#define AFTERBURN_MAGIC		0x42465441u	/* "ATFB" little-endian: 'A','T','F','B' */
#define AFTERBURN_VERSION	3
#define AFTERBURN_RECORD_SIZE	32

/* The sensitive kinds, numbered as in kinds.def.  0 marks a header record. */
enum afterburn_kind {
	AB_KIND_HEADER = 0,
#define AB_KIND(id, num, name, cls, room, flags, why) AB_KIND_##id = num,
#include "kinds.def"
	AB_KIND_LIMIT = 128	/* kinds are < AB_KIND_LIMIT */
};

/* Members of family kinds, numbered as in kinds.def (AB_MEMBER_<KIND>_<ID>). */
enum afterburn_member {
	AB_MEMBER_NONE = 0,
#define AB_KIND(id, num, name, cls, room, flags, why) AB_MEMBER_##id##_NONE = 0,
#define AB_MEMBER(kind, id, num, name) AB_MEMBER_##kind##_##id = num,
#include "kinds.def"
	AB_MEMBER_LIMIT = 32	/* members are < AB_MEMBER_LIMIT */
};

/* Catalogue classes and flags used in kinds.def. */
enum afterburn_class { AB_PRIV = 1, AB_SENS, AB_XFER, AB_HAND };
#define AB_F_NONE	0x0
#define AB_F_NOSTACK	0x1	/* may run without a usable stack */
#define AB_F_SHADOW	0x2	/* interrupt shadow: padded before the instruction */
#define AB_F_IO		0x4	/* port I/O (in out ins outs): the one definition
				   of the I/O kind set; the port is imm8 or %dx */

/* Encoding vocabulary used by AB_ENC in kinds.def. */
enum afterburn_space { AB_SP_BASE, AB_SP_0F, AB_SP_0F38, AB_SP_0F3A };
enum afterburn_modrm {
	AB_MR_NONE, AB_MR_ANY, AB_MR_EXT, AB_MR_MEM, AB_MR_REG, AB_MR_ANYMEM,
	AB_MR_BYTE, AB_MR_ANYREG
};
enum afterburn_prefix { AB_PFX_NONE, AB_PFX_66, AB_PFX_F3, AB_PFX_F2, AB_PFX_NP };
enum afterburn_imm { AB_IMM_NONE, AB_IMM_8, AB_IMM_16, AB_IMM_FAR };
#define AB_M_ALL	0x7	/* valid in 16-, 32- and 64-bit code */
#define AB_M_LEGACY	0x3	/* 16- and 32-bit code only */
#define AB_M_64		0x4	/* 64-bit code only */

/* CPU mode of the code the site was assembled in (flags bits 0-1). */
#define AB_MODE_16	0
#define AB_MODE_32	1
#define AB_MODE_64	2
#define AB_MODE_MASK	0x03
#define AB_FL_HAND	0x04	/* marked by `.afterburn mark' or a range */
#define AB_FL_REP	0x08	/* rep/repe prefix (string I/O) */
#define AB_FL_LOCK	0x10	/* lock prefix */
#define AB_FL_ADDR	0x20	/* address-size prefix: 16-bit in 32-bit code, 32-bit in 64-bit code */
#define AB_FL_RANGE	0x40	/* a labelled range, not a single instruction */
#define AB_FL_NOIMM	0x80	/* imm not recorded (0): a displacement `sym - label' whose
				   label lies in another section cannot be expressed in the
				   table; backends must leave such a site native */

/* What the instruction's operand is (form). */
enum afterburn_form {
	AB_FORM_NONE = 0,	/* no explicit operand (cli, cpuid, wrmsr ...) */
	AB_FORM_REG,		/* general register in `reg' */
	AB_FORM_IMM,		/* immediate in `imm' (port, vector, lret pop count) */
	AB_FORM_DX,		/* port in %dx (in/out/ins/outs) */
	AB_FORM_MEM,		/* memory operand: base/index/scale/seg + `imm' as disp32 */
	AB_FORM_FAR,		/* far pointer immediate (ljmp/lcall $sel,$off): imm = offset, sreg = selector is not stored */
};

#define AB_REG_NONE	0xff	/* no register */
#define AB_REG_RIP	0x10	/* RIP-relative base */
/* General registers use the hardware numbering 0-15: rax rcx rdx rbx rsp rbp
   rsi rdi r8-r15.  Segment registers (in `sreg' for sreg kinds) use the
   hardware numbering: es cs ss ds fs gs = 0-5. */
#define AB_SEG_NONE	0x7

struct afterburn_site {
	int32_t  site;		/* start of the room minus the address of this field */
	uint8_t  kind;		/* enum afterburn_kind */
	uint8_t  member;	/* family member (enum afterburn_member), 0 for single kinds */
	uint8_t  insn_len;	/* length of the original instruction */
	uint8_t  room;		/* bytes at the site the runtime may rewrite (>= insn_len) */
	uint8_t  insn_off;	/* offset of the instruction in the room: 0, or
				   room - insn_len for a kind padded before it */
	uint8_t  flags;		/* AB_MODE_* | AB_FL_* */
	uint8_t  xflags;	/* AB_XF_* */
	uint8_t  opsize;	/* operand size in bytes (1, 2, 4, 8, 10 for lgdt ...), 0 if none */
	uint8_t  form;		/* enum afterburn_form */
	uint8_t  reg;		/* general-register operand (0-15) or AB_REG_NONE */
	uint8_t  sreg;		/* special register: CRn/DRn number, segment register, else AB_REG_NONE */
	uint8_t  base;		/* AB_FORM_MEM: base register, AB_REG_RIP or AB_REG_NONE */
	uint8_t  index;		/* AB_FORM_MEM: index register or AB_REG_NONE */
	uint8_t  scale_seg;	/* log2(scale) in bits 0-1 (AB_FORM_MEM), segment-override
				   prefix (AB_SEG_*) in bits 4-6 (any form) */
	uint16_t live_in;	/* GPRs live before the instruction (bit n = GPR n);
				   0 unless `live' has AB_LIVE_VALID */
	int32_t  imm;		/* immediate; AB_FORM_MEM: disp32, except RIP-relative
				   (base == AB_REG_RIP): the operand's address minus
				   the address of this field, like `site' */
	uint32_t live;		/* what is live after the room (AB_LIVE_*); 0 = unknown */
	uint32_t known;		/* AB_XF_KNOWN: the value of the site's operand
				   register (afterburn_known_reg), else 0 */
};

/* Extended flags (xflags). */
#define AB_XF_BYTES	0x01	/* spelled with .byte in the source: the instruction was
				   recognised from its bytes (see AFTERBURN_SRC_SECTION) */
#define AB_XF_KNOWN	0x02	/* `known' holds the operand register's value */
#define AB_XF_MASK	0x03	/* every defined bit */

/*
 * Live registers (version 3).  The assembler follows the control flow of
 * each section (binutils-afterburn/README.md, "Liveness") and records, per
 * site, what may still be read after the site's room before it is written:
 *
 *   live	bits 0-15: the general registers, hardware numbering (rax rcx
 *		rdx rbx rsp rbp rsi rdi r8-r15); bits 16-22: the arithmetic
 *		flags CF PF AF ZF SF OF and DF; bit 31: AB_LIVE_VALID.
 *   live_in	bits 0-15: the general registers live BEFORE the instruction
 *		(its inputs and everything live through it).
 *
 * AB_LIVE_VALID tells "unknown" from "all dead": a record whose live is 0
 * (the assembler ran with --afterburn-liveness=off, or an older table
 * writer) says nothing, and readers must treat every register and flag as
 * live.  With AB_LIVE_VALID, a register or flag whose bit is clear is
 * dead: an emulation of the site may leave any value in it.  Wherever the
 * analysis cannot see (indirect jumps, returns, calls it has not proven,
 * data in text, instructions its def/use table does not cover) it sets
 * every bit, never guessing.  Other bits are reserved: a table setting them
 * is refused.  The system flags (IF, TF, AC ...) are never described:
 * they are always live.
 */
#define AB_LIVE_VALID	0x80000000u
#define AB_LIVE_GPRS	0x0000ffffu
#define AB_LIVE_CF	(1u << 16)
#define AB_LIVE_PF	(1u << 17)
#define AB_LIVE_AF	(1u << 18)
#define AB_LIVE_ZF	(1u << 19)
#define AB_LIVE_SF	(1u << 20)
#define AB_LIVE_OF	(1u << 21)
#define AB_LIVE_DF	(1u << 22)
#define AB_LIVE_FLAGS	0x007f0000u
#define AB_LIVE_MASK	(AB_LIVE_VALID | AB_LIVE_FLAGS | AB_LIVE_GPRS)
/* The registers the SysV x86-64 ABI lets a called function clobber (rax
   rcx rdx rsi rdi r8-r11): what a C emulation may change and a stub must
   preserve when they are live. */
#define AB_LIVE_CALLER_SAVED	0x0fc7u

/*
 * Known operands (version 3).  When the operand register of a site holds a
 * value the assembler knows from the instructions before it in its basic
 * block (`mov $0x3f8, %dx; out %al, (%dx)'), the record has AB_XF_KNOWN and
 * `known' holds the value.  Which register that is depends on the kind
 * (checks.h: afterburn_known_reg): the port in %dx of in/out/ins/outs with
 * form AB_FORM_DX (16 bits), the MSR index in %ecx of rdmsr/wrmsr and the
 * leaf in %eax of cpuid (32 bits).  A runtime may choose a specific
 * handler for the value at patch time.
 */

/* The header record that opens each object's contribution. */
struct afterburn_header {
	uint32_t magic;		/* AFTERBURN_MAGIC */
	uint8_t  kind;		/* AB_KIND_HEADER */
	uint8_t  reserved0;	/* zero */
	uint8_t  version;	/* AFTERBURN_VERSION */
	uint8_t  record_size;	/* AFTERBURN_RECORD_SIZE */
	/* The liveness analysis of the object's code this table describes
	   (0 and 0: it did not run): instructions it read, and how many of
	   them its def/use table did not cover (each made everything live). */
	uint32_t insns;
	uint32_t uncovered;
	uint8_t  reserved[16];	/* zero */
};

/*
 * Where byte-spelled sites came from, for people (afterburn-sites
 * --verbose): a non-allocated section, never loaded, one entry per site
 * recognised from .byte statements, 4-byte aligned:
 *	int32_t site;	the site's address minus the address of this field
 *	uint32_t line;	source line of the .byte statement(s)
 *	char file[];	source file name, NUL-terminated, NUL-padded to 4
 * Readers skip zero words between entries (alignment between objects).
 */
#define AFTERBURN_SRC_SECTION	".afterburn_src"
#define AFTERBURN_OBJ_SRC_SECTION ".discard.afterburn_src"

/*
 * Fill the assembler emitted into executable sections (.fill, .skip,
 * .space, .zero, .org, and .align/.balign/.p2align with a fill value): data, not
 * instructions, whatever its bytes look like (int3 padding is 0xcc).  The
 * checks accept sensitive-looking bytes there as proven data, never by
 * guessing.  A non-allocated section of 8-byte entries:
 *	int32_t start;	the fill's address minus the address of this field
 *	uint32_t len;	its length in bytes
 */
#define AFTERBURN_FILL_SECTION	".afterburn_fill"
#define AFTERBURN_OBJ_FILL_SECTION ".discard.afterburn_fill"

_Static_assert(sizeof(struct afterburn_site) == AFTERBURN_RECORD_SIZE,
	       "afterburn site record size");
_Static_assert(sizeof(struct afterburn_header) == AFTERBURN_RECORD_SIZE,
	       "afterburn header record size");

static inline uintptr_t afterburn_site_addr(const struct afterburn_site *s)
{
	return (uintptr_t)&s->site + (intptr_t)s->site;
}

static inline unsigned int afterburn_site_mode(const struct afterburn_site *s)
{
	return s->flags & AB_MODE_MASK;
}

/* Address of the instruction itself (the room may start with padding). */
static inline uintptr_t afterburn_site_insn(const struct afterburn_site *s)
{
	return afterburn_site_addr(s) + s->insn_off;
}

#endif /* AFTERBURN_TABLE_H */
