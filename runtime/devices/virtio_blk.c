// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * virtio-blk (virtio 5.2, legacy layout) on a host disk (struct
 * ab_blk_host).  One request queue; each chain is a 16-byte header
 * (type, priority, sector), the data buffers and a status byte.  The data
 * is handed to the host as guest-physical pieces, each inside one page
 * and a multiple of 512 bytes -- what a split-driver ring (blkif) carries
 * per segment -- so the host never copies.
 *
 * Offered: SIZE_MAX (4096: a buffer spans at most two pages) and SEG_MAX,
 * FLUSH when the host has a write cache, RO when it is read-only, and
 * indirect descriptors (one ring slot per request).
 */
#include "virtio.h"

#define VIRTIO_BLK_F_SIZE_MAX	1
#define VIRTIO_BLK_F_SEG_MAX	2
#define VIRTIO_BLK_F_RO		5
#define VIRTIO_BLK_F_FLUSH	9

#define VIRTIO_BLK_T_IN		0
#define VIRTIO_BLK_T_OUT	1
#define VIRTIO_BLK_T_FLUSH	4

#define BLK_QUEUE_SIZE		128
#define BLK_SEG_MAX		32	/* data buffers per request */
#define BLK_SIZE_MAX		4096
#define BLK_REQS		32	/* requests in flight at the host */
#define BLK_CONFIG_SIZE		20	/* capacity, size_max, seg_max, geometry */

struct vblk {
	struct ab_virtio_dev vd;	/* first */
	const struct ab_blk_host *host;
	struct ab_blk_req req[BLK_REQS];
	struct ab_blk_req *stalled;	/* popped, refused by a full host */
	bool warned;
};

static struct vblk vblk_dev;		/* one disk */

static struct vblk *to_vblk(struct ab_virtio_dev *vd)
{
	return (struct vblk *)vd;
}

static uint8_t vblk_config_read(struct ab_virtio_dev *vd, unsigned int off)
{
	struct vblk *b = to_vblk(vd);
	uint32_t v;

	if (off < 8)
		return b->host->sectors >> (8 * off);
	if (off < 12)
		v = BLK_SIZE_MAX;
	else if (off < 16)
		v = BLK_SEG_MAX;
	else
		v = 0;			/* geometry: not offered */
	return v >> (8 * (off & 3));
}

static void vblk_complete(struct vblk *b, struct ab_blk_req *r, int status)
{
	uint8_t *st;

	r->busy = false;
	if (r->stale) {
		r->stale = false;
		return;
	}
	st = ab_dev_host->guest_ptr(r->status_pa, 1);
	if (st)
		*st = status;
	ab_vq_push(&b->vd, 0, r->head, r->bytes + 1);
}

void ab_virtio_blk_done(struct ab_virtio_dev *vd, struct ab_blk_req *r, int status)
{
	vblk_complete(to_vblk(vd), r, status);
}

static void vblk_warn(struct vblk *b, const char *what, uint64_t pa, uint32_t len)
{
	if (b->warned)
		return;
	b->warned = true;
	afterburn_printk("afterburn: virtio-blk: %s (buffer 0x%llx+%u); I/O error\n",
			 what, (unsigned long long)pa, len);
}

/* Add guest buffer [pa, pa+len) to r as pieces that do not cross pages. */
static bool vblk_add_buffer(struct vblk *b, struct ab_blk_req *r, uint64_t pa,
			    uint32_t len)
{
	if ((pa | len) & 511) {
		vblk_warn(b, "buffer not in whole 512-byte sectors", pa, len);
		return false;
	}
	while (len) {
		uint32_t n = 4096 - (pa & 4095);

		if (n > len)
			n = len;
		if (r->nseg == AB_BLK_MAX_SEGS) {
			vblk_warn(b, "request has too many pieces", pa, len);
			return false;
		}
		r->seg[r->nseg].pa = pa;
		r->seg[r->nseg].len = n;
		r->nseg++;
		r->bytes += n;
		pa += n;
		len -= n;
	}
	return true;
}

/*
 * Chain -> request.  The header is the first 16 readable bytes, the status
 * the last writable byte; the data is what lies between (readable for a
 * write, writable for a read).  0: start it; AB_BLK_IOERR/UNSUPP: answer
 * that at once; -1: no status byte to answer in.
 */
static int vblk_parse(struct vblk *b, const struct ab_vq_chain *c,
		      struct ab_blk_req *r)
{
	struct {
		uint32_t type, ioprio;
		uint64_t sector;
	} hdr;
	size_t skip = sizeof(hdr), wlen = ab_vq_len(c, true);
	size_t wdata = wlen ? wlen - 1 : 0;
	unsigned int i;
	bool out;

	r->head = c->head;
	r->nseg = 0;
	r->bytes = 0;
	if (ab_vq_copy_from(c, 0, &hdr, sizeof(hdr)) != sizeof(hdr) || !wlen)
		return -1;		/* no header or no status byte */
	for (i = c->n; i-- > 0;)
		if (c->e[i].write && c->e[i].len) {
			r->status_pa = c->e[i].pa + c->e[i].len - 1;
			break;
		}
	r->sector = hdr.sector;
	switch (hdr.type) {
	case VIRTIO_BLK_T_IN:
	case VIRTIO_BLK_T_OUT:
		out = hdr.type == VIRTIO_BLK_T_OUT;
		r->op = out ? AB_BLK_WRITE : AB_BLK_READ;
		for (i = 0; i < c->n; i++) {
			const struct ab_vq_elem *e = &c->e[i];
			uint64_t pa = e->pa;
			uint32_t len = e->len;

			if (e->write != !out)
				continue;
			if (out && skip) {	/* the header's bytes */
				uint32_t k = skip < len ? skip : len;

				pa += k;
				len -= k;
				skip -= k;
			}
			if (!out) {		/* the status byte's */
				if (len > wdata)
					len = wdata;
				wdata -= len;
			}
			if (len && !vblk_add_buffer(b, r, pa, len))
				return AB_BLK_IOERR;
		}
		if (out && b->host->readonly)
			return AB_BLK_IOERR;
		if (r->sector + r->bytes / 512 > b->host->sectors ||
		    r->sector + r->bytes / 512 < r->sector)
			return AB_BLK_IOERR;
		return 0;
	case VIRTIO_BLK_T_FLUSH:
		r->op = AB_BLK_FLUSH;
		return 0;
	default:
		return AB_BLK_UNSUPP;
	}
}

static struct ab_blk_req *vblk_free_req(struct vblk *b)
{
	unsigned int i;

	for (i = 0; i < BLK_REQS; i++)
		if (!b->req[i].busy)
			return &b->req[i];
	return 0;
}

/* Take requests from the queue and start them while the host has room. */
static void vblk_process(struct vblk *b)
{
	struct ab_vq_chain c;
	struct ab_blk_req *r;
	int rc;

	if (b->stalled) {
		if (b->host->submit(b->host->ctx, b->stalled))
			return;
		b->stalled = 0;
	}
	while ((r = vblk_free_req(b))) {
		if (ab_vq_pop(&b->vd, 0, &c) <= 0)
			return;
		r->busy = true;
		rc = vblk_parse(b, &c, r);
		if (rc < 0) {
			/* no status byte to report in: give the chain back */
			ab_vq_push(&b->vd, 0, c.head, 0);
			r->busy = false;
			continue;
		}
		if (rc) {
			r->bytes = 0;
			vblk_complete(b, r, rc);
			continue;
		}
		if (r->op == AB_BLK_FLUSH && !b->host->flush) {
			vblk_complete(b, r, AB_BLK_OK);	/* nothing cached */
			continue;
		}
		if (r->op == AB_BLK_WRITE)
			r->bytes = 0;	/* the used length counts bytes written */
		if (b->host->submit(b->host->ctx, r)) {
			b->stalled = r;
			return;
		}
	}
}

static void vblk_notify(struct ab_virtio_dev *vd, unsigned int q)
{
	vblk_process(to_vblk(vd));
}

static void vblk_poll(struct ab_virtio_dev *vd)
{
	struct vblk *b = to_vblk(vd);

	b->host->poll(b->host->ctx);
	vblk_process(b);
}

static void vblk_reset(struct ab_virtio_dev *vd)
{
	struct vblk *b = to_vblk(vd);
	unsigned int i;

	/* Requests still at the host complete into a device that forgot
	   them: their buffers may be gone, so nothing is written then. */
	for (i = 0; i < BLK_REQS; i++)
		b->req[i].stale = b->req[i].busy;
	if (b->stalled)
		b->stalled->busy = b->stalled->stale = false;
	b->stalled = 0;
	if (b->host->ready)
		b->host->ready(b->host->ctx, false);
}

static void vblk_ready(struct ab_virtio_dev *vd)
{
	struct vblk *b = to_vblk(vd);

	if (b->host->ready)
		b->host->ready(b->host->ctx, true);
}

static const struct ab_virtio_ops vblk_ops = {
	.config_read	= vblk_config_read,
	.notify		= vblk_notify,
	.poll		= vblk_poll,
	.reset		= vblk_reset,
	.ready		= vblk_ready,
};

struct ab_virtio_dev *ab_virtio_blk_create(const struct ab_blk_host *host)
{
	struct vblk *b = &vblk_dev;

	ab_memset(b, 0, sizeof(*b));
	b->host = host;
	b->vd.ops = &vblk_ops;
	b->vd.name = "virtio-blk";
	b->vd.host_features = 1u << VIRTIO_BLK_F_SIZE_MAX |
			      1u << VIRTIO_BLK_F_SEG_MAX |
			      1u << VIRTIO_F_INDIRECT_DESC |
			      (host->flush ? 1u << VIRTIO_BLK_F_FLUSH : 0) |
			      (host->readonly ? 1u << VIRTIO_BLK_F_RO : 0);
	b->vd.config_size = BLK_CONFIG_SIZE;
	b->vd.nqueues = 1;
	b->vd.vq[0].max = BLK_QUEUE_SIZE;
	b->vd.pci.class_rev = 0x01000000;		/* mass storage, SCSI: as QEMU */
	if (ab_virtio_register(&b->vd, VIRTIO_PCI_DEVICE_BLK, VIRTIO_ID_BLK))
		return 0;
	return &b->vd;
}
