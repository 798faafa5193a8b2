// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Detect order for the runtime linked into vmlinux: most specific first,
 * native last.  A hypervisor backend (backends/xen) is listed before native.
 */
#include <afterburn/backend.h>

const struct afterburn_backend *const afterburn_backends[] = {
	&afterburn_backend_native,
	NULL
};
