// SPDX-License-Identifier: GPL-3.0-or-later
/* Interrupt-flag semantics: cli/sti/pushf/popf, popf restoring IF, and
   that arithmetic flags survive the emulated instructions. */
#include "lib.h"

#define IF 0x200

void guest_main(void)
{
	unsigned long f, saved, cf;

	/* the firmware left the PIT ticking into IRQ0 at vector 8: mask the
	   PICs before any sti, as a real kernel does */
	pic_init(0);
	asm volatile("cli");
	say("after cli IF", !!(read_flags() & IF));
	asm volatile("sti");
	say("after sti IF", !!(read_flags() & IF));
	saved = read_flags();
	asm volatile("cli");
	say("after cli again IF", !!(read_flags() & IF));
	asm volatile("pushq %0; popfq" : : "r"(saved) : "memory", "cc");
	say("popf restored IF", !!(read_flags() & IF));
	asm volatile("pushq %0; popfq" : : "r"(saved & ~IF) : "memory", "cc");
	say("popf cleared IF", !!(read_flags() & IF));
	/* the local_irq_save/restore idiom */
	asm volatile("pushfq; popq %0; cli" : "=r"(f) : : "memory");
	say("irq_save saw IF", !!(f & IF));
	asm volatile("pushq %0; popfq" : : "r"(f) : "memory", "cc");
	say("irq_restore IF", !!(read_flags() & IF));
	/* CF set by stc must survive cli/sti/pushf (emulated sites) */
	asm volatile("stc; cli; sti; pushfq; popq %0" : "=r"(cf) : : "memory", "cc");
	say("CF survives cli/sti", cf & 1);
	asm volatile("clc; cli; setc %b0" : "=q"(cf) : : "cc");
	say("CF clear survives cli", cf & 1);
	/* popf sets arithmetic flags too: ZF and CF */
	asm volatile("pushq $0x243; popfq; pushfq; popq %0" : "=r"(f) : : "memory", "cc");
	say("popf ZF CF IF", f & 0x241);
	asm volatile("cli");
}
