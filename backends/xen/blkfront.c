// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The virtio-blk model's host disk on Xen: a blkif ring to dom0's blkback
 * (Xen's public io/blkif.h protocol).  Connected at boot, before the guest
 * runs: the device then exists on the PCI bus with the backend's
 * capacity, or does not exist and a message says why.
 *
 * Each request of the model (its data in guest pages) becomes one ring
 * request per 11 segments; each segment grants blkback one guest page
 * (read-only for writes), so data moves without a copy in the guest.
 * Completions are collected when the guest's interrupt handler reads the
 * device's ISR (ab_blk_host.poll): the event channel's upcall is that
 * interrupt (evtchn.c).
 */
#include "ring.h"
#include <xen/io/blkif.h>
#include "devices/virtio.h"

#define BF_CONNECT_NS	30000000000ull	/* backend states: 30 s each */
#define BF_SHADOW	__CONST_RING_SIZE(blkif, 4096)	/* ring slots: 32 */
#define BF_REQS		32		/* model requests in flight */

struct bf_shadow {
	struct ab_blk_req *r;		/* 0: free */
	uint8_t nseg;
	int16_t gref[BLKIF_MAX_SEGMENTS_PER_REQUEST];
};

struct bf_req {				/* a model request, across ring requests */
	struct ab_blk_req *r;
	uint8_t left;
	bool err;
};

static struct blkfront {
	char dev[32], be[96];		/* xenstore paths */
	uint16_t be_id, vdev;
	uint32_t port;
	blkif_front_ring_t ring;
	struct bf_shadow shadow[BF_SHADOW];
	struct bf_req req[BF_REQS];
	struct ab_blk_host host;
	struct ab_virtio_dev *vd;
} bf;

static struct bf_req *bf_req_of(struct ab_blk_req *r, bool alloc)
{
	unsigned int i;

	for (i = 0; i < BF_REQS; i++)
		if (bf.req[i].r == (alloc ? 0 : r))
			return &bf.req[i];
	return 0;
}

static int bf_free_shadow(void)
{
	unsigned int i;

	for (i = 0; i < BF_SHADOW; i++)
		if (!bf.shadow[i].r)
			return i;
	return -1;
}

static int bf_submit(void *ctx, struct ab_blk_req *r)
{
	unsigned int parts = r->op == AB_BLK_FLUSH ? 1 :
		(r->nseg + BLKIF_MAX_SEGMENTS_PER_REQUEST - 1) / BLKIF_MAX_SEGMENTS_PER_REQUEST;
	unsigned int seg = 0, i;
	uint64_t sector = r->sector;
	struct bf_req *q;
	int notify;

	if (!parts)
		parts = 1;
	if (RING_FREE_REQUESTS(&bf.ring) < parts ||
	    ab_xen_grant_free_count() < r->nseg || !(q = bf_req_of(r, true)))
		return -1;	/* the model retries after a completion */
	q->r = r;
	q->left = parts;
	q->err = false;
	while (parts--) {
		blkif_request_t *req = RING_GET_REQUEST(&bf.ring, bf.ring.req_prod_pvt);
		int id = bf_free_shadow();
		struct bf_shadow *sh = &bf.shadow[id];
		unsigned int n = r->nseg - seg;

		if (n > BLKIF_MAX_SEGMENTS_PER_REQUEST)
			n = BLKIF_MAX_SEGMENTS_PER_REQUEST;
		sh->r = r;
		sh->nseg = n;
		req->id = id;
		req->handle = bf.vdev;
		req->nr_segments = n;
		req->sector_number = sector;
		req->operation = r->op == AB_BLK_READ ? BLKIF_OP_READ :
				 r->op == AB_BLK_WRITE ? BLKIF_OP_WRITE :
				 BLKIF_OP_FLUSH_DISKCACHE;
		for (i = 0; i < n; i++, seg++) {
			const struct ab_blk_seg *s = &r->seg[seg];
			unsigned int first = (s->pa & 4095) >> 9;

			sh->gref[i] = ab_xen_grant(bf.be_id, s->pa, r->op == AB_BLK_WRITE);
			req->seg[i].gref = sh->gref[i];
			req->seg[i].first_sect = first;
			req->seg[i].last_sect = first + (s->len >> 9) - 1;
			sector += s->len >> 9;
		}
		bf.ring.req_prod_pvt++;
	}
	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&bf.ring, notify);
	if (notify)
		ab_xen_event_send(bf.port);
	return 0;
}

static void bf_poll(void *ctx)
{
	RING_IDX rp, i;
	int more;

	ab_xen_evtchn_ack(bf.port);
	do {
		rp = bf.ring.sring->rsp_prod;
		xen_rmb();	/* the responses after the index */
		for (i = bf.ring.rsp_cons; i != rp; i++) {
			blkif_response_t *rsp = RING_GET_RESPONSE(&bf.ring, i);
			struct ab_blk_req *r;
			struct bf_shadow *sh;
			struct bf_req *q;
			unsigned int k;

			if (rsp->id >= BF_SHADOW || !bf.shadow[rsp->id].r)
				continue;	/* not ours: ignore */
			sh = &bf.shadow[rsp->id];
			for (k = 0; k < sh->nseg; k++)
				ab_xen_grant_end(sh->gref[k]);
			q = bf_req_of(sh->r, false);
			sh->r = 0;
			if (!q)
				continue;
			if (rsp->status != BLKIF_RSP_OKAY)
				q->err = true;
			if (--q->left)
				continue;
			r = q->r;
			q->r = 0;
			ab_virtio_blk_done(bf.vd, r, q->err ? AB_BLK_IOERR : AB_BLK_OK);
		}
		bf.ring.rsp_cons = rp;
		RING_FINAL_CHECK_FOR_RESPONSES(&bf.ring, more);
	} while (more);
}

/*
 * The driver is up: its events may now interrupt it.  Our port was masked
 * until now; unmasking raises what came meanwhile.  At a reset the port
 * is masked again.
 */
static void bf_ready(void *ctx, bool up)
{
	if (!up) {
		ab_xen_evtchn_mask(bf.port);
		return;
	}
	ab_xen_irq_pci_ready();
	ab_xen_evtchn_unmask(bf.port);
}

static int bf_path(char *buf, size_t size, const char *dir, const char *leaf)
{
	int n = ab_snprintf(buf, size, "%s/%s", dir, leaf);

	return n > 0 && (size_t)n < size ? 0 : -1;
}

static int bf_read(const char *dir, const char *leaf, unsigned long *v)
{
	char p[128];

	if (bf_path(p, sizeof(p), dir, leaf))
		return -1;
	return ab_xs_read_ulong(p, v);
}

static int bf_write(const char *dir, const char *leaf, const char *v)
{
	char p[128];

	if (bf_path(p, sizeof(p), dir, leaf))
		return -1;
	return ab_xs_write(p, v);
}

static int bf_write_ulong(const char *dir, const char *leaf, unsigned long v)
{
	char p[128];

	if (bf_path(p, sizeof(p), dir, leaf))
		return -1;
	return ab_xs_write_ulong(p, v);
}

static int bf_fail(const char *what, long rc)
{
	afterburn_printk("afterburn: xen: disk %s: %s (%ld); no disk\n",
			 bf.dev, what, rc);
	return -1;
}

/* Wait for the backend's state `want', naming what it was if it never came. */
static int bf_wait(unsigned long want, const char *what)
{
	char p[128];
	long last;
	int rc;

	bf_path(p, sizeof(p), bf.be, "state");
	rc = ab_xs_wait_state(p, want, BF_CONNECT_NS, &last);
	if (rc == -110)
		afterburn_printk("afterburn: xen: disk %s: backend %s did not reach %s in %llu s (state %ld); no disk\n",
				 bf.dev, bf.be, what, BF_CONNECT_NS / 1000000000ull, last);
	else if (rc)
		afterburn_printk("afterburn: xen: disk %s: backend %s is closing (state %ld); no disk\n",
				 bf.dev, bf.be, last);
	return rc;
}

/*
 * Connect device/vbd/<id> (the toolstack wrote it and the backend's
 * directory) and create the virtio-blk device on it.  0, or < 0 with a
 * message on the console.
 */
int ab_xen_blkfront_init(const char *id)
{
	unsigned long v, info = 0, sectors, ssize = 512, flush = 0;
	blkif_sring_t *sring;
	uint64_t ring_pa;
	int ref, rc;

	ab_memset(&bf, 0, sizeof(bf));
	ab_snprintf(bf.dev, sizeof(bf.dev), "device/vbd/%s", id);
	if (bf_path(bf.be, sizeof(bf.be), bf.dev, "backend") ||
	    ab_xs_read(bf.be, bf.be, sizeof(bf.be)) <= 0)
		return bf_fail("no backend path", -22);
	if (bf_read(bf.dev, "backend-id", &v))
		return bf_fail("no backend-id", -22);
	bf.be_id = v;
	if (bf_read(bf.dev, "virtual-device", &v))
		v = 0;
	bf.vdev = v;
	if (bf_wait(XB_INITWAIT, "InitWait"))
		return -1;

	sring = ab_xen_page_alloc(1, &ring_pa);
	if (!sring)
		return bf_fail("no memory for the ring", -12);
	SHARED_RING_INIT(sring);
	FRONT_RING_INIT(&bf.ring, sring, 4096);
	ref = ab_xen_grant(bf.be_id, ring_pa, false);
	if (ref < 0)
		return bf_fail("no grant for the ring", -28);
	rc = ab_xen_evtchn_alloc(bf.be_id, &bf.port);
	if (rc)
		return bf_fail("event channel", rc);
	if (bf_write_ulong(bf.dev, "ring-ref", ref) ||
	    bf_write_ulong(bf.dev, "event-channel", bf.port) ||
	    bf_write(bf.dev, "protocol", XEN_IO_PROTO_ABI_X86_64) ||
	    bf_write_ulong(bf.dev, "state", XB_INITIALISED))
		return bf_fail("writing the frontend's keys", -5);
	if (bf_wait(XB_CONNECTED, "Connected"))
		return -1;
	if (bf_read(bf.be, "sectors", &sectors))
		return bf_fail("backend gave no size", -22);
	bf_read(bf.be, "info", &info);
	bf_read(bf.be, "sector-size", &ssize);
	bf_read(bf.be, "feature-flush-cache", &flush);
	if (ssize != 512)
		return bf_fail("sector size is not 512", (long)ssize);
	if (bf_write_ulong(bf.dev, "state", XB_CONNECTED))
		return bf_fail("writing state", -5);

	bf.host.sectors = sectors;
	bf.host.readonly = info & VDISK_READONLY;
	bf.host.flush = flush;
	bf.host.submit = bf_submit;
	bf.host.poll = bf_poll;
	bf.host.ready = bf_ready;
	bf.vd = ab_virtio_blk_create(&bf.host);
	if (!bf.vd)
		return bf_fail("no PCI slot", -28);
	afterburn_printk("afterburn: xen: disk %s: %lu sectors%s%s, backend %s, virtio-blk at PCI 00:%02x.0\n",
			 bf.dev, sectors, bf.host.readonly ? ", read-only" : "",
			 flush ? ", write cache" : "", bf.be, bf.vd->pci.slot);
	return 0;
}
