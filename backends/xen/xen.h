/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The Xen backends' internal interface (PVH: platform.c; PV: pv.c), in
 * layers: each file calls only the files listed above it, so there are no
 * call cycles.
 *   hypercall.c  find Xen through CPUID, install the hypercall page, call
 *                it; Xen's own console (debug channel); end the domain
 *   memory.c     the page-table window for frames outside the image,
 *                shared_info
 *   time.c       Xen system time and wall clock from vcpu_time_info
 *   console.c    the PV console ring (HVM_PARAM_CONSOLE_PFN/EVTCHN);
 *                ending the domain once the ring is drained
 *   evtchn.c     event channels; their upcall at a guest vector
 *   grant.c      the grant table: letting dom0 at our frames
 *   xenstore.c   a synchronous xenstore client
 *   blkfront.c   the virtio-blk model's disk: a blkif ring to blkback
 *   netfront.c   the virtio-net model's link: netif rings to netback
 *   devices.c    which devices the domain has, connecting them at boot,
 *                the ACPI description of the PCI bus
 *   lapic.c      Xen's emulated local APIC: timer, self-IPI, EOI
 *   irq.c        virtual PIC/PIT <-> local APIC glue (interrupt design)
 *   io.c         the handlers: what a rewritten site runs (port I/O,
 *                cpuid), the entry's C half, the device-model host
 *   entry.S      the entry a rewritten site calls
 *   platform.c   the struct afterburn_backend: detect, init, the one
 *                switch (xen_site), console, stop
 *   pv-entry.S   the entry a rewritten site calls in a PV domU
 *   pv.c         the PV domU's backend (xen-pv): detect by entry, init
 *                from start_info, its switch (xen_pv_site), stop
 *   shadow.c     the PV shadow MMU's walk and fill logic (its own
 *                interface, shadow.h; it calls nothing here, nor Xen)
 *
 * Every global here starts with ab_xen_ (runtime.h's naming rule).  Xen's
 * public headers come from Debian's libxen-dev (/usr/include/xen).
 */
#ifndef AB_XEN_H
#define AB_XEN_H

/*
 * Without this the public headers default to interface version 0 and map
 * event_channel_op and sched_op to their pre-3.2 "compat" numbers, which
 * HVM/PVH guests do not have (Xen answers -ENOSYS).
 */
#define __XEN_INTERFACE_VERSION__ 0x00040e00	/* Xen 4.14+: what 4.17 offers */

#include <afterburn/backend.h>
#include <xen/xen.h>

/* ---- addresses ---------------------------------------------------------- */
/*
 * Xen speaks guest-physical frame numbers.  The guest flavour runs with
 * the low 4 GiB identity-mapped (runtime/guest/pvh.S), so virtual ==
 * physical there.  The kernel flavour is linked into vmlinux with
 * -mcmodel=kernel: its code and data live in the kernel text mapping
 * (__START_KERNEL_map + physical, with the non-relocated, non-KASLR
 * kernel our configs build) and Linux's direct map starts at
 * page_offset_base (0xffff888000000000 without KASLR).
 */
#define AB_XEN_START_KERNEL_MAP	0xffffffff80000000ull
#define AB_XEN_PAGE_OFFSET	0xffff888000000000ull

static inline uint64_t ab_xen_virt_to_phys(const void *p)
{
	uint64_t v = (uintptr_t)p;

	if (v >= AB_XEN_START_KERNEL_MAP)
		return v - AB_XEN_START_KERNEL_MAP;
	if (v >= AB_XEN_PAGE_OFFSET)
		return v - AB_XEN_PAGE_OFFSET;
	return v;
}

/* ---- hypercall.c -------------------------------------------------------- */
/* CPUID leaf base of Xen's "XenVMMXenVMM" signature, or 0 if none. */
uint32_t ab_xen_cpuid_base(void);
/* Ask Xen to fill our hypercall page (CPUID base+2 names the MSR). */
int ab_xen_hypercall_init(uint32_t base);
extern bool ab_xen_hypercalls_ready;
/* PV instead: fill the page with syscall stubs (no MSR under PV). */
int ab_xen_hypercall_init_pv(void);
extern bool ab_xen_pv;		/* a PV domU: no port I/O, no page-table writes */
extern char ab_xen_hypercall_page[];

/*
 * Hypercall NR (a constant: __HYPERVISOR_*) with up to five arguments:
 * a DIRECT call to its entry, page + 32 * NR.  Never an indirect one: an
 * IBT kernel turns on indirect-branch tracking after our boot code ran,
 * and the stubs Xen writes into the page start without ENDBR (Linux's own
 * Xen code calls the page the same way).  Arguments in rdi, rsi, rdx,
 * r10, r8, result in rax (Xen's x86-64 ABI); debug Xen builds clobber the
 * argument registers, so they are outputs too.  -ENOSYS before the page
 * is filled.
 */
#define ab_xen_hypercall(nr, a1, a2, a3, a4, a5) ({			\
	register unsigned long _rdi asm("rdi") = (a1);			\
	register unsigned long _rsi asm("rsi") = (a2);			\
	register unsigned long _rdx asm("rdx") = (a3);			\
	register unsigned long _r10 asm("r10") = (a4);			\
	register unsigned long _r8 asm("r8") = (a5);			\
	long _rax = -38;						\
	_Static_assert((nr) < 4096 / 32, "hypercall number");		\
	if (ab_xen_hypercalls_ready)					\
		asm volatile("call ab_xen_hypercall_page + %c[off]"	\
			     : "=a"(_rax), "+r"(_rdi), "+r"(_rsi),	\
			       "+r"(_rdx), "+r"(_r10), "+r"(_r8)	\
			     : [off] "i"((nr) * 32)			\
			     : "memory", "rcx", "r11");			\
	_rax;								\
})
long ab_xen_event_send(uint32_t port);
long ab_xen_sched_op(int cmd, void *arg);
/* End the domain now (SCHEDOP_shutdown), console or not. */
void ab_xen_sched_shutdown(unsigned int reason) __attribute__((noreturn));
/* Xen's own console: CONSOLEIO_write, else the debug port 0xe9. */
void ab_xen_debug_write(const char *buf, size_t n);
static inline void ab_xen_debug_str(const char *s)
{
	ab_xen_debug_write(s, ab_strlen(s));
}

#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>

static inline long ab_xen_hvm_get_param(unsigned int index, uint64_t *value)
{
	struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index };
	long rc = ab_xen_hypercall(__HYPERVISOR_hvm_op, HVMOP_get_param,
				   (unsigned long)&p, 0, 0, 0);

	*value = p.value;
	return rc;
}

/* ---- memory.c ----------------------------------------------------------- */
/* Map frame pa at window slot (0: console, 1: xAPIC, 2: xenstore); see memory.c. */
void *ab_xen_map_frame(uint64_t pa, unsigned int slot, bool uncached);
/* The region of RAM the boot glue hides from the guest, for our rings and
   buffers: reserve it (0, or < 0 if the flavour cannot), then take pages
   (zeroed; their guest-physical address in *pa; 0 when exhausted). */
int ab_xen_region_init(const struct afterburn_boot *boot, uint64_t bytes);
void *ab_xen_page_alloc(unsigned int pages, uint64_t *pa);
/* Guest RAM (from the start_info memory map) for the device models' DMA. */
void ab_xen_ram_add(uint64_t start, uint64_t end);
void *ab_xen_guest_ptr(uint64_t pa, size_t len);
void ab_xen_window_ensure(void);	/* before touching a mapped frame */
int ab_xen_shared_info_init(void);
int ab_xen_shared_info_map_pv(uint64_t ma);	/* PV: start_info's machine address */
extern struct shared_info *ab_xen_shared_info;

/* ---- time.c ------------------------------------------------------------- */
uint64_t ab_xen_system_time_ns(void);	/* ns since Xen booted the domain */
uint64_t ab_xen_wall_seconds(void);	/* seconds since 1970 */

/* ---- console.c ---------------------------------------------------------- */
int ab_xen_console_init(void);			/* PVH: HVM params */
void ab_xen_console_attach(void *ring, uint32_t port);	/* PV: start_info's */
/* Raw bytes into the PV ring; xenconsoled is told at the next kick (or
   when the ring is half full). */
void ab_xen_console_out(const char *buf, size_t n);
void ab_xen_console_kick(void);
int ab_xen_console_in(char *buf, size_t n);		/* bytes read, >= 0 */
/* End the domain once dom0 has read the console (the toolstack destroys
   it at once, and whatever is still in the ring is lost). */
void ab_xen_shutdown(unsigned int reason) __attribute__((noreturn));

/* ---- evtchn.c ----------------------------------------------------------- */
long ab_xen_evtchn_alloc(uint16_t remote_dom, uint32_t *port);	/* masked */
void ab_xen_evtchn_close(uint32_t port);
void ab_xen_evtchn_mask(uint32_t port);
long ab_xen_evtchn_unmask(uint32_t port);
bool ab_xen_evtchn_ack(uint32_t port);		/* re-arm the upcall, clear port */
void ab_xen_evtchn_upcall_vector(uint8_t vector);
void ab_xen_evtchn_wait(uint32_t port, uint64_t deadline_ns);

/* ---- grant.c ------------------------------------------------------------ */
int ab_xen_grant_init(void);			/* needs the reserved region */
int ab_xen_grant(uint16_t domid, uint64_t pa, bool ro);	/* ref, or -1 */
void ab_xen_grant_end(int ref);
unsigned int ab_xen_grant_free_count(void);

/* ---- xenstore.c --------------------------------------------------------- */
int ab_xs_init(void);
int ab_xs_read(const char *path, char *buf, size_t size);	/* length or < 0 */
int ab_xs_write(const char *path, const char *value);
int ab_xs_directory(const char *path, char *buf, size_t size);
int ab_xs_read_ulong(const char *path, unsigned long *v);
int ab_xs_write_ulong(const char *path, unsigned long v);
int ab_xs_wait_state(const char *path, unsigned long want, uint64_t timeout_ns,
		     long *last);

/* ---- blkfront.c, netfront.c, devices.c ---------------------------------- */
int ab_xen_blkfront_init(const char *id);	/* device/vbd/<id> */
int ab_xen_netfront_init(const char *id);	/* device/vif/<id> */
void ab_xen_devices_init(const struct afterburn_boot *boot);

/* ---- lapic.c ------------------------------------------------------------ */
int ab_xen_lapic_init(void);
void ab_xen_lapic_timer(uint8_t vector, uint64_t ns, bool periodic, bool masked);
void ab_xen_lapic_timer_mask(bool masked);
bool ab_xen_lapic_timer_expired(void);
void ab_xen_lapic_self_ipi(uint8_t vector);
void ab_xen_lapic_eoi(void);
bool ab_xen_lapic_in_service(uint8_t vector);
unsigned long ab_xen_lapic_khz(void);	/* measured APIC timer clock */

/* ---- irq.c -------------------------------------------------------------- */
void ab_xen_irq_after_io(uint16_t port, bool write, uint32_t val);
void ab_xen_irq_pit_timer(uint64_t period_ns, bool periodic);
void ab_xen_irq_pci_ready(void);	/* a PCI device's driver is up */

/* ---- io.c --------------------------------------------------------------- */
/* The handlers platform.c's switch names. */
afterburn_handler_t ab_xen_port_io, ab_xen_cpuid, ab_xen_uart_io;
struct ab_dev_host;
extern const struct ab_dev_host ab_xen_dev_host, ab_xen_pv_dev_host;

/* ---- entry.S ------------------------------------------------------------ */
void ab_xen_entry(void);
void ab_xen_live_common(void);	/* the live stubs' common half */

/* ---- platform.c ---------------------------------------------------------- */
/* End the domain: status 0 a poweroff, anything else a crash (both backends). */
void ab_xen_stop(const char *who, int code) __attribute__((noreturn));

/* ---- pv-entry.S, pv.c: the PV domU (a second backend, xen-pv) ----------- */
void ab_xen_pv_entry(void);	/* its C half: afterburn_vmm_call_site */

#endif
