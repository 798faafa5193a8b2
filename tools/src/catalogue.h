/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The kinds of include/afterburn/kinds.def as a lookup table for the tools. */
#ifndef AB_TOOLS_CATALOGUE_H
#define AB_TOOLS_CATALOGUE_H

struct ab_kind_info {
	int num;
	const char *name;
	int cls;		/* enum afterburn_class */
	int room;		/* ROOM in 32/64-bit code */
	int flags;		/* AB_F_* */
	const char *why;
};

/* NULL if NUM is not a catalogue kind (0, the header kind, is not one). */
const struct ab_kind_info *ab_kind(int num);
/* The kinds in catalogue order; *n receives the count. */
const struct ab_kind_info *ab_kinds(int *n);
/* Name of member MEMBER of family kind KIND, NULL if it has none. */
const char *ab_member_name(int kind, int member);
int ab_kind_has_members(int kind);
const char *ab_class_name(int cls);
const char *ab_form_name(int form);

#endif
