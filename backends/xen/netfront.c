// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The virtio-net model's host link on Xen: netif tx and rx rings to dom0's
 * netback (Xen's public io/netif.h protocol), one event channel for both.
 * Connected at boot like the disk (blkfront.c).
 *
 * Transmit: each piece of a frame (inside one guest page) is one tx slot
 * granting netback that page read-only: no copy in the guest.  Receive:
 * netback copies each frame into pages of ours, granted once for good
 * (request-rx-copy, the only mode netback has); the model then copies it
 * into the driver's buffer.  No offloads are negotiated
 * (feature-no-csum-offload; no GSO): dom0 checksums what it sends us, and
 * frames are at most the MTU.
 */
#include "ring.h"
#include <xen/io/netif.h>
#include "devices/virtio.h"

#define NF_CONNECT_NS	30000000000ull
#define NF_TX_SIZE	__CONST_RING_SIZE(netif_tx, 4096)	/* 256 */
#define NF_RX_SIZE	__CONST_RING_SIZE(netif_rx, 4096)	/* 256 */
#define NF_RX_BUFS	NF_RX_SIZE	/* a page per ring slot, all posted */
#define NF_MAX_SLOTS	XEN_NETIF_NR_SLOTS_MIN	/* slots netback takes per frame */

struct nf_tx_slot {
	struct ab_net_tx *t;		/* 0: free */
	int16_t gref;
};

struct nf_pending {			/* a model frame across its slots */
	struct ab_net_tx *t;
	uint8_t left;
};

static struct netfront {
	char dev[32], be[96];
	uint16_t be_id;
	uint32_t port;
	netif_tx_front_ring_t tx;
	netif_rx_front_ring_t rx;
	struct nf_tx_slot tx_slot[NF_TX_SIZE];
	struct nf_pending pend[NF_TX_SIZE];
	uint8_t *rx_page[NF_RX_BUFS];
	int16_t rx_gref[NF_RX_BUFS];
	struct ab_net_host host;
	struct ab_virtio_dev *vd;
	bool warned;
} nf;

static int nf_free_tx_slot(void)
{
	unsigned int i;

	for (i = 0; i < NF_TX_SIZE; i++)
		if (!nf.tx_slot[i].t)
			return i;
	return -1;
}

static struct nf_pending *nf_pend(struct ab_net_tx *t)
{
	unsigned int i;

	for (i = 0; i < NF_TX_SIZE; i++)
		if (nf.pend[i].t == t)
			return &nf.pend[i];
	return 0;
}

static int nf_tx(void *ctx, struct ab_net_tx *t)
{
	struct nf_pending *p;
	unsigned int i;
	int notify;

	if (t->nfrag > NF_MAX_SLOTS) {
		if (!nf.warned)
			afterburn_printk("afterburn: xen: vif: a frame in %u pieces (netback takes %u); dropped\n",
					 t->nfrag, NF_MAX_SLOTS);
		nf.warned = true;
		ab_virtio_net_tx_done(nf.vd, t);
		return 0;
	}
	if (RING_FREE_REQUESTS(&nf.tx) < t->nfrag ||
	    ab_xen_grant_free_count() < t->nfrag || !(p = nf_pend(0)))
		return -1;	/* retried after the next completion */
	p->t = t;
	p->left = t->nfrag;
	for (i = 0; i < t->nfrag; i++) {
		netif_tx_request_t *req = RING_GET_REQUEST(&nf.tx, nf.tx.req_prod_pvt);
		int id = nf_free_tx_slot();
		const struct ab_net_frag *f = &t->frag[i];

		nf.tx_slot[id].t = t;
		nf.tx_slot[id].gref = ab_xen_grant(nf.be_id, f->pa, true);
		req->gref = nf.tx_slot[id].gref;
		req->offset = f->pa & 4095;
		req->flags = i + 1 < t->nfrag ? NETTXF_more_data : 0;
		req->id = id;
		req->size = i ? f->len : t->len;	/* the first slot: the frame */
		nf.tx.req_prod_pvt++;
	}
	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&nf.tx, notify);
	if (notify)
		ab_xen_event_send(nf.port);
	return 0;
}

static void nf_tx_done(void)
{
	RING_IDX rp, i;
	int more;

	do {
		rp = nf.tx.sring->rsp_prod;
		xen_rmb();
		for (i = nf.tx.rsp_cons; i != rp; i++) {
			netif_tx_response_t *rsp = RING_GET_RESPONSE(&nf.tx, i);
			struct nf_tx_slot *s;
			struct nf_pending *p;

			if (rsp->status == NETIF_RSP_NULL || rsp->id >= NF_TX_SIZE ||
			    !nf.tx_slot[rsp->id].t)
				continue;
			s = &nf.tx_slot[rsp->id];
			ab_xen_grant_end(s->gref);
			p = nf_pend(s->t);
			s->t = 0;
			if (p && !--p->left) {
				struct ab_net_tx *t = p->t;

				p->t = 0;
				ab_virtio_net_tx_done(nf.vd, t);
			}
		}
		nf.tx.rsp_cons = rp;
		RING_FINAL_CHECK_FOR_RESPONSES(&nf.tx, more);
	} while (more);
}

/*
 * Receive pages belong to ring slots, as in Linux's netfront: netback
 * answers the requests in order, one response per request (an extra-info
 * slot too, which carries no id), so the response in slot k was written
 * into the page of slot k, and re-posting slot k + ring size posts it again.
 */
static void nf_rx_post(void)
{
	unsigned int id = nf.rx.req_prod_pvt % NF_RX_BUFS;
	netif_rx_request_t *req = RING_GET_REQUEST(&nf.rx, nf.rx.req_prod_pvt);

	req->id = id;
	req->gref = nf.rx_gref[id];
	nf.rx.req_prod_pvt++;
}

/*
 * Frames netback copied into our pages -> the driver's receive buffers,
 * while it has some.  A frame the driver has no buffer for stays in the
 * ring (not consumed) until it posts more (ab_net_host.rx_ready).
 */
static void nf_rx(void)
{
	static const struct virtio_net_hdr hdr;	/* complete frames, no offload */
	const void *piece[NF_MAX_SLOTS];
	uint32_t len[NF_MAX_SLOTS];
	RING_IDX rp, cons, first, k;
	bool stalled = false;
	int more, notify;

	do {
		rp = nf.rx.sring->rsp_prod;
		xen_rmb();
		cons = nf.rx.rsp_cons;
		while (cons != rp && !stalled) {
			netif_rx_response_t *rsp;
			unsigned int n = 0;
			bool bad = false, extra = false;

			first = cons;
			do {
				if (cons == rp)
					goto partial;	/* the rest is not there yet */
				rsp = RING_GET_RESPONSE(&nf.rx, cons++);
				if (extra) {		/* an extra-info slot */
					struct netif_extra_info *x = (void *)rsp;

					extra = x->flags & XEN_NETIF_EXTRA_FLAG_MORE;
					continue;
				}
				extra = rsp->flags & NETRXF_extra_info;
				if (rsp->status < 0 || rsp->offset + rsp->status > 4096 ||
				    n == NF_MAX_SLOTS) {
					bad = true;
				} else {
					piece[n] = nf.rx_page[(cons - 1) % NF_RX_BUFS] + rsp->offset;
					len[n++] = rsp->status;
				}
			} while ((rsp->flags & NETRXF_more_data) || extra);
			if (!bad && !ab_virtio_net_rx(nf.vd, &hdr, piece, len, n)) {
				cons = first;
				stalled = true;
				break;
			}
			for (k = first; k != cons; k++)
				nf_rx_post();
		}
partial:
		nf.rx.rsp_cons = cons;
		RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&nf.rx, notify);
		if (notify)
			ab_xen_event_send(nf.port);
		if (stalled)
			return;
		RING_FINAL_CHECK_FOR_RESPONSES(&nf.rx, more);
	} while (more);
}

static void nf_poll(void *ctx)
{
	ab_xen_evtchn_ack(nf.port);
	nf_tx_done();
	nf_rx();
}

static void nf_rx_ready(void *ctx)
{
	nf_rx();
}

/* As blkfront's: events interrupt the driver once it is up. */
static void nf_ready(void *ctx, bool up)
{
	if (!up) {
		ab_xen_evtchn_mask(nf.port);
		return;
	}
	ab_xen_irq_pci_ready();
	ab_xen_evtchn_unmask(nf.port);
}

/* ---- connecting ------------------------------------------------------------ */
static int nf_fail(const char *what, long rc)
{
	afterburn_printk("afterburn: xen: network %s: %s (%ld); no network\n",
			 nf.dev, what, rc);
	return -1;
}

static int nf_key(char *p, size_t size, const char *dir, const char *leaf)
{
	int n = ab_snprintf(p, size, "%s/%s", dir, leaf);

	return n > 0 && (size_t)n < size ? 0 : -1;
}

static int nf_write_ulong(const char *leaf, unsigned long v)
{
	char p[128];

	return nf_key(p, sizeof(p), nf.dev, leaf) ? -1 : ab_xs_write_ulong(p, v);
}

static int nf_wait(unsigned long want, const char *what)
{
	char p[128];
	long last;
	int rc;

	nf_key(p, sizeof(p), nf.be, "state");
	rc = ab_xs_wait_state(p, want, NF_CONNECT_NS, &last);
	if (rc)
		afterburn_printk("afterburn: xen: network %s: backend %s %s (state %ld); no network\n",
				 nf.dev, nf.be, rc == -110 ? "did not reach" : "closed before", last);
	if (rc)
		afterburn_printk("afterburn: xen: network %s: (waited for %s)\n", nf.dev, what);
	return rc;
}

static int nf_hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static int nf_parse_mac(const char *s, uint8_t mac[6])
{
	unsigned int i;

	for (i = 0; i < 6; i++, s += 3) {
		int hi = nf_hex(s[0]), lo = nf_hex(s[1]);

		if (hi < 0 || lo < 0 || (i < 5 && s[2] != ':'))
			return -1;
		mac[i] = hi << 4 | lo;
	}
	return 0;
}

int ab_xen_netfront_init(const char *id)
{
	char p[128], mac[24];
	netif_tx_sring_t *txs;
	netif_rx_sring_t *rxs;
	uint64_t tx_pa, rx_pa, pa;
	unsigned long v;
	int txref, rxref, rc;
	unsigned int i;

	ab_memset(&nf, 0, sizeof(nf));
	ab_snprintf(nf.dev, sizeof(nf.dev), "device/vif/%s", id);
	if (nf_key(p, sizeof(p), nf.dev, "backend") ||
	    ab_xs_read(p, nf.be, sizeof(nf.be)) <= 0)
		return nf_fail("no backend path", -22);
	if (nf_key(p, sizeof(p), nf.dev, "backend-id") || ab_xs_read_ulong(p, &v))
		return nf_fail("no backend-id", -22);
	nf.be_id = v;
	if (nf_key(p, sizeof(p), nf.dev, "mac") || ab_xs_read(p, mac, sizeof(mac)) < 17 ||
	    nf_parse_mac(mac, nf.host.mac))
		return nf_fail("no MAC address", -22);
	if (nf_wait(XB_INITWAIT, "InitWait"))
		return -1;

	txs = ab_xen_page_alloc(1, &tx_pa);
	rxs = ab_xen_page_alloc(1, &rx_pa);
	if (!txs || !rxs)
		return nf_fail("no memory for the rings", -12);
	SHARED_RING_INIT(txs);
	FRONT_RING_INIT(&nf.tx, txs, 4096);
	SHARED_RING_INIT(rxs);
	FRONT_RING_INIT(&nf.rx, rxs, 4096);
	txref = ab_xen_grant(nf.be_id, tx_pa, false);
	rxref = ab_xen_grant(nf.be_id, rx_pa, false);
	if (txref < 0 || rxref < 0)
		return nf_fail("no grants for the rings", -28);
	for (i = 0; i < NF_RX_BUFS; i++) {
		nf.rx_page[i] = ab_xen_page_alloc(1, &pa);
		if (!nf.rx_page[i])
			return nf_fail("no memory for receive buffers", -12);
		nf.rx_gref[i] = ab_xen_grant(nf.be_id, pa, false);
		if (nf.rx_gref[i] < 0)
			return nf_fail("no grants for receive buffers", -28);
		nf_rx_post();
	}
	RING_PUSH_REQUESTS(&nf.rx);
	rc = ab_xen_evtchn_alloc(nf.be_id, &nf.port);
	if (rc)
		return nf_fail("event channel", rc);
	if (nf_write_ulong("tx-ring-ref", txref) ||
	    nf_write_ulong("rx-ring-ref", rxref) ||
	    nf_write_ulong("event-channel", nf.port) ||
	    nf_write_ulong("request-rx-copy", 1) ||
	    nf_write_ulong("feature-rx-notify", 1) ||
	    nf_write_ulong("feature-sg", 1) ||
	    nf_write_ulong("feature-no-csum-offload", 1) ||
	    nf_write_ulong("state", XB_CONNECTED))
		return nf_fail("writing the frontend's keys", -5);
	if (nf_wait(XB_CONNECTED, "Connected"))
		return -1;

	nf.host.tx = nf_tx;
	nf.host.poll = nf_poll;
	nf.host.rx_ready = nf_rx_ready;
	nf.host.ready = nf_ready;
	nf.vd = ab_virtio_net_create(&nf.host);
	if (!nf.vd)
		return nf_fail("no PCI slot", -28);
	ab_xen_event_send(nf.port);	/* netback: our receive slots are there */
	afterburn_printk("afterburn: xen: network %s: MAC %s, backend %s, virtio-net at PCI 00:%02x.0\n",
			 nf.dev, mac, nf.be, nf.vd->pci.slot);
	return 0;
}
