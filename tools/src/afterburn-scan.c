/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * afterburn-scan: find the sensitive instructions in objdump's disassembly
 * of a file by their bytes, and (--check) cross-check them against the
 * file's .afterburn table: every sensitive instruction must have a site
 * (else a miss) and every site a sensitive instruction of its kind (else a
 * stray), except sites marked by hand.
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

/* Set for a linked file: an entry named after its section (the object had
   no symbol there, e.g. .altinstr_replacement) has lost its offset once the
   linker concatenated every object's piece of that section. */
static int known_linked;

static int is_known(const struct ab_insn *x, int kind)
{
	const char *name = ab_kind(kind)->name;

	if (!x->sym)
		return 0;
	for (size_t i = 0; i < nknown; i++)
		if (known[i].off == x->addr - x->symaddr && !strcmp(known[i].sym, x->sym) &&
		    !strcmp(known[i].kind, name)) {
			known[i].used = 1;
			return 1;
		}
	/* Such an entry still proves one data-encoded instruction of its kind
	   in that section: accept one unmarked instruction of the same kind in
	   the same section per entry, each entry used at most once, so never
	   more than the listing proved. */
	for (size_t i = 0; known_linked && i < nknown; i++)
		if (!known[i].used && known[i].sym[0] == '.' && !strcmp(known[i].sym, x->section) &&
		    !strcmp(known[i].kind, name)) {
			known[i].used = 1;
			return 1;
		}
	return 0;
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
	unsigned long data = 0, nexcluded = 0;
	char exclmsg[64] = "";
	int r = ab_table_read(file, &t, stdout);

	if (r < 0)
		return 2;
	known_linked = !t.is_rel;
	for (size_t i = 0; i < nknown; i++)
		known[i].used = 0;
	if (resolve_exclusions(file) < 0) {
		ab_table_free(&t);
		return 2;
	}
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
		} else if (kind && excluded(x)) {
			struct symrange *e = excluded(x);

			e->count++;
			nexcluded++;
			if (!quiet)
				printf("excluded\t0x%llx\t%s\t%s\t%d\t%s\t(%d-bit)\t%s+0x%llx\tin [%s, %s)\n",
				       (unsigned long long)x->addr, x->section, ab_kind(kind)->name,
				       x->len, x->text, x->mode, x->sym ? x->sym : x->section,
				       (unsigned long long)(x->addr - (x->sym ? x->symaddr : 0)),
				       e->start_sym, e->end_sym);
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
	/* Only with --exclude-symbol-range: the summary is otherwise unchanged. */
	if (nexcl)
		snprintf(exclmsg, sizeof(exclmsg), "%lu excluded by symbol range, ", nexcluded);
	for (size_t e = 0; e < nexcl; e++)
		printf("excluded-range\t%s\t0x%llx\t0x%llx\t%s\t%s\t%lu unmarked sensitive instructions\n",
		       excl[e].section, (unsigned long long)excl[e].start,
		       (unsigned long long)excl[e].end, excl[e].start_sym, excl[e].end_sym,
		       excl[e].count);
	printf("%s: %zu instructions, %lu sensitive, %lu int3 fill bytes, %zu sites (%lu hand-marked), %lu known data-encoded, %s%lu misses, %lu strays, %lu mismatches%s\n",
	       file, in->n, sensitive, fill, t.nsites, hand, data, exclmsg, misses, strays, mismatches,
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
		{ "exclude-symbol-range", required_argument, NULL, 'x' },
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

	while ((c = getopt_long(argc, argv, "csm:M:i:qk:x:h", opts, NULL)) != -1) {
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
		case 'x':
			if (add_exclusion(optarg) < 0)
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
