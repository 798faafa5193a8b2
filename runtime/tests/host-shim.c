// SPDX-License-Identifier: GPL-3.0-or-later
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "host-shim.h"

char shim_console[8192];
size_t shim_console_len;
jmp_buf shim_stop_jmp;
int shim_stop_armed;

static void shim_console_write(const char *s, size_t n)
{
	if (shim_console_len + n >= sizeof(shim_console))
		n = sizeof(shim_console) - 1 - shim_console_len;
	memcpy(shim_console + shim_console_len, s, n);
	shim_console_len += n;
	shim_console[shim_console_len] = '\0';
}

void shim_reset(void)
{
	shim_console_len = 0;
	shim_console[0] = '\0';
	afterburn_set_backend(NULL);
	afterburn_console_set(shim_console_write);
}

void afterburn_default_stop(int code)
{
	if (shim_stop_armed)
		longjmp(shim_stop_jmp, code + 1);
	fprintf(stderr, "afterburn_default_stop(%d) outside a test\n%s", code,
		shim_console);
	abort();
}

/* Two detectable backends for afterburn_detect() tests; tests switch them
 * on and make init fail through the shim_* knobs. */
int shim_detect_first, shim_detect_second, shim_init_ret, shim_init_calls;

static bool shim_first_detect(const struct afterburn_boot *boot)
{
	return shim_detect_first;
}

static bool shim_second_detect(const struct afterburn_boot *boot)
{
	return shim_detect_second;
}

static int shim_second_init(const struct afterburn_boot *boot)
{
	shim_init_calls++;
	return shim_init_ret;
}

const struct afterburn_backend shim_backend_first = {
	.name = "first", .detect = shim_first_detect,
};
const struct afterburn_backend shim_backend_second = {
	.name = "second", .detect = shim_second_detect, .init = shim_second_init,
};
const struct afterburn_backend *const afterburn_backends[] = {
	&shim_backend_first, &shim_backend_second, NULL
};
