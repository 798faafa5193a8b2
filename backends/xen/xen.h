/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The Xen PVH backend's internal interface.  One job per file:
 *   hypercall.c  find Xen through CPUID, install the hypercall page, call it
 *   memory.c     guest-physical <-> runtime-virtual addresses, shared_info
 *   time.c       Xen system time and wall clock from vcpu_time_info
 *   console.c    the PV console ring (HVM_PARAM_CONSOLE_PFN/EVTCHN)
 *   lapic.c      Xen's emulated local APIC: timer, self-IPI, EOI
 *   irq.c        virtual PIC/PIT <-> local APIC glue (interrupt design)
 *   platform.c   the struct afterburn_backend and the device-model host
 *
 * Xen's public headers come from Debian's libxen-dev (/usr/include/xen).
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

/* ---- hypercall.c ------------------------------------------------------ */
/* CPUID leaf base of Xen's "XenVMMXenVMM" signature, or 0 if none. */
uint32_t xen_cpuid_base(void);
void xen_cpuid(uint32_t leaf, uint32_t sub, uint32_t *a, uint32_t *b,
	       uint32_t *c, uint32_t *d);
/* Ask Xen to fill our hypercall page (CPUID base+2 names the MSR). */
int xen_hypercall_init(uint32_t base);
long xen_hypercall(unsigned int nr, unsigned long a1, unsigned long a2,
		   unsigned long a3, unsigned long a4, unsigned long a5);
bool xen_hypercalls_ready(void);

static inline long xen_hvm_get_param(unsigned int index, uint64_t *value);
long xen_event_send(uint32_t port);
long xen_sched_op(int cmd, void *arg);
void xen_shutdown(unsigned int reason) __attribute__((noreturn));
/* Without draining the console first (for failures of the console path). */
void xen_shutdown_now(unsigned int reason) __attribute__((noreturn));

/* ---- memory.c -------------------------------------------------------- */
uint64_t xen_virt_to_phys(const void *p);
/* Map frame pa at window slot (0: console, 1: xAPIC); see memory.c. */
void *xen_map_frame(uint64_t pa, unsigned int slot, bool uncached);
void xen_window_ensure(void);	/* before touching a mapped frame */
int xen_shared_info_init(void);
extern struct shared_info *xen_shared_info;

/* ---- time.c ---------------------------------------------------------- */
uint64_t xen_system_time_ns(void);	/* ns since Xen booted the domain */
uint64_t xen_wall_seconds(void);	/* seconds since 1970 */

/* ---- console.c ------------------------------------------------------- */
int xen_console_init(void);
void xen_console_out(const char *buf, size_t n);	/* PV ring, raw bytes */
void xen_console_drain(void);		/* until dom0 has read it all */
int xen_console_in(char *buf, size_t n);		/* bytes read, >= 0 */
void xen_debug_write(const char *buf, size_t n);	/* CONSOLEIO_write */
static inline void xen_debug_str(const char *s)
{
	xen_debug_write(s, ab_strlen(s));
}

/* ---- lapic.c --------------------------------------------------------- */
int xen_lapic_init(void);
void xen_lapic_timer(uint8_t vector, uint64_t ns, bool periodic, bool masked);
void xen_lapic_timer_mask(bool masked);
bool xen_lapic_timer_expired(void);
void xen_lapic_self_ipi(uint8_t vector);
void xen_lapic_eoi(void);
bool xen_lapic_in_service(uint8_t vector);
unsigned long xen_lapic_khz(void);	/* measured APIC timer clock */

/* ---- irq.c ----------------------------------------------------------- */
void xen_irq_after_io(uint16_t port, bool write, uint32_t val);
void xen_irq_pit_timer(uint64_t period_ns, bool periodic);

/* ---- platform.c ------------------------------------------------------ */
extern const struct afterburn_backend afterburn_backend_xen;

#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>

static inline long xen_hvm_get_param(unsigned int index, uint64_t *value)
{
	struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index };
	long rc = xen_hypercall(__HYPERVISOR_hvm_op, HVMOP_get_param,
				(unsigned long)&p, 0, 0, 0);

	*value = p.value;
	return rc;
}

#endif
