// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Platform detection: the first backend of the flavour's list whose
 * detect() recognises the machine becomes active.  The list ends with
 * native, which recognises anything no other backend claims.
 */
#include <afterburn/backend.h>

static const struct afterburn_backend *ab_active;

void afterburn_set_backend(const struct afterburn_backend *be)
{
	ab_active = be;
}

const struct afterburn_backend *afterburn_active_backend(void)
{
	return ab_active;
}

/* The hypervisor's CPUID signature, for the message when nothing matches. */
static const char *ab_hv_signature(char sig[13])
{
	unsigned int a = 0x40000000, b, c = 0, d;

	asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	ab_memcpy(sig, &b, 4);
	ab_memcpy(sig + 4, &c, 4);
	ab_memcpy(sig + 8, &d, 4);
	sig[12] = '\0';
	return sig;
}

const struct afterburn_backend *afterburn_detect(const struct afterburn_boot *boot)
{
	const struct afterburn_backend *const *p;
	char sig[13];
	int ret;

	for (p = afterburn_backends; *p; p++) {
		if (!(*p)->detect || !(*p)->detect(boot))
			continue;
		if ((*p)->init) {
			ret = (*p)->init(boot);
			if (ret < 0)
				afterburn_panic("platform %s: init failed (%d)",
						(*p)->name, ret);
		}
		afterburn_set_backend(*p);
		return *p;
	}
	afterburn_panic("no platform backend recognises this machine (CPUID 0x40000000 signature \"%s\")",
			ab_hv_signature(sig));
}
