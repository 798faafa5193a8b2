// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Xen system time: nanoseconds since the domain's clock started, from
 * vCPU 0's vcpu_time_info in shared_info (Xen updates it; `version' is odd
 * while an update is in progress, like a seqlock):
 *   now = system_time + ((tsc - tsc_timestamp) << shift) * mul >> 32
 * (a negative shift shifts right).  The PIT model reads it for counter
 * latches (Linux calibrates its TSC against PIT channel 2) and for the
 * channel 0 timer; CMOS reads the wall clock.
 */
#include <afterburn/x86.h>
#include "xen.h"

static uint64_t xen_scale_delta(uint64_t delta, uint32_t mul, int8_t shift)
{
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

uint64_t ab_xen_system_time_ns(void)
{
	volatile struct vcpu_time_info *t;
	uint32_t ver;
	uint64_t now;

	if (!ab_xen_shared_info)
		return 0;
	t = &ab_xen_shared_info->vcpu_info[0].time;
	do {
		ver = t->version;
		asm volatile("" ::: "memory");
		now = t->system_time +
		      xen_scale_delta(ab_rdtsc() - t->tsc_timestamp,
				      t->tsc_to_system_mul, t->tsc_shift);
		asm volatile("" ::: "memory");
	} while ((ver & 1) || ver != t->version);
	return now;
}

uint64_t ab_xen_wall_seconds(void)
{
	volatile struct shared_info *s = ab_xen_shared_info;
	uint32_t ver;
	uint64_t sec, nsec;

	if (!s)
		return 0;
	do {
		ver = s->wc_version;
		asm volatile("" ::: "memory");
		sec = s->wc_sec | ((uint64_t)s->xen_wc_sec_hi << 32);
		nsec = s->wc_nsec;
		asm volatile("" ::: "memory");
	} while ((ver & 1) || ver != s->wc_version);
	/* wc_* is the wall time at system time 0. */
	return sec + (nsec + ab_xen_system_time_ns()) / 1000000000ull;
}
