// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Detect order for the runtime linked into vmlinux: most specific first,
 * native last.  AFTERBURN_HAVE_<NAME> is set by runtime/build.mk when that
 * backend's sources are built into this flavour.
 */
#include <afterburn/backend.h>

const struct afterburn_backend *const afterburn_backends[] = {
#ifdef AFTERBURN_HAVE_XEN
	&afterburn_backend_xen,
#endif
	&afterburn_backend_native,
	NULL
};
