/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kinds.def as code: what a reader of the table needs to know of a kind,
 * as inline switches generated from the catalogue (no table to keep in
 * step with it).  Freestanding: table.h only.  Used by checks.h and
 * decode.h, so by gas, the runtime and the tools alike.
 */
#ifndef AFTERBURN_CATALOGUE_H
#define AFTERBURN_CATALOGUE_H

#include "table.h"

/*
 * The kind's ROOM (-1 if the kind is not in the catalogue), its AB_F_*
 * flags, and whether a member belongs to it (a family kind needs one of its
 * AB_MEMBERs, a single kind member 0).
 */
static inline int afterburn_catalogue_room(unsigned int kind)
{
	switch (kind) {
#define AB_KIND(id, num, name, cls, room, flags, why) case num: return room;
#include "kinds.def"
	default: return -1;
	}
}

static inline unsigned int afterburn_catalogue_flags(unsigned int kind)
{
	switch (kind) {
#define AB_KIND(id, num, name, cls, room, flags, why) case num: return flags;
#include "kinds.def"
	default: return 0;
	}
}

static inline int afterburn_member_ok(unsigned int kind, unsigned int member)
{
	int family = 0;

#define AB_MEMBER(k, id, num, name)					\
	if (kind == AB_KIND_##k) {					\
		family = 1;						\
		if (member == num)					\
			return 1;					\
	}
#include "kinds.def"
	return !family && member == 0;
}

#endif /* AFTERBURN_CATALOGUE_H */
