// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * xen-trace-count: count a PVH domU's VM exits (by exit code) and hypercalls
 * (by number) in a xentrace file, in total and per workload phase, and say
 * where in the guest the exits happen.  Runs in dom0 (built with gcc
 * -static by bench/xen-guest); busybox awk was far too slow for this under
 * TCG.
 *
 * A xentrace file is a stream of struct t_rec (xen/trace.h): a header word
 * (event:28, extra_u32:3, cycles_included:1), two TSC words when cycles are
 * included, then extra_u32 data words.  Dom0 is PV, so every HVM-class
 * record belongs to the PVH domU.  The records used (Xen 4.17, svm.c and
 * hvm.c):
 *   VMEXIT64  exit code, guest RIP (low, high); with the TSC
 *   VMENTRY   with the TSC: from an exit to the next entry the vCPU is in
 *             Xen (or, for hlt and physical interrupts, maybe descheduled),
 *             from an entry to the next exit in the guest
 *   VMMCALL   hypercall number (the exit that precedes it is 0x81)
 *   CPUID     leaf, subleaf, results
 *
 * Phases: the workload (linux-config/initramfs/ab-workload) runs `cpuid'
 * in user space with leaf AB_MARK_START + i before test i (subleaf = its
 * iterations) and AB_MARK_END + i after it; user-space cpuid is never a
 * patched site in either kernel, so Xen traps and traces it in both.
 * Exits and hypercalls between the two are counted for phase i as well.
 * The end mark's subleaf adds to the iterations too: a test that knows its
 * amount only afterwards (bench/xen-io-tool: KiB moved) passes it there,
 * ab-workload passes 0.
 *
 * With a System.map, each exit's guest RIP is mapped to the kernel function
 * holding it ("[user]" below the kernel half), and the functions with the
 * most exits are listed per exit code and phase: with exit 0x60 (a
 * physical interrupt: Xen's timer, dom0's devices) that is a rough sampling
 * profile of where the guest spends its time.
 *
 * Output ("XEN-TRACE: " lines):
 *   vmexit CODE N / hypercall NR N             whole domU life
 *   xen-cycles CODE N, guest-cycles N           TSC cycles (QEMU's TSC,
 *                                              real time) after exits of
 *                                              CODE until the next entry;
 *                                              between entry and exit
 *   total vmexits|hypercalls|records N, lost-records events N (non-zero =
 *   counts short)
 *   phase I iters N                            per phase (summed over runs)
 *   phase I vmexit CODE N / phase I hypercall NR N
 *   phase I xen-cycles CODE N / phase I guest-cycles N
 *   where PHASE CODE FUNCTION N                PHASE = "all" or I
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xen/trace.h>

#include "../linux-config/initramfs/ab-mark.h"

#define MAX_KEY		1024
#define MAX_PHASE	32
#define TOP_WHERE	8		/* functions listed per code and phase */

static unsigned long exits[MAX_KEY], hcalls[MAX_KEY];
static unsigned long other_exits, other_hcalls, lost, records;
static unsigned long ph_exits[MAX_PHASE][MAX_KEY], ph_hcalls[MAX_PHASE][MAX_KEY];
static unsigned long ph_iters[MAX_PHASE];
static int nphases;
/* Time in Xen per exit code, and in the guest (TSC cycles). */
static uint64_t xen_cyc[MAX_KEY], guest_cyc;
static uint64_t ph_xen_cyc[MAX_PHASE][MAX_KEY], ph_guest_cyc[MAX_PHASE];

/* ---- System.map: sorted text symbols ------------------------------------ */
struct sym {
	uint64_t addr;
	char *name;
};
static struct sym *syms;
static size_t nsyms;

static int sym_cmp(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static void load_map(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512], name[400], type;
	unsigned long long addr;
	size_t cap = 0;

	if (!f) {
		perror(path);
		exit(1);
	}
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llx %c %399s", &addr, &type, name) != 3)
			continue;
		if (type != 't' && type != 'T' && type != 'w' && type != 'W')
			continue;
		if (nsyms == cap) {
			cap = cap ? 2 * cap : 65536;
			syms = realloc(syms, cap * sizeof(*syms));
			if (!syms) {
				fprintf(stderr, "xen-trace-count: out of memory\n");
				exit(1);
			}
		}
		syms[nsyms].addr = addr;
		syms[nsyms].name = strdup(name);
		nsyms++;
	}
	fclose(f);
	qsort(syms, nsyms, sizeof(*syms), sym_cmp);
}

/* Index of the symbol holding rip; nsyms = user space, nsyms+1 = unknown. */
static size_t sym_of(uint64_t rip)
{
	size_t lo = 0, hi = nsyms;

	if (rip < 0x800000000000ull)
		return nsyms;
	if (!nsyms || rip < syms[0].addr)
		return nsyms + 1;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (syms[mid].addr <= rip)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static const char *sym_name(size_t i)
{
	return i == nsyms ? "[user]" : i > nsyms ? "[unknown]" : syms[i].name;
}

/* ---- (phase, exit code, symbol) -> count, open addressing ---------------- */
#define WHERE_BITS	20
struct where {
	uint64_t key;	/* 0 = empty; else phase+2 : 8, code : 12, sym : 44 */
	unsigned long n;
};
static struct where *where;

static uint64_t where_key(int phase, unsigned int code, size_t sym)
{
	return ((uint64_t)(phase + 2) << 56) | ((uint64_t)code << 44) | sym;
}

static void where_add(uint64_t key)
{
	uint64_t h = (key * 0x9e3779b97f4a7c15ull) >> (64 - WHERE_BITS);

	for (;; h = (h + 1) & ((1u << WHERE_BITS) - 1)) {
		if (where[h].key == key) {
			where[h].n++;
			return;
		}
		if (!where[h].key) {
			where[h].key = key;
			where[h].n = 1;
			return;
		}
	}
}

static int where_cmp(const void *a, const void *b)
{
	const struct where *x = a, *y = b;

	/* by phase and code, then most exits first */
	if ((x->key >> 44) != (y->key >> 44))
		return (x->key >> 44) < (y->key >> 44) ? -1 : 1;
	return x->n > y->n ? -1 : x->n < y->n;
}

static void print_where(void)
{
	size_t n = 0, shown = 0;
	uint64_t group = ~0ull;

	for (size_t i = 0; i < (1u << WHERE_BITS); i++)
		if (where[i].key)
			where[n++] = where[i];
	qsort(where, n, sizeof(*where), where_cmp);
	for (size_t i = 0; i < n; i++) {
		int phase = (int)(where[i].key >> 56) - 2;
		unsigned int code = (where[i].key >> 44) & 0xfff;

		if ((where[i].key >> 44) != group) {
			group = where[i].key >> 44;
			shown = 0;
		}
		if (shown++ >= TOP_WHERE)
			continue;
		if (phase < 0)
			printf("XEN-TRACE: where all 0x%x %s %lu\n", code,
			       sym_name(where[i].key & ((1ull << 44) - 1)), where[i].n);
		else
			printf("XEN-TRACE: where %d 0x%x %s %lu\n", phase, code,
			       sym_name(where[i].key & ((1ull << 44) - 1)), where[i].n);
	}
}

int main(int argc, char **argv)
{
	FILE *f;
	uint32_t h, w[9];
	int phase = -1;
	uint64_t exit_tsc = 0, entry_tsc = 0;
	unsigned int exit_code = MAX_KEY;	/* none pending */

	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: xen-trace-count TRACEFILE [SYSTEM.MAP]\n");
		return 2;
	}
	if (argc == 3) {
		load_map(argv[2]);
		where = calloc(1u << WHERE_BITS, sizeof(*where));
		if (!where) {
			fprintf(stderr, "xen-trace-count: out of memory\n");
			return 1;
		}
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
		uint32_t *d = w + (cyc ? 2 : 0);
		uint32_t d0 = extra ? d[0] : 0;
		uint64_t tsc = cyc ? w[0] | (uint64_t)w[1] << 32 : 0;

		if ((ev == TRC_HVM_VMENTRY) && cyc) {
			if (exit_code < MAX_KEY && tsc >= exit_tsc) {
				xen_cyc[exit_code] += tsc - exit_tsc;
				if (phase >= 0)
					ph_xen_cyc[phase][exit_code] += tsc - exit_tsc;
			}
			exit_code = MAX_KEY;
			entry_tsc = tsc;
		} else if (ev == TRC_HVM_VMEXIT || ev == TRC_HVM_VMEXIT64) {
			uint64_t rip = extra > 1 ? d[1] : 0;

			if (cyc && entry_tsc && tsc >= entry_tsc) {
				guest_cyc += tsc - entry_tsc;
				if (phase >= 0)
					ph_guest_cyc[phase] += tsc - entry_tsc;
			}
			entry_tsc = 0;
			exit_code = cyc && d0 < MAX_KEY ? d0 : MAX_KEY;
			exit_tsc = tsc;

			if (ev == TRC_HVM_VMEXIT64 && extra > 2)
				rip |= (uint64_t)d[2] << 32;
			if (d0 < MAX_KEY) {
				exits[d0]++;
				if (phase >= 0)
					ph_exits[phase][d0]++;
				if (where) {
					size_t s = sym_of(rip);

					where_add(where_key(-1, d0, s));
					if (phase >= 0)
						where_add(where_key(phase, d0, s));
				}
			} else {
				other_exits++;
			}
		} else if (ev == TRC_HVM_VMMCALL) {
			if (d0 < MAX_KEY) {
				hcalls[d0]++;
				if (phase >= 0)
					ph_hcalls[phase][d0]++;
			} else {
				other_hcalls++;
			}
		} else if (ev == TRC_HVM_CPUID && extra >= 2) {
			/* the workload's phase markers (see the top) */
			if ((d0 & ~0xffu) == AB_MARK_START && (d0 & 0xff) < MAX_PHASE) {
				phase = d0 & 0xff;
				ph_iters[phase] += d[1];
				if (phase >= nphases)
					nphases = phase + 1;
			} else if ((d0 & ~0xffu) == AB_MARK_END) {
				if ((d0 & 0xff) < MAX_PHASE)
					ph_iters[d0 & 0xff] += d[1];
				phase = -1;
			}
		} else if (ev == TRC_LOST_RECORDS) {
			lost++;
			entry_tsc = 0;		/* a gap: time unknown */
			exit_code = MAX_KEY;
		}
	}
	fclose(f);

	unsigned long te = other_exits, th = other_hcalls;

	for (unsigned i = 0; i < MAX_KEY; i++) {
		if (exits[i])
			printf("XEN-TRACE: vmexit 0x%x %lu\n", i, exits[i]);
		if (xen_cyc[i])
			printf("XEN-TRACE: xen-cycles 0x%x %llu\n", i,
			       (unsigned long long)xen_cyc[i]);
		if (hcalls[i])
			printf("XEN-TRACE: hypercall %u %lu\n", i, hcalls[i]);
		te += exits[i];
		th += hcalls[i];
	}
	if (other_exits)
		printf("XEN-TRACE: vmexit other %lu\n", other_exits);
	if (other_hcalls)
		printf("XEN-TRACE: hypercall other %lu\n", other_hcalls);
	printf("XEN-TRACE: guest-cycles all %llu\n", (unsigned long long)guest_cyc);
	printf("XEN-TRACE: total vmexits %lu\n", te);
	printf("XEN-TRACE: total hypercalls %lu\n", th);
	printf("XEN-TRACE: total records %lu\n", records);
	printf("XEN-TRACE: lost-records events %lu\n", lost);
	for (int p = 0; p < nphases; p++) {
		printf("XEN-TRACE: phase %d iters %lu\n", p, ph_iters[p]);
		printf("XEN-TRACE: phase %d guest-cycles all %llu\n", p,
		       (unsigned long long)ph_guest_cyc[p]);
		for (unsigned i = 0; i < MAX_KEY; i++) {
			if (ph_exits[p][i])
				printf("XEN-TRACE: phase %d vmexit 0x%x %lu\n", p, i, ph_exits[p][i]);
			if (ph_xen_cyc[p][i])
				printf("XEN-TRACE: phase %d xen-cycles 0x%x %llu\n", p, i,
				       (unsigned long long)ph_xen_cyc[p][i]);
			if (ph_hcalls[p][i])
				printf("XEN-TRACE: phase %d hypercall %u %lu\n", p, i, ph_hcalls[p][i]);
		}
	}
	if (where)
		print_where();
	return 0;
}
