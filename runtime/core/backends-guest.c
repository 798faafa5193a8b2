// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Detect order for QEMU-booted test guests: most specific first, native
 * last.  (The usermode platform does not detect: afterburn-run's entry
 * activates its backend directly.)
 */
#include <afterburn/backend.h>

const struct afterburn_backend *const afterburn_backends[] = {
	&afterburn_backend_native,
	NULL
};
