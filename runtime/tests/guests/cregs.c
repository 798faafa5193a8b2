// SPDX-License-Identifier: GPL-3.0-or-later
/* CR0/CR3/CR4 reads, the CR3 reload idiom (TLB flush), CR2 and DR7 writes. */
#include "lib.h"

void guest_main(void)
{
	unsigned long cr0, cr3, cr3b, cr4, v;

	asm volatile("mov %%cr0, %0" : "=r"(cr0));
	asm volatile("mov %%cr4, %0" : "=r"(cr4));
	say("CR0.PE", cr0 & 1);
	say("CR0.PG", !!(cr0 & 0x80000000));
	say("CR4.PAE", !!(cr4 & 0x20));
	asm volatile("mov %%cr3, %0" : "=r"(cr3));
	asm volatile("mov %0, %%cr3" : : "r"(cr3) : "memory");
	asm volatile("mov %%cr3, %0" : "=r"(cr3b));
	say("CR3 reload keeps CR3", cr3 == cr3b);
	say("CR3 page aligned", (cr3 & 0xfff) == 0);
	asm volatile("mov %%r9, %%cr2; mov %%cr2, %%r10; mov %%r10, %0"
		     : "=r"(v) : "r"(0) : "r9", "r10");
	asm volatile("mov %1, %%r9; mov %%r9, %%cr2; mov %%cr2, %%r10; mov %%r10, %0"
		     : "=r"(v) : "r"(0x1234000ul) : "r9", "r10");
	say("CR2 round trip via r9/r10", v == 0x1234000ul);
	asm volatile("mov %1, %%dr0; mov %%dr0, %0" : "=r"(v) : "r"(0xabc0ul));
	say("DR0 round trip", v == 0xabc0ul);
	asm volatile("mov %%cr4, %0; mov %0, %%cr4" : "=r"(cr4));
	asm volatile("clts");
	asm volatile("mov %%cr0, %0" : "=r"(cr0));
	say("CR0.TS after clts", !!(cr0 & 8));
}
