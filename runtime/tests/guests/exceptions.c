// SPDX-License-Identifier: GPL-3.0-or-later
/* Exceptions raised by ordinary instructions (#DE from div, #UD from ud2)
   reach the guest's own IDT handlers, which skip the faulting instruction
   and iretq; registers survive.  int3 (#BP, a trap: the frame's RIP is
   already past it) reaches the guest's handler on every platform too: no
   platform rewrites int3, it is recorded unpadded (room 0 in kinds.def). */
#include "lib.h"

static volatile unsigned long de_hits, ud_hits, bp_hits;

void on_de(void);
void on_de(void)
{
	de_hits++;
}

void on_ud(void);
void on_ud(void)
{
	ud_hits++;
}

void on_bp(void);
void on_bp(void)
{
	bp_hits++;
}

/* skip the 3-byte `div %rcx' / 2-byte `ud2' by editing the frame's RIP */
#define SKIP_HANDLER(name, fn, len)					\
	void name(void);						\
	asm(".text\n.globl " #name "\n" #name ":\n"			\
	    "push %rax\npush %rcx\npush %rdx\npush %rsi\npush %rdi\n"	\
	    "push %r8\npush %r9\npush %r10\npush %r11\n"			\
	    "call " #fn "\n"						\
	    "pop %r11\npop %r10\npop %r9\npop %r8\n"			\
	    "pop %rdi\npop %rsi\npop %rdx\npop %rcx\npop %rax\n"	\
	    "addq $" #len ", (%rsp)\n"					\
	    "iretq\n")
SKIP_HANDLER(de_entry, on_de, 3);
SKIP_HANDLER(ud_entry, on_ud, 2);
SKIP_HANDLER(bp_entry, on_bp, 0);

void guest_main(void)
{
	unsigned long r12v;

	set_gate(0, de_entry);
	set_gate(3, bp_entry);
	set_gate(6, ud_entry);
	load_idt();
	asm volatile("mov $0x77, %%r12\n\t"
		     "xor %%ecx, %%ecx\n\t"
		     "mov $5, %%eax\n\t"
		     "xor %%edx, %%edx\n\t"
		     ".byte 0x48, 0xf7, 0xf1\n\t"	/* div %rcx: 3 bytes */
		     "ud2\n\t"
		     "ud2\n\t"
		     "int3\n\t"
		     "int3\n\t"
		     "int3\n\t"
		     "mov %%r12, %0"
		     : "=r"(r12v) : : "rax", "rcx", "rdx", "r12", "memory");
	say("divide errors handled", de_hits);
	say("invalid opcodes handled", ud_hits);
	say("breakpoints handled", bp_hits);
	say("r12 survived", r12v == 0x77);
	say("IF still clear", !!(read_flags() & 0x200));
}
