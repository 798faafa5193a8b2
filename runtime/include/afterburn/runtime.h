/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The afterburn runtime core: find the .afterburn table of the image it is
 * linked into, validate every record, ask the platform backend what each
 * site becomes, write it, serialise.
 *
 * Freestanding: no libc.  Every external symbol of the runtime and its
 * backends starts with afterburn_ (the interfaces) or ab_ (internals shared
 * between files: the string/format library, the device models, a
 * backend's files), so the kernel flavour can be linked into vmlinux
 * without clashing with Linux's own symbols (make check-runtime-libs
 * checks it).
 *
 * Flow at boot (what the boot glue of each flavour does):
 *
 *	be = afterburn_detect(&boot);		  picks and activates a backend
 *	afterburn_patch_or_panic(&img, be);	  validate + patch, one log line
 *
 * afterburn_validate() and afterburn_patch() never write a byte of text
 * unless every record is valid and every replacement fits; on refusal they
 * fill a struct afterburn_error naming the record, site address and kind.
 *
 * Patching is a boot-time operation, like Linux's apply_alternatives()
 * before SMP: the caller runs on one CPU with interrupts off, the text is
 * mapped writable, and no code being rewritten is executing.  Sites are
 * written byte by byte, then the CPU is serialised once.
 *
 * The site index (afterburn_site_at) is a single static table: it
 * describes the image last validated.
 */
#ifndef AFTERBURN_RUNTIME_H
#define AFTERBURN_RUNTIME_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <afterburn/table.h>
#include <afterburn/checks.h>

struct afterburn_backend;

/* One linked image: its table and the executable range sites must lie in. */
struct afterburn_image {
	const void *table;		/* first record of .afterburn */
	const void *table_end;		/* one past the last byte */
	uintptr_t text_start;		/* sites must lie in [text_start, text_end) */
	uintptr_t text_end;
	const char *name;		/* for messages ("guest", "vmlinux") */
};

/* How the image was entered; backends' detect/init look at it. */
enum afterburn_entry {
	AB_ENTRY_PVH = 1,	/* PVH ELF note: start_info = struct hvm_start_info * */
	AB_ENTRY_USERMODE,	/* afterburn-run: a Linux process */
	AB_ENTRY_LINUX,		/* Linux 64-bit boot protocol: boot_params = zero page */
	AB_ENTRY_XENPV,		/* Xen PV ENTRY note: start_info = struct start_info * */
};

/*
 * What the boot glue lets a backend change about the machine the guest is
 * about to see, before it runs (the PVH kernel flavour; NULL elsewhere).
 */
struct afterburn_firmware {
	/* Take bytes (a multiple of 2 MiB) of RAM below 4 GiB, 2 MiB aligned,
	   away from the guest: its memory map shows them reserved.  The
	   guest-physical address, or 0 if there is no such room. */
	uint64_t (*reserve)(uint64_t bytes);
	/* The ACPI RSDP the guest is given (0: none), and replacing it. */
	uint64_t (*acpi_rsdp)(void);
	void (*set_acpi_rsdp)(uint64_t pa);
};

struct afterburn_boot {
	enum afterburn_entry entry;
	const void *start_info;		/* AB_ENTRY_PVH: hvm_start_info,
					   AB_ENTRY_XENPV: start_info, else NULL */
	void *boot_params;		/* AB_ENTRY_LINUX: struct boot_params, else NULL */
	const struct afterburn_image *image;
	/* The boot command line, NULL if none: afterburn.backend=NAME
	   selects a backend by name instead of detecting one. */
	const char *cmdline;
	const struct afterburn_firmware *fw;	/* NULL: none */
};

/* Why a table or a patch was refused: enum afterburn_errcode, from the
   table's rules in checks.def.  Names are in afterburn_strerror(). */

struct afterburn_error {
	enum afterburn_errcode code;
	long record;			/* record index in the table, -1 if none */
	uintptr_t addr;			/* site address, 0 if none */
	unsigned int kind;		/* record's kind, 0 if none */
	/* The full message, e.g.
	 * "record 7: site 0x401020 (cli): room 2 < instruction length 3"
	 */
	char msg[160];
};

/* Capacity of the static sorted site index (one pointer per site). */
#ifndef AFTERBURN_MAX_SITES
#define AFTERBURN_MAX_SITES	65536
#endif

/* Largest replacement a backend may produce for one site. */
#define AFTERBURN_PATCH_MAX	32

#define AB_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Exit status convention shared with QEMU's isa-debug-exit (v<<1)|1. */
#define AFTERBURN_EXIT_OK	0
#define AFTERBURN_EXIT_PANIC	0x7e	/* QEMU exit status 253 */

/* --- the catalogue (kinds.def), as data --------------------------------- */
const char *afterburn_kind_name(unsigned int kind);	/* "?" if unknown */
bool afterburn_kind_known(unsigned int kind);
unsigned int afterburn_kind_room(unsigned int kind);	/* 0 if unknown */
unsigned int afterburn_kind_flags(unsigned int kind);	/* AB_F_* */

/* --- table, validation, patching --------------------------------------- */
/*
 * Walk and check every record; on success build the sorted site index
 * (used by afterburn_site_at and by the patch engine) and return the number
 * of sites.  On failure return -code and fill *err (err may be NULL).
 * Never writes text.
 */
long afterburn_validate(const struct afterburn_image *img,
			struct afterburn_error *err);

/*
 * Validate, ask `be' about every 64-bit site, check every answer fits its
 * room, and only then write every replacement (NOP-filling the rest of the
 * room) and serialise.  16- and 32-bit sites are validated but never
 * patched (the runtime runs in 64-bit mode; that code runs before it).
 * Returns the number of sites rewritten (>= 0) or -code with *err filled.
 */
long afterburn_patch(const struct afterburn_image *img,
		     const struct afterburn_backend *be,
		     struct afterburn_error *err);

/*
 * Boot-time wrapper: patch, print the boot log line, panic on refusal:
 *	"afterburn: platform NAME, P of N sites patched\n"
 * or "afterburn: panic: refusing to patch IMAGE: <err.msg> (<strerror>)".
 */
void afterburn_patch_or_panic(const struct afterburn_image *img,
			      const struct afterburn_backend *be);

/*
 * Binary search over the index built by the last successful validate:
 * the site whose room contains addr, or NULL.
 */
const struct afterburn_site *afterburn_site_at(uintptr_t addr);
/* The site that starts exactly at addr, or NULL. */
const struct afterburn_site *afterburn_site_starting_at(uintptr_t addr);
/*
 * The site whose `call rel32' (its first 5 bytes) pushed return address
 * ret, or NULL: what every emulation entry reached by a call asks first.
 * Kernel flavour: a return address below the kernel map is physical (code
 * that runs on the identity map, like Linux's startup_64) and is looked up
 * at its link address.
 */
const struct afterburn_site *afterburn_site_of_call(uintptr_t ret);
/* Number of sites in that index. */
unsigned long afterburn_nr_sites(void);

const char *afterburn_strerror(enum afterburn_errcode code);

/* Multi-byte NOPs (Intel SDM recommended forms) filling len bytes. */
void afterburn_nop_fill(uint8_t *dst, size_t len);

/* --- platforms ---------------------------------------------------------- */
/*
 * Choose the platform: the backend named by afterburn.backend=NAME on
 * boot->cmdline if there is one (panics if it is not built in), else the
 * first of afterburn_backends[] (most specific first, native last) whose
 * detect() says yes.  Makes it the active one, runs its init() and returns
 * it.  Panics if none matches or init fails.
 */
const struct afterburn_backend *afterburn_detect(const struct afterburn_boot *boot);
/*
 * The masks of the table (table.h: live, live_in), as the emulation
 * entries must honour them, set once by afterburn_detect() from the
 * command line and never changed after:
 *   afterburn.poison=1    every entry overwrites each register and flag a
 *                         site's mask calls dead with a recognisable
 *                         pattern (AB_POISON_GPR) before it returns: if the
 *                         assembler's analysis is wrong anywhere the guest
 *                         runs, the guest breaks
 *   afterburn.liveness=0  ignore the masks: every register and flag live
 *                         (the benchmarks compare the two in one build)
 */
extern bool afterburn_poison;
extern bool afterburn_liveness;
#define AB_POISON_GPR(r)	(0xdead5afe00000000ull | 0x0bad0000u | (r))

/* What is live after site s (AB_LIVE_* bits, AB_LIVE_VALID always set):
   its mask, or everything when the mask is unknown or ignored. */
static inline uint32_t afterburn_live_out(const struct afterburn_site *s)
{
	if (!afterburn_liveness || !(s->live & AB_LIVE_VALID))
		return AB_LIVE_VALID | AB_LIVE_FLAGS | AB_LIVE_GPRS;
	return s->live;
}

/* The general registers live before site s's instruction: its inputs and
   what lives through it (everything when unknown or ignored). */
static inline uint32_t afterburn_live_in(const struct afterburn_site *s)
{
	if (!afterburn_liveness || !(s->live & AB_LIVE_VALID))
		return AB_LIVE_GPRS;
	return s->live_in;
}

/* Make `be' active without detection (the usermode entry knows its platform). */
void afterburn_set_backend(const struct afterburn_backend *be);
const struct afterburn_backend *afterburn_active_backend(void);

/* --- console, messages, stopping --------------------------------------- */
/* COM1 (an 8250 at 0x3f8), polled with a bounded wait, "\n" as "\r\n":
   the native console, and the early one of every boot glue. */
void afterburn_com1_write(const char *s, size_t n);
/* Early console used until a backend is active (boot glue sets it). */
void afterburn_console_set(void (*write)(const char *s, size_t n));
void afterburn_console_write(const char *s, size_t n);
int afterburn_printk(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
/* Message "afterburn: panic: ..." on the console, then afterburn_stop(PANIC). */
void afterburn_panic(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));
/* End the run: the active backend's stop(), else the flavour's default. */
void afterburn_stop(int code) __attribute__((noreturn));
/* The flavour's default stop (guest: port 0xf4 then hlt; kernel: hlt). */
void afterburn_default_stop(int code) __attribute__((noreturn));

/* --- freestanding library ------------------------------------------------ */
/* %d %i %u %x %X %p %s %c %% with l/ll/z modifiers, '0'/'-' flags, width. */
int ab_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ab_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void *ab_memcpy(void *dst, const void *src, size_t n);
void *ab_memmove(void *dst, const void *src, size_t n);
void *ab_memset(void *dst, int c, size_t n);
int ab_memcmp(const void *a, const void *b, size_t n);
size_t ab_strlen(const char *s);
int ab_strcmp(const char *a, const char *b);
int ab_strncmp(const char *a, const char *b, size_t n);

#endif /* AFTERBURN_RUNTIME_H */
