// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Detect order for QEMU-booted test guests: most specific first, native
 * last.  (The usermode platform does not detect: afterburn-run's entry
 * activates its backend directly.)  AFTERBURN_HAVE_<NAME> is set by
 * runtime/build.mk when that backend is built into this flavour.
 */
#include <afterburn/backend.h>

const struct afterburn_backend *const afterburn_backends[] = {
#ifdef AFTERBURN_HAVE_XEN
	&afterburn_backend_xen,
#endif
	&afterburn_backend_native,
	NULL
};
