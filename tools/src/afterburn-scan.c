/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * afterburn-scan: find the sensitive instructions in objdump's disassembly
 * of a file, decoding the file's bytes at objdump's instruction boundaries
 * with the decoder the assembler marks with (include/afterburn/decode.h),
 * and (--check) cross-check them against the file's .afterburn table:
 * every sensitive instruction must have a site (else a miss) and every site
 * a sensitive instruction of its kind (else a stray), except sites marked by
 * hand.  The only sensitive-looking bytes accepted without a site are fill
 * the assembler recorded (.afterburn_fill), fill the linker says it wrote
 * (its map's *fill* lines, --linker-map) and, on request, a named symbol
 * range (the afterburn runtime's own code).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <gelf.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "afterburn/table.h"
#include "catalogue.h"
#include "classify.h"
#include "objdump.h"
#include "sitetable.h"

#ifndef AB_VERSION
#define AB_VERSION "dev"
#endif

static void usage(FILE *f)
{
	fputs("Usage: afterburn-scan [OPTION]... FILE...\n"
	      "Disassemble each FILE with `objdump -d -w' and print its sensitive\n"
	      "instructions, decoded from the file's bytes at objdump's instruction\n"
	      "boundaries by the decoder the assembler marks with (decode.h, driven by the\n"
	      "encodings in kinds.def):\n"
	      "  address  section  kind  length  instruction\n"
	      "\n"
	      "  -c, --check         cross-check against FILE's .afterburn table; print\n"
	      "                      miss (sensitive instruction, no site), stray (site, no\n"
	      "                      sensitive instruction; hand-marked sites excepted),\n"
	      "                      mismatch (kind or length differs) and fill (inside fill\n"
	      "                      the assembler recorded in .afterburn_fill: proven data)\n"
	      "                      lines and a summary; exit 1 on any miss, stray,\n"
	      "                      mismatch or invalid table\n"
	      "  -s, --summary       print kind<TAB>count lines and total<TAB>N instead\n"
	      "  -m, --mode=N        decode as 16-, 32- or 64-bit code (default: the ELF class)\n"
	      "  -M, --modes=FILE    per-range modes: lines `section start end mode' (hex\n"
	      "                      addresses); those ranges are disassembled in that mode\n"
	      "  -i, --input=FILE    read objdump -d -w output from FILE (- for stdin) instead\n"
	      "                      of running objdump (then FILE arguments are only needed\n"
	      "                      for --check, and only one; without FILE the bytes\n"
	      "                      objdump printed are decoded)\n"
	      "  -q, --quiet         with --check, print only problems and the summary\n"
	      "  -L, --linker-map=FILE  with --check on a linked FILE, the map its link wrote\n"
	      "                      (ld -Map): bytes ld itself lists as *fill* between\n"
	      "                      input sections are in no object; sensitive-looking\n"
	      "                      bytes there are accepted as `fill' (linker) too\n"
	      "  -x, --exclude-symbol-range=START,END  with --check, sensitive\n"
	      "                      instructions without a site in [START, END) (two\n"
	      "                      symbols of FILE's symtab in one section, e.g. the\n"
	      "                      afterburn runtime's own code, unmarked by design) are\n"
	      "                      reported as `excluded' and counted, not as misses\n"
	      "  -h, --help          this text\n"
	      "      --version       print the version\n"
	      "Environment: OBJDUMP names the objdump to run (default objdump).\n", f);
}

struct range {
	char section[256];
	uint64_t start, stop;
	int mode;
};

static int read_modes(const char *path, struct range **rv, size_t *rn)
{
	FILE *f = fopen(path, "r");
	char line[512];
	int lineno = 0;

	if (!f) {
		perror(path);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		struct range r;
		unsigned long long a, b;

		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (sscanf(line, "%255s %llx %llx %d", r.section, &a, &b, &r.mode) != 4 ||
		    (r.mode != 16 && r.mode != 32 && r.mode != 64) || b < a) {
			fprintf(stderr, "%s:%d: want `section start end mode(16|32|64)'\n", path, lineno);
			fclose(f);
			return -1;
		}
		r.start = a;
		r.stop = b;
		*rv = realloc(*rv, (*rn + 1) * sizeof(**rv));
		(*rv)[(*rn)++] = r;
	}
	fclose(f);
	return 0;
}

static int insn_cmp(const void *a, const void *b)
{
	const struct ab_insn *x = a, *y = b;
	int c = strcmp(x->section, y->section);

	if (c)
		return c;
	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Disassemble FILE: the whole file in its default mode, then each override
   range again in its own mode, replacing what the first pass decoded there. */
static int disassemble(const char *file, int mode, struct range *rv, size_t rn,
		       struct ab_insns *out)
{
	struct ab_insns all = { 0 };
	size_t keep = 0;

	if (ab_objdump_run(file, mode, NULL, 0, 0, &all) < 0)
		return -1;
	for (size_t i = 0; i < all.n; i++) {
		int drop = 0;

		for (size_t r = 0; r < rn && !drop; r++)
			drop = rv[r].mode != mode && !strcmp(rv[r].section, all.v[i].section) &&
			       all.v[i].addr >= rv[r].start && all.v[i].addr < rv[r].stop;
		if (drop)
			free(all.v[i].text);
		else
			all.v[keep++] = all.v[i];
	}
	all.n = keep;
	for (size_t r = 0; r < rn; r++)
		if (rv[r].mode != mode && rv[r].stop > rv[r].start &&
		    ab_objdump_run(file, rv[r].mode, rv[r].section, rv[r].start, rv[r].stop, &all) < 0)
			return -1;
	qsort(all.v, all.n, sizeof(*all.v), insn_cmp);
	*out = all;
	return 0;
}

static int file_mode(const char *file)
{
	unsigned char id[5];
	FILE *f = fopen(file, "rb");
	int n;

	if (!f)
		return 64;
	n = fread(id, 1, 5, f);
	fclose(f);
	return n == 5 && id[4] == 1 ? 32 : 64;
}

/* The section of T named NAME (objdump names sections), or -1. */
static int table_section(const struct ab_table *t, const char *name)
{
	for (size_t i = 1; t && i < t->nsections; i++)
		if (t->sections[i].name && !strcmp(t->sections[i].name, name))
			return i;
	return -1;
}

/*
 * Decode the instruction objdump found at X: from the file's own bytes when
 * the table reader loaded them (objdump splits instructions it does not
 * know, such as lkgs, into pieces), else from the bytes objdump printed.
 * Returns the kind (0: not sensitive) and its length in *LEN.
 */
static int decode_at(const struct ab_table *t, const struct ab_insn *x,
		     unsigned int *len)
{
	const unsigned char *b = NULL;
	size_t n = t ? ab_table_bytes(t, table_section(t, x->section), x->addr, &b, 15) : 0;

	if (!n) {
		b = x->bytes;
		n = x->len < AB_INSN_MAX ? x->len : AB_INSN_MAX;
	}
	return ab_classify(b, n, x->mode, len, NULL);
}

/*
 * objdump 2.40 does not know every instruction the catalogue does: it prints
 * lkgs (f2 0f 00 /6, which Linux 6.12 spells as bytes) as a 3-byte `(bad)'
 * and decodes on from inside it, so what follows (a pushf, a cli) is read
 * from the wrong boundary.  Where the file's bytes decode as a catalogue
 * instruction longer than what objdump printed, disassemble again from its
 * true end until the two streams meet at a common boundary, and keep that.
 * Returns the number of places resynchronised, or -1 if objdump failed.
 */
static int resync(const char *file, const struct ab_table *t, struct ab_insns *in)
{
	int count = 0;

	for (size_t i = 0; t && i < in->n; i++) {
		struct ab_insn *x = &in->v[i];
		const char *sec = x->section;
		int shndx = table_section(t, sec);
		unsigned int len;
		uint64_t end, secend;
		size_t j;

		if (!decode_at(t, x, &len) || (unsigned int)x->len >= len || shndx < 0)
			continue;
		end = x->addr + len;
		secend = t->sections[shndx].addr + t->sections[shndx].size;
		for (j = i + 1; j < in->n && in->v[j].section == sec && in->v[j].addr < end; j++)
			;
		if (j < in->n && in->v[j].section == sec && in->v[j].addr == end)
			continue;	/* objdump found the true end by itself */
		for (uint64_t win = 64;; win *= 4) {
			struct ab_insns re = { 0 };
			uint64_t sync = UINT64_MAX;
			size_t k = i + 1, keep, add = 0;

			if (ab_objdump_run(file, x->mode, sec, end, end + win, &re) < 0)
				return -1;
			/* the first boundary both streams have */
			for (size_t r = 0; r < re.n && sync == UINT64_MAX; r++) {
				while (k < in->n && in->v[k].section == sec &&
				       in->v[k].addr < re.v[r].addr)
					k++;
				if (k < in->n && in->v[k].section == sec &&
				    in->v[k].addr == re.v[r].addr)
					sync = re.v[r].addr;
			}
			if (sync == UINT64_MAX && end + win < secend) {
				for (size_t r = 0; r < re.n; r++)
					free(re.v[r].text);
				free(re.v);
				continue;	/* not met yet: look further */
			}
			/* replace objdump's (x, sync) with the new run (which, if
			   the streams never met, runs to the section's end) */
			for (k = i + 1; k < in->n && in->v[k].section == sec && in->v[k].addr < sync; k++)
				free(in->v[k].text);
			keep = in->n - k;
			while (add < re.n && re.v[add].addr < sync)
				add++;
			for (size_t r = add; r < re.n; r++)
				free(re.v[r].text);
			if (in->n - (k - i - 1) + add > in->cap) {
				in->cap = in->n - (k - i - 1) + add;
				in->v = realloc(in->v, in->cap * sizeof(*in->v));
			}
			memmove(&in->v[i + 1 + add], &in->v[k], keep * sizeof(*in->v));
			memcpy(&in->v[i + 1], re.v, add * sizeof(*in->v));
			in->n = i + 1 + add + keep;
			free(re.v);
			count++;
			break;
		}
	}
	return count;
}

static const char *where(const struct ab_insn *x, char *buf, size_t n)
{
	snprintf(buf, n, "%s+0x%llx", x->sym ? x->sym : x->section,
		 (unsigned long long)(x->addr - (x->sym ? x->symaddr : 0)));
	return buf;
}

/* --exclude-symbol-range: address ranges bounded by two symbols of the
   checked file, resolved from its ELF symtab (never guessed from names). */
struct symrange {
	char *start_sym, *end_sym;
	char *section;		/* section both symbols are defined in */
	uint64_t start, end;
	unsigned long count;
};
static struct symrange *excl;
static size_t nexcl;

static int add_exclusion(const char *arg)
{
	const char *comma = strchr(arg, ',');

	if (!comma || comma == arg || !comma[1] || strchr(comma + 1, ',')) {
		fprintf(stderr, "afterburn-scan: --exclude-symbol-range wants START,END (two symbol names), not `%s'\n", arg);
		return -1;
	}
	excl = realloc(excl, (nexcl + 1) * sizeof(*excl));
	memset(&excl[nexcl], 0, sizeof(*excl));
	excl[nexcl].start_sym = strndup(arg, comma - arg);
	excl[nexcl].end_sym = strdup(comma + 1);
	nexcl++;
	return 0;
}

/* Look up every exclusion's two symbols in FILE's .symtab.  Each must be
   defined exactly once, both in the same section, START <= END. */
static int resolve_exclusions(const char *file)
{
	int fd, ret = -1;
	Elf *elf;
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	int found[2 * nexcl + 1];
	size_t shndx[2 * nexcl + 1];
	uint64_t val[2 * nexcl + 1];

	if (!nexcl)
		return 0;
	memset(found, 0, sizeof(found));
	elf_version(EV_CURRENT);
	fd = open(file, O_RDONLY);
	if (fd < 0) {
		perror(file);
		return -1;
	}
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF || elf_getshdrstrndx(elf, &shstrndx)) {
		fprintf(stderr, "%s: not an ELF file\n", file);
		goto out;
	}
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB)
			continue;
		d = elf_getdata(scn, NULL);
		for (size_t i = 0; d && i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym sym;
			const char *name;

			if (!gelf_getsym(d, i, &sym) || sym.st_shndx == SHN_UNDEF)
				continue;
			name = elf_strptr(elf, sh.sh_link, sym.st_name);
			if (!name)
				continue;
			for (size_t e = 0; e < 2 * nexcl; e++) {
				const char *want = e & 1 ? excl[e / 2].end_sym : excl[e / 2].start_sym;

				if (strcmp(name, want))
					continue;
				if (found[e]++) {
					fprintf(stderr, "%s: --exclude-symbol-range: symbol %s is defined more than once\n", file, want);
					goto out;
				}
				shndx[e] = sym.st_shndx;
				val[e] = sym.st_value;
			}
		}
	}
	for (size_t e = 0; e < 2 * nexcl; e++)
		if (!found[e]) {
			fprintf(stderr, "%s: --exclude-symbol-range: no symbol %s in the symtab\n", file,
				e & 1 ? excl[e / 2].end_sym : excl[e / 2].start_sym);
			goto out;
		}
	for (size_t r = 0; r < nexcl; r++) {
		GElf_Shdr sh;
		Elf_Scn *s = elf_getscn(elf, shndx[2 * r]);
		const char *secname = s && gelf_getshdr(s, &sh) ? elf_strptr(elf, shstrndx, sh.sh_name) : NULL;

		if (shndx[2 * r] != shndx[2 * r + 1] || !secname || shndx[2 * r] >= SHN_LORESERVE ||
		    val[2 * r] > val[2 * r + 1]) {
			fprintf(stderr, "%s: --exclude-symbol-range: %s and %s do not bound a range in one section\n",
				file, excl[r].start_sym, excl[r].end_sym);
			goto out;
		}
		excl[r].section = strdup(secname);
		excl[r].start = val[2 * r];
		excl[r].end = val[2 * r + 1];
		excl[r].count = 0;
	}
	ret = 0;
out:
	if (elf)
		elf_end(elf);
	close(fd);
	return ret;
}

static struct symrange *excluded(const struct ab_insn *x)
{
	for (size_t r = 0; r < nexcl; r++)
		if (!strcmp(excl[r].section, x->section) && x->addr >= excl[r].start &&
		    x->addr < excl[r].end)
			return &excl[r];
	return NULL;
}

/* --linker-map: the *fill* ranges of an ld map file, by address. */
struct lfill {
	uint64_t start, len;
};
static struct lfill *lfills;
static size_t nlfills;

static int lfill_cmp(const void *a, const void *b)
{
	const struct lfill *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* ` *fill*   0xADDR   0xSIZE [pattern]': what ld wrote between input
   sections (alignment of an input section, `. = ALIGN(...)' ...). */
static int read_linker_map(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	unsigned long long a, n;

	if (!f) {
		perror(path);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, " *fill*", 7) ||
		    sscanf(line + 7, " 0x%llx 0x%llx", &a, &n) != 2 || !n)
			continue;
		lfills = realloc(lfills, (nlfills + 1) * sizeof(*lfills));
		lfills[nlfills].start = a;
		lfills[nlfills].len = n;
		nlfills++;
	}
	fclose(f);
	if (!nlfills) {
		fprintf(stderr, "%s: no `*fill*' lines: not an ld map file?\n", path);
		return -1;
	}
	qsort(lfills, nlfills, sizeof(*lfills), lfill_cmp);
	return 0;
}

static int in_linker_fill(uint64_t addr, uint64_t len)
{
	size_t lo = 0, hi = nlfills;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (lfills[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo && addr + len <= lfills[lo - 1].start + lfills[lo - 1].len;
}

/* Consecutive accepted fill instructions are reported as one line. */
struct fill_run {
	const char *section, *why, *kind;
	uint64_t start, end;
	unsigned long n;
	char where[256];
};

static void fill_flush(struct fill_run *r, int quiet)
{
	if (r->n && !quiet)
		printf("fill\t0x%llx\t%s\t%s\t%llu bytes, %lu instructions\t(%s)\t%s\n",
		       (unsigned long long)r->start, r->section, r->kind,
		       (unsigned long long)(r->end - r->start), r->n, r->why, r->where);
	r->n = 0;
}

static void fill_add(struct fill_run *r, const struct ab_insn *x, int kind,
		     unsigned int len, const char *why, int quiet)
{
	const char *kname = ab_kind(kind)->name;

	if (r->n && (r->section != x->section || r->why != why || r->kind != kname ||
		     r->end != x->addr))
		fill_flush(r, quiet);
	if (!r->n) {
		r->section = x->section;
		r->why = why;
		r->kind = kname;
		r->start = x->addr;
		where(x, r->where, sizeof(r->where));
	}
	r->end = x->addr + len;
	r->n++;
}

struct site_ref {
	const char *section;	/* interned */
	uint64_t insn;		/* address of the instruction (site + insn_off) */
	const struct ab_site_rec *s;
	int used;
};

static int site_ref_cmp(const void *a, const void *b)
{
	const struct site_ref *x = a, *y = b;
	int c = strcmp(x->section, y->section);

	if (c)
		return c;
	return x->insn < y->insn ? -1 : x->insn > y->insn;
}

static struct site_ref *find_site(struct site_ref *v, size_t n, const char *sec, uint64_t addr)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(v[mid].section, sec);

		if (!c)
			c = v[mid].insn < addr ? -1 : v[mid].insn > addr;
		if (!c)
			return &v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int is_hand(const struct afterburn_site *s)
{
	const struct ab_kind_info *k = ab_kind(s->kind);

	return (k && k->cls == AB_HAND) || (s->flags & (AB_FL_HAND | AB_FL_RANGE));
}

static int check_file(const char *file, struct ab_insns *in, int quiet)
{
	struct ab_table t;
	struct site_ref *refs;
	unsigned long sensitive = 0, misses = 0, strays = 0, mismatches = 0, hand = 0;
	unsigned long fill = 0, lfill = 0, nexcluded = 0;
	char exclmsg[64] = "", lfillmsg[64] = "", w[256];
	struct fill_run run = { 0 };
	uint64_t skip_to = 0;
	const char *skip_sec = NULL;
	int r = ab_table_read(file, &t, stdout);

	if (r < 0)
		return 2;
	if (resolve_exclusions(file) < 0) {
		ab_table_free(&t);
		return 2;
	}
	if (file && resync(file, &t, in) < 0) {
		ab_table_free(&t);
		return 2;
	}
	refs = calloc(t.nsites + 1, sizeof(*refs));
	for (size_t i = 0; i < t.nsites; i++) {
		refs[i].section = ab_intern(t.sections[t.sites[i].shndx].name);
		refs[i].insn = t.sites[i].addr + t.sites[i].rec.insn_off;
		refs[i].s = &t.sites[i];
	}
	qsort(refs, t.nsites, sizeof(*refs), site_ref_cmp);
	for (size_t i = 0; i < in->n; i++) {
		struct ab_insn *x = &in->v[i];
		struct site_ref *sr = find_site(refs, t.nsites, x->section, x->addr);
		unsigned int len = 0;
		int kind;

		/* objdump's pieces of an instruction decoded whole before */
		if (!sr && x->section == skip_sec && x->addr < skip_to)
			continue;
		kind = decode_at(&t, x, &len);
		if (kind) {
			sensitive++;
			skip_sec = x->section;
			skip_to = x->addr + len;
		}
		/* a fill run ends at anything that does not continue it */
		if (run.n && (!kind || sr || x->section != run.section || x->addr != run.end ||
			      !(ab_table_in_fill(&t, table_section(&t, x->section), x->addr, len) ||
				(nlfills && in_linker_fill(x->addr, len)))))
			fill_flush(&run, quiet);
		if (sr) {
			const struct afterburn_site *s = &sr->s->rec;

			sr->used = 1;
			skip_sec = x->section;
			skip_to = x->addr + s->insn_len;
			if (kind && (s->kind != kind || s->insn_len != len)) {
				mismatches++;
				printf("mismatch\t0x%llx\t%s\tsite %s/%u\tdecoded %s/%u\t%s\n",
				       (unsigned long long)x->addr, x->section,
				       ab_kind(s->kind)->name, s->insn_len,
				       ab_kind(kind)->name, len, x->text);
			} else if (!kind && is_hand(s)) {
				hand++;
			} else if (!kind) {
				strays++;
				printf("stray\t0x%llx\t%s\t%s\t%u\tobjdump sees: %s\n",
				       (unsigned long long)x->addr, x->section,
				       ab_kind(s->kind)->name, s->insn_len, x->text);
			} else if (!quiet) {
				printf("ok\t0x%llx\t%s\t%s\t%u\t%s\n", (unsigned long long)x->addr,
				       x->section, ab_kind(kind)->name, len, x->text);
			}
		} else if (kind && ab_table_in_fill(&t, table_section(&t, x->section), x->addr, len)) {
			fill++;
			fill_add(&run, x, kind, len, "recorded by gas", quiet);
			continue;
		} else if (kind && nlfills && in_linker_fill(x->addr, len)) {
			lfill++;
			fill_add(&run, x, kind, len, "linker fill", quiet);
			continue;
		} else if (kind && excluded(x)) {
			struct symrange *e = excluded(x);

			e->count++;
			nexcluded++;
			if (!quiet)
				printf("excluded\t0x%llx\t%s\t%s\t%u\t%s\t(%d-bit)\t%s\tin [%s, %s)\n",
				       (unsigned long long)x->addr, x->section, ab_kind(kind)->name,
				       len, x->text, x->mode, where(x, w, sizeof(w)),
				       e->start_sym, e->end_sym);
		} else if (kind) {
			misses++;
			printf("miss\t0x%llx\t%s\t%s\t%u\t%s\t(%d-bit)\t%s\n",
			       (unsigned long long)x->addr, x->section, ab_kind(kind)->name, len,
			       x->text, x->mode, where(x, w, sizeof(w)));
		}
	}
	fill_flush(&run, quiet);
	for (size_t i = 0; i < t.nsites; i++) {
		if (refs[i].used)
			continue;
		if (is_hand(&refs[i].s->rec)) {
			hand++;
			continue;
		}
		strays++;
		printf("stray\t0x%llx\t%s\t%s\t%u\tnot at an instruction boundary objdump decoded\n",
		       (unsigned long long)refs[i].insn, refs[i].section,
		       ab_kind(refs[i].s->rec.kind)->name, refs[i].s->rec.insn_len);
	}
	/* Only with --exclude-symbol-range: the summary is otherwise unchanged. */
	if (nexcl)
		snprintf(exclmsg, sizeof(exclmsg), "%lu excluded by symbol range, ", nexcluded);
	if (nlfills)
		snprintf(lfillmsg, sizeof(lfillmsg), "%lu in linker fill, ", lfill);
	for (size_t e = 0; e < nexcl; e++)
		printf("excluded-range\t%s\t0x%llx\t0x%llx\t%s\t%s\t%lu unmarked sensitive instructions\n",
		       excl[e].section, (unsigned long long)excl[e].start,
		       (unsigned long long)excl[e].end, excl[e].start_sym, excl[e].end_sym,
		       excl[e].count);
	printf("%s: %zu instructions, %lu sensitive, %zu sites (%lu hand-marked), %lu in recorded fill, %s%s%lu misses, %lu strays, %lu mismatches%s\n",
	       file, in->n, sensitive, t.nsites, hand, fill, lfillmsg, exclmsg, misses, strays, mismatches,
	       t.errors ? ", INVALID TABLE" : "");
	free(refs);
	ab_table_free(&t);
	return misses || strays || mismatches || r ? 1 : 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "check", no_argument, NULL, 'c' },
		{ "summary", no_argument, NULL, 's' },
		{ "mode", required_argument, NULL, 'm' },
		{ "modes", required_argument, NULL, 'M' },
		{ "input", required_argument, NULL, 'i' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "exclude-symbol-range", required_argument, NULL, 'x' },
		{ "linker-map", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int check = 0, summary = 0, mode = 0, quiet = 0, status = 0, c, nkinds, nfiles;
	const char *input = NULL;
	struct range *rv = NULL;
	size_t rn = 0;
	unsigned long count[AB_KIND_LIMIT] = { 0 }, total = 0;
	const struct ab_kind_info *kinds = ab_kinds(&nkinds);

	while ((c = getopt_long(argc, argv, "csm:M:i:qx:L:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': check = 1; break;
		case 's': summary = 1; break;
		case 'm':
			mode = atoi(optarg);
			if (mode != 16 && mode != 32 && mode != 64) {
				fprintf(stderr, "afterburn-scan: --mode must be 16, 32 or 64\n");
				return 2;
			}
			break;
		case 'M':
			if (read_modes(optarg, &rv, &rn) < 0)
				return 2;
			break;
		case 'i': input = optarg; break;
		case 'q': quiet = 1; break;
		case 'x':
			if (add_exclusion(optarg) < 0)
				return 2;
			break;
		case 'L':
			if (read_linker_map(optarg) < 0)
				return 2;
			break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("afterburn-scan %s\n", AB_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	nfiles = argc - optind;
	if ((!input && nfiles < 1) || (input && (nfiles > 1 || (check && nfiles != 1)))) {
		fprintf(stderr, "afterburn-scan: give FILE... or --input=OBJDUMP-OUTPUT [FILE] (try --help)\n");
		return 2;
	}
	for (int f = 0; f < (input ? 1 : nfiles); f++) {
		const char *file = nfiles ? argv[optind + f] : NULL;
		int m = mode ? mode : file ? file_mode(file) : 64;
		struct ab_insns in = { 0 };

		if (input) {
			FILE *fp = strcmp(input, "-") ? fopen(input, "r") : stdin;

			if (!fp) {
				perror(input);
				return 2;
			}
			ab_objdump_parse(fp, m, &in);
			if (fp != stdin)
				fclose(fp);
			qsort(in.v, in.n, sizeof(*in.v), insn_cmp);
		} else if (disassemble(file, m, rv, rn, &in) < 0) {
			status = 2;
			continue;
		}
		if (check) {
			int r = check_file(file, &in, quiet);

			if (r > status)
				status = r;
		} else {
			static FILE *quiet_err;
			struct ab_table t, *tp = NULL;
			const char *skip_sec = NULL;
			uint64_t skip_to = 0;

			/* the file's bytes, when it is an ELF file we can read;
			   validating its table is --check's job */
			if (!quiet_err)
				quiet_err = fopen("/dev/null", "w");
			if (file && quiet_err && ab_table_read(file, &t, quiet_err) >= 0)
				tp = &t;
			if (tp && resync(file, tp, &in) < 0)
				status = 2;
			for (size_t i = 0; i < in.n; i++) {
				struct ab_insn *x = &in.v[i];
				unsigned int len;
				int k;

				if (x->section == skip_sec && x->addr < skip_to)
					continue;
				k = decode_at(tp, x, &len);
				if (!k)
					continue;
				skip_sec = x->section;
				skip_to = x->addr + len;
				count[k]++;
				total++;
				if (!summary)
					printf("%s%s0x%llx\t%s\t%s\t%u\t%s\n",
					       nfiles > 1 ? file : "", nfiles > 1 ? "\t" : "", (unsigned long long)x->addr,
					       x->section, ab_kind(k)->name, len, x->text);
			}
			if (tp)
				ab_table_free(tp);
		}
		for (size_t i = 0; i < in.n; i++)
			free(in.v[i].text);
		free(in.v);
	}
	if (summary && !check) {
		for (int k = 0; k < nkinds; k++)
			if (count[kinds[k].num])
				printf("%s\t%lu\n", kinds[k].name, count[kinds[k].num]);
		printf("total\t%lu\n", total);
	}
	return status;
}
