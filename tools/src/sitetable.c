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

static unsigned int catalogue_room(unsigned int kind)
{
	const struct ab_kind_info *k = ab_kind(kind);

	return k ? k->room : 0;
}

int ab_expected_room(const struct afterburn_site *s)
{
	return afterburn_expected_room(s, catalogue_room(s->kind));
}

/* Relocations that apply to the .afterburn section, indexed by record. */
struct site_reloc {
	int present;
	unsigned int type;
	GElf_Sym sym;
	int64_t addend;
	int has_addend;
};

static int load_relocs(Elf *elf, struct ab_table *t, size_t tab_ndx,
		       struct site_reloc *rel, size_t nrec, FILE *err)
{
	Elf_Scn *scn = NULL;

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
		for (size_t i = 0; i < n; i++) {
			GElf_Rela r;
			GElf_Rel rl;
			size_t rec;
			struct site_reloc *sr;

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
			/* Only the `site' field (offset 0) locates a site;
			   other fields (a RIP-relative imm) may carry
			   relocations too. */
			if (r.r_offset % AFTERBURN_RECORD_SIZE)
				continue;
			rec = r.r_offset / AFTERBURN_RECORD_SIZE;
			if (rec >= nrec)
				continue;
			sr = &rel[rec];
			sr->present = 1;
			sr->has_addend = sh.sh_type == SHT_RELA;
			sr->addend = r.r_addend;
			/* gelf hands ELF32 entries over in 64-bit form. */
			sr->type = GELF_R_TYPE(r.r_info);
			gelf_getsym(symd, GELF_R_SYM(r.r_info), &sr->sym);
		}
	}
	return 0;
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
	size_t nrec;
	struct site_reloc *rel = NULL;
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
	if (t->is_rel) {
		rel = calloc(nrec ? nrec : 1, sizeof(*rel));
		if (!rel || load_relocs(elf, t, ndx, rel, nrec, err) < 0) {
			free(rel);
			return;
		}
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
			if (rel && rel[i].present) {
				fail(t, err, i, NULL, AB_E_HEADER_RELOC, 0, 0, 0, NULL);
				bad = 1;
			}
			seen_header = !bad;
			t->nheaders++;
			continue;
		}
		if (!seen_header) {
			fail(t, err, i, NULL, AB_E_NO_HEADER, s.kind, 0, 0, NULL);
			continue;
		}
		kname = ab_kind(s.kind) ? ab_kind(s.kind)->name : NULL;
		if (afterburn_check_site(&s, catalogue_room(s.kind), AB_BY_TOOLS,
					 &f) != AB_OK) {
			finding(t, err, i, kname, &f, NULL);
			continue;
		}
		if (t->is_rel) {
			struct site_reloc *sr = &rel[i];
			unsigned int pc32 = t->elfclass == 64 ? R_X86_64_PC32 : R_386_PC32;
			int64_t addend;

			if (!sr->present) {
				fail(t, err, i, kname, AB_E_SITE_RELOC, 0, 0, 0,
				     "none");
				continue;
			}
			if (sr->type != pc32) {
				snprintf(ctx, sizeof(ctx), "type %u, not %s", sr->type,
					 t->elfclass == 64 ? "R_X86_64_PC32" : "R_386_PC32");
				fail(t, err, i, kname, AB_E_SITE_RELOC, 0, 0, 0, ctx);
				continue;
			}
			shndx = sr->sym.st_shndx;
			if (shndx == SHN_UNDEF || shndx >= SHN_LORESERVE || (size_t)shndx >= t->nsections) {
				fail(t, err, i, kname, AB_E_SITE_RELOC, 0, 0, 0,
				     "against a symbol with no section");
				continue;
			}
			/* Site address = S + A (the runtime adds the field's own
			   address P to the stored S + A - P). */
			addend = sr->has_addend ? sr->addend : (int32_t)s.site;
			addr = sr->sym.st_value + addend;
		} else {
			uint64_t field = sh.sh_addr + i * AFTERBURN_RECORD_SIZE;

			addr = field + (int64_t)s.site;
			if (t->elfclass == 32)
				addr &= 0xffffffffu;
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
	}
	for (size_t i = 1; i < nsec; i++)
		if (t->sections[i].name && !strcmp(t->sections[i].name, AFTERBURN_SECTION)) {
			t->have_table = 1;
			read_table(elf, t, i, err);
		}
	qsort(t->sites, t->nsites, sizeof(*t->sites), site_cmp);
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
	for (size_t i = 0; i < t->nsections; i++)
		free(t->sections[i].name);
	free(t->sections);
	free(t->sites);
}
