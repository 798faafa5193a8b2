// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * virtio-blk and virtio-net behind the legacy PCI transport, driven the way
 * Linux's virtio_pci_legacy + virtio_ring drive them (status handshake,
 * features, queue PFN, avail/used rings, indirect tables, ISR in the
 * interrupt handler), on fake hosts: a RAM disk that completes when polled
 * (as a split-driver ring does) with room for only a few requests, and a
 * link that records what is sent and offers frames to receive.
 */
#include "testlib.h"
#include "../virtio.h"

/* ---- a fake driver ---------------------------------------------------- */
struct vq_drv {
	uint64_t pa;			/* ring in guest memory */
	uint16_t num, next_desc, avail_idx, used_seen;
};

struct drv {
	unsigned int slot;
	uint16_t io;
	struct vq_drv q[2];
};

static uint64_t galloc_top = 0x10000;	/* bump allocator in gmem */
static uint64_t galloc(size_t n, size_t align)
{
	uint64_t pa = (galloc_top + align - 1) & ~(uint64_t)(align - 1);

	galloc_top = pa + n;
	if (galloc_top > GMEM_SIZE) { fprintf(stderr, "gmem full\n"); exit(2); }
	memset(gmem + pa, 0, n);
	return pa;
}

static struct vring_desc *desc(struct vq_drv *q) { return (void *)(gmem + q->pa); }
static uint16_t *avail(struct vq_drv *q) { return (void *)(gmem + q->pa + 16 * q->num); }
static uint16_t *used(struct vq_drv *q)
{
	size_t off = (16 * q->num + 2 * (3 + q->num) + 4095) & ~4095ul;

	return (void *)(gmem + q->pa + off);
}

/* Find the function by scanning bus 0 for subsystem ID `id', enable it. */
static void drv_probe(struct drv *d, uint16_t id, uint32_t want_features)
{
	unsigned int slot, i;

	memset(d, 0, sizeof(*d));
	for (slot = 1; slot < 32; slot++)
		if (cfg_read(slot, 0, 2) == 0x1af4 && cfg_read(slot, 0x2e, 2) == id)
			break;
	CHECK(slot < 32);
	d->slot = slot;
	d->io = cfg_read(slot, 0x10, 4) & ~3u;
	cfg_write(slot, 0x04, 2, 0x05);		/* I/O + bus master */
	outb(d->io + VIRTIO_PCI_STATUS, 0);	/* reset */
	outb(d->io + VIRTIO_PCI_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
	outb(d->io + VIRTIO_PCI_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	outl(d->io + VIRTIO_PCI_GUEST_FEATURES,
	     inl(d->io + VIRTIO_PCI_HOST_FEATURES) & want_features);
	for (i = 0; i < 2; i++) {
		struct vq_drv *q = &d->q[i];
		size_t size;

		outw(d->io + VIRTIO_PCI_QUEUE_SEL, i);
		q->num = inw(d->io + VIRTIO_PCI_QUEUE_NUM);
		if (!q->num)
			continue;
		size = ((16 * q->num + 2 * (3 + q->num) + 4095) & ~4095ul) + 6 + 8 * q->num;
		q->pa = galloc(size, 4096);
		outl(d->io + VIRTIO_PCI_QUEUE_PFN, q->pa >> 12);
	}
	outb(d->io + VIRTIO_PCI_STATUS, VIRTIO_STATUS_ACKNOWLEDGE |
	     VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_DRIVER_OK);
}

struct buf { uint64_t pa; uint32_t len; bool write; };

/* Post a chain, directly or through an indirect table; returns its head. */
static uint16_t drv_post(struct drv *d, unsigned int qi, const struct buf *b,
			 unsigned int n, bool indirect, bool kick)
{
	struct vq_drv *q = &d->q[qi];
	struct vring_desc *t;
	uint16_t head = q->next_desc;
	unsigned int i;

	if (indirect) {
		uint64_t tpa = galloc(16 * n, 16);

		t = (void *)(gmem + tpa);
		for (i = 0; i < n; i++)
			t[i] = (struct vring_desc){ b[i].pa, b[i].len,
				(b[i].write ? VRING_DESC_F_WRITE : 0) |
				(i + 1 < n ? VRING_DESC_F_NEXT : 0), i + 1 };
		desc(q)[head] = (struct vring_desc){ tpa, 16 * n, VRING_DESC_F_INDIRECT, 0 };
		q->next_desc = (head + 1) % q->num;
	} else {
		for (i = 0; i < n; i++) {
			uint16_t k = (head + i) % q->num;


			desc(q)[k] = (struct vring_desc){ b[i].pa, b[i].len,
				(b[i].write ? VRING_DESC_F_WRITE : 0) |
				(i + 1 < n ? VRING_DESC_F_NEXT : 0), (k + 1) % q->num };
		}
		q->next_desc = (head + n) % q->num;
	}
	avail(q)[2 + q->avail_idx % q->num] = head;
	avail(q)[1] = ++q->avail_idx;
	if (kick)
		outw(d->io + VIRTIO_PCI_QUEUE_NOTIFY, qi);
	return head;
}

/* Next used element, or -1. */
static int drv_used(struct drv *d, unsigned int qi, uint32_t *len)
{
	struct vq_drv *q = &d->q[qi];
	struct vring_used_elem *e;

	if (used(q)[1] == q->used_seen)
		return -1;
	e = (struct vring_used_elem *)(used(q) + 2) + q->used_seen++ % q->num;
	if (len)
		*len = e->len;
	return e->id;
}

/* ---- the fake disk ---------------------------------------------------------- */
#define DISK_SECTORS 64
static uint8_t disk[DISK_SECTORS * 512];
static struct ab_virtio_dev *blk;
static struct ab_blk_req *queued[8];
static unsigned int nqueued, disk_room = 2, flushes, max_nseg;

static int disk_submit(void *ctx, struct ab_blk_req *r)
{
	if (nqueued == disk_room)
		return -1;
	queued[nqueued++] = r;
	if (r->nseg > max_nseg)
		max_nseg = r->nseg;
	return 0;
}

static void disk_poll(void *ctx)
{
	unsigned int i, k;

	for (i = 0; i < nqueued; i++) {
		struct ab_blk_req *r = queued[i];
		uint64_t off = r->sector * 512;

		for (k = 0; k < r->nseg; k++) {
			CHECK((r->seg[k].pa & 4095) + r->seg[k].len <= 4096);
			if (r->op == AB_BLK_WRITE)
				memcpy(disk + off, gmem + r->seg[k].pa, r->seg[k].len);
			else if (r->op == AB_BLK_READ)
				memcpy(gmem + r->seg[k].pa, disk + off, r->seg[k].len);
			off += r->seg[k].len;
		}
		if (r->op == AB_BLK_FLUSH)
			flushes++;
		ab_virtio_blk_done(blk, r, AB_BLK_OK);
	}
	nqueued = 0;
}

static const struct ab_blk_host disk_host = {
	.sectors = DISK_SECTORS, .flush = true,
	.submit = disk_submit, .poll = disk_poll,
};

struct blk_io { uint64_t hdr, data, status; uint16_t head; };

static struct blk_io blk_req(struct drv *d, uint32_t type, uint64_t sector,
			     uint64_t data, uint32_t len, bool indirect)
{
	struct blk_io io = { galloc(16, 16), data, galloc(1, 1), 0 };
	struct buf b[3];
	unsigned int n = 0;

	memcpy(gmem + io.hdr, &type, 4);
	memcpy(gmem + io.hdr + 8, &sector, 8);
	gmem[io.status] = 0xee;
	b[n++] = (struct buf){ io.hdr, 16, false };
	if (len)
		b[n++] = (struct buf){ data, len, type == 0 };
	b[n++] = (struct buf){ io.status, 1, true };
	io.head = drv_post(d, 0, b, n, indirect, true);
	return io;
}

static void test_blk(void)
{
	struct drv d;
	uint64_t wbuf = galloc(8192, 4096), rbuf = galloc(8192, 4096);
	uint32_t feat, len;
	struct blk_io a, b, c, f;
	unsigned int i;

	blk = ab_virtio_blk_create(&disk_host);
	CHECK(blk != NULL);
	drv_probe(&d, VIRTIO_ID_BLK, ~0u);
	feat = inl(d.io + VIRTIO_PCI_GUEST_FEATURES);
	CHECK(feat & 1u << 9);			/* FLUSH */
	CHECK(feat & 1u << VIRTIO_F_INDIRECT_DESC);
	CHECK(!(feat & 1u << 5));		/* not RO */
	CHECK_EQ(d.q[0].num, 128);
	/* config: capacity, size_max, seg_max, byte by byte as vp_get does */
	uint64_t cap = 0;
	for (i = 0; i < 8; i++)
		cap |= (uint64_t)inb(d.io + VIRTIO_PCI_CONFIG + i) << (8 * i);
	CHECK_EQ(cap, DISK_SECTORS);
	CHECK_EQ(inl(d.io + VIRTIO_PCI_CONFIG + 8), 4096);
	CHECK_EQ(inl(d.io + VIRTIO_PCI_CONFIG + 12), 32);
	/* a narrower read of a common register has no side effects */
	outw(d.io + VIRTIO_PCI_QUEUE_SEL, 0);
	CHECK_EQ(inb(d.io + VIRTIO_PCI_QUEUE_NUM), 128 & 0xff);
	CHECK_EQ(inb(d.io + VIRTIO_PCI_QUEUE_NUM + 1), 0);

	/* write 6 KiB at sector 3 from a buffer that starts mid-page:
	   two pieces per page boundary it crosses */
	for (i = 0; i < 6144; i++)
		gmem[wbuf + 1024 + i] = i * 7 + 1;
	a = blk_req(&d, 1, 3, wbuf + 1024, 6144, true);
	CHECK_EQ(nqueued, 1);
	CHECK_EQ(queued[0]->op, AB_BLK_WRITE);
	CHECK_EQ(queued[0]->sector, 3);
	CHECK_EQ(queued[0]->nseg, 2);
	CHECK_EQ(queued[0]->seg[0].len, 3072);
	/* nothing completes until the interrupt handler reads ISR */
	CHECK_EQ(drv_used(&d, 0, NULL), -1);
	CHECK(!ab_pic_has_pending());
	CHECK_EQ(inb(d.io + VIRTIO_PCI_ISR), 1);
	CHECK_EQ(drv_used(&d, 0, &len), a.head);
	CHECK_EQ(len, 1);
	CHECK_EQ(gmem[a.status], 0);
	CHECK_EQ(inb(d.io + VIRTIO_PCI_ISR), 0);	/* read cleared it */
	CHECK(!ab_pic_has_pending());			/* and raised no line */
	CHECK(!memcmp(disk + 3 * 512, gmem + wbuf + 1024, 6144));

	/* three requests while the host takes two: the third waits in the
	   ring and starts when the first two complete */
	b = blk_req(&d, 0, 3, rbuf, 4096, false);
	c = blk_req(&d, 0, 11, rbuf + 4096, 1024, true);
	f = blk_req(&d, 4, 0, 0, 0, false);		/* flush */
	CHECK_EQ(nqueued, 2);
	CHECK_EQ(inb(d.io + VIRTIO_PCI_ISR), 1);
	CHECK_EQ(drv_used(&d, 0, &len), b.head);
	CHECK_EQ(len, 4097);
	CHECK_EQ(drv_used(&d, 0, &len), c.head);
	CHECK_EQ(drv_used(&d, 0, NULL), -1);
	CHECK_EQ(nqueued, 1);				/* the flush, now */
	CHECK_EQ(queued[0]->op, AB_BLK_FLUSH);
	CHECK_EQ(inb(d.io + VIRTIO_PCI_ISR), 1);
	CHECK_EQ(drv_used(&d, 0, NULL), f.head);
	CHECK_EQ(flushes, 1);
	CHECK(!memcmp(gmem + rbuf, disk + 3 * 512, 4096));
	CHECK(!memcmp(gmem + rbuf + 4096, disk + 11 * 512, 1024));
	CHECK_EQ(gmem[b.status] | gmem[c.status] | gmem[f.status], 0);

	/* bad requests: past the end, unaligned buffer, unknown type */
	a = blk_req(&d, 0, DISK_SECTORS - 1, rbuf, 1024, false);
	b = blk_req(&d, 0, 0, rbuf + 100, 512, false);
	c = blk_req(&d, 8, 0, rbuf, 20, false);		/* GET_ID */
	CHECK_EQ(nqueued, 0);
	CHECK_EQ(gmem[a.status], AB_BLK_IOERR);
	CHECK_EQ(gmem[b.status], AB_BLK_IOERR);
	CHECK_EQ(gmem[c.status], AB_BLK_UNSUPP);
	/* answered at once, outside an ISR read: INTx went up */
	CHECK(ab_pic_has_pending());
	CHECK_EQ(inb(d.io + VIRTIO_PCI_ISR), 1);
	for (i = 0; i < 3; i++)
		CHECK(drv_used(&d, 0, NULL) >= 0);

	/* reset with a request at the host: its completion writes nothing */
	a = blk_req(&d, 0, 0, rbuf, 512, false);
	CHECK_EQ(nqueued, 1);
	outb(d.io + VIRTIO_PCI_STATUS, 0);
	gmem[a.status] = 0xee;
	disk_poll(NULL);
	CHECK_EQ(gmem[a.status], 0xee);
	CHECK_EQ(max_nseg, 2);
}

/* ---- the fake link ------------------------------------------------------------ */
static struct ab_virtio_dev *net;
static struct ab_net_tx *sent[4];
static unsigned int nsent;
static uint8_t frame_out[2048];
static size_t frame_out_len;
static const uint8_t *rx_frame;
static size_t rx_len;
static unsigned int rx_delivered, rx_ready_calls;

static int link_tx(void *ctx, struct ab_net_tx *t)
{
	unsigned int i;

	if (nsent == 4)
		return -1;
	sent[nsent++] = t;
	frame_out_len = 0;
	for (i = 0; i < t->nfrag; i++) {
		CHECK((t->frag[i].pa & 4095) + t->frag[i].len <= 4096);
		memcpy(frame_out + frame_out_len, gmem + t->frag[i].pa, t->frag[i].len);
		frame_out_len += t->frag[i].len;
	}
	CHECK_EQ(frame_out_len, t->len);
	return 0;
}

static void link_offer(void)
{
	struct virtio_net_hdr h = { 0 };
	const void *piece[2] = { rx_frame, rx_frame + 20 };
	uint32_t len[2] = { 20, rx_len - 20 };

	if (rx_frame && ab_virtio_net_rx(net, &h, piece, len, 2)) {
		rx_frame = NULL;
		rx_delivered++;
	}
}

static void link_poll(void *ctx)
{
	unsigned int i;

	for (i = 0; i < nsent; i++)
		ab_virtio_net_tx_done(net, sent[i]);
	nsent = 0;
	link_offer();
}

static void link_rx_ready(void *ctx)
{
	rx_ready_calls++;
	link_offer();
}

static const struct ab_net_host link_host = {
	.mac = { 0x00, 0x16, 0x3e, 0x12, 0x34, 0x56 },
	.tx = link_tx, .poll = link_poll, .rx_ready = link_rx_ready,
};

static void test_net(void)
{
	struct drv d;
	uint8_t frame[1514];
	uint64_t hdr = galloc(10, 16), data = galloc(4096, 4096), rxb;
	uint32_t len;
	unsigned int i;
	uint16_t head;

	net = ab_virtio_net_create(&link_host);
	CHECK(net != NULL);
	drv_probe(&d, VIRTIO_ID_NET, 1u << 5 | 1u << 16);
	CHECK_EQ(d.q[0].num, 256);
	CHECK_EQ(d.q[1].num, 256);
	for (i = 0; i < 6; i++)
		CHECK_EQ(inb(d.io + VIRTIO_PCI_CONFIG + i), link_host.mac[i]);
	CHECK_EQ(inw(d.io + VIRTIO_PCI_CONFIG + 6), 1);	/* link up */

	/* transmit: header, then a frame crossing a page boundary */
	for (i = 0; i < sizeof(frame); i++)
		frame[i] = i ^ 0x5a;
	memcpy(gmem + data + 3000, frame, sizeof(frame));
	struct buf tb[2] = { { hdr, 10, false }, { data + 3000, sizeof(frame), false } };
	head = drv_post(&d, 1, tb, 2, false, true);
	CHECK_EQ(nsent, 1);
	CHECK_EQ(sent[0]->nfrag, 2);
	CHECK_EQ(frame_out_len, sizeof(frame));
	CHECK(!memcmp(frame_out, frame, sizeof(frame)));

	/* receive: a frame waits at the host until the driver posts a buffer */
	rx_frame = frame;
	rx_len = 60;
	CHECK_EQ(inb(d.io + VIRTIO_PCI_ISR), 1);	/* tx done */
	CHECK_EQ(drv_used(&d, 1, NULL), head);
	CHECK_EQ(rx_delivered, 0);
	rxb = galloc(10 + 1518, 16);
	struct buf rb = { rxb, 10 + 1518, true };
	drv_post(&d, 0, &rb, 1, false, true);
	CHECK_EQ(rx_ready_calls, 1);
	CHECK_EQ(rx_delivered, 1);
	/* delivered in the notify: INTx went up, the ISR read reports it */
	CHECK(ab_pic_has_pending());
	CHECK_EQ(inb(d.io + VIRTIO_PCI_ISR), 1);
	CHECK_EQ(drv_used(&d, 0, &len), 0);
	CHECK_EQ(len, 10 + 60);
	CHECK(!memcmp(gmem + rxb + 10, frame, 60));

	/* the driver asks for no interrupts: used, but no ISR bit */
	((uint16_t *)(gmem + d.q[1].pa + 16 * d.q[1].num))[0] = VRING_AVAIL_F_NO_INTERRUPT;
	drv_post(&d, 1, tb, 2, false, true);
	CHECK_EQ(inb(d.io + VIRTIO_PCI_ISR), 0);
	CHECK(drv_used(&d, 1, NULL) >= 0);

	/* a malformed chain (loop) stops that queue, not the machine */
	struct vq_drv *q = &d.q[1];
	desc(q)[5] = (struct vring_desc){ data, 100, VRING_DESC_F_NEXT, 5 };
	avail(q)[2 + q->avail_idx % q->num] = 5;
	avail(q)[1] = ++q->avail_idx;
	outw(d.io + VIRTIO_PCI_QUEUE_NOTIFY, 1);
	CHECK_EQ(nsent, 0);
}

int main(void)
{
	test_setup();
	test_blk();
	test_net();
	return test_done("unit-virtio");
}
