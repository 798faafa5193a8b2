/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The x86 primitives, written once: CPUID, MSRs, the TSC, port I/O, halting,
 * 4-level paging's entry bits and #PF error code, and the two byte-level
 * helpers every rewrite needs (a little-endian 32-bit store and a rel32
 * call/jmp).  Header-only and freestanding
 * (<stdint.h> only), so the runtime, the backends and the test guests
 * (installed as <afterburn/x86.h>) share it.
 *
 * Whether an instruction here is marked is decided by the assembler that
 * builds the includer, not by this header: the runtime is assembled with
 * marking off (its own cpuid/in/out run as they are), a test guest with it
 * on (its cpuid/in/out are sites like any other).
 */
#ifndef AFTERBURN_X86_H
#define AFTERBURN_X86_H

#include <stdint.h>

/* ---- CPUID ---------------------------------------------------------- */
/* Also a compiler barrier: ab_serialise relies on it. */
static inline void ab_cpuid(uint32_t leaf, uint32_t sub, uint32_t *a,
			    uint32_t *b, uint32_t *c, uint32_t *d)
{
	asm volatile("cpuid"
		     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
		     : "a"(leaf), "c"(sub) : "memory");
}

/* CPUID is serialising: after it no stale prefetched (rewritten) byte runs. */
static inline void ab_serialise(void)
{
	uint32_t a, b, c, d;

	ab_cpuid(0, 0, &a, &b, &c, &d);
}

#define AB_CPUID1_ECX_HYPERVISOR	(1u << 31)
/* Hypervisor leaves: 0x40000000 + n * 0x100.  Xen moves up a slot when it
   also offers Viridian (Hyper-V) at the first one. */
#define AB_HV_LEAF_FIRST	0x40000000u
#define AB_HV_LEAF_LAST		0x40010000u
#define AB_HV_LEAF_STEP		0x100u

/*
 * The hypervisor-leaf scan: if CPUID.1 says a hypervisor is present, call
 * match(base, max, sig) for each hypervisor leaf base, where max is EAX
 * (the highest leaf of that hypervisor) and sig the 12-byte signature in
 * EBX, ECX, EDX.  Returns the first base match accepts, else 0.
 */
static inline uint32_t ab_hv_scan(int (*match)(uint32_t base, uint32_t max,
					       const char sig[12]))
{
	uint32_t a, b, c, d, base, sig[3];

	ab_cpuid(1, 0, &a, &b, &c, &d);
	if (!(c & AB_CPUID1_ECX_HYPERVISOR))
		return 0;
	for (base = AB_HV_LEAF_FIRST; base <= AB_HV_LEAF_LAST;
	     base += AB_HV_LEAF_STEP) {
		ab_cpuid(base, 0, &a, &sig[0], &sig[1], &sig[2]);
		if (match(base, a, (const char *)sig))
			return base;
	}
	return 0;
}

/* ---- MSRs and the TSC ----------------------------------------------- */
static inline uint64_t ab_rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void ab_wrmsr(uint32_t msr, uint64_t v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v),
		     "d"((uint32_t)(v >> 32)) : "memory");
}

static inline uint64_t ab_rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* ---- port I/O -------------------------------------------------------- */
/* ab_inb/ab_outb, ab_inw/ab_outw, ab_inl/ab_outl: port in %dx or an imm8. */
#define AB_PORT_IO(sfx, type)						\
static inline void ab_out##sfx(uint16_t port, type v)			\
{									\
	asm volatile("out" #sfx " %0, %1" : : "a"(v), "Nd"(port));	\
}									\
static inline type ab_in##sfx(uint16_t port)				\
{									\
	type v;								\
									\
	asm volatile("in" #sfx " %1, %0" : "=a"(v) : "Nd"(port));	\
	return v;							\
}
AB_PORT_IO(b, uint8_t)
AB_PORT_IO(w, uint16_t)
AB_PORT_IO(l, uint32_t)
#undef AB_PORT_IO

/* ---- stopping ---------------------------------------------------------- */
/* Stop this CPU for good (interrupts off: nothing wakes it). */
static inline void __attribute__((noreturn)) ab_halt_forever(void)
{
	for (;;)
		asm volatile("cli; hlt");
}

/* ---- paging (4-level) ------------------------------------------------ */
#define AB_PTE_P	(1ull << 0)
#define AB_PTE_RW	(1ull << 1)
#define AB_PTE_US	(1ull << 2)
#define AB_PTE_PWT	(1ull << 3)
#define AB_PTE_PCD	(1ull << 4)
#define AB_PTE_A	(1ull << 5)
#define AB_PTE_D	(1ull << 6)
#define AB_PTE_PS	(1ull << 7)	/* L2/L3; PAT in an L1 */
#define AB_PTE_G	(1ull << 8)
#define AB_PTE_PAT_BIG	(1ull << 12)	/* PAT in a 2 MiB entry */
#define AB_PTE_NX	(1ull << 63)
#define AB_PTE_ADDR	0x000ffffffffff000ull
#define AB_PTE_ADDR_2M	0x000fffffffe00000ull
#define AB_PTE_RSVD_2M	0x00000000001fe000ull	/* bits 20:13 of a 2 MiB entry */

/* Page-fault error code bits: an access is a mix of W, U, I. */
#define AB_PF_P		0x01	/* the page was present */
#define AB_PF_W		0x02	/* write */
#define AB_PF_U		0x04	/* user mode */
#define AB_PF_RSVD	0x08	/* reserved bit set in an entry */
#define AB_PF_I		0x10	/* instruction fetch */

/* va with bits 63:48 copying bit 47 (e.g. an address built from indices). */
static inline uint64_t ab_canonical(uint64_t va)
{
	return va & (1ull << 47) ? va | 0xffff000000000000ull : va;
}

/* ---- generating code ------------------------------------------------- */
#define AB_OP_CALL_REL32	0xe8
#define AB_OP_JMP_REL32		0xe9
#define AB_REL32_LEN		5

static inline void ab_put32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

/*
 * `call rel32' or `jmp rel32' (op AB_OP_CALL_REL32 or AB_OP_JMP_REL32),
 * 5 bytes, to run at address `at' and go to `target': written to out[0..4].
 * Returns 0, or -1 if the target is out of rel32 reach (nothing written).
 */
static inline int ab_rel32(uint8_t *out, uint8_t op, uintptr_t at,
			   uintptr_t target)
{
	intptr_t rel = (intptr_t)target - (intptr_t)(at + AB_REL32_LEN);

	if (rel != (int32_t)rel)
		return -1;
	out[0] = op;
	ab_put32(out + 1, (uint32_t)rel);
	return 0;
}

#endif /* AFTERBURN_X86_H */
