// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The native platform: bare hardware (here QEMU TCG).  Every site stays as
 * assembled and its padding runs as NOPs.  Chosen when no known hypervisor
 * announces itself through CPUID.
 */
#include <afterburn/backend.h>
#include <afterburn/x86.h>

/*
 * Signatures of hypervisors we would have to cooperate with.  QEMU TCG
 * reports "TCGTCGTCGTCG" when it sets the hypervisor bit: that is emulated
 * hardware, not a hypervisor, so it counts as native.
 */
static const char *const native_foreign[] = {
	"XenVMMXenVMM",		/* Xen */
	"KVMKVMKVM\0\0\0",	/* KVM */
	"Microsoft Hv",		/* Hyper-V */
	"VMwareVMware",		/* VMware */
	"VBoxVBoxVBox",		/* VirtualBox */
	"bhyve bhyve ",		/* bhyve */
	" lrpepyh  vr",		/* Parallels */
	"ACRNACRNACRN",		/* ACRN */
};

static int native_foreign_sig(uint32_t base, uint32_t max, const char sig[12])
{
	unsigned int i;

	for (i = 0; i < AB_ARRAY_SIZE(native_foreign); i++)
		if (!ab_memcmp(sig, native_foreign[i], 12))
			return 1;
	return 0;
}

static bool native_detect(const struct afterburn_boot *boot)
{
	return !ab_hv_scan(native_foreign_sig);
}

/* The one switch has a single case: every kind stays as assembled. */
static int native_site(const struct afterburn_site *s, uintptr_t addr,
		       struct afterburn_plan *plan)
{
	return AB_NATIVE;
}

const struct afterburn_backend afterburn_backend_native = {
	.name		= "native",
	.detect		= native_detect,
	.site		= native_site,
	.console_write	= afterburn_com1_write,
	/* .stop: the flavour's default (debug-exit port for test guests). */
};
