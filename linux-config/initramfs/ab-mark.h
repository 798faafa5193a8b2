/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ab-mark.h: the phase markers bench/xen-trace-count reads from a xentrace
 * file, issued in user space by ab-workload.c and bench/xen-io-tool.c:
 * `cpuid' with a leaf no CPU or hypervisor defines, "AF" 0x01 PHASE before
 * a test (AB_MARK_START + PHASE) and "AF" 0x02 PHASE after it
 * (AB_MARK_END + PHASE); the subleaf adds to the phase's iterations.
 * User-space cpuid is no kernel site, so a hypervisor traps it and xentrace
 * records the leaf, whichever kernel runs; elsewhere it costs one cpuid.
 */
#ifndef AB_MARK_H
#define AB_MARK_H

#define AB_MARK_START	0x41460100u	/* "AF", 1: start of phase (low byte) */
#define AB_MARK_END	0x41460200u	/* "AF", 2: end of phase */

static inline void ab_mark(unsigned int leaf, unsigned int subleaf)
{
	unsigned int a = leaf, b, c = subleaf, d;

	asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
}

#endif
