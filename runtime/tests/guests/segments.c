// SPDX-License-Identifier: GPL-3.0-or-later
/* Segment state a deprivileged guest must not see for real: selector reads
   (the real user-mode ones would reveal CPL 3), loads, push/pop %fs, a far
   return (lretq), 16-bit pushf/popf. */
#include "lib.h"

void guest_main(void)
{
	uint16_t cs, ds, ss, v;
	unsigned long ok = 0;
	uint16_t f16;

	asm volatile("mov %%cs, %0" : "=r"(cs));
	asm volatile("mov %%ds, %0" : "=r"(ds));
	asm volatile("mov %%ss, %0" : "=r"(ss));
	say("cs", cs);
	say("ds", ds);
	/* the firmware's PIT still ticks: mask before popfw sets IF */
	pic_init(0);
	say("ss", ss);
	say("CPL from cs", cs & 3);
	asm volatile("mov %0, %%es" : : "r"((uint16_t)ds));
	asm volatile("mov %%es, %0" : "=r"(v));
	say("es after load", v);
	asm volatile("push %%fs; pop %%fs" ::: "memory");
	say("push/pop fs survived", 1);
	/* far return to the next instruction with our own CS */
	asm volatile("lea 1f(%%rip), %%rax\n\t"
		     "movzwl %1, %%ecx\n\t"
		     "push %%rcx\n\t"
		     "push %%rax\n\t"
		     "lretq\n"
		     "1:\tmov $1, %0"
		     : "=r"(ok) : "r"(cs) : "rax", "rcx", "memory");
	say("lretq landed", ok);
	asm volatile("cli; pushfw; popw %0" : "=r"(f16) : : "memory");
	say("pushfw IF", !!(f16 & 0x200));
	f16 = 0x202;
	asm volatile("pushw %1; popfw; pushfq; popq %0"
		     : "=r"(ok) : "r"(f16) : "memory", "cc");
	say("popfw 0x202 sets IF", !!(ok & 0x200));
	asm volatile("cli");
}
