// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Unit tests for the runtime core, built for the host: the table
 * validator and patch engine on good and malformed tables.  Every refusal
 * must come with the expected error and message, and leave every byte of
 * the text buffer as it was.  Prints one line per test and a summary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "host-shim.h"

#define TEXT_SIZE	256
#define MAX_RECS	128

/* Text and table in one object so PC-relative offsets stay small. */
static struct {
	uint8_t text[TEXT_SIZE];
	uint8_t table[MAX_RECS * AFTERBURN_RECORD_SIZE + 32];
} mem __attribute__((aligned(64)));

static uint8_t snapshot[TEXT_SIZE];
static int nrec;
static size_t table_bytes;
static int passed, failed;

static void fail(const char *test, const char *fmt, const char *a, long b)
{
	printf("FAIL %s: ", test);
	printf(fmt, a, b);
	printf("\n");
	failed++;
}

static void t_reset(void)
{
	int i;

	memset(mem.table, 0, sizeof(mem.table));
	for (i = 0; i < TEXT_SIZE; i++)
		mem.text[i] = (uint8_t)(0x11 * i + 3);
	memcpy(snapshot, mem.text, TEXT_SIZE);
	nrec = 0;
	table_bytes = 0;
	shim_reset();
}

static void *t_rec(void)
{
	void *r = mem.table + nrec * AFTERBURN_RECORD_SIZE;

	nrec++;
	table_bytes = nrec * AFTERBURN_RECORD_SIZE;
	return r;
}

static void add_header_raw(uint32_t magic, uint8_t version, uint8_t recsize)
{
	struct afterburn_header *h = t_rec();

	h->magic = magic;
	h->kind = AB_KIND_HEADER;
	h->version = version;
	h->record_size = recsize;
}

static void add_header(void)
{
	add_header_raw(AFTERBURN_MAGIC, AFTERBURN_VERSION, AFTERBURN_RECORD_SIZE);
}

static struct afterburn_site *add_site(unsigned int kind, long off,
				       unsigned int len, unsigned int room,
				       unsigned int mode)
{
	struct afterburn_site *s = t_rec();

	s->site = (int32_t)((intptr_t)(mem.text + off) - (intptr_t)&s->site);
	s->kind = kind;
	s->insn_len = len;
	s->room = room;
	s->flags = mode;
	s->reg = s->sreg = s->base = s->index = AB_REG_NONE;
	return s;
}

static struct afterburn_image t_image(void)
{
	struct afterburn_image img = {
		.table = mem.table,
		.table_end = mem.table + table_bytes,
		.text_start = (uintptr_t)mem.text,
		.text_end = (uintptr_t)mem.text + TEXT_SIZE,
		.name = "test",
	};
	return img;
}

/* A backend writing 0xc0+kind bytes; length per kind, tunable by tests.
   Its handler records what it was given (afterburn_dispatch tests). */
static int tb_len[AB_KIND_LIMIT];
static int tb_refuse_kind = -1;
static int tb_calls, tb_lie_after = -1;
static const struct afterburn_site *tb_handled;

static void tb_handler(struct afterburn_frame *f, const struct afterburn_site *s)
{
	tb_handled = s;
}

static int tb_site(const struct afterburn_site *s, uintptr_t addr,
		   struct afterburn_plan *p)
{
	int len = tb_len[s->kind];

	tb_calls++;
	if ((int)s->kind == tb_refuse_kind)
		return -22;
	if (tb_lie_after >= 0 && tb_calls > tb_lie_after)
		len = s->room + 1;	/* answers differently the second time */
	if (len == 0)
		return AB_NATIVE;
	p->patch.len = len;
	memset(p->patch.bytes, 0xc0 + s->kind, len);
	p->handler = tb_handler;
	return 0;
}

static void tb_sync(void)
{
}

static const struct afterburn_backend test_backend = {
	.name = "test",
	.site = tb_site,
	.sync_core = tb_sync,
};

static void tb_reset(void)
{
	int k;

	for (k = 0; k < AB_KIND_LIMIT; k++)
		tb_len[k] = afterburn_kind_known(k) ? 5 : 0;
	tb_len[AB_KIND_CLI] = 7;
	tb_len[AB_KIND_STI] = 3;
	tb_len[AB_KIND_CPUID] = 0;	/* stays native */
	tb_refuse_kind = -1;
	tb_calls = 0;
	tb_lie_after = -1;
}

static void expect_refused(const char *test, enum afterburn_errcode code,
			   const char *needle)
{
	struct afterburn_image img = t_image();
	struct afterburn_error err;
	long ret;
	int ok = 1;

	memset(&err, 0, sizeof(err));
	ret = afterburn_patch(&img, &test_backend, &err);
	if (ret != -(long)code || err.code != code) {
		fail(test, "refused with %s (ret %ld)", afterburn_strerror(err.code), ret);
		ok = 0;
	}
	if (!strstr(err.msg, needle)) {
		fail(test, "message \"%s\" lacks the expected text (%ld)", err.msg, 0);
		ok = 0;
	}
	if (memcmp(mem.text, snapshot, TEXT_SIZE)) {
		fail(test, "text changed on refusal%s (%ld)", "", 0);
		ok = 0;
	}
	/* A refused table leaves no index; a refused patch keeps the valid one. */
	if (code < AB_E_BACKEND && afterburn_nr_sites() != 0) {
		fail(test, "index kept %s%ld sites after refusal", "",
		     (long)afterburn_nr_sites());
		ok = 0;
	}
	if (ok) {
		printf("ok   %s: %s\n", test, err.msg);
		passed++;
	}
}

static void check(const char *test, int cond, const char *what)
{
	if (cond) {
		printf("ok   %s\n", test);
		passed++;
	} else {
		fail(test, "%s%ld", what, 0);
	}
}

/* --- malformed tables ---------------------------------------------------- */

static void test_refusals(void)
{
	t_reset(); tb_reset();
	add_header_raw(0x12345678, AFTERBURN_VERSION, AFTERBURN_RECORD_SIZE);
	add_site(AB_KIND_CLI, 0, 1, 7, AB_MODE_64);
	expect_refused("bad magic", AB_E_MAGIC, "record 0: bad header magic 0x12345678");

	t_reset(); tb_reset();
	add_header_raw(AFTERBURN_MAGIC, 1, AFTERBURN_RECORD_SIZE);
	add_site(AB_KIND_CLI, 0, 1, 7, AB_MODE_64);
	expect_refused("old version 1", AB_E_VERSION, "unknown table version 1");

	t_reset(); tb_reset();
	add_header_raw(AFTERBURN_MAGIC, 2, AFTERBURN_RECORD_SIZE);
	add_site(AB_KIND_CLI, 0, 1, 7, AB_MODE_64);
	expect_refused("old version 2", AB_E_VERSION, "unknown table version 2");

	t_reset(); tb_reset();
	add_header_raw(AFTERBURN_MAGIC, AFTERBURN_VERSION, 24);
	add_site(AB_KIND_CLI, 0, 1, 7, AB_MODE_64);
	expect_refused("bad record size", AB_E_RECSIZE, "record size 24");

	/* A second object's header is checked as strictly as the first. */
	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_CLI, 0, 1, 7, AB_MODE_64);
	add_header_raw(AFTERBURN_MAGIC, 9, AFTERBURN_RECORD_SIZE);
	add_site(AB_KIND_STI, 16, 1, 5, AB_MODE_64);
	expect_refused("bad second header", AB_E_VERSION, "record 2: unknown table version 9");

	t_reset(); tb_reset();
	add_site(AB_KIND_CLI, 0, 1, 7, AB_MODE_64);
	add_header();
	expect_refused("site before header", AB_E_NO_HEADER, "record 0: site record before any valid header");

	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_CLI, 0, 1, 7, AB_MODE_64);
	add_site(200, 16, 1, 5, AB_MODE_64);
	expect_refused("unknown kind 200", AB_E_KIND, "record 2: site 0x");

	t_reset(); tb_reset();
	add_header();
	add_site(90, 16, 1, 5, AB_MODE_64);	/* a gap in the numbering */
	expect_refused("unknown kind 90", AB_E_KIND, "(?): unknown kind 90");

	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_CLI, -8, 1, 7, AB_MODE_64);
	expect_refused("site before text", AB_E_OUTSIDE, "(cli): room of 7 bytes not inside text");

	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_STI, TEXT_SIZE + 40, 1, 5, AB_MODE_64);
	expect_refused("site after text", AB_E_OUTSIDE, "(sti): room of 5 bytes not inside text");

	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_CLI, TEXT_SIZE - 3, 1, 7, AB_MODE_64);
	expect_refused("room straddles text end", AB_E_OUTSIDE, "not inside text");

	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_CLI, 0, 1, 7, AB_MODE_64);
	add_site(AB_KIND_STI, 4, 1, 5, AB_MODE_64);
	expect_refused("overlapping sites", AB_E_OVERLAP, "(sti): overlaps record 1: site 0x");

	/* Overlap found although the records are out of address order. */
	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_PUSHF, 40, 1, 5, AB_MODE_64);
	add_site(AB_KIND_POPF, 100, 1, 5, AB_MODE_64);
	add_site(AB_KIND_HLT, 38, 1, 5, AB_MODE_64);
	expect_refused("overlap, unsorted", AB_E_OVERLAP, "record 1: site");

	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_CLI, 0, 1, 7, AB_MODE_64);
	add_site(AB_KIND_STI, 0, 1, 5, AB_MODE_64);
	expect_refused("duplicate site", AB_E_OVERLAP, "overlaps record");

	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_OUT, 8, 3, 2, AB_MODE_64);
	expect_refused("room too small", AB_E_ROOM, "(out): room 2 < instruction length 3");

	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_OUT, 8, 0, 5, AB_MODE_64);
	expect_refused("zero length", AB_E_INSN_LEN, "(out): instruction length 0");

	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_OUT, 8, 16, 16, AB_MODE_64);
	expect_refused("16-byte instruction", AB_E_INSN_LEN, "(out): instruction length 16");

	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_OUT, 8, 1, 5, 3);
	expect_refused("bad mode", AB_E_MODE, "bad mode bits 3");

	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_STI, 8, 1, 5, AB_MODE_64)->insn_off = 2;
	expect_refused("instruction inside its room", AB_E_INSN_OFF,
		       "(sti): instruction at offset 2 of a 5-byte room, length 1");

	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_CLI, 8, 1, 7, AB_MODE_64)->live = AB_LIVE_VALID | 0x01000000;
	expect_refused("undefined live bit", AB_E_LIVE,
		       "(cli): live mask 0x81000000, live-in 0x0: bits the format does not define");

	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_CLI, 8, 1, 7, AB_MODE_64)->live_in = 1;
	expect_refused("live-in without the valid bit", AB_E_LIVE,
		       "(cli): live mask 0x0, live-in 0x1: bits the format does not define");

	t_reset(); tb_reset();
	add_header();
	{
		struct afterburn_site *s = add_site(AB_KIND_CLI, 8, 1, 7, AB_MODE_64);

		s->xflags = AB_XF_KNOWN;
		s->known = 0x3f8;
	}
	expect_refused("known operand on a kind without one", AB_E_KNOWN,
		       "(cli): known operand 0x3f8, xflags 0x2: the kind has no such operand value");

	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_WRMSR, 8, 2, 5, AB_MODE_64)->known = 0x10;
	expect_refused("known value without AB_XF_KNOWN", AB_E_KNOWN,
		       "(wrmsr): known operand 0x10, xflags 0x0: the kind has no such operand value");

	t_reset(); tb_reset();
	add_header();
	{
		struct afterburn_site *s = add_site(AB_KIND_WRMSR, 8, 2, 5, AB_MODE_64);

		s->xflags = AB_XF_KNOWN;
		s->known = 0xc0000080;
		s->live = AB_LIVE_VALID;	/* all dead */
		s->live_in = 0x7;
	}
	{
		struct afterburn_image img = t_image();
		struct afterburn_error err;

		check("masks, all dead after, and a known MSR index",
		      afterburn_validate(&img, &err) == 1, "refused: ");
	}

	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_CLI, 8, 1, 7, AB_MODE_64)->xflags = 0x80;
	expect_refused("unknown xflags bit", AB_E_SITE_RESERVED, "(cli): reserved bits set (xflags 0x80)");

	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_CLI, 0, 1, 7, AB_MODE_64);
	add_site(AB_KIND_STI, 16, 1, 5, AB_MODE_64);
	table_bytes -= 10;
	expect_refused("truncated table", AB_E_TRUNCATED, "not a whole number of 32-byte records");

	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_CLI, 0, 1, 7, AB_MODE_64);
	add_site(AB_KIND_PUSHF, 16, 1, 5, AB_MODE_64);
	tb_len[AB_KIND_PUSHF] = 6;
	expect_refused("replacement bigger than room", AB_E_TOO_BIG,
		       "(pushf): platform test wants 6 bytes, room is 5");

	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_CLI, 0, 1, 7, AB_MODE_64);
	add_site(AB_KIND_WRMSR, 16, 2, 5, AB_MODE_64);
	tb_refuse_kind = AB_KIND_WRMSR;
	expect_refused("backend refuses", AB_E_BACKEND, "(wrmsr): platform test refused it (-22)");

	t_reset(); tb_reset();
	{
		struct afterburn_image img = t_image();
		struct afterburn_error err;

		img.text_end = img.text_start;
		add_header();
		check("empty text range",
		      afterburn_validate(&img, &err) == -AB_E_TEXT &&
		      strstr(err.msg, "is empty"), "empty text accepted");
	}

	t_reset(); tb_reset();
	{
		struct afterburn_image img = t_image();
		struct afterburn_error err;

		add_header();
		img.table = mem.table + 2;
		img.table_end = mem.table + 2 + AFTERBURN_RECORD_SIZE;
		check("misaligned table",
		      afterburn_validate(&img, &err) == -AB_E_ALIGN &&
		      memcmp(mem.text, snapshot, TEXT_SIZE) == 0,
		      "misaligned table accepted");
	}

	/* One more site than the index holds: refused, not truncated. */
	t_reset(); tb_reset();
	{
		int i;

		add_header();
		for (i = 0; i <= AFTERBURN_MAX_SITES && i * 2 + 1 < TEXT_SIZE; i++)
			add_site(AB_KIND_HLT, i * 2, 1, 1, AB_MODE_64);
		if (i > AFTERBURN_MAX_SITES)
			expect_refused("index capacity", AB_E_CAPACITY, "raise AFTERBURN_MAX_SITES");
		else
			check("index capacity", 0, "test text too small for the index capacity");
	}
}

/* --- good tables ---------------------------------------------------------- */

static void test_good(void)
{
	struct afterburn_image img;
	struct afterburn_error err;
	static const uint8_t nop2[] = { 0x66, 0x90 };
	uint8_t expect[TEXT_SIZE];
	long ret;
	int i;

	/* Native: nothing written. */
	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_CLI, 0, 1, 7, AB_MODE_64);
	add_site(AB_KIND_STI, 16, 1, 5, AB_MODE_64);
	img = t_image();
	for (i = 0; i < AB_KIND_LIMIT; i++)
		tb_len[i] = 0;
	ret = afterburn_patch(&img, &test_backend, &err);
	check("good table, all native", ret == 0 && afterburn_nr_sites() == 2 &&
	      !memcmp(mem.text, snapshot, TEXT_SIZE), "native patch changed text");

	/* Two objects, out of address order, mixed modes, one native kind. */
	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_STI, 100, 1, 5, AB_MODE_64);
	add_site(AB_KIND_CLI, 0, 1, 7, AB_MODE_64);
	add_site(AB_KIND_CPUID, 20, 2, 5, AB_MODE_64);	/* native */
	add_header();
	add_site(AB_KIND_OUT, 50, 1, 5, AB_MODE_32);	/* never patched */
	add_site(AB_KIND_IN, 60, 1, 1, AB_MODE_16);	/* never patched */
	add_site(AB_KIND_PUSHF, 7, 1, 5, AB_MODE_64);	/* abuts cli's room */
	img = t_image();
	memcpy(expect, snapshot, TEXT_SIZE);
	memset(expect + 0, 0xc0 + AB_KIND_CLI, 7);
	memset(expect + 7, 0xc0 + AB_KIND_PUSHF, 5);
	memset(expect + 100, 0xc0 + AB_KIND_STI, 3);
	memcpy(expect + 103, nop2, 2);
	ret = afterburn_patch(&img, &test_backend, &err);
	check("good table patched", ret == 3, "wrong patched count");
	check("good table bytes", !memcmp(mem.text, expect, TEXT_SIZE),
	      "text differs from the expected patch");
	check("good table index", afterburn_nr_sites() == 6, "index size");
	check("site_at inside room",
	      afterburn_site_at((uintptr_t)mem.text + 104) &&
	      afterburn_site_at((uintptr_t)mem.text + 104)->kind == AB_KIND_STI,
	      "site_at missed sti's room");
	check("site_at first byte",
	      afterburn_site_at((uintptr_t)mem.text)->kind == AB_KIND_CLI &&
	      afterburn_site_at((uintptr_t)mem.text + 7)->kind == AB_KIND_PUSHF,
	      "site_at wrong at room boundaries");
	check("site_at outside rooms",
	      !afterburn_site_at((uintptr_t)mem.text + 105) &&
	      !afterburn_site_at((uintptr_t)mem.text + 12) &&
	      !afterburn_site_at((uintptr_t)mem.text - 1),
	      "site_at found a site outside every room");

	/* A backend that answers differently on the write pass is caught. */
	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_CLI, 0, 1, 7, AB_MODE_64);
	add_site(AB_KIND_STI, 16, 1, 5, AB_MODE_64);
	img = t_image();
	tb_lie_after = 3;
	ret = afterburn_patch(&img, &test_backend, &err);
	check("impure backend caught", ret == -AB_E_NOT_PURE && err.code == AB_E_NOT_PURE,
	      "impure backend not detected");

	/* A hand-marked range may be longer than one instruction. */
	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_CUSTOM, 0, 20, 20, AB_MODE_64 | AB_FL_RANGE);
	img = t_image();
	check("20-byte hand-marked range", afterburn_validate(&img, &err) == 1,
	      "range refused");

	/* Empty table (no sites at all). */
	t_reset(); tb_reset();
	img = t_image();
	check("empty table", afterburn_patch(&img, &test_backend, &err) == 0 &&
	      !memcmp(mem.text, snapshot, TEXT_SIZE), "empty table");
}

/* --- NOPs, boot log line, panic path, printk ------------------------------ */

static void test_misc(void)
{
	struct afterburn_image img;
	uint8_t buf[20];
	char s[64];
	int code;

	afterburn_nop_fill(buf, 11);
	check("nop fill 11 = nop8 + nop3",
	      !memcmp(buf, "\x0f\x1f\x84\x00\x00\x00\x00\x00\x0f\x1f\x00", 11),
	      "nop bytes");

	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_CLI, 0, 1, 7, AB_MODE_64);
	add_site(AB_KIND_CPUID, 16, 2, 5, AB_MODE_64);
	img = t_image();
	afterburn_patch_or_panic(&img, &test_backend);
	check("boot log line",
	      !strcmp(shim_console, "afterburn: platform test, 1 of 2 sites patched\n"),
	      "boot log line wording");

	t_reset(); tb_reset();
	add_header();
	add_site(AB_KIND_OUT, 8, 3, 2, AB_MODE_64);
	img = t_image();
	shim_stop_armed = 1;
	code = setjmp(shim_stop_jmp);
	if (!code)
		afterburn_patch_or_panic(&img, &test_backend);
	shim_stop_armed = 0;
	snprintf(s, sizeof(s), "site 0x%lx (out): room 2",
		 (unsigned long)(uintptr_t)(mem.text + 8));
	check("panic names site and kind",
	      code == AFTERBURN_EXIT_PANIC + 1 &&
	      !strncmp(shim_console, "afterburn: panic: refusing to patch test: record 1: ", 52) &&
	      strstr(shim_console, s) && !memcmp(mem.text, snapshot, TEXT_SIZE),
	      "panic message or stop code");
	printf("     panic said: %s", shim_console);

	ab_snprintf(s, sizeof(s), "%d|%5u|%-4s|%08lx|%p|%c%%|%lld", -42, 7u, "ab",
		    0xbeefUL, (void *)0x1000, 'z', -5LL);
	check("snprintf formats", !strcmp(s, "-42|    7|ab  |0000beef|0x1000|z%|-5"), s);
	check("snprintf truncates",
	      ab_snprintf(s, 4, "abcdef") == 6 && !strcmp(s, "abc"), "truncation");
	check("kind names from kinds.def",
	      !strcmp(afterburn_kind_name(AB_KIND_MOV_TO_CR), "mov_to_cr") &&
	      afterburn_kind_room(AB_KIND_CLI) == 7 &&
	      (afterburn_kind_flags(AB_KIND_SWAPGS) & AB_F_NOSTACK) &&
	      !strcmp(afterburn_kind_name(127), "?"), "kind table");
}

/* --- the table's rules (checks.def) ----------------------------------------- */

static void test_rules(void)
{
	int code, named = 1, described = 1;

	for (code = 1; code < AB_E_NR; code++) {
		if (!strcmp(afterburn_strerror(code), "unknown error"))
			named = 0;
		if (code < AB_E_PATCH_FIRST && (!afterburn_check_summary(code) ||
						!*afterburn_check_detail(code)))
			described = 0;
	}
	check("every error code has a name", named, "afterburn_strerror gap");
	check("every table check has its words", described, "checks.def entry");
	check("runtime and tools split the checks",
	      afterburn_check_by(AB_E_ROOM) == AB_BY_BOTH &&
	      afterburn_check_by(AB_E_OUTSIDE) == AB_BY_RUNTIME &&
	      afterburn_check_by(AB_E_RESERVED) == AB_BY_TOOLS,
	      "BY column");
}

/* --- entry paths: site of a call, dispatch -------------------------------------- */

static void test_dispatch(void)
{
	struct afterburn_image img;
	struct afterburn_error err;
	const struct afterburn_site *cli, *sti;
	uintptr_t t = (uintptr_t)mem.text;
	int code;

	t_reset(); tb_reset();
	add_header();
	cli = add_site(AB_KIND_CLI, 0, 1, 7, AB_MODE_64);
	sti = add_site(AB_KIND_STI, 16, 1, 5, AB_MODE_64);
	add_site(AB_KIND_CPUID, 32, 2, 5, AB_MODE_64);	/* native */
	img = t_image();
	afterburn_validate(&img, &err);
	check("site of a call's return address",
	      afterburn_site_of_call(t + 16 + 5) == sti &&
	      afterburn_site_of_call(t + 5) == cli &&
	      !afterburn_site_of_call(t + 16 + 6) && !afterburn_site_of_call(t + 4),
	      "afterburn_site_of_call");
	check("site starting at", afterburn_site_starting_at(t + 16) == sti &&
	      !afterburn_site_starting_at(t + 17), "afterburn_site_starting_at");

	afterburn_set_backend(&test_backend);
	tb_handled = NULL;
	afterburn_dispatch(NULL, sti);
	check("dispatch runs the switch's handler", tb_handled == sti,
	      "handler not called with its site");

	shim_stop_armed = 1;
	code = setjmp(shim_stop_jmp);
	if (!code)
		afterburn_dispatch(NULL, afterburn_site_starting_at(t + 32));
	shim_stop_armed = 0;
	check("dispatch of a native site stops",
	      code == AFTERBURN_EXIT_PANIC + 1 &&
	      strstr(shim_console, "(cpuid): entered emulation, but platform test has no handler"),
	      "native site dispatched");
	shim_reset();
}

/* --- platform detection ---------------------------------------------------- */

static const char *detect_cmdline;

static const struct afterburn_backend *detect_or_stop(int *code)
{
	const struct afterburn_backend *be = NULL;
	struct afterburn_boot boot = { .entry = AB_ENTRY_PVH,
				       .cmdline = detect_cmdline };

	shim_stop_armed = 1;
	*code = setjmp(shim_stop_jmp);
	if (!*code)
		be = afterburn_detect(&boot);
	shim_stop_armed = 0;
	return be;
}

static void test_detect(void)
{
	const struct afterburn_backend *be;
	int code;

	shim_reset();
	shim_detect_first = 0;
	shim_detect_second = 1;
	shim_init_ret = 0;
	shim_init_calls = 0;
	be = detect_or_stop(&code);
	check("detect picks the first match",
	      be == &shim_backend_second && afterburn_active_backend() == be &&
	      shim_init_calls == 1, "wrong backend or init not run");

	shim_reset();
	shim_detect_first = 1;
	be = detect_or_stop(&code);
	check("detect honours list order", be == &shim_backend_first,
	      "a later backend won");

	shim_reset();
	shim_detect_first = 0;
	shim_init_ret = -19;
	be = detect_or_stop(&code);
	check("failed init stops the boot",
	      !be && code == AFTERBURN_EXIT_PANIC + 1 &&
	      strstr(shim_console, "afterburn: panic: platform second: init failed (-19)"),
	      "init failure not reported");

	shim_reset();
	shim_detect_second = 0;
	be = detect_or_stop(&code);
	check("no backend stops the boot",
	      !be && code == AFTERBURN_EXIT_PANIC + 1 &&
	      strstr(shim_console, "no platform backend recognises this machine"),
	      "missing platform not reported");

	/* Named on the command line: chosen without detect(). */
	shim_reset();
	shim_init_ret = 0;
	detect_cmdline = "console=ttyS0 afterburn.backend=second quiet";
	be = detect_or_stop(&code);
	check("afterburn.backend= selects by name",
	      be == &shim_backend_second && afterburn_active_backend() == be,
	      "named backend not chosen");

	shim_reset();
	detect_cmdline = "afterburn.backend=nosuch";
	be = detect_or_stop(&code);
	check("afterburn.backend= names a missing backend",
	      !be && code == AFTERBURN_EXIT_PANIC + 1 &&
	      strstr(shim_console, "afterburn.backend=nosuch: no such backend"),
	      "missing named backend not reported");

	shim_reset();
	shim_detect_first = 1;
	detect_cmdline = "xafterburn.backend=second";
	be = detect_or_stop(&code);
	check("afterburn.backend= only as a whole word", be == &shim_backend_first,
	      "parameter matched inside a word");
	detect_cmdline = NULL;
	shim_detect_first = 0;
	shim_reset();
}

int main(void)
{
	test_detect();
	test_rules();
	test_refusals();
	test_good();
	test_dispatch();
	test_misc();
	printf("runtime unit tests: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
