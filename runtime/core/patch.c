// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The patch engine.  Three passes over the sorted index, so that a refusal
 * at any site leaves every byte of text as it was:
 *   1. validate the whole table (validate.c);
 *   2. ask the backend about every 64-bit site and check each answer fits
 *      its room -- nothing written yet;
 *   3. ask again and write: replacement, then NOP-fill to the end of the
 *      room; finally serialise once.
 * Asking twice instead of buffering every replacement keeps the runtime free
 * of allocation for tens of thousands of sites; backends are required to be
 * pure, and pass 3 re-checks so a misbehaving backend stops the boot instead
 * of writing a replacement nobody checked.
 *
 * 16- and 32-bit sites are never patched: that code runs before the runtime
 * (real-mode setup, 32-bit trampolines) or in a mode the backend's
 * replacements are not assembled for.
 */
#include <afterburn/backend.h>
#include <afterburn/x86.h>
#include "internal.h"

/*
 * Recommended multi-byte NOPs (Intel SDM vol. 2B, NOP): one instruction
 * for up to 8 bytes, so a patched site executes few NOPs.
 */
static const uint8_t ab_nops[8][8] = {
	{ 0x90 },
	{ 0x66, 0x90 },
	{ 0x0f, 0x1f, 0x00 },
	{ 0x0f, 0x1f, 0x40, 0x00 },
	{ 0x0f, 0x1f, 0x44, 0x00, 0x00 },
	{ 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 },
	{ 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00 },
	{ 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
};

void afterburn_nop_fill(uint8_t *dst, size_t len)
{
	while (len) {
		size_t n = len > 8 ? 8 : len;

		ab_memcpy(dst, ab_nops[n - 1], n);
		dst += n;
		len -= n;
	}
}

/* Ask be's switch about site s; 1 if it is to be written, 0 if native,
   <0 refused. */
static long ab_ask(const struct afterburn_backend *be,
		   const struct afterburn_site *s, long rec,
		   struct afterburn_patch *p, struct afterburn_error *err,
		   enum afterburn_errcode toobig)
{
	uintptr_t addr = afterburn_site_addr(s);
	struct afterburn_plan plan = { .patch.len = 0 };
	int ret;

	ret = be->site ? be->site(s, addr, &plan) : AB_NATIVE;
	*p = plan.patch;
	if (ret == AB_NATIVE)
		return 0;
	if (ret != 0)
		return afterburn__fail(err, AB_E_BACKEND, rec, s,
				     "platform %s refused it (%d)", be->name, ret);
	if (p->len > s->room || p->len > AFTERBURN_PATCH_MAX)
		return afterburn__fail(err, toobig, rec, s,
				     "platform %s wants %u bytes, room is %u",
				     be->name, p->len, s->room);
	return 1;
}

long afterburn_patch(const struct afterburn_image *img,
		     const struct afterburn_backend *be,
		     struct afterburn_error *err)
{
	struct afterburn_patch p;
	unsigned long i, nr, want = 0, done = 0;
	long ret;

	ret = afterburn_validate(img, err);
	if (ret < 0)
		return ret;
	nr = (unsigned long)ret;

	for (i = 0; i < nr; i++) {
		const struct afterburn_site *s = afterburn__index(i);

		if (afterburn_site_mode(s) != AB_MODE_64)
			continue;
		ret = ab_ask(be, s, afterburn__record_no(img, s), &p, err,
			     AB_E_TOO_BIG);
		if (ret < 0)
			return ret;
		want += ret;
	}

	/* Nothing to write (native): no second pass, no serialisation. */
	if (!want)
		return 0;

	for (i = 0; i < nr; i++) {
		const struct afterburn_site *s = afterburn__index(i);
		uint8_t *dst = (uint8_t *)afterburn_site_addr(s);

		if (afterburn_site_mode(s) != AB_MODE_64)
			continue;
		ret = ab_ask(be, s, afterburn__record_no(img, s), &p, err,
			     AB_E_NOT_PURE);
		if (ret < 0) {
			if (err)
				err->code = AB_E_NOT_PURE;
			return -AB_E_NOT_PURE;
		}
		if (!ret)
			continue;
		ab_memcpy(dst, p.bytes, p.len);
		afterburn_nop_fill(dst + p.len, s->room - p.len);
		done++;
	}
	if (done != want)
		return afterburn__fail(err, AB_E_NOT_PURE, -1, NULL,
				     "platform %s: %lu sites on the check pass, %lu written",
				     be->name, want, done);

	if (be->sync_core)
		be->sync_core();
	else
		ab_serialise();
	return (long)done;
}

void afterburn_patch_or_panic(const struct afterburn_image *img,
			      const struct afterburn_backend *be)
{
	struct afterburn_error err;
	long ret;

	ret = afterburn_patch(img, be, &err);
	if (ret < 0)
		afterburn_panic("refusing to patch %s: %s (%s)",
				img->name ? img->name : "image", err.msg,
				afterburn_strerror(err.code));
	afterburn_printk("afterburn: platform %s, %ld of %lu sites patched\n",
			 be->name, ret, afterburn_nr_sites());
}
