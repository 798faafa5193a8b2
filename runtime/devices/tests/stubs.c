// SPDX-License-Identifier: GPL-3.0-or-later
/* The runtime's library calls the device models make, for host tests. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <afterburn/runtime.h>

int afterburn_printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

void *ab_memcpy(void *dst, const void *src, size_t n) { return memcpy(dst, src, n); }
void *ab_memset(void *dst, int c, size_t n) { return memset(dst, c, n); }
void *ab_memmove(void *dst, const void *src, size_t n) { return memmove(dst, src, n); }
int ab_memcmp(const void *a, const void *b, size_t n) { return memcmp(a, b, n); }
