/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Read an .afterburn table from a relocatable object (sites located through
 * the section's PC-relative relocations) or a linked image (sites located
 * through the resolved PC-relative offsets), and check every record as the
 * runtime will before it writes a byte: headers, kinds, lengths, room, and
 * that each site lies in an executable section without overlapping another.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
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

int ab_expected_room(const struct afterburn_site *s)
{
	const struct ab_kind_info *k = ab_kind(s->kind);
	int room;

	/* 16-bit code is never padded: see table.h. */
	if (!k || afterburn_site_mode(s) == AB_MODE_16)
		return s->insn_len;
	room = k->room;
	return room > s->insn_len ? room : s->insn_len;
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
		problem(t, err, -1, "truncated: size %zu is not a multiple of the %d-byte record",
			(size_t)d->d_size, AFTERBURN_RECORD_SIZE);
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
		struct ab_site_rec *r;
		const struct ab_kind_info *k;
		uint64_t addr;
		int shndx;

		memcpy(&s, p, sizeof(s));
		if (s.kind == AB_KIND_HEADER) {
			struct afterburn_header h;
			int bad = 0;

			memcpy(&h, p, sizeof(h));
			if (h.magic != AFTERBURN_MAGIC) {
				problem(t, err, i, "header has bad magic 0x%08x (want 0x%08x)",
					h.magic, AFTERBURN_MAGIC);
				bad = 1;
			} else if (h.version != AFTERBURN_VERSION) {
				problem(t, err, i, "header has unsupported version %u (want %d)",
					h.version, AFTERBURN_VERSION);
				bad = 1;
			} else if (h.record_size != AFTERBURN_RECORD_SIZE) {
				problem(t, err, i, "header has record size %u (want %d)",
					h.record_size, AFTERBURN_RECORD_SIZE);
				bad = 1;
			} else {
				for (int j = 0; j < 16; j++)
					if (h.reserved[j]) {
						problem(t, err, i, "header reserved byte %d is 0x%02x, not zero",
							j, h.reserved[j]);
						bad = 1;
						break;
					}
			}
			if (rel && rel[i].present) {
				problem(t, err, i, "header record carries a relocation");
				bad = 1;
			}
			seen_header = !bad;
			t->nheaders++;
			continue;
		}
		if (!seen_header) {
			problem(t, err, i, "site record (kind %u) without a valid header before it", s.kind);
			continue;
		}
		k = ab_kind(s.kind);
		if (!k) {
			problem(t, err, i, "unknown kind %u", s.kind);
			continue;
		}
		if (s.insn_len == 0 || (s.insn_len > 15 && !(s.flags & AB_FL_RANGE))) {
			problem(t, err, i, "%s: instruction length %u is impossible", k->name, s.insn_len);
			continue;
		}
		if (s.room < s.insn_len) {
			problem(t, err, i, "%s: room %u is less than the instruction length %u",
				k->name, s.room, s.insn_len);
			continue;
		}
		if (afterburn_site_mode(&s) > AB_MODE_64) {
			problem(t, err, i, "%s: invalid CPU mode bits 3", k->name);
			continue;
		}
		if (!(s.flags & AB_FL_RANGE) && s.room != ab_expected_room(&s)) {
			problem(t, err, i, "%s: room %u, the catalogue gives %d for %s-bit code",
				k->name, s.room, ab_expected_room(&s),
				afterburn_site_mode(&s) == AB_MODE_16 ? "16" :
				afterburn_site_mode(&s) == AB_MODE_32 ? "32" : "64");
			continue;
		}
		if (t->is_rel) {
			struct site_reloc *sr = &rel[i];
			unsigned int pc32 = t->elfclass == 64 ? R_X86_64_PC32 : R_386_PC32;
			int64_t addend;

			if (!sr->present) {
				problem(t, err, i, "%s: site field has no relocation", k->name);
				continue;
			}
			if (sr->type != pc32) {
				problem(t, err, i, "%s: site relocation has type %u, not %s",
					k->name, sr->type, t->elfclass == 64 ? "R_X86_64_PC32" : "R_386_PC32");
				continue;
			}
			shndx = sr->sym.st_shndx;
			if (shndx == SHN_UNDEF || shndx >= SHN_LORESERVE || (size_t)shndx >= t->nsections) {
				problem(t, err, i, "%s: site relocation is against a symbol with no section",
					k->name);
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
				problem(t, err, i, "%s: site 0x%llx lies in no section", k->name,
					(unsigned long long)addr);
				continue;
			}
		}
		if (!t->sections[shndx].exec) {
			problem(t, err, i, "%s: site 0x%llx lies in non-executable section %s",
				k->name, (unsigned long long)addr, t->sections[shndx].name);
			continue;
		}
		if (addr < t->sections[shndx].addr ||
		    addr + s.room > t->sections[shndx].addr + t->sections[shndx].size) {
			problem(t, err, i, "%s: site 0x%llx + room %u runs past the end of %s",
				k->name, (unsigned long long)addr, s.room, t->sections[shndx].name);
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

		if (a->shndx == b->shndx && a->addr + a->rec.room > b->addr)
			problem(t, err, b->index, "%s site at 0x%llx overlaps %s site at 0x%llx (record %u, room %u)",
				ab_kind(b->rec.kind)->name, (unsigned long long)b->addr,
				ab_kind(a->rec.kind)->name, (unsigned long long)a->addr,
				a->index, a->rec.room);
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
