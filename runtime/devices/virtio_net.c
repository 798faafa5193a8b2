// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * virtio-net (virtio 5.1, legacy layout) on a host link (struct
 * ab_net_host).  Queue 0 receives, queue 1 transmits; every frame is
 * preceded by the 10-byte legacy virtio_net_hdr.
 *
 * Transmit: the frame is handed to the host as guest-physical pieces,
 * none crossing a page (what a split-driver ring, netif, carries per
 * slot), so the host need not copy.  Receive: the host offers frames from
 * its own memory; the model copies each into the driver's next receive
 * buffer, or reports that there is none yet (the host keeps the frame).
 *
 * Offered: MAC (the host's address) and STATUS (link up).  No checksum or
 * segmentation offload: every frame is complete and at most the MTU.
 */
#include "virtio.h"

#define VIRTIO_NET_F_MAC	5
#define VIRTIO_NET_F_STATUS	16
#define VIRTIO_NET_S_LINK_UP	1

#define NET_QUEUE_SIZE		256
#define NET_RXQ			0
#define NET_TXQ			1
#define NET_TX_INFLIGHT		64
#define NET_CONFIG_SIZE		8	/* mac[6], status */

struct vnet {
	struct ab_virtio_dev vd;	/* first */
	const struct ab_net_host *host;
	struct ab_net_tx tx[NET_TX_INFLIGHT];
	struct ab_net_tx *stalled;
	bool warned;
};

static struct vnet vnet_dev;		/* one interface */

static struct vnet *to_vnet(struct ab_virtio_dev *vd)
{
	return (struct vnet *)vd;
}

static uint8_t vnet_config_read(struct ab_virtio_dev *vd, unsigned int off)
{
	struct vnet *n = to_vnet(vd);

	if (off < 6)
		return n->host->mac[off];
	return off == 6 ? VIRTIO_NET_S_LINK_UP : 0;
}

static void vnet_warn(struct vnet *n, const char *what)
{
	if (!n->warned)
		afterburn_printk("afterburn: virtio-net: %s; frame dropped\n", what);
	n->warned = true;
}

void ab_virtio_net_tx_done(struct ab_virtio_dev *vd, struct ab_net_tx *t)
{
	t->busy = false;
	if (t->stale)
		t->stale = false;	/* sent before a reset: forget it */
	else
		ab_vq_push(vd, NET_TXQ, t->head, 0);
}

/* Chain -> frame: the header, then the rest of the readable bytes. */
static bool vnet_parse_tx(struct vnet *n, const struct ab_vq_chain *c,
			  struct ab_net_tx *t)
{
	size_t skip = sizeof(t->hdr);
	unsigned int i;

	t->head = c->head;
	t->nfrag = 0;
	t->len = 0;
	if (ab_vq_copy_from(c, 0, &t->hdr, sizeof(t->hdr)) != sizeof(t->hdr))
		return false;
	for (i = 0; i < c->n; i++) {
		uint64_t pa = c->e[i].pa;
		uint32_t len = c->e[i].len;

		if (c->e[i].write)
			continue;
		if (skip) {
			uint32_t k = skip < len ? skip : len;

			pa += k;
			len -= k;
			skip -= k;
		}
		while (len) {
			uint32_t piece = 4096 - (pa & 4095);

			if (piece > len)
				piece = len;
			if (t->nfrag == AB_NET_MAX_FRAGS)
				return false;
			t->frag[t->nfrag].pa = pa;
			t->frag[t->nfrag].len = piece;
			t->nfrag++;
			t->len += piece;
			pa += piece;
			len -= piece;
		}
	}
	return t->len != 0;
}

static struct ab_net_tx *vnet_free_tx(struct vnet *n)
{
	unsigned int i;

	for (i = 0; i < NET_TX_INFLIGHT; i++)
		if (!n->tx[i].busy)
			return &n->tx[i];
	return 0;
}

static void vnet_process_tx(struct vnet *n)
{
	struct ab_vq_chain c;
	struct ab_net_tx *t;

	if (n->stalled) {
		if (n->host->tx(n->host->ctx, n->stalled))
			return;
		n->stalled = 0;
	}
	while ((t = vnet_free_tx(n))) {
		if (ab_vq_pop(&n->vd, NET_TXQ, &c) <= 0)
			return;
		t->busy = true;
		if (!vnet_parse_tx(n, &c, t)) {
			vnet_warn(n, "malformed transmit chain");
			ab_virtio_net_tx_done(&n->vd, t);
			continue;
		}
		if (n->host->tx(n->host->ctx, t)) {
			n->stalled = t;
			return;
		}
	}
}

bool ab_virtio_net_rx(struct ab_virtio_dev *vd, const struct virtio_net_hdr *hdr,
		      const void *const *piece, const uint32_t *len,
		      unsigned int npieces)
{
	struct vnet *n = to_vnet(vd);
	struct ab_vq_chain c;
	size_t off, total = 0;
	unsigned int i;
	int rc;

	for (i = 0; i < npieces; i++)
		total += len[i];
	rc = ab_vq_pop(vd, NET_RXQ, &c);
	if (rc == 0)
		return false;
	if (rc < 0)
		return true;		/* queue broken: the frame is lost */
	if (ab_vq_len(&c, true) < sizeof(*hdr) + total) {
		vnet_warn(n, "receive buffer smaller than the frame");
		ab_vq_push(vd, NET_RXQ, c.head, 0);
		return true;
	}
	off = ab_vq_copy_to(&c, 0, hdr, sizeof(*hdr));
	for (i = 0; i < npieces; i++)
		off += ab_vq_copy_to(&c, off, piece[i], len[i]);
	ab_vq_push(vd, NET_RXQ, c.head, off);
	return true;
}

static void vnet_notify(struct ab_virtio_dev *vd, unsigned int q)
{
	struct vnet *n = to_vnet(vd);

	if (q == NET_TXQ)
		vnet_process_tx(n);
	else if (n->host->rx_ready)
		n->host->rx_ready(n->host->ctx);
}

static void vnet_poll(struct ab_virtio_dev *vd)
{
	struct vnet *n = to_vnet(vd);

	n->host->poll(n->host->ctx);
	vnet_process_tx(n);
}

static void vnet_reset(struct ab_virtio_dev *vd)
{
	struct vnet *n = to_vnet(vd);
	unsigned int i;

	/* Frames still at the host complete into a device that forgot them. */
	for (i = 0; i < NET_TX_INFLIGHT; i++)
		n->tx[i].stale = n->tx[i].busy;
	if (n->stalled)
		n->stalled->busy = n->stalled->stale = false;
	n->stalled = 0;
	if (n->host->ready)
		n->host->ready(n->host->ctx, false);
}

static void vnet_ready(struct ab_virtio_dev *vd)
{
	struct vnet *n = to_vnet(vd);

	if (n->host->ready)
		n->host->ready(n->host->ctx, true);
}

static const struct ab_virtio_ops vnet_ops = {
	.config_read	= vnet_config_read,
	.notify		= vnet_notify,
	.poll		= vnet_poll,
	.reset		= vnet_reset,
	.ready		= vnet_ready,
};

struct ab_virtio_dev *ab_virtio_net_create(const struct ab_net_host *host)
{
	struct vnet *n = &vnet_dev;

	ab_memset(n, 0, sizeof(*n));
	n->host = host;
	n->vd.ops = &vnet_ops;
	n->vd.name = "virtio-net";
	n->vd.host_features = 1u << VIRTIO_NET_F_MAC | 1u << VIRTIO_NET_F_STATUS;
	n->vd.config_size = NET_CONFIG_SIZE;
	n->vd.nqueues = 2;
	n->vd.vq[NET_RXQ].max = NET_QUEUE_SIZE;
	n->vd.vq[NET_TXQ].max = NET_QUEUE_SIZE;
	n->vd.pci.class_rev = 0x02000000;		/* network, Ethernet */
	if (ab_virtio_register(&n->vd, VIRTIO_PCI_DEVICE_NET, VIRTIO_ID_NET))
		return 0;
	return &n->vd;
}
