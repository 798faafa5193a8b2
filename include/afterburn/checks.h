/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The table's rules (checks.def) as C: the error codes, their words, and
 * the checks that need nothing but a record, written once for the
 * runtime's validator and the tools.  Freestanding: table.h only.
 */
#ifndef AFTERBURN_CHECKS_H
#define AFTERBURN_CHECKS_H

#include "table.h"

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
 * The room the assembler gives site s: the kind's ROOM from kinds.def
 * (catalogue_room), never below the instruction's length; 16-bit code is
 * never padded (table.h).
 */
static inline unsigned int afterburn_expected_room(const struct afterburn_site *s,
						   unsigned int catalogue_room)
{
	if (afterburn_site_mode(s) == AB_MODE_16 || catalogue_room < s->insn_len)
		return s->insn_len;
	return catalogue_room;
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
	if (afterburn_check_by(AB_E_RESERVED) & reader)
		for (i = 0; i < sizeof(h->reserved); i++)
			if (h->reserved[i])
				return afterburn_found(f, AB_E_RESERVED, i,
						       h->reserved[i], 0);
	return AB_OK;
}

/*
 * A site record on its own, as READER checks it; catalogue_room is
 * kinds.def's ROOM for s->kind, 0 if the kind is not in the catalogue.
 */
static inline enum afterburn_errcode
afterburn_check_site(const struct afterburn_site *s,
		     unsigned int catalogue_room, unsigned int reader,
		     struct afterburn_finding *f)
{
	unsigned int mode = afterburn_site_mode(s);
	int range = s->flags & AB_FL_RANGE;

	if (!catalogue_room)
		return afterburn_found(f, AB_E_KIND, s->kind, 0, 0);
	if (s->insn_len == 0 || (s->insn_len > 15 && !range))
		return afterburn_found(f, AB_E_INSN_LEN, s->insn_len, 0, 0);
	if (s->room < s->insn_len)
		return afterburn_found(f, AB_E_ROOM, s->room, s->insn_len, 0);
	if (mode > AB_MODE_64)
		return afterburn_found(f, AB_E_MODE, mode, 0, 0);
	if ((afterburn_check_by(AB_E_CATALOGUE_ROOM) & reader) && !range &&
	    s->room != afterburn_expected_room(s, catalogue_room))
		return afterburn_found(f, AB_E_CATALOGUE_ROOM, s->room,
				       afterburn_expected_room(s, catalogue_room),
				       mode == AB_MODE_16 ? 16 :
				       mode == AB_MODE_32 ? 32 : 64);
	return AB_OK;
}

#endif /* AFTERBURN_CHECKS_H */
