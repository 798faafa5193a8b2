// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The log platform: the smallest backend there is, and the check of the
 * new-backend checklist (backends/README.md).  It runs on bare hardware
 * like native, but its one switch prints every site the patch loop asks it
 * about, then leaves the site as assembled.  Never detected: a test guest
 * selects it with afterburn.backend=log on its command line.
 */
#include <afterburn/backend.h>

/* The one switch has a single case: say what was asked, stay native. */
static int log_site(const struct afterburn_site *s, uintptr_t addr,
		    struct afterburn_plan *plan)
{
	afterburn_printk("afterburn: log: site 0x%lx %s insn_len %u room %u: native\n",
			 (unsigned long)addr, afterburn_kind_name(s->kind),
			 s->insn_len, s->room);
	return AB_NATIVE;
}

const struct afterburn_backend afterburn_backend_log = {
	.name		= "log",
	/* .detect: none, chosen by name only */
	.site		= log_site,
	.console_write	= afterburn_com1_write,
	/* .stop: the flavour's default (debug-exit port for test guests) */
};
