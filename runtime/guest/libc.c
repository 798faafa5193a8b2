// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The libc names gcc may call even in freestanding code (struct copies,
 * zeroing), for test guests only: the kernel flavour uses Linux's.
 */
#include <afterburn/runtime.h>

void *memcpy(void *dst, const void *src, size_t n)
{
	return ab_memcpy(dst, src, n);
}

void *memmove(void *dst, const void *src, size_t n)
{
	return ab_memmove(dst, src, n);
}

void *memset(void *dst, int c, size_t n)
{
	return ab_memset(dst, c, n);
}

int memcmp(const void *a, const void *b, size_t n)
{
	return ab_memcmp(a, b, n);
}

size_t strlen(const char *s)
{
	return ab_strlen(s);
}
