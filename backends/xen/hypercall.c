// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Finding Xen and talking to it.  Xen announces itself with the signature
 * "XenVMMXenVMM" at a CPUID leaf 0x40000000 + n*0x100 (n > 0 when Xen also
 * offers Viridian at the first leaf).  Hypercalls go through a page Xen
 * writes for us (vmcall or vmmcall, whichever this CPU needs): we ask for
 * it by writing the page's guest-physical address to the MSR named by
 * CPUID leaf base+2.  Entry i lives at page + 32*i; arguments in rdi, rsi,
 * rdx, r10, r8, result in rax (Xen's x86-64 hypercall ABI).
 *
 * Also here, because they need nothing but hypercalls: Xen's own console
 * (the debug channel that works before anything else does) and ending the
 * domain.
 */
#include <afterburn/x86.h>
#include "xen.h"
#include <xen/sched.h>
#include <xen/event_channel.h>

/*
 * The hypercall page: executable, page aligned, inside the image's text.
 * int3-filled until Xen overwrites it, so a premature call traps loudly.
 */
asm(".pushsection .text, \"ax\"\n"
    ".balign 4096\n"
    ".globl ab_xen_hypercall_page\n"
    "ab_xen_hypercall_page:\n"
    ".fill 4096, 1, 0xcc\n"
    /* Its address goes to Xen, not to an indirect branch: only direct
       calls enter it (xen.h), so no ENDBR (ANNOTATE_NOENDBR). */
    ".pushsection .discard.noendbr, \"\"\n"
    ".quad ab_xen_hypercall_page\n"
    ".popsection\n"
    ".popsection");
extern char ab_xen_hypercall_page[];

bool ab_xen_hypercalls_ready;
bool ab_xen_pv;
static bool xen_consoleio_refused;

/* a = highest leaf: Xen has at least base+2 (the MSR). */
static int xen_signature(uint32_t base, uint32_t max, const char sig[12])
{
	return !ab_memcmp(sig, "XenVMMXenVMM", 12) && max >= base + 2;
}

uint32_t ab_xen_cpuid_base(void)
{
	return ab_hv_scan(xen_signature);
}

int ab_xen_hypercall_init(uint32_t base)
{
	uint32_t pages, msr, c, d;

	ab_cpuid(base + 2, 0, &pages, &msr, &c, &d);
	if (pages < 1)
		return -1;
	ab_wrmsr(msr, ab_xen_virt_to_phys(ab_xen_hypercall_page));
	/* Xen filled it during the wrmsr exit: first byte is no longer int3.
	   Loaded on its own (volatile): a `cmpb $imm, page(%rip)' carries the
	   relocation addend -5, which objtool --ibt reads as a branch to the
	   byte before the page. */
	if (*(volatile uint8_t *)ab_xen_hypercall_page == 0xcc)
		return -2;
	ab_xen_hypercalls_ready = true;
	return 0;
}

/*
 * A PV guest in Xen's guest-kernel mode makes a hypercall with `syscall',
 * RAX = its number, the arguments as above, RCX and R11 clobbered (public
 * xen.h; Xen's entry.S treats every kernel-mode syscall as one).  So the
 * PV page is ours: entry i is `mov $i, %eax; syscall; ret', which keeps
 * ab_xen_hypercall's one calling sequence for PVH and PV.  (No
 * HYPERCALL_PAGE note: the builder would honour it for PV only, and this
 * needs none.)  The image is mapped writable, text included.
 */
int ab_xen_hypercall_init_pv(void)
{
	uint8_t *e = (uint8_t *)ab_xen_hypercall_page;
	uint32_t nr;

	/* The page's address through a register: with a constant base gcc
	   writes the first entry as page+1, page+5, ... relocations in text,
	   and objtool --ibt reads each as a branch to a byte without ENDBR
	   (only the page itself is annotated). */
	asm("" : "+r" (e));

	for (nr = 0; nr < 4096 / 32; nr++, e += 32) {
		e[0] = 0xb8;				/* mov $nr, %eax */
		ab_memcpy(e + 1, &nr, 4);
		e[5] = 0x0f;				/* syscall */
		e[6] = 0x05;
		e[7] = 0xc3;				/* ret */
	}
	ab_xen_pv = true;
	ab_xen_hypercalls_ready = true;
	return 0;
}

long ab_xen_event_send(uint32_t port)
{
	struct evtchn_send send = { .port = port };

	return ab_xen_hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_send,
				(unsigned long)&send, 0, 0, 0);
}

long ab_xen_sched_op(int cmd, void *arg)
{
	return ab_xen_hypercall(__HYPERVISOR_sched_op, cmd, (unsigned long)arg,
				0, 0, 0);
}

/*
 * End the domain.  SCHEDOP_shutdown does not return for a valid reason; if
 * it ever does (no hypercall page), `cli; hlt' makes Xen take the vCPU down,
 * which powers off a one-vCPU HVM domain all the same.  Under PV `cli'
 * faults with no trap table, which crashes the domain: still an end.
 */
void ab_xen_sched_shutdown(unsigned int reason)
{
	struct sched_shutdown sd = { .reason = reason };

	ab_xen_sched_op(SCHEDOP_shutdown, &sd);
	ab_halt_forever();
}

/*
 * Xen's own console: CONSOLEIO_write where Xen allows it to a domU, else
 * Xen's HVM debug port 0xe9 (printed as "(dN) ..." with guest_loglvl=all).
 * Works before the PV console is known, so it also reports init failures
 * (under PVH; a PV domU has neither, so there it writes nothing).
 */
void ab_xen_debug_write(const char *buf, size_t n)
{
	long rc = -1;

	if (!xen_consoleio_refused && ab_xen_hypercalls_ready) {
		rc = ab_xen_hypercall(__HYPERVISOR_console_io, CONSOLEIO_write, n,
				      (unsigned long)buf, 0, 0);
		if (rc < 0)
			xen_consoleio_refused = true;
	}
	/* Under PV, port I/O faults (and there is no trap table yet). */
	if (rc >= 0 || ab_xen_pv)
		return;
	while (n--)
		ab_outb(0xe9, (uint8_t)*buf++);
}
