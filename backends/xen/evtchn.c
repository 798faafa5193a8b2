// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Event channels for the split drivers (2-level ABI, vCPU 0).  A device
 * allocates an unbound port for its backend domain; the backend binds it.
 * Our ports reach the guest as an interrupt: Xen's per-vCPU upcall vector
 * (HVMOP_set_evtchn_upcall_vector) goes through its emulated local APIC,
 * like our other interrupts (irq.c), and we point it at the guest's own
 * vector for the PCI interrupt line, so an event runs the guest's handler
 * of the devices on that line, whose ISR read collects what the event
 * announced (io.c, blkfront.c, netfront.c).  No gate of ours in the
 * guest's IDT, as for the timer.
 *
 * The console and xenstore ports stay masked: they are polled, and
 * SCHEDOP_poll waits on a masked port all the same.
 */
#include "xen.h"
#include <xen/event_channel.h>
#include <xen/sched.h>

#define XEN_ULONG_BITS	(8 * sizeof(xen_ulong_t))

static uint8_t xen_upcall_vector;

static volatile struct vcpu_info *xen_vcpu0(void)
{
	return &ab_xen_shared_info->vcpu_info[0];
}

void ab_xen_evtchn_mask(uint32_t port)
{
	__atomic_or_fetch(&ab_xen_shared_info->evtchn_mask[port / XEN_ULONG_BITS],
			  (xen_ulong_t)1 << (port % XEN_ULONG_BITS), __ATOMIC_SEQ_CST);
}

/* EVTCHNOP_unmask: Xen raises the port again if it became pending. */
long ab_xen_evtchn_unmask(uint32_t port)
{
	struct evtchn_unmask u = { .port = port };

	return ab_xen_hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_unmask,
				(unsigned long)&u, 0, 0, 0);
}

long ab_xen_evtchn_alloc(uint16_t remote_dom, uint32_t *port)
{
	struct evtchn_alloc_unbound a = { .dom = DOMID_SELF, .remote_dom = remote_dom };
	long rc;

	rc = ab_xen_hypercall(__HYPERVISOR_event_channel_op,
			      EVTCHNOP_alloc_unbound, (unsigned long)&a, 0, 0, 0);
	if (rc)
		return rc;
	*port = a.port;
	ab_xen_evtchn_mask(a.port);	/* until its device is connected */
	return 0;
}

void ab_xen_evtchn_close(uint32_t port)
{
	struct evtchn_close c = { .port = port };

	ab_xen_hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_close,
			 (unsigned long)&c, 0, 0, 0);
}

/*
 * Acknowledge port: the upcall and the selector word are re-armed, the
 * port's pending bit cleared.  Its device then looks at its rings: what
 * arrives after that raises the port again.  Returns whether it was
 * pending.
 */
bool ab_xen_evtchn_ack(uint32_t port)
{
	volatile struct vcpu_info *v = xen_vcpu0();
	xen_ulong_t bit = (xen_ulong_t)1 << (port % XEN_ULONG_BITS);

	v->evtchn_upcall_pending = 0;
	__atomic_exchange_n(&v->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
	return __atomic_fetch_and(&ab_xen_shared_info->evtchn_pending[port / XEN_ULONG_BITS],
				  ~bit, __ATOMIC_SEQ_CST) & bit;
}

/*
 * Deliver our events at the guest's vector `vector' (irq.c calls this
 * when the guest unmasks the PCI line in its PIC, i.e. once its vector
 * base is programmed).  Xen injects at once if something is pending.
 */
void ab_xen_evtchn_upcall_vector(uint8_t vector)
{
	struct xen_hvm_evtchn_upcall_vector u = { .vcpu = 0, .vector = vector };
	long rc;

	if (vector == xen_upcall_vector || !ab_xen_shared_info)
		return;
	xen_vcpu0()->evtchn_upcall_mask = 0;
	rc = ab_xen_hypercall(__HYPERVISOR_hvm_op, HVMOP_set_evtchn_upcall_vector,
			      (unsigned long)&u, 0, 0, 0);
	if (rc)
		afterburn_printk("afterburn: xen: upcall vector 0x%x: error %ld\n",
				 vector, rc);
	else
		xen_upcall_vector = vector;
}

/*
 * Wait until port is pending or Xen's clock passes deadline_ns
 * (SCHEDOP_poll; the port may be masked).  Clears the pending bit.
 */
void ab_xen_evtchn_wait(uint32_t port, uint64_t deadline_ns)
{
	evtchn_port_t p = port;
	struct sched_poll poll = { .nr_ports = 1, .timeout = deadline_ns };
	xen_ulong_t bit = (xen_ulong_t)1 << (port % XEN_ULONG_BITS);

	set_xen_guest_handle(poll.ports, &p);
	if (!(__atomic_load_n(&ab_xen_shared_info->evtchn_pending[port / XEN_ULONG_BITS],
			      __ATOMIC_SEQ_CST) & bit))
		ab_xen_sched_op(SCHEDOP_poll, &poll);
	__atomic_fetch_and(&ab_xen_shared_info->evtchn_pending[port / XEN_ULONG_BITS],
			   ~bit, __ATOMIC_SEQ_CST);
}
