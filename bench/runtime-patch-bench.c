// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Load-time patching cost: validate + patch N generated sites, for several
 * N, in one run.  Built twice by bench/runtime-patch:
 *  - as a test guest (afterburn-cc), timed with rdtsc inside QEMU TCG;
 *  - for the host with -DAB_BENCH_HOST, timed with clock_gettime.
 * The sites live in a synthetic image (a text buffer and a table in .bss),
 * so the numbers measure the runtime core, not the guest's own table.
 *
 * Per N it reports the fastest of AB_BENCH_REPS runs (the machine may be
 * shared: the minimum is the least disturbed estimate) of:
 *   validate      sorted table (the usual case: gas emits in address order)
 *   validate-shuf records shuffled (forces the heapsort)
 *   patch-native  full patch, backend leaves every site native
 *   patch-call    full patch, backend writes a 5-byte call + NOP fill
 */
#include <afterburn/backend.h>

#ifdef AB_BENCH_HOST
#include <stdio.h>
#include <time.h>
#define say printf
static uint64_t now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}
#define UNIT "ns"
#else
#define say afterburn_printk
static uint64_t now(void)
{
	uint32_t lo, hi;

	asm volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}
#define UNIT "tsc"
#endif

#define MAX_N		50000
#define STRIDE		8	/* bytes of text per site */
#define AB_BENCH_REPS	7

static uint8_t text[MAX_N * STRIDE] __attribute__((aligned(4096)));
static uint8_t table[(MAX_N + 1) * AFTERBURN_RECORD_SIZE] __attribute__((aligned(8)));
static uint64_t rng = 0x9e3779b97f4a7c15ull;

static const uint16_t kinds[] = {
	AB_KIND_CLI, AB_KIND_STI, AB_KIND_PUSHF, AB_KIND_POPF, AB_KIND_OUT,
	AB_KIND_IN, AB_KIND_CPUID,
};

static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void site_at_offset(struct afterburn_site *s, unsigned int i)
{
	uint16_t kind = kinds[i % AB_ARRAY_SIZE(kinds)];

	ab_memset(s, 0, sizeof(*s));
	s->site = (int32_t)((intptr_t)(text + (uintptr_t)i * STRIDE) -
			    (intptr_t)&s->site);
	s->kind = kind;
	s->insn_len = 1;
	s->room = afterburn_kind_room(kind);
	s->flags = AB_MODE_64;
	s->reg = s->sreg = s->base = s->index = AB_REG_NONE;
}

/* Header + n sites; shuffled: site order permuted (offsets recomputed). */
static struct afterburn_image build(unsigned int n, bool shuffled)
{
	struct afterburn_header *h = (void *)table;
	struct afterburn_site *s = (void *)(table + AFTERBURN_RECORD_SIZE);
	static unsigned int order[MAX_N];
	struct afterburn_image img;
	unsigned int i;

	ab_memset(h, 0, sizeof(*h));
	h->magic = AFTERBURN_MAGIC;
	h->kind = AB_KIND_HEADER;
	h->version = AFTERBURN_VERSION;
	h->record_size = AFTERBURN_RECORD_SIZE;
	for (i = 0; i < n; i++)
		order[i] = i;
	if (shuffled)
		for (i = n; i > 1; i--) {
			unsigned int j = next_rand() % i, t = order[i - 1];

			order[i - 1] = order[j];
			order[j] = t;
		}
	for (i = 0; i < n; i++)
		site_at_offset(&s[i], order[i]);
	img.table = table;
	img.table_end = table + (n + 1) * AFTERBURN_RECORD_SIZE;
	img.text_start = (uintptr_t)text;
	img.text_end = (uintptr_t)text + (uintptr_t)n * STRIDE;
	img.name = "bench";
	return img;
}

static void reset_text(unsigned int n)
{
	afterburn_nop_fill(text, (size_t)n * STRIDE);
}

static int native_site(const struct afterburn_site *s, uintptr_t addr,
		       struct afterburn_plan *p)
{
	return AB_NATIVE;
}

/* Never run: the text is a synthetic buffer. */
static void bench_stub(void)
{
}

static void bench_handler(struct afterburn_frame *f,
			  const struct afterburn_site *s)
{
}

/* call rel32 to a stub, as an emulating backend would write. */
static int call_site(const struct afterburn_site *s, uintptr_t addr,
		     struct afterburn_plan *p)
{
	return afterburn_plan_call(p, s, addr, bench_stub, bench_handler);
}

static const struct afterburn_backend be_native = {
	.name = "bench-native", .site = native_site,
};
static const struct afterburn_backend be_call = {
	.name = "bench-call", .site = call_site,
};

static uint64_t fastest(const uint64_t *v, int n)
{
	uint64_t m = v[0];
	int i;

	for (i = 1; i < n; i++)
		if (v[i] < m)
			m = v[i];
	return m;
}

enum { T_VALIDATE, T_SHUF, T_NATIVE, T_CALL, T_NR };
static const char *const tname[T_NR] = {
	"validate", "validate-shuf", "patch-native", "patch-call",
};

static uint64_t run_one(int t, unsigned int n)
{
	struct afterburn_image img;
	uint64_t t0, t1;
	long ret;

	img = build(n, t == T_SHUF);
	reset_text(n);
	t0 = now();
	if (t == T_VALIDATE || t == T_SHUF)
		ret = afterburn_validate(&img, NULL);
	else
		ret = afterburn_patch(&img, t == T_NATIVE ? &be_native : &be_call,
				      NULL);
	t1 = now();
	if (ret != (t == T_NATIVE ? 0 : (long)n))
		afterburn_panic("bench: %s of %u sites returned %ld",
				tname[t], n, ret);
	if (t == T_CALL && text[0] != 0xe8)
		afterburn_panic("bench: patch-call wrote nothing");
	return t1 - t0;
}

static void bench(void)
{
	static const unsigned int sizes[] = { 1000, 10000, 50000 };
	uint64_t per[T_NR][3];
	unsigned int si, n;
	int t, r;

	say("runtime-patch: %s per site, fastest of %d runs\n", UNIT,
	    AB_BENCH_REPS);
	say("%-14s %10s %10s %10s\n", "sites", "1000", "10000", "50000");
	for (t = 0; t < T_NR; t++) {
		for (si = 0; si < 3; si++) {
			uint64_t v[AB_BENCH_REPS];

			n = sizes[si];
			for (r = 0; r < AB_BENCH_REPS; r++)
				v[r] = run_one(t, n);
			per[t][si] = fastest(v, AB_BENCH_REPS) * 100 / n;
		}
		say("%-14s", tname[t]);
		for (si = 0; si < 3; si++)
			say(" %7lu.%02lu", (unsigned long)(per[t][si] / 100),
			    (unsigned long)(per[t][si] % 100));
		say("\n");
	}
	say("total patch-call of 50000 sites: %lu %s\n",
	    (unsigned long)(per[T_CALL][2] * 50000 / 100), UNIT);
	say("ratio patch-call / validate at 50k: x%lu.%02lu\n",
	    (unsigned long)(per[T_CALL][2] / per[T_VALIDATE][2]),
	    (unsigned long)(per[T_CALL][2] * 100 / per[T_VALIDATE][2] % 100));
	say("ratio validate-shuf / validate at 50k: x%lu.%02lu\n",
	    (unsigned long)(per[T_SHUF][2] / per[T_VALIDATE][2]),
	    (unsigned long)(per[T_SHUF][2] * 100 / per[T_VALIDATE][2] % 100));
	say("ratio per-site patch-call 50k / 1k: x%lu.%02lu\n",
	    (unsigned long)(per[T_CALL][2] / per[T_CALL][0]),
	    (unsigned long)(per[T_CALL][2] * 100 / per[T_CALL][0] % 100));
}

#ifdef AB_BENCH_HOST
void afterburn_default_stop(int code)
{
	fprintf(stderr, "stopped with %d\n", code);
	__builtin_trap();
}

const struct afterburn_backend *const afterburn_backends[] = { NULL };

static void host_console(const char *s, size_t n)
{
	fwrite(s, 1, n, stdout);
}

int main(void)
{
	afterburn_console_set(host_console);
	bench();
	return 0;
}
#else
void guest_main(void)
{
	bench();
}
#endif
