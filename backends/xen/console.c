// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The Xen PV console: a shared page (struct xencons_interface) whose frame
 * and event channel the toolstack stored in HVM_PARAM_CONSOLE_PFN and
 * HVM_PARAM_CONSOLE_EVTCHN (PVH), or in start_info (PV, pv.c); xenconsoled in dom0 drains the out ring into
 * the domain's console (and its log) and fills the in ring.  Producer and
 * consumer indices are free-running; MASK_XENCONS_IDX wraps them.
 *
 * The ring is polled: we never ask for a console interrupt, input is read
 * when the guest looks at the UART.  When the out ring is full we notify
 * and yield to dom0 until xenconsoled has made room (bounded, so a dead
 * console daemon cannot hang a panic message forever).
 *
 * Output is batched: bytes go into the ring at once and in order, but the
 * notification (EVTCHNOP_send, a hypercall: one per byte would be one per
 * `out' the guest's UART driver does) waits for ab_xen_console_kick(), or
 * for the ring to be half full.  io.c decides when to kick (see there).
 *
 * Ending the domain lives here too: it must wait until xenconsoled has
 * read the ring.  (Xen's own console, CONSOLEIO_write, is hypercall.c's.)
 */
#include "xen.h"
#include <xen/io/console.h>
#include <xen/sched.h>

static volatile struct xencons_interface *xen_cons;
static uint32_t xen_cons_port;
static bool xen_cons_unsent;	/* bytes in the ring xenconsoled was not told of */

/* PVH: the toolstack's HVM params name the ring's frame and port. */
int ab_xen_console_init(void)
{
	uint64_t pfn, port;

	if (ab_xen_hvm_get_param(HVM_PARAM_CONSOLE_PFN, &pfn) || !pfn)
		return -1;
	if (ab_xen_hvm_get_param(HVM_PARAM_CONSOLE_EVTCHN, &port))
		return -2;
	ab_xen_console_attach(ab_xen_map_frame(pfn << 12, 0, false),
			      (uint32_t)port);
	return 0;
}

/* The ring at ring (mapped by the caller), port its event channel. */
void ab_xen_console_attach(void *ring, uint32_t port)
{
	xen_cons = ring;
	xen_cons_port = port;
	/*
	 * Mask the port: we poll the ring, and an unmasked port would wake a
	 * halted vCPU (Xen kicks it for every pending event) without any
	 * interrupt for the guest -- a spurious return from its hlt.
	 */
	if (ab_xen_shared_info) {
		unsigned int bits = 8 * sizeof(xen_ulong_t);

		__atomic_or_fetch(&ab_xen_shared_info->evtchn_mask[port / bits],
				  (xen_ulong_t)1 << (port % bits), __ATOMIC_SEQ_CST);
	}
}

static inline void xen_mb(void)
{
	asm volatile("mfence" ::: "memory");
}

/* Tell xenconsoled about the bytes it has not been told of yet, if any. */
void ab_xen_console_kick(void)
{
	if (!xen_cons_unsent)
		return;
	xen_cons_unsent = false;
	ab_xen_event_send(xen_cons_port);
}

void ab_xen_console_out(const char *buf, size_t n)
{
	volatile struct xencons_interface *c = xen_cons;
	XENCONS_RING_IDX prod;
	unsigned long waited = 0;

	if (!c)
		return;
	while (n) {
		prod = c->out_prod;
		xen_mb();
		if (prod - c->out_cons >= sizeof(c->out)) {
			struct sched_shutdown dummy;	/* unused by yield */

			ab_xen_event_send(xen_cons_port);
			if (++waited > 1000000)
				return;	/* nobody reads the console */
			ab_xen_sched_op(SCHEDOP_yield, &dummy);
			continue;
		}
		while (n && prod - c->out_cons < sizeof(c->out)) {
			c->out[MASK_XENCONS_IDX(prod, c->out)] = *buf++;
			prod++;
			n--;
		}
		xen_mb();	/* bytes visible before the index */
		c->out_prod = prod;
		xen_cons_unsent = true;
	}
	/* Half full: let xenconsoled drain before we would have to wait. */
	if (c->out_prod - c->out_cons >= sizeof(c->out) / 2)
		ab_xen_console_kick();
}

/*
 * Wait (bounded by Xen time) until xenconsoled has taken everything: the
 * toolstack destroys a domain as soon as it shuts down, and whatever is
 * still in the ring then is lost.
 */
static void xen_console_drain(void)
{
	volatile struct xencons_interface *c = xen_cons;
	uint64_t start = ab_xen_system_time_ns();
	struct sched_shutdown dummy;

	if (!c)
		return;
	while (c->out_cons != c->out_prod &&
	       ab_xen_system_time_ns() - start < 5000000000ull) {
		ab_xen_event_send(xen_cons_port);
		ab_xen_sched_op(SCHEDOP_yield, &dummy);
	}
	if (c->out_cons != c->out_prod)
		ab_xen_debug_str("afterburn: xen: console not drained in 5 s\n");
}

int ab_xen_console_in(char *buf, size_t n)
{
	volatile struct xencons_interface *c = xen_cons;
	XENCONS_RING_IDX cons, prod;
	int got = 0;

	if (!c)
		return 0;
	cons = c->in_cons;
	prod = c->in_prod;
	xen_mb();
	while (cons != prod && (size_t)got < n)
		buf[got++] = c->in[MASK_XENCONS_IDX(cons++, c->in)];
	xen_mb();
	c->in_cons = cons;
	if (got)
		ab_xen_event_send(xen_cons_port);
	return got;
}

void ab_xen_shutdown(unsigned int reason)
{
	xen_console_drain();
	ab_xen_sched_shutdown(reason);
}
