/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Host test harness for the runtime core: the core's C files are compiled
 * for the host unchanged; this shim supplies what a flavour would (the
 * backend list, the default stop) and captures the console.
 */
#ifndef AFTERBURN_HOST_SHIM_H
#define AFTERBURN_HOST_SHIM_H

#include <setjmp.h>
#include <afterburn/backend.h>

/* Everything afterburn_console_write() printed since shim_reset(). */
extern char shim_console[8192];
extern size_t shim_console_len;

/* afterburn_default_stop() longjmps here with code + 1 when armed. */
extern jmp_buf shim_stop_jmp;
extern int shim_stop_armed;

void shim_reset(void);

/* afterburn_backends[] = { first, second }: detect() answers these; the
 * second has an init() returning shim_init_ret. */
extern int shim_detect_first, shim_detect_second, shim_init_ret, shim_init_calls;
extern const struct afterburn_backend shim_backend_first, shim_backend_second;

#endif
