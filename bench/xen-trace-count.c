// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * xen-trace-count: count a PVH domU's VM exits (by exit code) and hypercalls
 * (by number) in a xentrace file.  Runs in dom0 (built with gcc -static by
 * bench/xen-guest); busybox awk was far too slow for this under TCG.
 *
 * A xentrace file is a stream of struct t_rec (xen/trace.h): a header word
 * (event:28, extra_u32:3, cycles_included:1), two TSC words when cycles are
 * included, then extra_u32 data words.  Dom0 is PV, so every HVM-class
 * record belongs to the PVH domU.
 *
 * Output: "XEN-TRACE: vmexit 0xCODE N", "XEN-TRACE: hypercall NR N",
 * totals, and the number of lost-records events (non-zero = counts short).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <xen/trace.h>

#define MAX_KEY 1024

static unsigned long exits[MAX_KEY], hcalls[MAX_KEY];
static unsigned long other_exits, other_hcalls, lost, records;

int main(int argc, char **argv)
{
	FILE *f;
	uint32_t h, w[9];

	if (argc != 2) {
		fprintf(stderr, "usage: xen-trace-count TRACEFILE\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	while (fread(&h, 4, 1, f) == 1) {
		uint32_t ev = h & 0x0fffffff;
		unsigned extra = (h >> 28) & 7, cyc = h >> 31;
		unsigned n = extra + (cyc ? 2 : 0);

		if (n && fread(w, 4, n, f) != n) {
			fprintf(stderr, "xen-trace-count: truncated record at the end\n");
			break;
		}
		records++;
		uint32_t d0 = extra ? w[cyc ? 2 : 0] : 0;

		if (ev == TRC_HVM_VMEXIT || ev == TRC_HVM_VMEXIT64) {
			if (d0 < MAX_KEY)
				exits[d0]++;
			else
				other_exits++;
		} else if (ev == TRC_HVM_VMMCALL) {
			if (d0 < MAX_KEY)
				hcalls[d0]++;
			else
				other_hcalls++;
		} else if (ev == TRC_LOST_RECORDS) {
			lost++;
		}
	}
	fclose(f);

	unsigned long te = other_exits, th = other_hcalls;

	for (unsigned i = 0; i < MAX_KEY; i++) {
		if (exits[i])
			printf("XEN-TRACE: vmexit 0x%x %lu\n", i, exits[i]);
		if (hcalls[i])
			printf("XEN-TRACE: hypercall %u %lu\n", i, hcalls[i]);
		te += exits[i];
		th += hcalls[i];
	}
	if (other_exits)
		printf("XEN-TRACE: vmexit other %lu\n", other_exits);
	if (other_hcalls)
		printf("XEN-TRACE: hypercall other %lu\n", other_hcalls);
	printf("XEN-TRACE: total vmexits %lu\n", te);
	printf("XEN-TRACE: total hypercalls %lu\n", th);
	printf("XEN-TRACE: total records %lu\n", records);
	printf("XEN-TRACE: lost-records events %lu\n", lost);
	return 0;
}
