// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * A synchronous xenstore client: the shared ring page and event channel
 * the toolstack gave the domain (HVM_PARAM_STORE_PFN/EVTCHN), one request
 * at a time, no transactions and no watches (state changes are polled).
 * Message format: xs_wire.h (a xsd_sockmsg header, then the payload).
 * Paths without a leading '/' are relative to the domain's home,
 * /local/domain/<domid>.  Every wait is bounded: a xenstored that does
 * not answer makes the call fail with -110 (ETIMEDOUT), never hang.
 */
#include "xen.h"
#include <xen/io/xs_wire.h>

#define XS_TIMEOUT_NS	5000000000ull

static volatile struct xenstore_domain_interface *xs;
static uint32_t xs_port;

int ab_xs_init(void)
{
	uint64_t pfn, port;

	if (ab_xen_hvm_get_param(HVM_PARAM_STORE_PFN, &pfn) || !pfn)
		return -1;
	if (ab_xen_hvm_get_param(HVM_PARAM_STORE_EVTCHN, &port))
		return -2;
	xs = ab_xen_map_frame(pfn << 12, 2, false);
	xs_port = (uint32_t)port;
	ab_xen_evtchn_mask(xs_port);	/* polled, see evtchn.c */
	return 0;
}

static void xs_mb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/* Wait for the ring to move (bounded by deadline); false on timeout. */
static bool xs_wait(uint64_t deadline)
{
	if (ab_xen_system_time_ns() >= deadline)
		return false;
	ab_xen_evtchn_wait(xs_port, deadline);
	return true;
}

static int xs_put(const void *data, size_t n, uint64_t deadline)
{
	const char *p = data;

	while (n) {
		XENSTORE_RING_IDX cons = xs->req_cons, prod = xs->req_prod;
		size_t room, chunk;

		xs_mb();
		room = XENSTORE_RING_SIZE - (prod - cons);
		if (!room) {
			ab_xen_event_send(xs_port);
			if (!xs_wait(deadline))
				return -110;
			continue;
		}
		chunk = XENSTORE_RING_SIZE - MASK_XENSTORE_IDX(prod);
		if (chunk > room)
			chunk = room;
		if (chunk > n)
			chunk = n;
		ab_memcpy((char *)xs->req + MASK_XENSTORE_IDX(prod), p, chunk);
		xs_mb();	/* the bytes before the index */
		xs->req_prod = prod + chunk;
		p += chunk;
		n -= chunk;
	}
	ab_xen_event_send(xs_port);
	return 0;
}

static int xs_get(void *data, size_t n, uint64_t deadline)
{
	char *p = data;

	while (n) {
		XENSTORE_RING_IDX cons = xs->rsp_cons, prod = xs->rsp_prod;
		size_t avail, chunk;

		xs_mb();
		avail = prod - cons;
		if (!avail) {
			if (!xs_wait(deadline))
				return -110;
			continue;
		}
		chunk = XENSTORE_RING_SIZE - MASK_XENSTORE_IDX(cons);
		if (chunk > avail)
			chunk = avail;
		if (chunk > n)
			chunk = n;
		if (p)
			ab_memcpy(p, (const char *)xs->rsp + MASK_XENSTORE_IDX(cons), chunk);
		xs_mb();	/* the bytes before we free them */
		xs->rsp_cons = cons + chunk;
		if (p)
			p += chunk;
		n -= chunk;
	}
	ab_xen_event_send(xs_port);
	return 0;
}

/*
 * One request: type, then the payload parts (each with its terminating
 * NUL if `nul'), the reply into reply[size] (NUL-terminated, truncated).
 * The reply's length, or a negative error (-22 for an XS_ERROR reply, which
 * is what a missing node gives: "ENOENT").
 */
static int xs_talk(uint32_t type, const char *a, const char *b, char *reply,
		   size_t size)
{
	struct xsd_sockmsg m = { .type = type, .req_id = 1 };
	uint64_t deadline = ab_xen_system_time_ns() + XS_TIMEOUT_NS;
	size_t alen = ab_strlen(a) + 1, blen = b ? ab_strlen(b) : 0, take;
	char scratch[64];
	int rc;

	if (!xs)
		return -19;	/* ENODEV */
	m.len = alen + blen;
	if (m.len > XENSTORE_PAYLOAD_MAX)
		return -7;	/* E2BIG */
	rc = xs_put(&m, sizeof(m), deadline);
	if (!rc)
		rc = xs_put(a, alen, deadline);
	if (!rc && blen)
		rc = xs_put(b, blen, deadline);
	for (;;) {
		if (!rc)
			rc = xs_get(&m, sizeof(m), deadline);
		if (rc)
			return rc;
		if (m.type != XS_WATCH_EVENT)
			break;
		rc = xs_get(0, m.len, deadline);	/* not ours: we set no watch */
	}
	if (!reply) {
		reply = scratch;
		size = sizeof(scratch);
	}
	take = m.len < size - 1 ? m.len : size - 1;
	rc = xs_get(reply, take, deadline);
	if (!rc && m.len > take)
		rc = xs_get(0, m.len - take, deadline);
	if (rc)
		return rc;
	reply[take] = '\0';
	return m.type == XS_ERROR ? -22 : (int)take;
}

int ab_xs_read(const char *path, char *buf, size_t size)
{
	return xs_talk(XS_READ, path, 0, buf, size);
}

int ab_xs_write(const char *path, const char *value)
{
	int rc = xs_talk(XS_WRITE, path, value, 0, 0);

	return rc < 0 ? rc : 0;
}

/* The children of path, NUL-separated, into buf; bytes used or < 0. */
int ab_xs_directory(const char *path, char *buf, size_t size)
{
	return xs_talk(XS_DIRECTORY, path, 0, buf, size);
}

int ab_xs_read_ulong(const char *path, unsigned long *v)
{
	char buf[24];
	const char *p = buf;
	int rc = ab_xs_read(path, buf, sizeof(buf));

	if (rc <= 0)
		return rc < 0 ? rc : -22;
	*v = 0;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return -22;
		*v = *v * 10 + (*p - '0');
	}
	return 0;
}

int ab_xs_write_ulong(const char *path, unsigned long v)
{
	char buf[24];

	ab_snprintf(buf, sizeof(buf), "%lu", v);
	return ab_xs_write(path, buf);
}

/*
 * Wait until the integer at path (a xenbus state) is `want', at most
 * timeout_ns; polls every 10 ms (no watch).  0, or the last state seen
 * (negative: unreadable) as a negative number minus one.
 */
int ab_xs_wait_state(const char *path, unsigned long want, uint64_t timeout_ns,
		     long *last)
{
	uint64_t deadline = ab_xen_system_time_ns() + timeout_ns;
	unsigned long v;
	int rc;

	for (;;) {
		rc = ab_xs_read_ulong(path, &v);
		*last = rc ? rc : (long)v;
		if (!rc && v == want)
			return 0;
		if (!rc && v >= 5 && want < 5)
			return -1;	/* closing or closed: it will not come */
		if (ab_xen_system_time_ns() >= deadline)
			return -110;
		ab_xen_evtchn_wait(xs_port, ab_xen_system_time_ns() + 10000000ull);
	}
}
