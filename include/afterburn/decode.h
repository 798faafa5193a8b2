/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The one decoder of sensitive x86 instructions: bytes in, a site record
 * out.  It knows the prefix grammar, ModRM/SIB/displacement and immediate
 * lengths, and the operand conventions of table.h; WHICH opcodes are
 * sensitive comes only from the AB_ENC lines of kinds.def.  Everything that
 * turns bytes into a record uses it:
 *   - the assembler, for every instruction it emits (mnemonics) and for
 *     .byte statements that spell one (binutils-afterburn);
 *   - afterburn-scan, for objdump's instructions (tools/).
 * So a site's kind, length and operand fields depend on its bytes only,
 * never on how the source spelled it.  Header-only, freestanding C
 * (<stdbool.h>, <stddef.h>, <stdint.h>, table.h), so gas, the tools and the
 * runtime can all include it.
 *
 * It is not a general x86 decoder: it returns 0 for every instruction that
 * is not in the catalogue, without computing a length.
 */
#ifndef AFTERBURN_DECODE_H
#define AFTERBURN_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "table.h"
#include "catalogue.h"

struct ab_enc {
	uint8_t kind, member, space, opcode, modrm, arg, prefix, modes, imm;
};

static const struct ab_enc ab_encs[] = {
#define AB_ENC(id, member, space, opcode, modrm, arg, prefix, modes, imm) \
	{ AB_KIND_##id, AB_MEMBER_##id##_##member, space, opcode, modrm, arg, \
	  prefix, modes, imm },
#include "kinds.def"
};

/* The ModRM constraint of an encoding (AB_MR_* in kinds.def). */
static inline bool ab_modrm_ok(const struct ab_enc *e, bool have, unsigned int m)
{
	unsigned int mod = m >> 6, reg = (m >> 3) & 7;

	switch (e->modrm) {
	case AB_MR_NONE:   return true;
	case AB_MR_ANY:    return have;
	case AB_MR_EXT:    return have && reg == e->arg;
	case AB_MR_MEM:    return have && reg == e->arg && mod != 3;
	case AB_MR_REG:    return have && reg == e->arg && mod == 3;
	case AB_MR_ANYMEM: return have && mod != 3;
	case AB_MR_ANYREG: return have && mod == 3;
	case AB_MR_BYTE:   return have && m == e->arg;
	}
	return false;
}

/* The mandatory-prefix rule of an encoding (AB_PFX_* in kinds.def). */
static inline bool ab_prefix_ok(const struct ab_enc *e, bool p66, unsigned int rep)
{
	switch (e->prefix) {
	case AB_PFX_NONE: return true;
	case AB_PFX_NP:   return !p66 && !rep;
	case AB_PFX_66:   return p66 && !rep;
	case AB_PFX_F3:   return rep == 0xf3;
	case AB_PFX_F2:   return rep == 0xf2;
	}
	return false;
}

/*
 * The encoding of an opcode: encodings with a mandatory prefix that is
 * present win over those without (f3 0f 01 ca is eretu, 0f 01 ca clac).
 */
static inline const struct ab_enc *
ab_find_enc(unsigned int space, unsigned int opcode, unsigned int mode,
	    bool p66, unsigned int rep, bool have_modrm, unsigned int modrm)
{
	unsigned int modebit = 1u << mode;	/* AB_MODE_16/32/64 -> AB_M_* bit */
	size_t k;
	int pass;

	for (pass = 0; pass < 2; pass++)
		for (k = 0; k < sizeof(ab_encs) / sizeof(ab_encs[0]); k++) {
			const struct ab_enc *e = &ab_encs[k];
			bool mandatory = e->prefix == AB_PFX_66 ||
					 e->prefix == AB_PFX_F3 ||
					 e->prefix == AB_PFX_F2;

			if (e->space != space || e->opcode != opcode ||
			    !(e->modes & modebit) || mandatory != (pass == 0) ||
			    !ab_prefix_ok(e, p66, rep) ||
			    !ab_modrm_ok(e, have_modrm, modrm))
				continue;
			return e;
		}
	return NULL;
}

/* Does any encoding use this (space, opcode)?  Whether a ModRM follows. */
static inline bool ab_opcode_known(unsigned int space, unsigned int opcode,
				   bool *modrm)
{
	size_t k;
	bool found = false;

	*modrm = false;
	for (k = 0; k < sizeof(ab_encs) / sizeof(ab_encs[0]); k++)
		if (ab_encs[k].space == space && ab_encs[k].opcode == opcode) {
			found = true;
			if (ab_encs[k].modrm != AB_MR_NONE)
				*modrm = true;
		}
	return found;
}

/* A decoded sensitive instruction. */
struct ab_decoded {
	/* kind, member, insn_len, flags (mode | AB_FL_REP/LOCK/ADDR), opsize,
	   form, reg, sreg, base, index, scale_seg and imm, as table.h
	   defines them.  site, room, insn_off, xflags and live are left 0:
	   they are not properties of the bytes.  For a RIP-relative memory
	   operand imm holds the displacement (the writer of the table turns
	   it into the operand's address minus &imm). */
	struct afterburn_site rec;
	unsigned int len;		/* bytes of the instruction */
	unsigned int field_off;		/* where imm came from in the bytes */
	unsigned int field_size;	/* and its size; 0 if imm is not a field */
	bool riprel;			/* memory operand relative to the next insn */
};

static inline int64_t ab_le(const unsigned char *p, unsigned int n, bool sign)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = n; i-- > 0;)
		v = v << 8 | p[i];
	if (sign && n < 8 && (v >> (8 * n - 1)) & 1)
		v |= ~0ull << (8 * n);
	return (int64_t)v;
}

/* Operand size of a stack operation (pushf, iret ...): 2, 4 or 8. */
static inline unsigned int ab_stack_size(unsigned int mode, bool w, bool p66,
					 bool default64)
{
	if (w)
		return 8;
	if (p66)
		return mode == AB_MODE_16 ? 4 : 2;
	if (mode == AB_MODE_64 && default64)
		return 8;
	return mode == AB_MODE_16 ? 2 : 4;
}

/* The legacy and REX prefixes in front of an opcode. */
struct ab_prefixes {
	bool p66, p67, lock;
	unsigned int rep;		/* 0, 0xf2 or 0xf3: the last one */
	unsigned int seg;		/* segment override (AB_SEG_*), last one */
	unsigned int rex;		/* REX byte (64-bit code), 0 if none */
	unsigned int len;		/* bytes of prefixes */
};

static inline void ab_scan_prefixes(const unsigned char *b, size_t n,
				    unsigned int mode, struct ab_prefixes *p)
{
	unsigned int i;

	p->p66 = p->p67 = p->lock = false;
	p->rep = p->rex = 0;
	p->seg = AB_SEG_NONE;
	for (i = 0; i < n && i < 14; i++) {
		switch (b[i]) {
		case 0x66: p->p66 = true; continue;
		case 0x67: p->p67 = true; continue;
		case 0xf0: p->lock = true; continue;
		case 0xf2: case 0xf3: p->rep = b[i]; continue;
		case 0x26: p->seg = 0; continue;
		case 0x2e: p->seg = 1; continue;
		case 0x36: p->seg = 2; continue;
		case 0x3e: p->seg = 3; continue;
		case 0x64: p->seg = 4; continue;
		case 0x65: p->seg = 5; continue;
		}
		break;
	}
	if (mode == AB_MODE_64 && i < n && (b[i] & 0xf0) == 0x40)
		p->rex = b[i++];
	p->len = i;
}

/*
 * The record flags (AB_FL_REP/LOCK/ADDR) and segment override (in bits 4-6
 * of *scale_seg) that the prefixes of any instruction give, for hand-marked
 * instructions outside the catalogue.
 */
static inline unsigned int ab_prefix_flags(const unsigned char *b, size_t n,
					   unsigned int mode, uint8_t *scale_seg)
{
	struct ab_prefixes p;

	ab_scan_prefixes(b, n, mode, &p);
	*scale_seg = (*scale_seg & 0x0f) | p.seg << 4;
	return (p.rep ? AB_FL_REP : 0) | (p.lock ? AB_FL_LOCK : 0) |
	       (p.p67 ? AB_FL_ADDR : 0);
}

/*
 * Decode the instruction at B[0..N) in MODE (AB_MODE_16/32/64).  Returns
 * its kind and fills *out when it is a complete catalogue instruction of at
 * most 15 bytes that fits in N; 0 otherwise (not sensitive, truncated, or
 * malformed).
 */
static inline int ab_decode(const unsigned char *b, size_t n, unsigned int mode,
			    struct ab_decoded *out)
{
	struct afterburn_site *r = &out->rec;
	const struct ab_enc *e;
	struct ab_prefixes px;
	bool p66, p67, lock, have_modrm, w;
	unsigned int rep, seg, rex, space = AB_SP_BASE;
	unsigned int i, op, modrm = 0, mod = 0, regf = 0, rm = 0;
	unsigned int addr, os, mem_reg = 0, disp = 0;
	bool mem = false, forced_reg;

	ab_scan_prefixes(b, n, mode, &px);
	p66 = px.p66;
	p67 = px.p67;
	lock = px.lock;
	rep = px.rep;
	seg = px.seg;
	rex = px.rex;
	i = px.len;
	w = rex & 8;
	if (i >= n)
		return 0;
	op = b[i++];
	if (op == 0x0f) {
		if (i >= n)
			return 0;
		op = b[i++];
		space = AB_SP_0F;
		if (op == 0x38 || op == 0x3a) {
			space = op == 0x38 ? AB_SP_0F38 : AB_SP_0F3A;
			if (i >= n)
				return 0;
			op = b[i++];
		}
	}
	if (!ab_opcode_known(space, op, &have_modrm))
		return 0;
	if (have_modrm) {
		if (i >= n)
			return 0;
		modrm = b[i];
	}
	e = ab_find_enc(space, op, mode, p66, rep, have_modrm, modrm);
	if (!e)
		return 0;
	have_modrm = e->modrm != AB_MR_NONE;
	if (have_modrm)
		i++;

	/* The operand-size prefix is part of the opcode when it is mandatory,
	   and so is f2/f3 (rdfsbase, rdpid, wbnoinvd are not `rep'). */
	if (e->prefix == AB_PFX_66)
		p66 = false;
	if (e->prefix == AB_PFX_F3 || e->prefix == AB_PFX_F2)
		rep = 0;
	os = w ? 8 : (p66 != (mode == AB_MODE_16)) ? 2 : 4;
	addr = mode == AB_MODE_64 ? (p67 ? 32 : 64) :
	       mode == AB_MODE_32 ? (p67 ? 16 : 32) : (p67 ? 32 : 16);

	for (unsigned int z = 0; z < sizeof(*r); z++)
		((unsigned char *)r)[z] = 0;
	out->field_off = out->field_size = 0;
	out->riprel = false;
	r->kind = e->kind;
	r->member = e->member;
	r->flags = mode | (rep ? AB_FL_REP : 0) | (lock ? AB_FL_LOCK : 0) |
		   (p67 ? AB_FL_ADDR : 0);
	r->form = AB_FORM_NONE;
	r->reg = r->sreg = r->base = r->index = AB_REG_NONE;
	r->scale_seg = seg << 4;

	/* ModRM: mov to/from CR/DR ignore mod (always a register). */
	forced_reg = e->kind == AB_KIND_MOV_FROM_CR || e->kind == AB_KIND_MOV_TO_CR ||
		     e->kind == AB_KIND_MOV_FROM_DR || e->kind == AB_KIND_MOV_TO_DR;
	if (have_modrm && e->modrm != AB_MR_BYTE) {
		mod = modrm >> 6;
		regf = ((modrm >> 3) & 7) | (rex & 4 ? 8 : 0);
		rm = (modrm & 7) | (rex & 1 ? 8 : 0);
		mem = mod != 3 && !forced_reg;
	}
	if (mem && addr == 16) {
		static const uint8_t base16[8] = { 3, 3, 5, 5, 6, 7, 5, 3 };
		static const uint8_t index16[8] = { 6, 7, 6, 7, 0xff, 0xff, 0xff, 0xff };

		disp = mod == 1 ? 1 : mod == 2 ? 2 : 0;

		rm &= 7;
		if (mod == 0 && rm == 6) {
			disp = 2;
		} else {
			r->base = base16[rm];
			r->index = index16[rm];
		}
	} else if (mem) {
		disp = mod == 1 ? 1 : mod == 2 ? 4 : 0;

		if ((rm & 7) == 4) {		/* SIB */
			unsigned int sib, idx, base;

			if (i >= n)
				return 0;
			sib = b[i++];
			idx = ((sib >> 3) & 7) | (rex & 2 ? 8 : 0);
			base = (sib & 7) | (rex & 1 ? 8 : 0);
			r->scale_seg |= sib >> 6;
			if (idx != 4)
				r->index = idx;
			if ((base & 7) == 5 && mod == 0)
				disp = 4;	/* no base, disp32 */
			else
				r->base = base;
		} else if ((rm & 7) == 5 && mod == 0) {
			disp = 4;
			if (mode == AB_MODE_64) {
				r->base = AB_REG_RIP;
				out->riprel = true;
			}
		} else {
			r->base = rm;
		}
	}
	if (disp) {			/* the displacement: the site's field */
		if (i + disp > n)
			return 0;
		r->imm = (int32_t)ab_le(b + i, disp, true);
		out->field_off = i;
		out->field_size = disp;
		i += disp;
	}
	if (mem)
		r->form = AB_FORM_MEM;
	mem_reg = regf;

	switch (e->imm) {
	case AB_IMM_8:
	case AB_IMM_16: {
		unsigned int d = e->imm == AB_IMM_8 ? 1 : 2;

		if (i + d > n)
			return 0;
		r->imm = (int32_t)ab_le(b + i, d, false);
		out->field_off = i;
		out->field_size = d;
		r->form = AB_FORM_IMM;
		i += d;
		break;
	}
	case AB_IMM_FAR: {
		unsigned int d = os == 2 ? 2 : 4;

		if (i + d + 2 > n)
			return 0;
		r->imm = (int32_t)ab_le(b + i, d, false);
		out->field_off = i;
		out->field_size = d;
		r->form = AB_FORM_FAR;
		r->opsize = 2 + d;
		i += d + 2;
		break;
	}
	}
	if (i > 15)
		return 0;

	/* Operands and sizes, kind by kind (table.h's conventions). */
	/* Port I/O (AB_F_IO): the port is the imm8 or %dx, the accumulator
	   implied; opcode bit 0 picks a byte or the operand size. */
	if (afterburn_catalogue_flags(e->kind) & AB_F_IO) {
		if (r->form != AB_FORM_IMM)
			r->form = AB_FORM_DX;
		r->opsize = (op & 1) ? (os == 8 ? 4 : os) : 1;
		r->insn_len = i;
		out->len = i;
		return e->kind;
	}
	switch (e->kind) {
	case AB_KIND_MOV_FROM_CR: case AB_KIND_MOV_TO_CR:
	case AB_KIND_MOV_FROM_DR: case AB_KIND_MOV_TO_DR:
		r->form = AB_FORM_REG;
		r->reg = rm;
		r->sreg = regf;
		/* AMD: outside 64-bit mode, lock mov %cr0 is %cr8 */
		if (lock && mode != AB_MODE_64 && (e->kind == AB_KIND_MOV_FROM_CR ||
						   e->kind == AB_KIND_MOV_TO_CR))
			r->sreg |= 8;
		r->opsize = mode == AB_MODE_64 ? 8 : 4;
		break;
	case AB_KIND_MOV_FROM_SREG: case AB_KIND_MOV_TO_SREG:
		r->sreg = regf & 7;
		if (!mem) {
			r->form = AB_FORM_REG;
			r->reg = rm;
		}
		r->opsize = mem ? 2 : os;
		break;
	case AB_KIND_PUSH_SREG: case AB_KIND_POP_SREG:
		/* 06/07 es, 0e cs, 16/17 ss, 1e/1f ds; 0f a0/a1 fs, 0f a8/a9 gs */
		r->sreg = space == AB_SP_BASE ? op >> 3 : 4 + ((op >> 3) & 1);
		r->opsize = ab_stack_size(mode, w, p66, true);
		break;
	case AB_KIND_LOAD_FARPTR:
		/* lss lfs lgs (0f b2/b4/b5), les lds (c4/c5) */
		r->sreg = space == AB_SP_0F ? (op == 0xb2 ? 2 : op == 0xb4 ? 4 : 5) :
			  (op == 0xc4 ? 0 : 3);
		r->reg = mem_reg;
		r->opsize = os;
		break;
	case AB_KIND_LGDT: case AB_KIND_LIDT: case AB_KIND_SGDT: case AB_KIND_SIDT:
		r->opsize = mode == AB_MODE_64 ? 10 : 6;
		break;
	case AB_KIND_PUSHF: case AB_KIND_POPF:
		r->opsize = ab_stack_size(mode, w, p66, true);
		break;
	case AB_KIND_IRET: case AB_KIND_LRET:
		r->opsize = ab_stack_size(mode, w, p66, false);
		break;
	case AB_KIND_LJMP: case AB_KIND_LCALL:
		if (r->form != AB_FORM_FAR)
			r->opsize = 2 + ab_stack_size(mode, w, p66, false);
		break;
	case AB_KIND_LLDT: case AB_KIND_LTR: case AB_KIND_VERR: case AB_KIND_VERW:
	case AB_KIND_LMSW: case AB_KIND_LKGS:
		if (!mem) {
			r->form = AB_FORM_REG;
			r->reg = rm;
		}
		r->opsize = 2;
		break;
	case AB_KIND_SLDT: case AB_KIND_STR: case AB_KIND_SMSW:
		if (!mem) {
			r->form = AB_FORM_REG;
			r->reg = rm;
		}
		r->opsize = mem ? 2 : os;
		break;
	case AB_KIND_LAR: case AB_KIND_LSL:
		r->reg = regf;
		if (!mem) {
			r->form = AB_FORM_REG;
			r->base = rm;
		}
		r->opsize = os;
		break;
	case AB_KIND_SYSRET: case AB_KIND_SYSEXIT:
		r->opsize = w ? 8 : 4;
		break;
	default:
		if (have_modrm && e->modrm != AB_MR_BYTE) {
			bool regop = e->modrm == AB_MR_ANY || e->modrm == AB_MR_ANYMEM ||
				     e->modrm == AB_MR_ANYREG;

			/* reg field a register operand (invpcid, vmread ...) */
			if (regop)
				r->reg = regf;
			if (!mem) {
				r->form = AB_FORM_REG;
				if (regop)
					r->base = rm;
				else
					r->reg = rm;
			}
			if (regop || !mem)
				r->opsize = e->kind == AB_KIND_INVPCID || e->kind == AB_KIND_RDPID ||
					    e->kind == AB_KIND_VMX ?
					    (mode == AB_MODE_64 ? 8 : 4) : os;
			else
				r->opsize = w ? 8 : 0;
		} else if (r->form == AB_FORM_NONE) {
			r->opsize = w ? 8 : 0;
		}
		break;
	}
	r->insn_len = i;
	out->len = i;
	return e->kind;
}

#endif /* AFTERBURN_DECODE_H */
