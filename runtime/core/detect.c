// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Choosing the platform: the backend named on the command line
 * (afterburn.backend=NAME), else the first of the flavour's list whose
 * detect() recognises the machine.  The list ends with native, which
 * recognises anything no other backend claims; backends without detect()
 * (e.g. backends/log) are only ever chosen by name.
 */
#include <afterburn/backend.h>
#include <afterburn/x86.h>

#define AB_BACKEND_PARAM	"afterburn.backend="

static const struct afterburn_backend *ab_active;
bool afterburn_poison;
bool afterburn_liveness = true;

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
	uint32_t a, r[3];

	ab_cpuid(AB_HV_LEAF_FIRST, 0, &a, &r[0], &r[1], &r[2]);
	ab_memcpy(sig, r, 12);
	sig[12] = '\0';
	return sig;
}

/*
 * The value of parameter key (e.g. "afterburn.backend=") on cmdline (a
 * whole word), copied into name[size]; false if the parameter is absent.
 */
static bool ab_param(const char *cmdline, const char *key, char *name,
		     size_t size)
{
	const char *p = cmdline;
	size_t n = ab_strlen(key), i;

	for (; p && *p; p++) {
		if ((p != cmdline && p[-1] != ' ') || ab_strncmp(p, key, n))
			continue;
		p += n;
		for (i = 0; p[i] && p[i] != ' ' && i + 1 < size; i++)
			name[i] = p[i];
		name[i] = '\0';
		return true;
	}
	return false;
}

static const struct afterburn_backend *ab_by_name(const char *name)
{
	const struct afterburn_backend *const *p;

	for (p = afterburn_backends; *p; p++)
		if (!ab_strcmp((*p)->name, name))
			return *p;
	afterburn_panic("afterburn.backend=%s: no such backend in this runtime",
			name);
}

static const struct afterburn_backend *ab_by_detect(const struct afterburn_boot *boot)
{
	const struct afterburn_backend *const *p;
	char sig[13];

	for (p = afterburn_backends; *p; p++)
		if ((*p)->detect && (*p)->detect(boot))
			return *p;
	afterburn_panic("no platform backend recognises this machine (CPUID 0x40000000 signature \"%s\")",
			ab_hv_signature(sig));
}

const struct afterburn_backend *afterburn_detect(const struct afterburn_boot *boot)
{
	const struct afterburn_backend *be;
	char name[32];
	int ret;

	if (boot && ab_param(boot->cmdline, "afterburn.poison=", name, sizeof(name)))
		afterburn_poison = !ab_strcmp(name, "1");
	if (boot && ab_param(boot->cmdline, "afterburn.liveness=", name, sizeof(name)))
		afterburn_liveness = ab_strcmp(name, "0") != 0;
	if (boot && ab_param(boot->cmdline, AB_BACKEND_PARAM, name, sizeof(name)))
		be = ab_by_name(name);
	else
		be = ab_by_detect(boot);
	if (be->init) {
		ret = be->init(boot);
		if (ret < 0)
			afterburn_panic("platform %s: init failed (%d)",
					be->name, ret);
	}
	afterburn_set_backend(be);
	if (afterburn_poison)
		afterburn_printk("afterburn: poison: what a site's live mask calls dead is overwritten at every emulation exit\n");
	if (!afterburn_liveness)
		afterburn_printk("afterburn: liveness off: every register is preserved at every emulation entry\n");
	return be;
}
