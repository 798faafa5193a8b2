// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The string functions the runtime needs.  Prefixed so that the kernel
 * flavour never competes with Linux's own memcpy and friends; the guest
 * flavour maps the libc names onto these (runtime/guest/libc.c) because gcc
 * may emit calls to memcpy/memset even with -ffreestanding.
 */
#include <afterburn/runtime.h>

void *ab_memcpy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

void *ab_memmove(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	if (d <= s || d >= s + n)
		return ab_memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *ab_memset(void *dst, int c, size_t n)
{
	uint8_t *d = dst;

	while (n--)
		*d++ = (uint8_t)c;
	return dst;
}

int ab_memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t ab_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int ab_strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

int ab_strcmp(const char *a, const char *b)
{
	return ab_strncmp(a, b, (size_t)-1);
}
