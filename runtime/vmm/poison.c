// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Poison mode (afterburn.poison=1): the correctness test of the live masks
 * the assembler recorded (table.h).  An entry that honours a mask may
 * leave anything in what it calls dead; here it leaves a recognisable
 * pattern instead -- AB_POISON_GPR(reg) in each dead general register, and
 * each dead arithmetic flag and DF inverted -- so a guest that reads a
 * register the analysis called dead computes garbage, and its output or
 * exit status differs from the run without poison.  The live stubs restore
 * every register and pop RFLAGS in this mode (livestub.c), and the generic
 * entries always do, so the frame is what the guest finds.
 */
#include "vmm/vmm.h"

/* RFLAGS bit of each flag in the mask's bits 16-22 (CF PF AF ZF SF OF DF). */
static const uint8_t ab_flag_bit[7] = { 0, 2, 4, 6, 7, 11, 10 };

void afterburn_poison_in(struct afterburn_frame *f, const struct afterburn_site *s)
{
	uint32_t in;
	unsigned int r;

	if (!afterburn_poison)
		return;
	in = afterburn_live_in(s);
	for (r = 0; r < 16; r++)
		if (r != R_SP && !(in & (1u << r)))
			f->gpr[r] = AB_POISON_GPR(r);
}

void afterburn_poison_out(struct afterburn_frame *f, const struct afterburn_site *s)
{
	uint32_t out;
	unsigned int r;

	if (!afterburn_poison)
		return;
	out = afterburn_live_out(s);
	for (r = 0; r < 16; r++)
		if (r != R_SP && !(out & (1u << r)))
			f->gpr[r] = AB_POISON_GPR(r);
	for (r = 0; r < 7; r++)
		if (!(out & (AB_LIVE_CF << r)))
			f->rflags ^= 1ull << ab_flag_bit[r];
}
