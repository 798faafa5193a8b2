// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Finding Xen and talking to it.  Xen announces itself with the signature
 * "XenVMMXenVMM" at a CPUID leaf 0x40000000 + n*0x100 (n > 0 when Xen also
 * offers Viridian at the first leaf).  Hypercalls go through a page Xen
 * writes for us (vmcall or vmmcall, whichever this CPU needs): we ask for
 * it by writing the page's guest-physical address to the MSR named by
 * CPUID leaf base+2.  Entry i lives at page + 32*i; arguments in rdi, rsi,
 * rdx, r10, r8, result in rax (Xen's x86-64 hypercall ABI).
 */
#include "xen.h"
#include <xen/sched.h>
#include <xen/event_channel.h>

/*
 * The hypercall page: executable, page aligned, inside the image's text.
 * int3-filled until Xen overwrites it, so a premature call traps loudly.
 */
asm(".pushsection .text, \"ax\"\n"
    ".balign 4096\n"
    ".globl xen_hypercall_page\n"
    "xen_hypercall_page:\n"
    ".fill 4096, 1, 0xcc\n"
    ".popsection");
extern char xen_hypercall_page[];

static bool xen_hc_ready;

void xen_cpuid(uint32_t leaf, uint32_t sub, uint32_t *a, uint32_t *b,
	       uint32_t *c, uint32_t *d)
{
	asm volatile("cpuid"
		     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
		     : "a"(leaf), "c"(sub));
}

uint32_t xen_cpuid_base(void)
{
	uint32_t base, a, sig[3];

	xen_cpuid(1, 0, &a, &sig[0], &sig[1], &sig[2]);
	if (!(sig[1] & (1u << 31)))	/* CPUID.1:ECX.hypervisor */
		return 0;
	for (base = 0x40000000; base <= 0x40010000; base += 0x100) {
		xen_cpuid(base, 0, &a, &sig[0], &sig[1], &sig[2]);
		/* a = highest leaf: Xen has at least base+2 (the MSR). */
		if (!ab_memcmp(sig, "XenVMMXenVMM", 12) && a >= base + 2)
			return base;
	}
	return 0;
}

static void xen_wrmsr(uint32_t msr, uint64_t v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v),
		     "d"((uint32_t)(v >> 32)) : "memory");
}

int xen_hypercall_init(uint32_t base)
{
	uint32_t pages, msr, c, d;

	xen_cpuid(base + 2, 0, &pages, &msr, &c, &d);
	if (pages < 1)
		return -1;
	xen_wrmsr(msr, xen_virt_to_phys(xen_hypercall_page));
	/* Xen filled it during the wrmsr exit: first byte is no longer int3. */
	if ((uint8_t)xen_hypercall_page[0] == 0xcc)
		return -2;
	xen_hc_ready = true;
	return 0;
}

bool xen_hypercalls_ready(void)
{
	return xen_hc_ready;
}

long xen_hypercall(unsigned int nr, unsigned long a1, unsigned long a2,
		   unsigned long a3, unsigned long a4, unsigned long a5)
{
	register unsigned long rdi asm("rdi") = a1;
	register unsigned long rsi asm("rsi") = a2;
	register unsigned long rdx asm("rdx") = a3;
	register unsigned long r10 asm("r10") = a4;
	register unsigned long r8 asm("r8") = a5;
	long rax;

	if (!xen_hc_ready || nr >= 4096 / 32)
		return -38;	/* -ENOSYS */
	/* Debug Xen builds clobber the argument registers: mark them. */
	asm volatile("call *%[entry]"
		     : "=a"(rax), "+r"(rdi), "+r"(rsi), "+r"(rdx), "+r"(r10),
		       "+r"(r8)
		     : [entry] "r"(xen_hypercall_page + nr * 32)
		     : "memory", "rcx", "r11");
	return rax;
}

long xen_event_send(uint32_t port)
{
	struct evtchn_send send = { .port = port };

	return xen_hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_send,
			     (unsigned long)&send, 0, 0, 0);
}

long xen_sched_op(int cmd, void *arg)
{
	return xen_hypercall(__HYPERVISOR_sched_op, cmd, (unsigned long)arg,
			     0, 0, 0);
}

/*
 * End the domain.  SCHEDOP_shutdown does not return for a valid reason; if
 * it ever does (no hypercall page), `cli; hlt' makes Xen take the vCPU down,
 * which powers off a one-vCPU HVM domain all the same.
 */
void xen_shutdown_now(unsigned int reason)
{
	struct sched_shutdown sd = { .reason = reason };

	xen_sched_op(SCHEDOP_shutdown, &sd);
	for (;;)
		asm volatile("cli; hlt");
}

void xen_shutdown(unsigned int reason)
{
	xen_console_drain();
	xen_shutdown_now(reason);
}
