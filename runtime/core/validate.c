// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Table walk and validation.  Every record is checked before the patch
 * engine may write anything: header magic/version/record size, kind known
 * to kinds.def, a sane length and room, the whole room inside the image's
 * text, and no two rooms overlapping.  The overlap check needs the sites in
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

static const char *const ab_errstr[AB_E_NR] = {
	[AB_OK]			= "ok",
	[AB_E_ALIGN]		= "table not 4-byte aligned",
	[AB_E_TRUNCATED]	= "table truncated",
	[AB_E_NO_HEADER]	= "site record before the first header",
	[AB_E_MAGIC]		= "bad header magic",
	[AB_E_VERSION]		= "unknown table version",
	[AB_E_RECSIZE]		= "unknown record size",
	[AB_E_KIND]		= "unknown kind",
	[AB_E_INSN_LEN]		= "zero instruction length",
	[AB_E_ROOM]		= "room smaller than the instruction",
	[AB_E_MODE]		= "bad CPU mode",
	[AB_E_OUTSIDE]		= "site outside the text range",
	[AB_E_OVERLAP]		= "overlapping sites",
	[AB_E_CAPACITY]		= "too many sites for the index",
	[AB_E_BACKEND]		= "backend refused the site",
	[AB_E_TOO_BIG]		= "replacement larger than the room",
	[AB_E_NOT_PURE]		= "backend answered differently twice",
	[AB_E_TEXT]		= "empty text range",
	[AB_E_INSN_OFF]		= "instruction outside its room",
	[AB_E_RESERVED]		= "reserved bits set",
};

const char *afterburn_strerror(enum afterburn_errcode code)
{
	if ((unsigned int)code < AB_E_NR && ab_errstr[code])
		return ab_errstr[code];
	return "unknown error";
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
	if (h->magic != AFTERBURN_MAGIC)
		return afterburn__fail(err, AB_E_MAGIC, rec, NULL,
			       "bad header magic 0x%x (want 0x%x)",
			       h->magic, AFTERBURN_MAGIC);
	if (h->version != AFTERBURN_VERSION)
		return afterburn__fail(err, AB_E_VERSION, rec, NULL,
			       "unknown table version %u (runtime reads %u)",
			       h->version, AFTERBURN_VERSION);
	if (h->record_size != AFTERBURN_RECORD_SIZE)
		return afterburn__fail(err, AB_E_RECSIZE, rec, NULL,
			       "record size %u (runtime reads %u)",
			       h->record_size, AFTERBURN_RECORD_SIZE);
	return 0;
}

static long ab_check_site(const struct afterburn_image *img,
			  const struct afterburn_site *s, long rec,
			  struct afterburn_error *err)
{
	uintptr_t addr = afterburn_site_addr(s);

	if (!afterburn_kind_known(s->kind))
		return afterburn__fail(err, AB_E_KIND, rec, s, "unknown kind %u",
			       s->kind);
	if (s->insn_len == 0)
		return afterburn__fail(err, AB_E_INSN_LEN, rec, s,
			       "instruction length 0");
	if (s->room < s->insn_len)
		return afterburn__fail(err, AB_E_ROOM, rec, s,
			       "room %u < instruction length %u", s->room,
			       s->insn_len);
	if (afterburn_site_mode(s) > AB_MODE_64)
		return afterburn__fail(err, AB_E_MODE, rec, s, "bad mode bits %u",
			       afterburn_site_mode(s));
	/* The instruction starts the room or ends it (padded before). */
	if (s->insn_off && s->insn_off != s->room - s->insn_len)
		return afterburn__fail(err, AB_E_INSN_OFF, rec, s,
			       "instruction at offset %u of a %u-byte room, length %u",
			       s->insn_off, s->room, s->insn_len);
	if ((s->xflags & ~AB_XF_MASK) || s->reserved[0] || s->reserved[1] ||
	    s->reserved2)
		return afterburn__fail(err, AB_E_RESERVED, rec, s,
			       "reserved bits set");
	if (addr < img->text_start || addr >= img->text_end ||
	    s->room > img->text_end - addr)
		return afterburn__fail(err, AB_E_OUTSIDE, rec, s,
			       "room of %u bytes not inside text 0x%lx-0x%lx",
			       s->room, (unsigned long)img->text_start,
			       (unsigned long)img->text_end);
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
		return afterburn__fail(err, AB_E_TEXT, -1, NULL,
			       "text range 0x%lx-0x%lx is empty or over 4 GiB",
			       (unsigned long)img->text_start,
			       (unsigned long)img->text_end);
	if ((uintptr_t)p & 3)
		return afterburn__fail(err, AB_E_ALIGN, -1, NULL,
			       "table at %p is not 4-byte aligned", p);
	if (end < p || (end - p) % AFTERBURN_RECORD_SIZE)
		return afterburn__fail(err, AB_E_TRUNCATED, -1, NULL,
			       "table of %ld bytes is not a whole number of %u-byte records",
			       (long)(end - p), AFTERBURN_RECORD_SIZE);

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
			return afterburn__fail(err, AB_E_NO_HEADER, rec, NULL,
				       "site record before any header (kind %u)",
				       s->kind);
		ret = ab_check_site(img, s, rec, err);
		if (ret)
			return ret;
		if (n == AFTERBURN_MAX_SITES)
			return afterburn__fail(err, AB_E_CAPACITY, rec, s,
				       "more than %u sites: raise AFTERBURN_MAX_SITES",
				       AFTERBURN_MAX_SITES);
		if (rec >= AB_REC_LIMIT)
			return afterburn__fail(err, AB_E_CAPACITY, rec, s,
				       "more than %u records in the table",
				       AB_REC_LIMIT);
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
		return afterburn__fail(err, AB_E_OVERLAP,
				       afterburn__record_no(img, b), b,
				       "overlaps record %ld: site 0x%lx (%s) room %u",
				       afterburn__record_no(img, a),
				       (unsigned long)afterburn_site_addr(a),
				       afterburn_kind_name(a->kind), a->room);
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
