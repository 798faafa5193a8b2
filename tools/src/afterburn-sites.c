/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * afterburn-sites: list the sites recorded in the .afterburn table of ELF
 * objects and linked images, validated as the runtime will validate them.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "catalogue.h"
#include "sitetable.h"
#include "afterburn/checks.h"

#ifndef AB_VERSION
#define AB_VERSION "dev"
#endif

enum { OUT_SITES, OUT_SUMMARY, OUT_SECTIONS, OUT_PADDING, OUT_CATALOGUE,
       OUT_LIVENESS };

static void usage(FILE *f)
{
	fputs("Usage: afterburn-sites [OPTION]... FILE...\n"
	      "List the virtualization-sensitive sites recorded in the .afterburn table of\n"
	      "each ELF FILE (relocatable object, executable or shared object; 32 or 64 bit).\n"
	      "Default output, one site per line, tab-separated:\n"
	      "  address  section  kind  insn_len  room\n"
	      "where address is the VMA in linked files and the section offset in objects.\n"
	      "With several FILEs each line starts with the file name and a tab.\n"
	      "\n"
	      "  -s, --summary     per-kind counts: kind<TAB>count lines, then total<TAB>N\n"
	      "  -S, --sections    per-section counts: section<TAB>count, then total<TAB>N\n"
	      "  -p, --padding     leftover room per kind: kind<TAB>sites<TAB>pad_bytes\n"
	      "                    (room minus instruction length), then a total line\n"
	      "  -v, --verbose     all fields: adds the family member, where the instruction\n"
	      "                    lies in the room, mode, flags, opsize, form, reg, sreg,\n"
	      "                    memory operand (base,index,scale,seg), imm, the live\n"
	      "                    masks (live after the room, live_in before the\n"
	      "                    instruction; - when unknown), a known operand, record,\n"
	      "                    and for a site spelled with .byte its source file:line\n"
	      "  -l, --liveness    what liveness saves, over all 64-bit sites: caller-saved\n"
	      "                    registers (rax rcx rdx rsi rdi r8-r11) plus the\n"
	      "                    arithmetic flags an emulation must preserve, saving all\n"
	      "                    vs the live masks; the same over the sites the Xen PVH\n"
	      "                    backend patches (backends/xen/policy.def); the\n"
	      "                    instructions the def/use table did not cover; sites\n"
	      "                    with known operands; last line\n"
	      "                    liveness: kept K of S saves (P% fewer)\n"
	      "  -c, --catalogue   print the catalogue of kinds (num, name, class, room,\n"
	      "                    flags, why) and exit\n"
	      "  -h, --help        this text\n"
	      "      --version     print the version\n"
	      "\n"
	      "Every table is checked as the runtime checks it (header magic, version and\n"
	      "record size, known kind, room >= instruction length, room as the catalogue\n"
	      "says, site inside an executable section, no overlaps).  Problems are printed\n"
	      "as FILE: .afterburn record N: ... and the exit status is 1; 2 means a FILE\n"
	      "could not be read or bad usage.\n", f);
}

static const char *mode_name(const struct afterburn_site *s)
{
	switch (afterburn_site_mode(s)) {
	case AB_MODE_16: return "16";
	case AB_MODE_32: return "32";
	case AB_MODE_64: return "64";
	}
	return "?";
}

static void flag_names(const struct afterburn_site *s, char *buf, size_t n)
{
	static const struct { int bit; const char *name; } names[] = {
		{ AB_FL_HAND, "hand" }, { AB_FL_REP, "rep" }, { AB_FL_LOCK, "lock" },
		{ AB_FL_ADDR, "addr" }, { AB_FL_RANGE, "range" }, { AB_FL_NOIMM, "noimm" },
	};

	buf[0] = 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (s->flags & names[i].bit) {
			if (buf[0])
				strncat(buf, ",", n - strlen(buf) - 1);
			strncat(buf, names[i].name, n - strlen(buf) - 1);
		}
	if (!buf[0])
		snprintf(buf, n, "-");
}

static void reg_name(unsigned int r, char *buf, size_t n)
{
	if (r == AB_REG_NONE)
		snprintf(buf, n, "-");
	else if (r == AB_REG_RIP)
		snprintf(buf, n, "rip");
	else
		snprintf(buf, n, "%u", r);
}

static void print_site(const struct ab_table *t, const struct ab_site_rec *r,
		       int verbose, int with_file)
{
	const struct afterburn_site *s = &r->rec;

	if (with_file)
		printf("%s\t", t->file);
	printf("0x%llx\t%s\t%s\t%u\t%u", (unsigned long long)r->addr,
	       t->sections[r->shndx].name, ab_kind(s->kind)->name, s->insn_len, s->room);
	if (verbose) {
		char fl[64], reg[8], base[8], idx[8];
		const char *member = ab_member_name(s->kind, s->member);
		const struct ab_src *src = ab_table_src(t, r->addr);

		printf("\tmember=%s\tinsn_off=%u", member ? member : "-", s->insn_off);

		flag_names(s, fl, sizeof(fl));
		reg_name(s->reg, reg, sizeof(reg));
		reg_name(s->base, base, sizeof(base));
		reg_name(s->index, idx, sizeof(idx));
		printf("\tmode=%s\tflags=%s\topsize=%u\tform=%s\treg=%s\tsreg=",
		       mode_name(s), fl, s->opsize, ab_form_name(s->form), reg);
		if (s->sreg == AB_REG_NONE)
			printf("-");
		else
			printf("%u", s->sreg);
		if (s->form == AB_FORM_MEM) {
			int seg = (s->scale_seg >> 4) & 7;

			printf("\tmem=base:%s,index:%s,scale:%d,seg:", base, idx,
			       1 << (s->scale_seg & 3));
			if (seg == AB_SEG_NONE)
				printf("-");
			else
				printf("%d", seg);
		} else {
			printf("\tmem=-");
		}
		printf("\timm=%d", s->imm);
		if (s->live & AB_LIVE_VALID)
			printf("\tlive=0x%08x\tlive_in=0x%04x", s->live, s->live_in);
		else
			printf("\tlive=-\tlive_in=-");
		if (s->xflags & AB_XF_KNOWN)
			printf("\tknown=0x%x", s->known);
		printf("\trecord=%u", r->index);
		if (s->xflags & AB_XF_BYTES)
			printf("\tbytes=%s:%u", src ? src->file : "?", src ? src->line : 0);
	}
	putchar('\n');
}

static void print_catalogue(void)
{
	int n;
	const struct ab_kind_info *k = ab_kinds(&n);

	printf("num\tname\tclass\troom\tflags\twhy\n");
	for (int i = 0; i < n; i++) {
		char fl[32] = "";

		if (k[i].flags & AB_F_NOSTACK)
			strcat(fl, ",nostack");
		if (k[i].flags & AB_F_SHADOW)
			strcat(fl, ",shadow");
		if (k[i].flags & AB_F_IO)
			strcat(fl, ",io");
		printf("%d\t%s\t%s\t%d\t%s\t%s", k[i].num, k[i].name,
		       ab_class_name(k[i].cls), k[i].room, fl[0] ? fl + 1 : "-", k[i].why);
		if (ab_kind_has_members(k[i].num)) {
			printf(" (members:");
			for (int m = 1; ab_member_name(k[i].num, m); m++)
				printf(" %s", ab_member_name(k[i].num, m));
			putchar(')');
		}
		putchar('\n');
	}
}

/*
 * --liveness.  Per 64-bit site, what an emulation that clobbers every
 * caller-saved register and the arithmetic flags (a call into C) must
 * preserve: saving all, the 9 caller-saved registers plus the flags; with
 * the masks, the caller-saved registers live both before and after the
 * instruction (one live only after it is an output the emulation
 * writes) plus the flags if an arithmetic flag is live after it.  DF is
 * not counted with the flags: the stubs restore it without popf.
 */
#define AB_ARITH_FLAGS	(AB_LIVE_CF | AB_LIVE_PF | AB_LIVE_AF | AB_LIVE_ZF | \
			 AB_LIVE_SF | AB_LIVE_OF)
#define AB_SAVE_ALL	(__builtin_popcount(AB_LIVE_CALLER_SAVED) + 1)

struct live_count {
	unsigned long sites, saveall, kept, unknown;
};

static unsigned int live_kept(const struct afterburn_site *s)
{
	if (!(s->live & AB_LIVE_VALID))
		return AB_SAVE_ALL;
	return __builtin_popcount(s->live & s->live_in & AB_LIVE_CALLER_SAVED) +
	       !!(s->live & AB_ARITH_FLAGS);
}

static void live_add(struct live_count *c, const struct afterburn_site *s)
{
	c->sites++;
	c->saveall += AB_SAVE_ALL;
	c->kept += live_kept(s);
	c->unknown += !(s->live & AB_LIVE_VALID);
}

/* Does the Xen PVH backend patch s?  Its own list, backends/xen/policy.def. */
static int xen_patches(const struct afterburn_site *s)
{
	if (afterburn_site_mode(s) != AB_MODE_64)
		return 0;
#define XEN_PATCH(match, arg, handler) if (XEN_MATCH_##match(s, arg)) return 1;
#include "../../backends/xen/policy.def"
	return 0;
}

static void live_print(const char *what, const struct live_count *c)
{
	printf("%s\t%lu sites\tsave-all %lu (%.2f per site)\tliveness %lu (%.2f per site, %.3f of save-all)",
	       what, c->sites, c->saveall, c->sites ? (double)c->saveall / c->sites : 0,
	       c->kept, c->sites ? (double)c->kept / c->sites : 0,
	       c->saveall ? (double)c->kept / c->saveall : 0);
	if (c->unknown)
		printf("\t%lu without masks", c->unknown);
	putchar('\n');
}

/* A tiny name -> count list for --sections, in first-seen order. */
struct named_count {
	char *name;
	unsigned long count;
};

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "summary", no_argument, NULL, 's' },
		{ "sections", no_argument, NULL, 'S' },
		{ "padding", no_argument, NULL, 'p' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "all-fields", no_argument, NULL, 'v' },
		{ "catalogue", no_argument, NULL, 'c' },
		{ "liveness", no_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int out = OUT_SITES, verbose = 0, status = 0, c, nkinds;
	unsigned long kcount[AB_KIND_LIMIT] = { 0 }, kpad[AB_KIND_LIMIT] = { 0 };
	unsigned long total = 0, totalpad = 0;
	struct named_count *secs = NULL;
	size_t nsecs = 0;
	const struct ab_kind_info *kinds = ab_kinds(&nkinds);
	struct live_count all = { 0 }, xen = { 0 };
	unsigned long insns = 0, uncovered = 0, known = 0;

	while ((c = getopt_long(argc, argv, "sSpvclh", opts, NULL)) != -1) {
		switch (c) {
		case 's': out = OUT_SUMMARY; break;
		case 'S': out = OUT_SECTIONS; break;
		case 'p': out = OUT_PADDING; break;
		case 'v': verbose = 1; break;
		case 'c': out = OUT_CATALOGUE; break;
		case 'l': out = OUT_LIVENESS; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("afterburn-sites %s (table format version %d)\n",
				 AB_VERSION, AFTERBURN_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (out == OUT_CATALOGUE) {
		print_catalogue();
		return 0;
	}
	if (optind >= argc) {
		fprintf(stderr, "afterburn-sites: no FILE given (try --help)\n");
		return 2;
	}
	for (int i = optind; i < argc; i++) {
		struct ab_table t;
		int r = ab_table_read(argv[i], &t, stderr);

		if (r < 0) {
			status = 2;
			continue;
		}
		if (r > 0 && status == 0)
			status = 1;
		insns += t.live_insns;
		uncovered += t.live_uncovered;
		for (size_t j = 0; j < t.nsites; j++) {
			const struct ab_site_rec *s = &t.sites[j];
			const char *sec = t.sections[s->shndx].name;
			size_t k;

			total++;
			kcount[s->rec.kind]++;
			kpad[s->rec.kind] += s->rec.room - s->rec.insn_len;
			totalpad += s->rec.room - s->rec.insn_len;
			if (out == OUT_SITES)
				print_site(&t, s, verbose, argc - optind > 1);
			if (afterburn_site_mode(&s->rec) == AB_MODE_64) {
				live_add(&all, &s->rec);
				if (xen_patches(&s->rec))
					live_add(&xen, &s->rec);
				known += !!(s->rec.xflags & AB_XF_KNOWN);
			}
			if (out != OUT_SECTIONS)
				continue;
			for (k = 0; k < nsecs && strcmp(secs[k].name, sec); k++)
				;
			if (k == nsecs) {
				secs = realloc(secs, ++nsecs * sizeof(*secs));
				secs[k].name = strdup(sec);
				secs[k].count = 0;
			}
			secs[k].count++;
		}
		ab_table_free(&t);
	}
	if (out == OUT_SUMMARY || out == OUT_PADDING) {
		for (int k = 0; k < nkinds; k++) {
			if (!kcount[kinds[k].num])
				continue;
			if (out == OUT_SUMMARY)
				printf("%s\t%lu\n", kinds[k].name, kcount[kinds[k].num]);
			else
				printf("%s\t%lu\t%lu\n", kinds[k].name, kcount[kinds[k].num],
				       kpad[kinds[k].num]);
		}
		if (out == OUT_SUMMARY)
			printf("total\t%lu\n", total);
		else
			printf("total\t%lu\t%lu\n", total, totalpad);
	} else if (out == OUT_LIVENESS) {
		live_print("all", &all);
		live_print("xen-pvh", &xen);
		printf("def/use\t%lu instructions analysed\t%lu not covered by the table\n",
		       insns, uncovered);
		printf("known operands\t%lu sites\n", known);
		printf("liveness: kept %lu of %lu saves (%.1f%% fewer)\n", all.kept,
		       all.saveall, all.saveall ?
		       100.0 * (all.saveall - all.kept) / all.saveall : 0.0);
	} else if (out == OUT_SECTIONS) {
		for (size_t k = 0; k < nsecs; k++)
			printf("%s\t%lu\n", secs[k].name, secs[k].count);
		printf("total\t%lu\n", total);
	}
	return status;
}
