/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Byte-level classifier.  It knows only the instruction-prefix grammar; which
 * opcodes are sensitive comes from the AB_ENC lines of kinds.def.
 */
#include "afterburn/table.h"
#include "classify.h"

struct enc {
	int kind, space, opcode, modrm, arg, prefix, modes;
};

static const struct enc encs[] = {
#define AB_ENC(id, space, opcode, modrm, arg, prefix, modes) \
	{ AB_KIND_##id, space, opcode, modrm, arg, prefix, modes },
#include "afterburn/kinds.def"
};

static int modrm_ok(const struct enc *e, int have, unsigned char m)
{
	int mod = m >> 6, reg = (m >> 3) & 7;

	switch (e->modrm) {
	case AB_MR_NONE: return 1;
	case AB_MR_ANY: return have;
	case AB_MR_EXT: return have && reg == e->arg;
	case AB_MR_MEM: return have && reg == e->arg && mod != 3;
	case AB_MR_REG: return have && reg == e->arg && mod == 3;
	case AB_MR_ANYMEM: return have && mod != 3;
	case AB_MR_BYTE: return have && m == e->arg;
	}
	return 0;
}

int ab_classify(const unsigned char *b, size_t len, int mode)
{
	int opsize = 0, rep = 0, space = AB_SP_BASE, modebit;
	size_t i = 0;
	unsigned char op;

	modebit = mode == 16 ? 1 : mode == 32 ? 2 : 4;
	for (; i < len; i++) {
		switch (b[i]) {
		case 0x66: opsize = 1; continue;
		case 0xf2: rep = 2; continue;
		case 0xf3: rep = 3; continue;
		case 0x67: case 0xf0: case 0x2e: case 0x36: case 0x3e:
		case 0x26: case 0x64: case 0x65:
			continue;
		}
		break;
	}
	if (mode == 64 && i < len && (b[i] & 0xf0) == 0x40)
		i++;
	if (i >= len)
		return 0;
	op = b[i++];
	if (op == 0x0f) {
		if (i >= len)
			return 0;
		op = b[i++];
		space = AB_SP_0F;
		if (op == 0x38 || op == 0x3a) {
			space = op == 0x38 ? AB_SP_0F38 : AB_SP_0F3A;
			if (i >= len)
				return 0;
			op = b[i++];
		}
	}
	/* Encodings with a mandatory prefix win over plain ones (f3 0f 09 is
	   wbnoinvd, 0f 09 wbinvd); a plain encoding tolerates rep/66 prefixes
	   (rep insb, 16-bit pushf). */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < sizeof(encs) / sizeof(encs[0]); k++) {
			const struct enc *e = &encs[k];

			if (e->space != space || e->opcode != op || !(e->modes & modebit))
				continue;
			if (pass == 0) {
				if (e->prefix == AB_PFX_NONE ||
				    (e->prefix == AB_PFX_66 && !opsize) ||
				    (e->prefix == AB_PFX_F3 && rep != 3) ||
				    (e->prefix == AB_PFX_F2 && rep != 2))
					continue;
			} else if (e->prefix != AB_PFX_NONE) {
				continue;
			}
			if (modrm_ok(e, i < len, i < len ? b[i] : 0))
				return e->kind;
		}
	}
	return 0;
}
