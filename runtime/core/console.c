// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Where runtime messages go, and how a run ends.  Before a backend is
 * active the boot glue's early console is used; afterwards the backend's.
 */
#include <afterburn/backend.h>

static void (*ab_early_console)(const char *s, size_t n);

void afterburn_console_set(void (*write)(const char *s, size_t n))
{
	ab_early_console = write;
}

void afterburn_console_write(const char *s, size_t n)
{
	const struct afterburn_backend *be = afterburn_active_backend();

	if (be && be->console_write)
		be->console_write(s, n);
	else if (ab_early_console)
		ab_early_console(s, n);
}

static void ab_vprintk(const char *fmt, va_list ap)
{
	char buf[256];
	int n;

	n = ab_vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	afterburn_console_write(buf, n);
}

int afterburn_printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ab_vprintk(fmt, ap);
	va_end(ap);
	return 0;
}

void afterburn_panic(const char *fmt, ...)
{
	va_list ap;

	afterburn_printk("afterburn: panic: ");
	va_start(ap, fmt);
	ab_vprintk(fmt, ap);
	va_end(ap);
	afterburn_printk("\n");
	afterburn_stop(AFTERBURN_EXIT_PANIC);
}

void afterburn_stop(int code)
{
	const struct afterburn_backend *be = afterburn_active_backend();

	if (be && be->stop)
		be->stop(code);
	afterburn_default_stop(code);
}
