/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Kind table built from kinds.def: the tools never keep their own list. */
#include <stddef.h>
#include "afterburn/table.h"
#include "catalogue.h"

static const struct ab_kind_info kinds[] = {
#define AB_KIND(id, num, name, cls, room, flags, why) \
	{ num, name, cls, room, flags, why },
#include "afterburn/kinds.def"
};

const struct ab_kind_info *ab_kinds(int *n)
{
	*n = sizeof(kinds) / sizeof(kinds[0]);
	return kinds;
}

const struct ab_kind_info *ab_kind(int num)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].num == num)
			return &kinds[i];
	return NULL;
}

static const struct {
	int kind, num;
	const char *name;
} members[] = {
#define AB_MEMBER(kind, id, num, name) { AB_KIND_##kind, num, name },
#include "afterburn/kinds.def"
};

const char *ab_member_name(int kind, int member)
{
	for (size_t i = 0; i < sizeof(members) / sizeof(members[0]); i++)
		if (members[i].kind == kind && members[i].num == member)
			return members[i].name;
	return NULL;
}

int ab_kind_has_members(int kind)
{
	for (size_t i = 0; i < sizeof(members) / sizeof(members[0]); i++)
		if (members[i].kind == kind)
			return 1;
	return 0;
}

const char *ab_class_name(int cls)
{
	switch (cls) {
	case AB_PRIV: return "priv";
	case AB_SENS: return "sens";
	case AB_XFER: return "xfer";
	case AB_HAND: return "hand";
	}
	return "?";
}

const char *ab_form_name(int form)
{
	switch (form) {
	case AB_FORM_NONE: return "none";
	case AB_FORM_REG: return "reg";
	case AB_FORM_IMM: return "imm";
	case AB_FORM_DX: return "dx";
	case AB_FORM_MEM: return "mem";
	case AB_FORM_FAR: return "far";
	}
	return "?";
}
