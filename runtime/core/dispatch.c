// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The two ends of a backend's one switch (backend.h: site()): building the
 * call/jmp a site becomes at patch time, and finding the handler again
 * when the site runs.  Asking the switch at run time instead of keeping a
 * second table means there is exactly one place that says what a kind
 * does on a platform.
 */
#include <afterburn/backend.h>
#include <afterburn/x86.h>

static int ab_plan_rel32(struct afterburn_plan *p,
			 const struct afterburn_site *s, uintptr_t addr,
			 uint8_t op, uintptr_t target, afterburn_handler_t *h)
{
	if (s->room < AB_REL32_LEN)
		return -1;
	if (ab_rel32(p->patch.bytes, op, addr, target))
		return -1;	/* entry out of rel32 reach */
	p->patch.len = AB_REL32_LEN;
	p->handler = h;
	return 0;
}

int afterburn_plan_call(struct afterburn_plan *p,
			const struct afterburn_site *s, uintptr_t addr,
			void (*entry)(void), afterburn_handler_t *h)
{
	return ab_plan_rel32(p, s, addr, AB_OP_CALL_REL32, (uintptr_t)entry, h);
}

int afterburn_plan_jmp(struct afterburn_plan *p,
		       const struct afterburn_site *s, uintptr_t addr,
		       uintptr_t target, afterburn_handler_t *h)
{
	return ab_plan_rel32(p, s, addr, AB_OP_JMP_REL32, target, h);
}

void afterburn_dispatch(struct afterburn_frame *f,
			const struct afterburn_site *s)
{
	const struct afterburn_backend *be = afterburn_active_backend();
	struct afterburn_plan p = { .handler = 0 };

	if (!be || !be->site ||
	    be->site(s, afterburn_site_addr(s), &p) != 0 || !p.handler)
		afterburn_panic("site 0x%lx (%s): entered emulation, but platform %s has no handler for it",
				(unsigned long)afterburn_site_addr(s),
				afterburn_kind_name(s->kind),
				be ? be->name : "(none)");
	p.handler(f, s);
}
