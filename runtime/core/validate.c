// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Table walk and validation.  Every record is checked before the patch
 * engine may write anything, by the rules of include/afterburn/checks.def
 * the runtime makes (AB_BY_RUNTIME, AB_BY_BOTH): header magic/version/
 * record size, kind known to kinds.def, a sane length and room, the whole
 * room inside the image's text, and no two rooms overlapping.  The record-
 * level checks are checks.h's, shared with the tools.  The overlap check needs the sites in
 * address order, so validation builds a sorted index of pointers to the
 * records; afterburn_site_at() searches the same index.
 *
 * The index is a fixed-size static array: the runtime runs before any
 * allocator exists.  Overflowing it is an error (AB_E_CAPACITY), never a
 * silently partial table.  Each entry packs the site's offset in text
 * (bits 63-32), its room (31-24) and its record number (23-0): sorting,
 * the overlap check and afterburn_site_at() work on integers held in the
 * index itself instead of chasing pointers into the table, at 8 bytes per
 * site.
 */
#include "internal.h"

static uint64_t ab_index[AFTERBURN_MAX_SITES];
static unsigned long ab_nr;
static const char *ab_table;	/* table and text of the indexed image */
static uintptr_t ab_text;

#define AB_REC_LIMIT		(1u << 24)
#define AB_KEY(off, room, rec)	((uint64_t)(off) << 32 | (uint32_t)(room) << 24 | (rec))
#define AB_KEY_OFF(k)		((uint32_t)((k) >> 32))
#define AB_KEY_ROOM(k)		((uint8_t)((k) >> 24))
#define AB_KEY_REC(k)		((uint32_t)(k) & (AB_REC_LIMIT - 1))

static const struct afterburn_site *ab_key_site(uint64_t k)
{
	return (const void *)(ab_table + (size_t)AB_KEY_REC(k) *
			      AFTERBURN_RECORD_SIZE);
}

const char *afterburn_strerror(enum afterburn_errcode code)
{
	const char *summary = afterburn_check_summary(code);

	if (summary)
		return summary;
	switch (code) {
	case AB_OK:		return "ok";
	case AB_E_BACKEND:	return "backend refused the site";
	case AB_E_TOO_BIG:	return "replacement larger than the room";
	case AB_E_NOT_PURE:	return "backend answered differently twice";
	default:		return "unknown error";
	}
}

/* Fill *err (if any) and return -code; the message starts with the record and site when known. */
long afterburn__fail(struct afterburn_error *err, enum afterburn_errcode code,
		    long record, const struct afterburn_site *s,
		    const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	if (!err)
		return -(long)code;
	err->code = code;
	err->record = record;
	err->addr = s ? afterburn_site_addr(s) : 0;
	err->kind = s ? s->kind : 0;
	if (record >= 0)
		n = ab_snprintf(err->msg, sizeof(err->msg), "record %ld: ",
				record);
	if (s && n < (int)sizeof(err->msg))
		n += ab_snprintf(err->msg + n, sizeof(err->msg) - n,
				 "site 0x%lx (%s): ", (unsigned long)err->addr,
				 afterburn_kind_name(s->kind));
	if (n < (int)sizeof(err->msg)) {
		va_start(ap, fmt);
		ab_vsnprintf(err->msg + n, sizeof(err->msg) - n, fmt, ap);
		va_end(ap);
	}
	return -(long)code;
}

/* The same, with a failed check's DETAIL (checks.def) as the message. */
static long ab_fail_check(struct afterburn_error *err, long record,
			  const struct afterburn_site *s,
			  const struct afterburn_finding *f)
{
	return afterburn__fail(err, f->code, record, s,
			       afterburn_check_detail(f->code),
			       f->arg[0], f->arg[1], f->arg[2]);
}

/* Fail check CODE with DETAIL's arguments a0..a2. */
static long ab_fail(struct afterburn_error *err, enum afterburn_errcode code,
		    long record, const struct afterburn_site *s,
		    unsigned long a0, unsigned long a1, unsigned long a2)
{
	struct afterburn_finding f;

	afterburn_found(&f, code, a0, a1, a2);
	return ab_fail_check(err, record, s, &f);
}

long afterburn__record_no(const struct afterburn_image *img,
			 const struct afterburn_site *s)
{
	return ((const char *)s - (const char *)img->table) /
		AFTERBURN_RECORD_SIZE;
}

/* In-place heapsort: no recursion, no allocation. */
static void ab_sift(uint64_t *a, unsigned long root, unsigned long n)
{
	unsigned long child;
	uint64_t t;

	while ((child = 2 * root + 1) < n) {
		if (child + 1 < n && a[child] < a[child + 1])
			child++;
		if (a[root] >= a[child])
			return;
		t = a[root];
		a[root] = a[child];
		a[child] = t;
		root = child;
	}
}

static void ab_sort(uint64_t *a, unsigned long n)
{
	unsigned long i;
	uint64_t t;

	/* Tables come mostly in address order already: check first. */
	for (i = 1; i < n; i++)
		if (a[i - 1] > a[i])
			break;
	if (i >= n)
		return;
	for (i = n / 2; i-- > 0;)
		ab_sift(a, i, n);
	for (i = n; i-- > 1;) {
		t = a[0];
		a[0] = a[i];
		a[i] = t;
		ab_sift(a, 0, i);
	}
}

static long ab_check_header(const struct afterburn_header *h, long rec,
			    struct afterburn_error *err)
{
	struct afterburn_finding f;

	if (afterburn_check_header(h, AB_BY_RUNTIME, &f) != AB_OK)
		return ab_fail_check(err, rec, NULL, &f);
	return 0;
}

static long ab_check_site(const struct afterburn_image *img,
			  const struct afterburn_site *s, long rec,
			  struct afterburn_error *err)
{
	uintptr_t addr = afterburn_site_addr(s);
	struct afterburn_finding f;

	if (afterburn_check_site(s, AB_BY_RUNTIME, &f) != AB_OK)
		return ab_fail_check(err, rec, s, &f);
	if (addr < img->text_start || addr >= img->text_end ||
	    s->room > img->text_end - addr)
		return ab_fail(err, AB_E_OUTSIDE, rec, s, s->room,
			       img->text_start, img->text_end);
	return 0;
}

long afterburn_validate(const struct afterburn_image *img,
			struct afterburn_error *err)
{
	const char *p = img->table, *end = img->table_end;
	bool header_seen = false;
	unsigned long n = 0, i;
	long rec, ret;

	ab_nr = 0;	/* the index is invalid until validation succeeds */
	if (img->text_end <= img->text_start ||
	    img->text_end - img->text_start > UINT32_MAX)
		return ab_fail(err, AB_E_TEXT, -1, NULL, img->text_start,
			       img->text_end, 0);
	if ((uintptr_t)p & 3)
		return ab_fail(err, AB_E_ALIGN, -1, NULL, (uintptr_t)p, 0, 0);
	if (end < p || (end - p) % AFTERBURN_RECORD_SIZE)
		return ab_fail(err, AB_E_TRUNCATED, -1, NULL,
			       (unsigned long)(end - p), AFTERBURN_RECORD_SIZE, 0);

	for (rec = 0; p < end; p += AFTERBURN_RECORD_SIZE, rec++) {
		const struct afterburn_site *s = (const void *)p;

		if (s->kind == AB_KIND_HEADER) {
			ret = ab_check_header((const void *)p, rec, err);
			if (ret)
				return ret;
			header_seen = true;
			continue;
		}
		if (!header_seen)
			return ab_fail(err, AB_E_NO_HEADER, rec, NULL, s->kind,
				       0, 0);
		ret = ab_check_site(img, s, rec, err);
		if (ret)
			return ret;
		if (n == AFTERBURN_MAX_SITES)
			return ab_fail(err, AB_E_CAPACITY, rec, s,
				       AFTERBURN_MAX_SITES, 0, 0);
		if (rec >= AB_REC_LIMIT)
			return ab_fail(err, AB_E_RECORDS, rec, s, AB_REC_LIMIT,
				       0, 0);
		ab_index[n++] = AB_KEY(afterburn_site_addr(s) - img->text_start,
				       s->room, rec);
	}

	ab_table = img->table;
	ab_text = img->text_start;
	ab_sort(ab_index, n);
	for (i = 1; i < n; i++) {
		uint64_t ka = ab_index[i - 1], kb = ab_index[i];
		const struct afterburn_site *a, *b;

		if (AB_KEY_OFF(kb) - AB_KEY_OFF(ka) >= AB_KEY_ROOM(ka))
			continue;
		a = ab_key_site(ka);
		b = ab_key_site(kb);
		return ab_fail(err, AB_E_OVERLAP, afterburn__record_no(img, b), b,
			       afterburn__record_no(img, a),
			       afterburn_site_addr(a), a->room);
	}
	ab_nr = n;
	return (long)n;
}

unsigned long afterburn_nr_sites(void)
{
	return ab_nr;
}

/* Index access for the patch engine. */
const struct afterburn_site *afterburn__index(unsigned long i)
{
	return i < ab_nr ? ab_key_site(ab_index[i]) : NULL;
}

const struct afterburn_site *afterburn_site_at(uintptr_t addr)
{
	unsigned long lo = 0, hi = ab_nr;
	uint64_t key;

	if (!ab_nr || addr < ab_text || addr - ab_text > UINT32_MAX)
		return NULL;
	/* Find the last site starting at or below addr. */
	key = AB_KEY(addr - ab_text, 0xff, AB_REC_LIMIT - 1);
	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (ab_index[mid] <= key)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	key = ab_index[lo - 1];
	if (addr - ab_text - AB_KEY_OFF(key) >= AB_KEY_ROOM(key))
		return NULL;
	return ab_key_site(key);
}

const struct afterburn_site *afterburn_site_starting_at(uintptr_t addr)
{
	const struct afterburn_site *s = afterburn_site_at(addr);

	return s && afterburn_site_addr(s) == addr ? s : NULL;
}

/* x86-64 __START_KERNEL_map: vmlinux is linked at physical + this. */
#define AB_KERNEL_MAP	0xffffffff80000000ul

const struct afterburn_site *afterburn_site_of_call(uintptr_t ret)
{
#ifdef AFTERBURN_FLAVOUR_KERNEL
	if (ret < AB_KERNEL_MAP)
		ret += AB_KERNEL_MAP;
#endif
	return afterburn_site_starting_at(ret - 5);	/* call rel32 */
}
