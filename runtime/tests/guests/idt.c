// SPDX-License-Identifier: GPL-3.0-or-later
/* lidt/sidt and lgdt/sgdt round trips, and a software interrupt (int $n)
   through the loaded IDT returning with iretq. */
#include "lib.h"

static volatile unsigned long hits;

void on_soft(void);
void on_soft(void)
{
	hits++;
}

void soft_entry(void);
asm(".text\n.globl soft_entry\nsoft_entry:\n"
    "push %rax\npush %rcx\npush %rdx\npush %rsi\npush %rdi\n"
    "push %r8\npush %r9\npush %r10\npush %r11\n"
    "call on_soft\n"
    "pop %r11\npop %r10\npop %r9\npop %r8\n"
    "pop %rdi\npop %rsi\npop %rdx\npop %rcx\npop %rax\n"
    "iretq\n");

static uint64_t gdt[4] __attribute__((aligned(16))) = {
	0, 0x00af9a000000ffff, 0x00cf92000000ffff, 0
};

void guest_main(void)
{
	struct dtr in, out = { 0, 0 }, old;
	unsigned long rsp0, rsp1;

	in.limit = sizeof(guest_idt) - 1;
	in.base = (uint64_t)guest_idt;
	asm volatile("lidt %0" : : "m"(in));
	asm volatile("sidt %0" : "=m"(out));
	say("sidt limit", out.limit);
	say("sidt base matches", out.base == (uint64_t)guest_idt);

	asm volatile("sgdt %0" : "=m"(old));
	in.limit = sizeof(gdt) - 1;
	in.base = (uint64_t)gdt;
	asm volatile("lgdt %0" : : "m"(in));
	asm volatile("sgdt %0" : "=m"(out));
	say("sgdt limit", out.limit);
	say("sgdt base matches", out.base == (uint64_t)gdt);

	set_gate(0x80, soft_entry);
	asm volatile("mov %%rsp, %0" : "=r"(rsp0));
	asm volatile("int $0x80" : : : "memory");
	asm volatile("int $0x80" : : : "memory");
	asm volatile("mov %%rsp, %0" : "=r"(rsp1));
	say("int 0x80 handled", hits);
	say("stack balanced", rsp0 == rsp1);
	say("IF still clear", !!(read_flags() & 0x200));
}
