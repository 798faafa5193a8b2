// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The liveness torture guest: runs the generated program (gen-torture.py)
 * on registers loaded from its torture_inputs and prints what it leaves in
 * every register, for check-liveness-torture to compare between the
 * unmarked build run natively and the marked one poisoned on the usermode
 * platform.
 */
#include "../guests/lib.h"

extern const uint64_t torture_inputs[15];
void torture_run(uint64_t *regs);

static const char *const names[15] = {
	"rax", "rcx", "rdx", "rbx", "rbp", "rsi", "rdi",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};

void guest_main(void)
{
	uint64_t regs[16];
	int i;

	for (i = 0; i < 15; i++)
		regs[i] = torture_inputs[i];
	torture_run(regs);
	for (i = 0; i < 15; i++) {
		puts_(names[i]);
		puts_(" ");
		puthex(regs[i]);
		puts_("\n");
	}
	puts_("torture done\n");
}
