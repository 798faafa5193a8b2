/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Read an .afterburn table from a relocatable object (sites located through
 * the section's PC-relative relocations) or a linked image (sites located
 * through the resolved PC-relative offsets), and check every record by the
 * table's rules (include/afterburn/checks.def): those the runtime makes
 * too, with the same record checks (checks.h) and words, and those only a
 * reader of the ELF file can make (AB_BY_TOOLS: relocations, sections, the
 * catalogue's room).
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "afterburn/checks.h"
#include "catalogue.h"
#include "sitetable.h"

static void problem(struct ab_table *t, FILE *err, long rec, const char *fmt, ...)
{
	va_list ap;

	if (rec >= 0)
		fprintf(err, "%s: .afterburn record %ld: ", t->file, rec);
	else
		fprintf(err, "%s: .afterburn: ", t->file);
	va_start(ap, fmt);
	vfprintf(err, fmt, ap);
	va_end(ap);
	fputc('\n', err);
	t->errors++;
}

/* A failed rule: its DETAIL (checks.def), after the kind if known, and
   the ELF context if any, e.g. "... record 2: cli: room 5, the catalogue
   gives 7 for 64-bit code". */
static void finding(struct ab_table *t, FILE *err, long rec, const char *kind,
		    const struct afterburn_finding *f, const char *context)
{
	char detail[160];

	snprintf(detail, sizeof(detail), afterburn_check_detail(f->code),
		 f->arg[0], f->arg[1], f->arg[2]);
	problem(t, err, rec, "%s%s%s%s%s%s", kind ? kind : "", kind ? ": " : "",
		detail, context ? " (" : "", context ? context : "",
		context ? ")" : "");
}

/* The same for check CODE with DETAIL's arguments a0..a2. */
static void fail(struct ab_table *t, FILE *err, long rec, const char *kind,
		 enum afterburn_errcode code, unsigned long a0, unsigned long a1,
		 unsigned long a2, const char *context)
{
	struct afterburn_finding f;

	afterburn_found(&f, code, a0, a1, a2);
	finding(t, err, rec, kind, &f, context);
}


/* Relocation of a 4-byte PC-relative field, by offset in its section. */
struct field_reloc {
	uint64_t off;
	unsigned int type;
	GElf_Sym sym;
	int64_t addend;
	int has_addend;
};

int ab_expected_room(const struct afterburn_site *s)
{
	return afterburn_expected_room(s);
}

/* Every relocation of section TAB_NDX, sorted by offset. */
static int field_cmp(const void *a, const void *b)
{
	const struct field_reloc *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

static int load_relocs(Elf *elf, struct ab_table *t, size_t tab_ndx,
		       struct field_reloc **out, size_t *nout, FILE *err)
{
	Elf_Scn *scn = NULL;

	*out = NULL;
	*nout = 0;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *d, *symd;
		size_t n;

		if (!gelf_getshdr(scn, &sh) || sh.sh_info != tab_ndx ||
		    (sh.sh_type != SHT_RELA && sh.sh_type != SHT_REL))
			continue;
		d = elf_getdata(scn, NULL);
		symd = elf_getdata(elf_getscn(elf, sh.sh_link), NULL);
		if (!d || !symd) {
			problem(t, err, -1, "unreadable relocations: %s", elf_errmsg(-1));
			return -1;
		}
		n = sh.sh_size / (sh.sh_entsize ? sh.sh_entsize : 1);
		*out = realloc(*out, (*nout + n + 1) * sizeof(**out));
		for (size_t i = 0; i < n; i++) {
			GElf_Rela r;
			GElf_Rel rl;
			struct field_reloc *fr = &(*out)[*nout];

			if (sh.sh_type == SHT_RELA) {
				if (!gelf_getrela(d, i, &r))
					continue;
			} else {
				if (!gelf_getrel(d, i, &rl))
					continue;
				r.r_offset = rl.r_offset;
				r.r_info = rl.r_info;
				r.r_addend = 0;
			}
			fr->off = r.r_offset;
			fr->has_addend = sh.sh_type == SHT_RELA;
			fr->addend = r.r_addend;
			/* gelf hands ELF32 entries over in 64-bit form. */
			fr->type = GELF_R_TYPE(r.r_info);
			gelf_getsym(symd, GELF_R_SYM(r.r_info), &fr->sym);
			(*nout)++;
		}
	}
	qsort(*out, *nout, sizeof(**out), field_cmp);
	return 0;
}

static const struct field_reloc *reloc_at(const struct field_reloc *v, size_t n,
					  uint64_t off)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (v[mid].off == off)
			return &v[mid];
		if (v[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * The address a 4-byte `target - .' field at offset OFF of section SH names:
 * through its relocation in objects (*shndx from the symbol), resolved in
 * linked files.  Returns 0 with a message in WHY on failure.
 */
static int pcrel_target(const struct ab_table *t, const GElf_Shdr *sh,
			const struct field_reloc *rel, size_t nrel, uint64_t off,
			int32_t stored, uint64_t *addr, int *shndx, const char **why)
{
	if (t->is_rel) {
		const struct field_reloc *r = reloc_at(rel, nrel, off);
		unsigned int pc32 = t->elfclass == 64 ? R_X86_64_PC32 : R_386_PC32;

		if (!r) {
			*why = "has no relocation";
			return 0;
		}
		if (r->type != pc32) {
			*why = t->elfclass == 64 ? "relocation is not R_X86_64_PC32" :
						   "relocation is not R_386_PC32";
			return 0;
		}
		*shndx = r->sym.st_shndx;
		if (*shndx == SHN_UNDEF || *shndx >= SHN_LORESERVE ||
		    (size_t)*shndx >= t->nsections) {
			*why = "relocation is against a symbol with no section";
			return 0;
		}
		/* S + A (the reader adds the field's own address P to the
		   stored S + A - P). */
		*addr = r->sym.st_value + (r->has_addend ? r->addend : stored);
		return 1;
	}
	*addr = sh->sh_addr + off + (int64_t)stored;
	if (t->elfclass == 32)
		*addr &= 0xffffffffu;
	*shndx = -1;
	return 1;
}

static int site_cmp(const void *a, const void *b)
{
	const struct ab_site_rec *x = a, *y = b;

	if (x->shndx != y->shndx)
		return x->shndx < y->shndx ? -1 : 1;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Which section of a linked image holds ADDR (executable ones first). */
static int find_section(struct ab_table *t, uint64_t addr)
{
	int best = -1;

	for (size_t i = 1; i < t->nsections; i++) {
		struct ab_section *s = &t->sections[i];

		if (!s->alloc || addr < s->addr || addr >= s->addr + s->size)
			continue;
		if (s->exec)
			return i;
		if (best < 0)
			best = i;
	}
	return best;
}

static void read_table(Elf *elf, struct ab_table *t, size_t ndx, FILE *err)
{
	Elf_Scn *scn = elf_getscn(elf, ndx);
	GElf_Shdr sh;
	Elf_Data *d;
	size_t nrec, nrel = 0;
	struct field_reloc *rel = NULL;
	int seen_header = 0;
	const unsigned char *p;

	gelf_getshdr(scn, &sh);
	if (sh.sh_type == SHT_NOBITS) {
		problem(t, err, -1, "section has no contents (NOBITS)");
		return;
	}
	d = elf_rawdata(scn, NULL);
	if (!d) {
		problem(t, err, -1, "unreadable section: %s", elf_errmsg(-1));
		return;
	}
	if (d->d_size % AFTERBURN_RECORD_SIZE) {
		fail(t, err, -1, NULL, AB_E_TRUNCATED, d->d_size,
		     AFTERBURN_RECORD_SIZE, 0, NULL);
		return;
	}
	nrec = d->d_size / AFTERBURN_RECORD_SIZE;
	if (t->is_rel && load_relocs(elf, t, ndx, &rel, &nrel, err) < 0) {
		free(rel);
		return;
	}
	t->sites = realloc(t->sites, (t->nsites + nrec + 1) * sizeof(*t->sites));
	p = d->d_buf;
	for (size_t i = 0; i < nrec; i++, p += AFTERBURN_RECORD_SIZE) {
		struct afterburn_site s;
		struct afterburn_finding f;
		struct ab_site_rec *r;
		const char *kname;
		char ctx[96];
		uint64_t addr;
		int shndx;

		memcpy(&s, p, sizeof(s));
		if (s.kind == AB_KIND_HEADER) {
			struct afterburn_header h;
			int bad = 0;

			memcpy(&h, p, sizeof(h));
			if (afterburn_check_header(&h, AB_BY_TOOLS, &f) != AB_OK) {
				finding(t, err, i, NULL, &f, NULL);
				bad = 1;
			}
			if (t->is_rel) {
				size_t lo = 0;

				while (lo < nrel && rel[lo].off < i * AFTERBURN_RECORD_SIZE)
					lo++;
				if (lo < nrel && rel[lo].off < (i + 1) * AFTERBURN_RECORD_SIZE) {
					fail(t, err, i, NULL, AB_E_HEADER_RELOC, 0, 0, 0, NULL);
					bad = 1;
				}
			}
			seen_header = !bad;
			t->nheaders++;
			if (!bad) {
				t->live_insns += h.insns;
				t->live_uncovered += h.uncovered;
			}
			continue;
		}
		if (!seen_header) {
			fail(t, err, i, NULL, AB_E_NO_HEADER, s.kind, 0, 0, NULL);
			continue;
		}
		kname = ab_kind(s.kind) ? ab_kind(s.kind)->name : NULL;
		if (afterburn_check_site(&s, AB_BY_TOOLS, &f) != AB_OK) {
			finding(t, err, i, kname, &f, NULL);
			continue;
		}
		{
			const char *why;

			if (!pcrel_target(t, &sh, rel, nrel, i * AFTERBURN_RECORD_SIZE, s.site,
					  &addr, &shndx, &why)) {
				fail(t, err, i, kname, AB_E_SITE_RELOC, 0, 0, 0, why);
				continue;
			}
		}
		if (!t->is_rel) {
			shndx = find_section(t, addr);
			if (shndx < 0) {
				fail(t, err, i, kname, AB_E_SECTION, addr, s.room, 0,
				     "in no section");
				continue;
			}
		}
		if (!t->sections[shndx].exec) {
			snprintf(ctx, sizeof(ctx), "in non-executable %s",
				 t->sections[shndx].name);
			fail(t, err, i, kname, AB_E_SECTION, addr, s.room, 0, ctx);
			continue;
		}
		if (addr < t->sections[shndx].addr ||
		    addr + s.room > t->sections[shndx].addr + t->sections[shndx].size) {
			snprintf(ctx, sizeof(ctx), "past the end of %s",
				 t->sections[shndx].name);
			fail(t, err, i, kname, AB_E_SECTION, addr, s.room, 0, ctx);
			continue;
		}
		r = &t->sites[t->nsites++];
		r->addr = addr;
		r->shndx = shndx;
		r->index = i;
		r->rec = s;
	}
	free(rel);
}

/* .afterburn_src: where byte-spelled sites came from (table.h). */
static void read_src(Elf *elf, struct ab_table *t, size_t ndx, FILE *err)
{
	GElf_Shdr sh;
	Elf_Data *d;
	struct field_reloc *rel = NULL;
	size_t nrel = 0, off = 0;
	const unsigned char *p;

	if (!gelf_getshdr(elf_getscn(elf, ndx), &sh) ||
	    !(d = elf_rawdata(elf_getscn(elf, ndx), NULL)) ||
	    (t->is_rel && load_relocs(elf, t, ndx, &rel, &nrel, err) < 0)) {
		problem(t, err, -1, "%s: unreadable", AFTERBURN_SRC_SECTION);
		free(rel);
		return;
	}
	p = d->d_buf;
	while (off + 4 <= d->d_size) {
		int32_t stored;
		uint32_t line;
		const char *file, *why;
		size_t flen;
		uint64_t addr;
		int shndx;

		memcpy(&stored, p + off, 4);
		if (!stored && !(t->is_rel && reloc_at(rel, nrel, off))) {
			off += 4;	/* alignment between objects */
			continue;
		}
		if (off + 9 > d->d_size) {
			problem(t, err, -1, "%s: truncated entry at offset %zu", AFTERBURN_SRC_SECTION, off);
			break;
		}
		memcpy(&line, p + off + 4, 4);
		file = (const char *)p + off + 8;
		flen = strnlen(file, d->d_size - off - 8);
		if (off + 8 + flen >= d->d_size) {
			problem(t, err, -1, "%s: unterminated file name at offset %zu",
				AFTERBURN_SRC_SECTION, off);
			break;
		}
		if (!pcrel_target(t, &sh, rel, nrel, off, stored, &addr, &shndx, &why)) {
			problem(t, err, -1, "%s: entry at offset %zu: site field %s",
				AFTERBURN_SRC_SECTION, off, why);
		} else {
			t->srcs = realloc(t->srcs, (t->nsrcs + 1) * sizeof(*t->srcs));
			t->srcs[t->nsrcs].addr = addr;
			t->srcs[t->nsrcs].line = line;
			t->srcs[t->nsrcs].owned = strdup(file);
			t->srcs[t->nsrcs].file = t->srcs[t->nsrcs].owned;
			t->nsrcs++;
		}
		off += 8 + ((flen + 1 + 3) & ~(size_t)3);
	}
	free(rel);
}

/* .afterburn_fill: fill the assembler emitted into code (table.h). */
static void read_fill(Elf *elf, struct ab_table *t, size_t ndx, FILE *err)
{
	GElf_Shdr sh;
	Elf_Data *d;
	struct field_reloc *rel = NULL;
	size_t nrel = 0;

	if (!gelf_getshdr(elf_getscn(elf, ndx), &sh) ||
	    !(d = elf_rawdata(elf_getscn(elf, ndx), NULL)) ||
	    (t->is_rel && load_relocs(elf, t, ndx, &rel, &nrel, err) < 0)) {
		problem(t, err, -1, "%s: unreadable", AFTERBURN_FILL_SECTION);
		free(rel);
		return;
	}
	if (d->d_size % 8)
		problem(t, err, -1, "%s: size %zu is not a multiple of 8",
			AFTERBURN_FILL_SECTION, (size_t)d->d_size);
	for (size_t off = 0; off + 8 <= d->d_size; off += 8) {
		int32_t stored;
		uint32_t len;
		const char *why;
		uint64_t addr;
		int shndx;

		memcpy(&stored, (const char *)d->d_buf + off, 4);
		memcpy(&len, (const char *)d->d_buf + off + 4, 4);
		if (!len)
			continue;
		if (!pcrel_target(t, &sh, rel, nrel, off, stored, &addr, &shndx, &why)) {
			problem(t, err, -1, "%s: entry at offset %zu: start field %s",
				AFTERBURN_FILL_SECTION, off, why);
			continue;
		}
		if (!t->is_rel)
			shndx = find_section(t, addr);
		if (shndx < 0)
			continue;	/* fill in a discarded section */
		t->fills = realloc(t->fills, (t->nfills + 1) * sizeof(*t->fills));
		t->fills[t->nfills].shndx = shndx;
		t->fills[t->nfills].addr = addr;
		t->fills[t->nfills].len = len;
		t->nfills++;
	}
	free(rel);
}

static int src_cmp(const void *a, const void *b)
{
	const struct ab_src *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static int fill_cmp(const void *a, const void *b)
{
	const struct ab_fill *x = a, *y = b;

	if (x->shndx != y->shndx)
		return x->shndx < y->shndx ? -1 : 1;
	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

size_t ab_table_bytes(const struct ab_table *t, int shndx, uint64_t addr,
		      const unsigned char **bytes, size_t max)
{
	const struct ab_section *s;
	uint64_t off;

	if (shndx <= 0 || (size_t)shndx >= t->nsections)
		return 0;
	s = &t->sections[shndx];
	if (!s->data || addr < s->addr || addr >= s->addr + s->size)
		return 0;
	off = addr - s->addr;
	*bytes = s->data + off;
	return s->size - off < max ? s->size - off : max;
}

const struct ab_src *ab_table_src(const struct ab_table *t, uint64_t addr)
{
	size_t lo = 0, hi = t->nsrcs;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (t->srcs[mid].addr == addr)
			return &t->srcs[mid];
		if (t->srcs[mid].addr < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int ab_table_in_fill(const struct ab_table *t, int shndx, uint64_t addr, uint64_t len)
{
	size_t lo = 0, hi = t->nfills;
	const struct ab_fill *f;

	/* Fills never overlap: only the last one starting at or before addr
	   can hold it. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		f = &t->fills[mid];
		if (f->shndx < shndx || (f->shndx == shndx && f->addr <= addr))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return 0;
	f = &t->fills[lo - 1];
	return f->shndx == shndx && addr >= f->addr && addr + len <= f->addr + f->len;
}

static void check_overlaps(struct ab_table *t, FILE *err)
{
	for (size_t i = 1; i < t->nsites; i++) {
		struct ab_site_rec *a = &t->sites[i - 1], *b = &t->sites[i];

		if (a->shndx == b->shndx && a->addr + a->rec.room > b->addr) {
			char self[64];

			snprintf(self, sizeof(self), "site 0x%llx (%s)",
				 (unsigned long long)b->addr,
				 ab_kind(b->rec.kind)->name);
			fail(t, err, b->index, self, AB_E_OVERLAP, a->index,
			     a->addr, a->rec.room, NULL);
		}
	}
}

int ab_table_read(const char *file, struct ab_table *t, FILE *err)
{
	int fd, ret = -1;
	Elf *elf = NULL;
	GElf_Ehdr eh;
	size_t shstrndx, nsec;

	memset(t, 0, sizeof(*t));
	t->file = file;
	if (elf_version(EV_CURRENT) == EV_NONE) {
		fprintf(err, "%s: libelf: %s\n", file, elf_errmsg(-1));
		return -1;
	}
	fd = open(file, O_RDONLY);
	if (fd < 0) {
		fprintf(err, "%s: %s\n", file, strerror(errno));
		return -1;
	}
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh)) {
		fprintf(err, "%s: not an ELF file\n", file);
		goto out;
	}
	if (eh.e_machine != EM_X86_64 && eh.e_machine != EM_386) {
		fprintf(err, "%s: not an x86 ELF file (e_machine %u)\n", file, eh.e_machine);
		goto out;
	}
	if (eh.e_type != ET_REL && eh.e_type != ET_EXEC && eh.e_type != ET_DYN) {
		fprintf(err, "%s: ELF type %u is not an object or a linked image\n", file, eh.e_type);
		goto out;
	}
	t->is_rel = eh.e_type == ET_REL;
	t->elfclass = gelf_getclass(elf) == ELFCLASS64 ? 64 : 32;
	if (elf_getshdrstrndx(elf, &shstrndx) || elf_getshdrnum(elf, &nsec)) {
		fprintf(err, "%s: no section headers: %s\n", file, elf_errmsg(-1));
		goto out;
	}
	t->sections = calloc(nsec ? nsec : 1, sizeof(*t->sections));
	t->nsections = nsec;
	for (size_t i = 1; i < nsec; i++) {
		GElf_Shdr sh;
		const char *name;

		if (!gelf_getshdr(elf_getscn(elf, i), &sh))
			continue;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		t->sections[i].name = strdup(name ? name : "?");
		t->sections[i].addr = t->is_rel ? 0 : sh.sh_addr;
		t->sections[i].size = sh.sh_size;
		t->sections[i].exec = !!(sh.sh_flags & SHF_EXECINSTR);
		t->sections[i].alloc = !!(sh.sh_flags & SHF_ALLOC);
		if (t->sections[i].exec && sh.sh_type == SHT_PROGBITS) {
			Elf_Data *d = elf_rawdata(elf_getscn(elf, i), NULL);

			if (d && d->d_size == sh.sh_size) {
				t->sections[i].data = malloc(sh.sh_size ? sh.sh_size : 1);
				memcpy(t->sections[i].data, d->d_buf, sh.sh_size);
			}
		}
	}
	for (size_t i = 1; i < nsec; i++) {
		const char *name = t->sections[i].name;

		if (!name)
			continue;
		/* image names, and the object-file names (table.h) */
		if (!strcmp(name, AFTERBURN_SECTION) || !strcmp(name, AFTERBURN_OBJ_SECTION)) {
			t->have_table = 1;
			read_table(elf, t, i, err);
		} else if (!strcmp(name, AFTERBURN_SRC_SECTION) ||
			   !strcmp(name, AFTERBURN_OBJ_SRC_SECTION)) {
			read_src(elf, t, i, err);
		} else if (!strcmp(name, AFTERBURN_FILL_SECTION) ||
			   !strcmp(name, AFTERBURN_OBJ_FILL_SECTION)) {
			read_fill(elf, t, i, err);
		}
	}
	qsort(t->sites, t->nsites, sizeof(*t->sites), site_cmp);
	qsort(t->srcs, t->nsrcs, sizeof(*t->srcs), src_cmp);
	qsort(t->fills, t->nfills, sizeof(*t->fills), fill_cmp);
	check_overlaps(t, err);
	ret = t->errors ? 1 : 0;
out:
	if (elf)
		elf_end(elf);
	close(fd);
	return ret;
}

void ab_table_free(struct ab_table *t)
{
	for (size_t i = 0; i < t->nsrcs; i++)
		free(t->srcs[i].owned);
	free(t->srcs);
	free(t->fills);
	for (size_t i = 0; i < t->nsections; i++) {
		free(t->sections[i].name);
		free(t->sections[i].data);
	}
	free(t->sections);
	free(t->sites);
}
