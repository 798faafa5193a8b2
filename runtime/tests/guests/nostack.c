// SPDX-License-Identifier: GPL-3.0-or-later
/* Stack-free sites: swapgs and mov to %cr3 executed with %rsp pointing at
   nothing (as in Linux's syscall entry before the stack switch), flags and
   registers preserved; swapgs exchanges GS_BASE and KERNEL_GS_BASE. */
#include "lib.h"

void guest_main(void)
{
	unsigned long gs0, gs1, kgs1, r12v, fl;

	ab_wrmsr(0xc0000101, 0x1000);		/* GS_BASE */
	ab_wrmsr(0xc0000102, 0x2000);		/* KERNEL_GS_BASE */
	asm volatile(
		"mov %%rsp, %%r13\n\t"
		"mov $0x5a5a, %%r12\n\t"
		"xor %%esp, %%esp\n\t"		/* no stack from here */
		"stc\n\t"
		"swapgs\n\t"
		"mov %%cr3, %%rax\n\t"
		"mov %%rax, %%cr3\n\t"
		"setc %%al\n\t"
		"movzbl %%al, %%eax\n\t"
		"mov %%r13, %%rsp\n\t"
		"mov %%rax, %0\n\t"
		"mov %%r12, %1"
		: "=r"(fl), "=r"(r12v) : : "rax", "r12", "r13", "memory", "cc");
	gs1 = ab_rdmsr(0xc0000101);
	kgs1 = ab_rdmsr(0xc0000102);
	say("survived with no stack", 1);
	say("CF preserved", fl);
	say("r12 preserved", r12v == 0x5a5a);
	say("swapgs: GS_BASE was KERNEL_GS_BASE", gs1 == 0x2000);
	say("swapgs: KERNEL_GS_BASE was GS_BASE", kgs1 == 0x1000);
	asm volatile("swapgs");
	gs0 = ab_rdmsr(0xc0000101);
	say("swapgs twice restores", gs0 == 0x1000);
	ab_wrmsr(0xc0000101, 0);
}
