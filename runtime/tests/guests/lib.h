/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Helpers shared by the test guests (header-only, so each guest is one
 * source).  Everything goes through marked instructions: the guest's own
 * port I/O to COM1, its own IDT.  Outputs must be identical natively in
 * QEMU and under afterburn-run, so guests print only platform-independent
 * facts (counts, comparisons, architectural bits), never raw addresses.
 */
#ifndef AB_TEST_GUEST_LIB_H
#define AB_TEST_GUEST_LIB_H

#include <stdint.h>
#include <afterburn/x86.h>	/* ab_inb, ab_outb, ab_cpuid, ab_rdmsr ... */

void guest_main(void);

static inline void putc_(char c)
{
	while (!(ab_inb(0x3fd) & 0x20))
		;
	ab_outb(0x3f8, c);
}

static inline void puts_(const char *s)
{
	while (*s)
		putc_(*s++);
}

static inline void putu(unsigned long v)
{
	char b[24];
	int i = 0;

	do
		b[i++] = '0' + v % 10;
	while (v /= 10);
	while (i)
		putc_(b[--i]);
}

static inline void puthex(unsigned long v)
{
	int i;

	puts_("0x");
	for (i = 60; i > 0 && !(v >> i); i -= 4)
		;
	for (; i >= 0; i -= 4)
		putc_("0123456789abcdef"[(v >> i) & 15]);
}

static inline void say(const char *what, unsigned long v)
{
	puts_(what);
	puts_(" ");
	putu(v);
	puts_("\n");
}

static inline void debug_exit(uint8_t v)
{
	ab_outb(0xf4, v);
}

static inline unsigned long read_flags(void)
{
	unsigned long f;

	asm volatile("pushfq; popq %0" : "=r"(f) : : "memory");
	return f;
}

/* ---- IDT -------------------------------------------------------------- */
struct gate {
	uint16_t off_lo, sel;
	uint8_t ist, type;
	uint16_t off_mid;
	uint32_t off_hi, zero;
} __attribute__((packed));

struct dtr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

static struct gate guest_idt[256] __attribute__((aligned(16)));

static inline void set_gate(int vec, void (*handler)(void))
{
	uint64_t a = (uint64_t)handler;
	uint16_t cs;

	asm volatile("mov %%cs, %0" : "=r"(cs));
	guest_idt[vec] = (struct gate){ .off_lo = a, .sel = cs, .type = 0x8e,
		.off_mid = a >> 16, .off_hi = a >> 32 };
}

static inline void load_idt(void)
{
	struct dtr d = { sizeof(guest_idt) - 1, (uint64_t)guest_idt };

	asm volatile("lidt %0" : : "m"(d));
}

/* PICs remapped to 0x20/0x28, everything masked but MASK (bit = IRQ). */
static inline void pic_init(uint16_t unmasked)
{
	ab_outb(0x20, 0x11); ab_outb(0x21, 0x20); ab_outb(0x21, 0x04); ab_outb(0x21, 0x01);
	ab_outb(0xa0, 0x11); ab_outb(0xa1, 0x28); ab_outb(0xa1, 0x02); ab_outb(0xa1, 0x01);
	ab_outb(0x21, ~unmasked & 0xff);
	ab_outb(0xa1, ~unmasked >> 8);
}

/* PIT channel 0, rate generator at HZ. */
static inline void pit_start(unsigned int hz)
{
	unsigned int div = 1193182 / hz;

	ab_outb(0x43, 0x34);
	ab_outb(0x40, div & 0xff);
	ab_outb(0x40, div >> 8);
}

/* An interrupt handler stub in asm calling C function FN then EOI+iretq. */
#define IRQ_HANDLER(name, fn)						\
	void name(void);						\
	asm(".text\n.globl " #name "\n" #name ":\n"			\
	    "push %rax\npush %rcx\npush %rdx\npush %rsi\npush %rdi\n"	\
	    "push %r8\npush %r9\npush %r10\npush %r11\n"			\
	    "call " #fn "\n"						\
	    "mov $0x20, %al\nout %al, $0x20\n"				\
	    "pop %r11\npop %r10\npop %r9\npop %r8\n"			\
	    "pop %rdi\npop %rsi\npop %rdx\npop %rcx\npop %rax\n"	\
	    "iretq\n")

#endif
