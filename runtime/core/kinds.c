// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The catalogue as data, generated from kinds.def: the runtime's only
 * knowledge of kind names, rooms and flags.
 */
#include <afterburn/runtime.h>

struct ab_kind_info {
	const char *name;
	uint8_t room;
	uint8_t flags;
};

static const struct ab_kind_info ab_kinds[AB_KIND_LIMIT] = {
#define AB_KIND(id, num, name_, cls, room_, flags_, why) \
	[num] = { .name = name_, .room = room_, .flags = flags_ },
#include <afterburn/kinds.def>
#undef AB_KIND
};

bool afterburn_kind_known(unsigned int kind)
{
	return kind < AB_KIND_LIMIT && ab_kinds[kind].name;
}

const char *afterburn_kind_name(unsigned int kind)
{
	return afterburn_kind_known(kind) ? ab_kinds[kind].name : "?";
}

unsigned int afterburn_kind_room(unsigned int kind)
{
	return afterburn_kind_known(kind) ? ab_kinds[kind].room : 0;
}

unsigned int afterburn_kind_flags(unsigned int kind)
{
	return afterburn_kind_known(kind) ? ab_kinds[kind].flags : 0;
}
