/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * afterburn-scan: find the sensitive instructions in objdump's disassembly
 * of a file by their bytes, and (--check) cross-check them against the
 * file's .afterburn table: every sensitive instruction must have a site
 * (else a miss) and every site a sensitive instruction of its kind (else a
 * stray), except sites marked by hand.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	      "instructions, classified by their bytes against the encodings in kinds.def:\n"
	      "  address  section  kind  length  instruction\n"
	      "Runs of two or more int3 (0xcc) bytes are alignment/linker fill, not\n"
	      "instructions, and are not listed (--check counts them).\n"
	      "\n"
	      "  -c, --check         cross-check against FILE's .afterburn table; print\n"
	      "                      miss (sensitive instruction, no site), stray (site, no\n"
	      "                      sensitive instruction; hand-marked sites excepted) and\n"
	      "                      mismatch (kind or length differs) lines and a summary;\n"
	      "                      exit 1 on any miss, stray, mismatch or invalid table\n"
	      "  -s, --summary       print kind<TAB>count lines and total<TAB>N instead\n"
	      "  -m, --mode=N        decode as 16-, 32- or 64-bit code (default: the ELF class)\n"
	      "  -M, --modes=FILE    per-range modes: lines `section start end mode' (hex\n"
	      "                      addresses); those ranges are disassembled in that mode\n"
	      "  -i, --input=FILE    read objdump -d -w output from FILE (- for stdin) instead\n"
	      "                      of running objdump (then FILE arguments are only needed\n"
	      "                      for --check, and only one)\n"
	      "  -q, --quiet         with --check, print only problems and the summary\n"
	      "  -k, --known-data=FILE  with --check, sensitive bytes known to be data\n"
	      "                      (emitted by .byte/.fill: no assembler can mark them),\n"
	      "                      as `symbol+0xOFF<TAB>kind' lines: reported as `data',\n"
	      "                      not as misses (run-differential --known-out writes one)\n"
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

/* A lone 0xcc byte next to another: .align/.fill/.skip ..., 0xcc padding or
   the linker's 0xcc fill between functions, never an instruction stream a
   compiler or a human writes (the second int3 could never run after the
   first).  Such runs are fill, not sensitive instructions. */
static int is_int3(const struct ab_insn *x)
{
	return x->len == 1 && x->bytes[0] == 0xcc;
}

static int int3_fill(const struct ab_insns *in, size_t i)
{
	const struct ab_insn *x = &in->v[i];

	if (!is_int3(x))
		return 0;
	if (i > 0 && is_int3(&in->v[i - 1]) && in->v[i - 1].section == x->section &&
	    in->v[i - 1].addr + 1 == x->addr)
		return 1;
	if (i + 1 < in->n && is_int3(&in->v[i + 1]) && in->v[i + 1].section == x->section &&
	    x->addr + 1 == in->v[i + 1].addr)
		return 1;
	return 0;
}

static int classify_insn(const struct ab_insns *in, size_t i)
{
	const struct ab_insn *x = &in->v[i];

	if (int3_fill(in, i))
		return 0;
	return ab_classify(x->bytes, x->len < AB_INSN_MAX ? x->len : AB_INSN_MAX, x->mode);
}

/* --known-data: sensitive bytes known to be data (emitted by .byte/.fill,
   so no assembler can mark them), as `symbol+0xOFF<TAB>kind' lines. */
struct known {
	char *sym;
	unsigned long long off;
	char kind[32];
	int used;
};
static struct known *known;
static size_t nknown;

static int read_known(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	int lineno = 0;

	if (!f) {
		perror(path);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		char *plus, *tab;
		struct known k = { 0 };

		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		tab = strchr(line, '\t');
		plus = tab ? memrchr(line, '+', tab - line) : NULL;
		if (!tab || !plus || sscanf(plus + 1, "%llx", &k.off) != 1 ||
		    sscanf(tab + 1, "%31s", k.kind) != 1) {
			fprintf(stderr, "%s:%d: want `symbol+0xOFFSET<TAB>kind'\n", path, lineno);
			fclose(f);
			return -1;
		}
		k.sym = strndup(line, plus - line);
		known = realloc(known, (nknown + 1) * sizeof(*known));
		known[nknown++] = k;
	}
	fclose(f);
	return 0;
}

static int is_known(const struct ab_insn *x, int kind)
{
	if (!x->sym)
		return 0;
	for (size_t i = 0; i < nknown; i++)
		if (known[i].off == x->addr - x->symaddr && !strcmp(known[i].sym, x->sym) &&
		    !strcmp(known[i].kind, ab_kind(kind)->name)) {
			known[i].used = 1;
			return 1;
		}
	return 0;
}

struct site_ref {
	const char *section;	/* interned */
	const struct ab_site_rec *s;
	int used;
};

static int site_ref_cmp(const void *a, const void *b)
{
	const struct site_ref *x = a, *y = b;
	int c = strcmp(x->section, y->section);

	if (c)
		return c;
	return x->s->addr < y->s->addr ? -1 : x->s->addr > y->s->addr;
}

static struct site_ref *find_site(struct site_ref *v, size_t n, const char *sec, uint64_t addr)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(v[mid].section, sec);

		if (!c)
			c = v[mid].s->addr < addr ? -1 : v[mid].s->addr > addr;
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
	unsigned long sensitive = 0, misses = 0, strays = 0, mismatches = 0, hand = 0, fill = 0;
	unsigned long data = 0;
	int r = ab_table_read(file, &t, stdout);

	if (r < 0)
		return 2;
	refs = calloc(t.nsites + 1, sizeof(*refs));
	for (size_t i = 0; i < t.nsites; i++) {
		refs[i].section = ab_intern(t.sections[t.sites[i].shndx].name);
		refs[i].s = &t.sites[i];
	}
	qsort(refs, t.nsites, sizeof(*refs), site_ref_cmp);
	for (size_t i = 0; i < in->n; i++) {
		struct ab_insn *x = &in->v[i];
		int kind = classify_insn(in, i);
		struct site_ref *sr = find_site(refs, t.nsites, x->section, x->addr);

		if (sr && !sr->used) {
			sr->used = 1;
			if (kind && (sr->s->rec.kind != kind || sr->s->rec.insn_len != x->len)) {
				mismatches++;
				printf("mismatch\t0x%llx\t%s\tsite %s/%u\tobjdump %s/%d\t%s\n",
				       (unsigned long long)x->addr, x->section,
				       ab_kind(sr->s->rec.kind)->name, sr->s->rec.insn_len,
				       ab_kind(kind)->name, x->len, x->text);
			} else if (!kind && is_hand(&sr->s->rec)) {
				hand++;
			} else if (!kind) {
				strays++;
				printf("stray\t0x%llx\t%s\t%s\t%u\tobjdump sees: %s\n",
				       (unsigned long long)x->addr, x->section,
				       ab_kind(sr->s->rec.kind)->name, sr->s->rec.insn_len, x->text);
			} else if (!quiet) {
				printf("ok\t0x%llx\t%s\t%s\t%d\t%s\n", (unsigned long long)x->addr,
				       x->section, ab_kind(kind)->name, x->len, x->text);
			}
		} else if (kind) {
			int k = is_known(x, kind);

			if (k)
				data++;
			else
				misses++;
			if (!k || !quiet)
				printf("%s\t0x%llx\t%s\t%s\t%d\t%s\t(%d-bit)\t%s+0x%llx\n",
				       k ? "data" : "miss", (unsigned long long)x->addr, x->section,
				       ab_kind(kind)->name, x->len, x->text, x->mode,
				       x->sym ? x->sym : x->section,
				       (unsigned long long)(x->addr - (x->sym ? x->symaddr : 0)));
		}
		sensitive += kind != 0;
		fill += int3_fill(in, i);
	}
	for (size_t i = 0; i < t.nsites; i++) {
		if (refs[i].used)
			continue;
		if (is_hand(&refs[i].s->rec)) {
			hand++;
			continue;
		}
		strays++;
		printf("stray\t0x%llx\t%s\t%s\t%u\tnot at an instruction boundary objdump decoded\n",
		       (unsigned long long)refs[i].s->addr, refs[i].section,
		       ab_kind(refs[i].s->rec.kind)->name, refs[i].s->rec.insn_len);
	}
	printf("%s: %zu instructions, %lu sensitive, %lu int3 fill bytes, %zu sites (%lu hand-marked), %lu known data-encoded, %lu misses, %lu strays, %lu mismatches%s\n",
	       file, in->n, sensitive, fill, t.nsites, hand, data, misses, strays, mismatches,
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
		{ "known-data", required_argument, NULL, 'k' },
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

	while ((c = getopt_long(argc, argv, "csm:M:i:qk:h", opts, NULL)) != -1) {
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
		case 'k':
			if (read_known(optarg) < 0)
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
			for (size_t i = 0; i < in.n; i++) {
				struct ab_insn *x = &in.v[i];
				int k = classify_insn(&in, i);

				if (!k)
					continue;
				count[k]++;
				total++;
				if (!summary)
					printf("%s%s0x%llx\t%s\t%s\t%d\t%s\n",
					       nfiles > 1 ? file : "", nfiles > 1 ? "\t" : "", (unsigned long long)x->addr,
					       x->section, ab_kind(k)->name, x->len, x->text);
			}
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
