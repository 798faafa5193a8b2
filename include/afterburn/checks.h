/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The table's rules (checks.def) as C: the error codes, their words, and
 * the checks that need nothing but a record, written once for the
 * runtime's validator and the tools.  Freestanding: table.h only.
 */
#ifndef AFTERBURN_CHECKS_H
#define AFTERBURN_CHECKS_H

#include "table.h"
#include "catalogue.h"

/* Who makes a check (checks.def's BY column). */
#define AB_BY_RUNTIME	0x1
#define AB_BY_TOOLS	0x2
#define AB_BY_BOTH	(AB_BY_RUNTIME | AB_BY_TOOLS)

/* Why a table (or, after AB_E_PATCH_FIRST, a patch) was refused. */
enum afterburn_errcode {
	AB_OK = 0,
#define AB_CHECK(id, by, summary, detail) AB_E_##id,
#include "checks.def"
	/* Patching, not the table (runtime/core/patch.c). */
	AB_E_BACKEND,		/* backend refused the site (negative site()) */
	AB_E_TOO_BIG,		/* backend's replacement longer than the room */
	AB_E_NOT_PURE,		/* backend answered differently the second time */
	AB_E_NR
};
#define AB_E_PATCH_FIRST	AB_E_BACKEND

/* A failed check and the numbers its DETAIL prints. */
struct afterburn_finding {
	enum afterburn_errcode code;
	unsigned long arg[3];
};

static inline unsigned int afterburn_check_by(enum afterburn_errcode code)
{
	switch (code) {
#define AB_CHECK(id, by, summary, detail) case AB_E_##id: return by;
#include "checks.def"
	default: return AB_BY_RUNTIME;
	}
}

/* The rule in a few words; NULL for a code that is not a table check. */
static inline const char *afterburn_check_summary(enum afterburn_errcode code)
{
	switch (code) {
#define AB_CHECK(id, by, summary, detail) case AB_E_##id: return summary;
#include "checks.def"
	default: return 0;
	}
}

/* The DETAIL format: arguments are finding->arg[0..2], all unsigned long. */
static inline const char *afterburn_check_detail(enum afterburn_errcode code)
{
	switch (code) {
#define AB_CHECK(id, by, summary, detail) case AB_E_##id: return detail;
#include "checks.def"
	default: return "";
	}
}

static inline enum afterburn_errcode
afterburn_found(struct afterburn_finding *f, enum afterburn_errcode code,
		unsigned long a0, unsigned long a1, unsigned long a2)
{
	f->code = code;
	f->arg[0] = a0;
	f->arg[1] = a1;
	f->arg[2] = a2;
	return code;
}

/*
 * The room the assembler gives site s: the kind's ROOM from kinds.def,
 * never below the instruction's length; 16-bit code is never padded
 * (table.h).
 */
static inline unsigned int afterburn_expected_room(const struct afterburn_site *s)
{
	int room = afterburn_catalogue_room(s->kind);

	if (afterburn_site_mode(s) == AB_MODE_16 || room < (int)s->insn_len)
		return s->insn_len;
	return room;
}

/*
 * The register whose value a site's `known' field holds (table.h, "Known
 * operands"), and how many of its low bits count: the port in %dx of port
 * I/O through %dx, the MSR index in %ecx of rdmsr/wrmsr, the leaf in %eax
 * of cpuid.  AB_REG_NONE for every other site.
 */
static inline unsigned int afterburn_known_reg(const struct afterburn_site *s,
					       unsigned int *bits)
{
	*bits = 32;
	if ((afterburn_catalogue_flags(s->kind) & AB_F_IO) &&
	    s->form == AB_FORM_DX) {
		*bits = 16;
		return 2;
	}
	if (s->kind == AB_KIND_RDMSR || s->kind == AB_KIND_WRMSR)
		return 1;
	if (s->kind == AB_KIND_CPUID)
		return 0;
	*bits = 0;
	return AB_REG_NONE;
}

/* A mov or pop to %ss that a label marks is not padded at all: the label
   may be the address an exception table names (binutils-afterburn). */
static inline int afterburn_room_may_be_short(const struct afterburn_site *s)
{
	return (s->kind == AB_KIND_MOV_TO_SREG || s->kind == AB_KIND_POP_SREG) &&
	       s->sreg == 2 && s->room == s->insn_len;
}

/*
 * A header record, as READER (AB_BY_RUNTIME or AB_BY_TOOLS) checks it:
 * AB_OK, or the first failed check with *f filled.
 */
static inline enum afterburn_errcode
afterburn_check_header(const struct afterburn_header *h, unsigned int reader,
		       struct afterburn_finding *f)
{
	unsigned int i;

	if (h->magic != AFTERBURN_MAGIC)
		return afterburn_found(f, AB_E_MAGIC, h->magic, AFTERBURN_MAGIC, 0);
	if (h->version != AFTERBURN_VERSION)
		return afterburn_found(f, AB_E_VERSION, h->version,
				       AFTERBURN_VERSION, 0);
	if (h->record_size != AFTERBURN_RECORD_SIZE)
		return afterburn_found(f, AB_E_RECSIZE, h->record_size,
				       AFTERBURN_RECORD_SIZE, 0);
	if (afterburn_check_by(AB_E_RESERVED) & reader) {
		if (h->reserved0)
			return afterburn_found(f, AB_E_RESERVED, 5, h->reserved0, 0);
		for (i = 0; i < sizeof(h->reserved); i++)
			if (h->reserved[i])
				return afterburn_found(f, AB_E_RESERVED, 16 + i,
						       h->reserved[i], 0);
	}
	return AB_OK;
}

/* A site record on its own, as READER checks it. */
static inline enum afterburn_errcode
afterburn_check_site(const struct afterburn_site *s, unsigned int reader,
		     struct afterburn_finding *f)
{
	unsigned int mode = afterburn_site_mode(s), bits;
	int range = s->flags & AB_FL_RANGE;

	if (afterburn_catalogue_room(s->kind) < 0)
		return afterburn_found(f, AB_E_KIND, s->kind, 0, 0);
	if (s->insn_len == 0 || (s->insn_len > 15 && !range))
		return afterburn_found(f, AB_E_INSN_LEN, s->insn_len, 0, 0);
	if (s->room < s->insn_len)
		return afterburn_found(f, AB_E_ROOM, s->room, s->insn_len, 0);
	if (mode > AB_MODE_64)
		return afterburn_found(f, AB_E_MODE, mode, 0, 0);
	if (s->insn_off && s->insn_off != s->room - s->insn_len)
		return afterburn_found(f, AB_E_INSN_OFF, s->insn_off, s->room,
				       s->insn_len);
	if (s->xflags & ~AB_XF_MASK)
		return afterburn_found(f, AB_E_SITE_RESERVED, s->xflags, 0, 0);
	if ((s->live & ~AB_LIVE_MASK) ||
	    (!(s->live & AB_LIVE_VALID) && (s->live || s->live_in)))
		return afterburn_found(f, AB_E_LIVE, s->live, s->live_in, 0);
	if (s->xflags & AB_XF_KNOWN ?
	    afterburn_known_reg(s, &bits) == AB_REG_NONE ||
	    (bits < 32 && s->known >> bits) : s->known != 0)
		return afterburn_found(f, AB_E_KNOWN, s->known, s->xflags, 0);
	if ((afterburn_check_by(AB_E_PAD_BEFORE) & reader) && s->insn_off &&
	    !(afterburn_catalogue_flags(s->kind) & AB_F_SHADOW))
		return afterburn_found(f, AB_E_PAD_BEFORE, s->insn_off, 0, 0);
	if ((afterburn_check_by(AB_E_MEMBER) & reader) &&
	    !(s->flags & AB_FL_HAND) && !afterburn_member_ok(s->kind, s->member))
		return afterburn_found(f, AB_E_MEMBER, s->member, 0, 0);
	if ((afterburn_check_by(AB_E_CATALOGUE_ROOM) & reader) && !range &&
	    s->room != afterburn_expected_room(s) && !afterburn_room_may_be_short(s))
		return afterburn_found(f, AB_E_CATALOGUE_ROOM, s->room,
				       afterburn_expected_room(s),
				       mode == AB_MODE_16 ? 16 :
				       mode == AB_MODE_32 ? 32 : 64);
	return AB_OK;
}

#endif /* AFTERBURN_CHECKS_H */
