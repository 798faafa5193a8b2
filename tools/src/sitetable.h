/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading and validating the .afterburn table of an ELF file with libelf. */
#ifndef AB_TOOLS_SITETABLE_H
#define AB_TOOLS_SITETABLE_H

#include <stdint.h>
#include <stdio.h>
#include "afterburn/table.h"

struct ab_section {
	char *name;
	uint64_t addr;		/* sh_addr (0 in objects) */
	uint64_t size;
	int exec;		/* SHF_EXECINSTR */
	int alloc;		/* SHF_ALLOC */
	unsigned char *data;	/* contents of executable sections, else NULL */
};

struct ab_site_rec {
	uint64_t addr;		/* VMA (linked file) or section offset (object) */
	int shndx;		/* section holding the site, index into sections */
	unsigned int index;	/* record index in the .afterburn section */
	struct afterburn_site rec;
};

/* An entry of .afterburn_src (where a byte-spelled site came from) or of
   .afterburn_fill (fill the assembler emitted into code). */
struct ab_src {
	uint64_t addr;		/* site address, as in ab_site_rec */
	unsigned int line;
	const char *file;	/* points into the file's data; valid until ab_table_free */
	char *owned;
};
struct ab_fill {
	int shndx;
	uint64_t addr;		/* VMA (linked file) or section offset (object) */
	uint64_t len;
};

struct ab_table {
	const char *file;
	int is_rel;		/* ET_REL: addresses are section offsets */
	int elfclass;		/* 32 or 64 */
	struct ab_section *sections;
	size_t nsections;
	struct ab_site_rec *sites;	/* sorted by section, then address */
	size_t nsites;
	size_t nheaders;
	/* Summed over the headers (table.h): instructions the liveness
	   analysis read, and those its def/use table did not cover. */
	unsigned long live_insns, live_uncovered;
	int have_table;		/* the file has an .afterburn section */
	struct ab_src *srcs;	/* sorted by address */
	size_t nsrcs;
	struct ab_fill *fills;	/* sorted by section, then address */
	size_t nfills;
	int errors;		/* validation errors reported */
};

/*
 * Read FILE's table, validating it by the table's rules (checks.def: those
 * the runtime makes too, and the tools' own); every problem is printed to
 * ERR as "FILE: .afterburn record N: ...".  Returns 0 if the
 * table (or its absence) is valid, 1 if it is malformed, -1 if FILE cannot
 * be read as an x86 ELF file.
 */
int ab_table_read(const char *file, struct ab_table *t, FILE *err);
void ab_table_free(struct ab_table *t);
/* Where the byte-spelled site at ADDR came from, or NULL. */
/* Up to MAX bytes of section SHNDX from ADDR (0 if none are loaded). */
size_t ab_table_bytes(const struct ab_table *t, int shndx, uint64_t addr,
		      const unsigned char **bytes, size_t max);
const struct ab_src *ab_table_src(const struct ab_table *t, uint64_t addr);
/* Does [ADDR, ADDR + LEN) of section SHNDX lie in recorded fill? */
int ab_table_in_fill(const struct ab_table *t, int shndx, uint64_t addr, uint64_t len);
/* Expected room for a site, from the catalogue (see table.h, kinds.def). */
int ab_expected_room(const struct afterburn_site *s);

#endif
