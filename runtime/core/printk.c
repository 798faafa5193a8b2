// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * A small vsnprintf: enough for runtime messages (%d %i %u %x %X %p %s %c
 * %%, l/ll/z/h modifiers, '0' and '-' flags, field width).  No floating
 * point: the runtime is built without SSE.
 */
#include <afterburn/runtime.h>

struct ab_out {
	char *buf;
	size_t size;
	size_t len;	/* characters produced so far, even past size */
};

static void out_c(struct ab_out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_pad(struct ab_out *o, char c, int n)
{
	while (n-- > 0)
		out_c(o, c);
}

static void out_str(struct ab_out *o, const char *s, int width, bool left)
{
	int n;

	if (!s)
		s = "(null)";
	n = (int)ab_strlen(s);
	if (!left)
		out_pad(o, ' ', width - n);
	while (*s)
		out_c(o, *s++);
	if (left)
		out_pad(o, ' ', width - n);
}

static void out_num(struct ab_out *o, unsigned long long v, bool neg,
		    unsigned int base, bool upper, int width, char pad,
		    bool left, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, extra;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	extra = n + (neg ? 1 : 0) + (int)ab_strlen(prefix);
	if (!left && pad == ' ')
		out_pad(o, ' ', width - extra);
	if (neg)
		out_c(o, '-');
	while (*prefix)
		out_c(o, *prefix++);
	if (!left && pad == '0')
		out_pad(o, '0', width - extra);
	while (n)
		out_c(o, tmp[--n]);
	if (left)
		out_pad(o, ' ', width - extra);
}

int ab_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct ab_out o = { .buf = buf, .size = size, .len = 0 };

	for (; *fmt; fmt++) {
		bool left = false;
		char pad = ' ';
		int width = 0, lng = 0;
		unsigned long long u;
		long long s;

		if (*fmt != '%') {
			out_c(&o, *fmt);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-')
				left = true;
			else if (*fmt == '0')
				pad = '0';
			else
				break;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		for (;; fmt++) {
			if (*fmt == 'l')
				lng++;
			else if (*fmt == 'z')
				lng = 1;	/* size_t is long here */
			else if (*fmt != 'h')
				break;
		}
		switch (*fmt) {
		case 'd':
		case 'i':
			s = lng >= 2 ? va_arg(ap, long long) :
			    lng ? va_arg(ap, long) : va_arg(ap, int);
			u = s < 0 ? -(unsigned long long)s : (unsigned long long)s;
			out_num(&o, u, s < 0, 10, false, width, pad, left, "");
			break;
		case 'u':
		case 'x':
		case 'X':
			u = lng >= 2 ? va_arg(ap, unsigned long long) :
			    lng ? va_arg(ap, unsigned long) :
			    va_arg(ap, unsigned int);
			out_num(&o, u, false, *fmt == 'u' ? 10 : 16,
				*fmt == 'X', width, pad, left, "");
			break;
		case 'p':
			u = (uintptr_t)va_arg(ap, void *);
			out_num(&o, u, false, 16, false, width, pad, left, "0x");
			break;
		case 's':
			out_str(&o, va_arg(ap, const char *), width, left);
			break;
		case 'c':
			out_c(&o, (char)va_arg(ap, int));
			break;
		case '%':
			out_c(&o, '%');
			break;
		case '\0':
			fmt--;	/* trailing '%': stop at the terminator */
			break;
		default:	/* unknown conversion: show it as written */
			out_c(&o, '%');
			out_c(&o, *fmt);
			break;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int ab_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = ab_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
