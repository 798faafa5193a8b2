// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The native platform: bare hardware (here QEMU TCG).  Every site stays as
 * assembled and its padding runs as NOPs.  Chosen when no known hypervisor
 * announces itself through CPUID.
 */
#include <afterburn/backend.h>

static void native_cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c,
			 uint32_t *d)
{
	asm volatile("cpuid"
		     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
		     : "a"(leaf), "c"(0));
}

/*
 * Signatures of hypervisors we would have to cooperate with.  QEMU TCG
 * reports "TCGTCGTCGTCG" when it sets the hypervisor bit: that is emulated
 * hardware, not a hypervisor, so it counts as native.
 */
static const char *const native_foreign[] = {
	"XenVMMXenVMM",		/* Xen */
	"KVMKVMKVM\0\0\0",	/* KVM */
	"Microsoft Hv",		/* Hyper-V */
	"VMwareVMware",		/* VMware */
	"VBoxVBoxVBox",		/* VirtualBox */
	"bhyve bhyve ",		/* bhyve */
	" lrpepyh  vr",		/* Parallels */
	"ACRNACRNACRN",		/* ACRN */
};

/* Is a foreign hypervisor's signature at leaf base (0x40000000 + n*0x100)? */
static bool native_foreign_at(uint32_t base)
{
	uint32_t a, sig[3];
	unsigned int i;

	native_cpuid(base, &a, &sig[0], &sig[1], &sig[2]);
	for (i = 0; i < AB_ARRAY_SIZE(native_foreign); i++)
		if (!ab_memcmp(sig, native_foreign[i], 12))
			return true;
	return false;
}

static bool native_detect(const struct afterburn_boot *boot)
{
	uint32_t a, b, c, d, base;

	native_cpuid(1, &a, &b, &c, &d);
	if (!(c & (1u << 31)))	/* CPUID.1:ECX.hypervisor */
		return true;
	/* Xen may sit at 0x40000100 when it also offers Viridian at 0x40000000. */
	for (base = 0x40000000; base <= 0x40010000; base += 0x100)
		if (native_foreign_at(base))
			return false;
	return true;
}

static int native_rewrite(const struct afterburn_site *s, uintptr_t addr,
			  struct afterburn_patch *out)
{
	return AB_NATIVE;
}

/* COM1 (8250/16550 at 0x3f8): polled output, no interrupts. */
#define COM1		0x3f8
#define UART_LSR	5
#define UART_LSR_THRE	0x20

static inline void native_outb(uint16_t port, uint8_t v)
{
	asm volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t native_inb(uint16_t port)
{
	uint8_t v;

	asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static void native_putc(char c)
{
	unsigned int spin = 100000;

	/* Bounded wait: a missing UART must not hang a panic. */
	while (!(native_inb(COM1 + UART_LSR) & UART_LSR_THRE) && --spin)
		;
	native_outb(COM1, (uint8_t)c);
}

static void native_console_write(const char *s, size_t n)
{
	while (n--) {
		if (*s == '\n')
			native_putc('\r');
		native_putc(*s++);
	}
}

const struct afterburn_backend afterburn_backend_native = {
	.name		= "native",
	.detect		= native_detect,
	.rewrite	= native_rewrite,
	.console_write	= native_console_write,
	/* .stop: the flavour's default (debug-exit port for test guests). */
};
