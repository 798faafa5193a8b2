/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The platform backend interface.  A backend says whether it is the
 * platform we run on, what each site becomes, and how to print and stop.
 *
 * The core calls rewrite() TWICE per site: once while checking that every
 * replacement fits (nothing is written yet) and once while writing.  It
 * must therefore be pure: same site and address, same answer.  The core
 * checks this and panics rather than write a replacement it did not check.
 */
#ifndef AFTERBURN_BACKEND_H
#define AFTERBURN_BACKEND_H

#include <afterburn/runtime.h>

/* rewrite() result meaning "leave the site as assembled". */
#define AB_NATIVE	1

struct afterburn_patch {
	uint8_t len;				/* bytes used, <= site room */
	uint8_t bytes[AFTERBURN_PATCH_MAX];	/* the core NOP-fills the rest */
};

/* The platform's TSC, as its hypervisor reports it. */
struct afterburn_tsc {
	uint32_t khz;		/* frequency; 0 if unknown */
	bool reliable;		/* fixed rate, never stops or jumps */
};

/*
 * Saved guest state for emulation stubs: defined by the VMM core
 * (runtime/vmm), opaque to the patch engine.
 */
struct afterburn_frame;

struct afterburn_backend {
	const char *name;		/* "native", "usermode", "xen-pvh": log line */

	/* Is this the platform we are running on?  Must not need init(). */
	bool (*detect)(const struct afterburn_boot *boot);

	/*
	 * Optional boot glue, run once after detect chose this backend and
	 * before any site is patched.  0 or a negative error.
	 */
	int (*init)(const struct afterburn_boot *boot);

	/*
	 * The replacement for site s, which lives at addr (the core computed
	 * it with afterburn_site_addr; room bytes from addr are writable):
	 *   return 0 with out->len/bytes filled (len <= s->room; a call rel32
	 *     must be computed relative to addr),
	 *   return AB_NATIVE to leave the site as assembled,
	 *   return a negative value to refuse (the core stops the boot naming
	 *     the site).
	 * Only called for 64-bit sites.  Must be pure (see above).
	 */
	int (*rewrite)(const struct afterburn_site *s, uintptr_t addr,
		       struct afterburn_patch *out);

	/* Emulate site s for an emulation stub; NULL for native. */
	int (*emulate)(struct afterburn_frame *frame,
		       const struct afterburn_site *s);

	/* Console for runtime messages (panics, the boot log line). */
	void (*console_write)(const char *s, size_t n);

	/* End the run with status code (QEMU isa-debug-exit convention). */
	void (*stop)(int code) __attribute__((noreturn));

	/* Serialise after writing text; NULL means cpuid. */
	void (*sync_core)(void);

	/*
	 * What the platform reports about the TSC (NULL: nothing).  The
	 * Linux glue passes it on, because a PVH domain has no PIT, HPET or
	 * PM timer the kernel could calibrate or verify its TSC against.
	 */
	void (*tsc_info)(struct afterburn_tsc *tsc);
};

/*
 * The flavour's backends in detect order, most specific first, native last,
 * NULL-terminated.  Defined once per flavour (runtime/core/backends-*.c).
 */
extern const struct afterburn_backend *const afterburn_backends[];

/* Backends provided by backends/<name>/. */
extern const struct afterburn_backend afterburn_backend_native;
extern const struct afterburn_backend afterburn_backend_xen;

#endif /* AFTERBURN_BACKEND_H */
