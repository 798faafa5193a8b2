// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Where in vmlinux a site may legally lie, and the image descriptor.
 *
 * Legal: code the runtime may rewrite before the kernel runs.
 *   .text [_text, _etext)   everything the kernel links there: .head.text,
 *	.noinstr.text, .entry.text, .irqentry/.softirqentry, thunks, ...
 *   .init.text [_sinittext, _einittext)   runs during boot, freed later;
 *	patched like .text (a rel32 call from there to a stub in .text is in
 *	range, and the kernel frees the page only after init ran).
 *   .altinstr_replacement   bytes the kernel's apply_alternatives() COPIES
 *	over the original instruction later.  A site there is only executed
 *	at the copy's address, so a backend must leave it native or write a
 *	position-independent sequence: absolute addressing (e.g. `call
 *	*abs32' through a pointer in the top 2 GiB, ff 14 25 disp32), no
 *	rel32 and no RIP-relative operand.  Linux 6.1's apply_alternatives()
 *	only fixes a rel32 call when the whole replacement is that 5-byte
 *	call, and a jmp when it is the replacement's first instruction; a
 *	site plus its padding is never such a replacement, so a rel32 written
 *	there would point off by (replacement - original) after the copy.
 *	afterburn_linux_in_altinstr_replacement() tells backends which sites
 *	these are; the native backend leaves every site as assembled.
 *	The ORIGINAL site the kernel copies over has its own record: what we
 *	wrote there is simply overwritten by the (checked) replacement bytes,
 *	and the kernel pads the rest with its own NOPs.
 *   .altinstr_aux, .exit.text   code too, handled like .text.
 * Code the kernel keeps in data sections (the vsyscall page's int3 fill in
 * .data..page_aligned, user-mode code mapped at 0xffffffffff600000) carries
 * no site: the assembler warns about instructions in non-executable
 * sections and records none.  Anything else (data, rodata, 16/32-bit blobs such as the embedded
 * realmode trampoline, which carries no table in vmlinux) is refused: the
 * boot stops naming the site, before a byte of text is written.
 */
#include <afterburn/backend.h>
#include "linux.h"

extern const char __afterburn_altinstr_aux_start[], __afterburn_altinstr_aux_end[];
extern const char __afterburn_exit_text_start[], __afterburn_exit_text_end[];

struct ab_range {
	const char *name;
	uintptr_t start, end;
};

static unsigned int ab_linux_ranges(struct ab_range *r)
{
	r[0] = (struct ab_range){ ".text", (uintptr_t)_text, (uintptr_t)_etext };
	r[1] = (struct ab_range){ ".init.text", (uintptr_t)_sinittext,
				  (uintptr_t)_einittext };
	r[2] = (struct ab_range){ ".altinstr_replacement",
				  (uintptr_t)__afterburn_altinstr_replacement_start,
				  (uintptr_t)__afterburn_altinstr_replacement_end };
	r[3] = (struct ab_range){ ".altinstr_aux",
				  (uintptr_t)__afterburn_altinstr_aux_start,
				  (uintptr_t)__afterburn_altinstr_aux_end };
	r[4] = (struct ab_range){ ".exit.text",
				  (uintptr_t)__afterburn_exit_text_start,
				  (uintptr_t)__afterburn_exit_text_end };
	return 5;
}

/* The core takes one range: the hull of the legal ones (the check below
 * narrows it to the ranges themselves). */
void afterburn_linux_image(struct afterburn_image *img)
{
	struct ab_range r[5];
	unsigned int i, n = ab_linux_ranges(r);

	img->table = __afterburn_start;
	img->table_end = __afterburn_end;
	img->text_start = r[0].start;
	img->text_end = r[0].end;
	img->name = "vmlinux";
	for (i = 1; i < n; i++) {
		if (r[i].start == r[i].end)
			continue;
		if (r[i].start < img->text_start)
			img->text_start = r[i].start;
		if (r[i].end > img->text_end)
			img->text_end = r[i].end;
	}
}

bool afterburn_linux_in_altinstr_replacement(uintptr_t addr)
{
	return addr >= (uintptr_t)__afterburn_altinstr_replacement_start &&
	       addr < (uintptr_t)__afterburn_altinstr_replacement_end;
}

/*
 * Runs after afterburn_validate() accepted the table's shape, before
 * afterburn_patch(); writes nothing.
 */
void afterburn_linux_check_ranges(const struct afterburn_image *img)
{
	const struct afterburn_site *s = img->table;
	const struct afterburn_site *end = img->table_end;
	struct ab_range r[5];
	unsigned int i, n = ab_linux_ranges(r);
	uintptr_t a;

	for (; s < end; s++) {
		if (s->kind == AB_KIND_HEADER)
			continue;
		a = afterburn_site_addr(s);
		for (i = 0; i < n; i++)
			if (a >= r[i].start && a + s->room <= r[i].end)
				break;
		if (i == n)
			afterburn_panic("record %ld: site 0x%lx (%s) in %s is "
					"not in .text, .init.text, "
					".altinstr_replacement, .altinstr_aux "
					"or .exit.text",
					(long)(s - (const struct afterburn_site *)img->table),
					(unsigned long)a,
					afterburn_kind_name(s->kind), img->name);
	}
}
