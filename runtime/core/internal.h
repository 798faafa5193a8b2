/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared between the core's own files only. */
#ifndef AFTERBURN_CORE_INTERNAL_H
#define AFTERBURN_CORE_INTERNAL_H

#include <afterburn/runtime.h>

/* The i-th site of the sorted index built by afterburn_validate(). */
const struct afterburn_site *afterburn__index(unsigned long i);

/* Record number of s in img's table (for messages). */
long afterburn__record_no(const struct afterburn_image *img,
			  const struct afterburn_site *s);

/*
 * Fill *err (may be NULL): "record R: site 0xADDR (kind): <fmt>"; the
 * record and site parts are left out when record < 0 or s is NULL.
 * Returns -code.
 */
long afterburn__fail(struct afterburn_error *err, enum afterburn_errcode code,
		     long record, const struct afterburn_site *s,
		     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
