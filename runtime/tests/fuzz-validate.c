// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * libFuzzer target for the table validator and patch engine.  The input is
 * a raw .afterburn table placed right after a 2 KiB text buffer, so small
 * PC-relative site offsets land in text.  Oracles:
 *  - a refusal leaves every text byte unchanged;
 *  - acceptance matches a naive quadratic reference validator (and so does
 *    refusal);
 *  - an accepted patch equals the replacements applied by hand, NOP-filled,
 *    and every room maps back to its record through afterburn_site_at().
 * Build: clang -fsanitize=fuzzer,address,undefined (runtime/tests/build.mk).
 */
#include <stdlib.h>
#include <string.h>
#include "host-shim.h"

#define TEXT_SIZE	2048
#define TABLE_MAX	4096

static struct {
	uint8_t text[TEXT_SIZE];
	uint8_t table[TABLE_MAX];
} mem __attribute__((aligned(64)));

static uint8_t snapshot[TEXT_SIZE], expect[TEXT_SIZE];
static unsigned int seed;

/* Pure, input-dependent backend: native, a replacement, too big, or no. */
static int fz_site(const struct afterburn_site *s, uintptr_t addr,
		   struct afterburn_plan *p)
{
	struct afterburn_patch *out = &p->patch;
	unsigned int v = (s->kind * 7u + seed) % 11u;

	if (v == 0)
		return AB_NATIVE;
	if (v == 10 && (seed & 1))
		return -5;
	out->len = v > 8 ? s->room + (v - 8) : v;	/* 9, 10: maybe too big */
	if (out->len > AFTERBURN_PATCH_MAX)
		out->len = AFTERBURN_PATCH_MAX;
	memset(out->bytes, 0xa0 + (s->kind & 0xf), out->len);
	return 0;
}

static void fz_sync(void)
{
}

static const struct afterburn_backend fz_backend = {
	.name = "fuzz", .site = fz_site, .sync_core = fz_sync,
};

/* Reference validator: the rules of table.h, written the obvious way. */
static bool ref_valid(const uint8_t *t, size_t n)
{
	uintptr_t lo = (uintptr_t)mem.text, hi = lo + TEXT_SIZE;
	size_t i, j, nrec = n / AFTERBURN_RECORD_SIZE;
	bool header = false;

	if (n % AFTERBURN_RECORD_SIZE)
		return false;
	for (i = 0; i < nrec; i++) {
		const struct afterburn_site *s = (const void *)(t + i * AFTERBURN_RECORD_SIZE);
		const struct afterburn_header *h = (const void *)s;
		uintptr_t a;

		if (s->kind == 0) {
			if (h->magic != AFTERBURN_MAGIC || h->version != 3 ||
			    h->record_size != 32)
				return false;
			header = true;
			continue;
		}
		if (!header || !afterburn_kind_known(s->kind) || !s->insn_len ||
		    (s->insn_len > 15 && !(s->flags & AB_FL_RANGE)) ||
		    s->room < s->insn_len || (s->flags & 3) == 3)
			return false;
		if (s->insn_off != 0 && s->insn_off != s->room - s->insn_len)
			return false;
		if (s->xflags > 3)
			return false;
		/* live: valid bit 31, flags 16-22, GPRs 0-15; nothing without it */
		if ((s->live & 0x7f800000) || (!(s->live >> 31) && (s->live || s->live_in)))
			return false;
		/* known: port in %dx (16 bits) of I/O through %dx, MSR index,
		   cpuid leaf; no value without the flag */
		if (s->xflags & 2) {
			bool io_dx = (s->kind >= AB_KIND_IN && s->kind <= AB_KIND_OUTS &&
				      s->form == AB_FORM_DX);

			if (!io_dx && s->kind != AB_KIND_RDMSR &&
			    s->kind != AB_KIND_WRMSR && s->kind != AB_KIND_CPUID)
				return false;
			if (io_dx && s->known > 0xffff)
				return false;
		} else if (s->known) {
			return false;
		}
		a = afterburn_site_addr(s);
		if (a < lo || a + s->room > hi)
			return false;
		for (j = 0; j < i; j++) {
			const struct afterburn_site *o = (const void *)(t + j * AFTERBURN_RECORD_SIZE);
			uintptr_t b = afterburn_site_addr(o);

			if (o->kind && a < b + o->room && b < a + s->room)
				return false;
		}
	}
	return true;
}

/* The patch the engine should have made, or false if it should refuse. */
static bool ref_patch(const uint8_t *t, size_t n, long *count)
{
	size_t i;

	memcpy(expect, snapshot, TEXT_SIZE);
	*count = 0;
	for (i = 0; i < n / AFTERBURN_RECORD_SIZE; i++) {
		const struct afterburn_site *s = (const void *)(t + i * AFTERBURN_RECORD_SIZE);
		struct afterburn_plan plan;
		struct afterburn_patch p;
		uint8_t *dst;
		int r;

		if (!s->kind || (s->flags & 3) != AB_MODE_64)
			continue;
		r = fz_site(s, afterburn_site_addr(s), &plan);
		p = plan.patch;
		if (r == AB_NATIVE)
			continue;
		if (r < 0 || p.len > s->room)
			return false;
		dst = expect + (afterburn_site_addr(s) - (uintptr_t)mem.text);
		memcpy(dst, p.bytes, p.len);
		afterburn_nop_fill(dst + p.len, s->room - p.len);
		(*count)++;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct afterburn_image img = {
		.table = mem.table, .table_end = mem.table + size,
		.text_start = (uintptr_t)mem.text,
		.text_end = (uintptr_t)mem.text + TEXT_SIZE, .name = "fuzz",
	};
	struct afterburn_error err;
	bool valid, fits;
	long ret, want;
	size_t i;

	if (size > TABLE_MAX)
		return -1;
	shim_reset();
	memcpy(mem.table, data, size);
	for (i = 0; i < TEXT_SIZE; i++)
		mem.text[i] = (uint8_t)(i * 13 + 5);
	memcpy(snapshot, mem.text, TEXT_SIZE);
	seed = size;

	valid = ref_valid(mem.table, size);
	fits = valid && ref_patch(mem.table, size, &want);
	ret = afterburn_patch(&img, &fz_backend, &err);

	if (ret < 0) {
		if (memcmp(mem.text, snapshot, TEXT_SIZE))
			abort();	/* refused but wrote */
		if (fits)
			abort();	/* refused a good table */
		if (!valid && err.code >= AB_E_BACKEND)
			abort();	/* a bad table got past validation */
		if (err.msg[0] == '\0')
			abort();	/* refusal without a message */
		return 0;
	}
	if (!fits || ret != want || memcmp(mem.text, expect, TEXT_SIZE))
		abort();	/* accepted a bad table, or patched wrongly */
	for (i = 0; i < size / AFTERBURN_RECORD_SIZE; i++) {
		const struct afterburn_site *s = (const void *)(mem.table + i * AFTERBURN_RECORD_SIZE);
		uintptr_t a = afterburn_site_addr(s);

		if (s->kind && (afterburn_site_at(a) != s ||
				afterburn_site_at(a + s->room - 1) != s))
			abort();	/* index lookup disagrees */
	}
	return 0;
}
