/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Virtio devices behind the legacy ("0.9.5", transitional) PCI interface:
 * registers in I/O BAR 0, virtqueues in guest memory at a page frame the
 * driver writes, INTx interrupts.  Written from the virtio 1.x
 * specification's "Legacy Interfaces" sections (2.6.2, 4.1.4.8, 5.2, 5.1).
 *
 *   virtio_pci.c  the transport: registers, feature and status handshake,
 *                 virtqueue access (descriptor chains, used ring), ISR
 *   virtio_blk.c  a block device on a host disk (struct ab_blk_host)
 *   virtio_net.c  a network interface on a host link (struct ab_net_host)
 *
 * A backend creates the devices it can back (ab_virtio_blk_create, ...),
 * which registers them on the PCI bus (pci.c).  The models never call the
 * platform directly: the host structures below are the whole interface.
 */
#ifndef AB_VIRTIO_H
#define AB_VIRTIO_H

#include "devices.h"
#include <afterburn/runtime.h>

/* ---- the legacy PCI interface ------------------------------------------ */
#define VIRTIO_PCI_VENDOR		0x1af4
#define VIRTIO_PCI_DEVICE_NET		0x1000	/* transitional IDs: 0x1000 + */
#define VIRTIO_PCI_DEVICE_BLK		0x1001
#define VIRTIO_ID_NET			1	/* subsystem device ID */
#define VIRTIO_ID_BLK			2

/* I/O BAR 0 layout without MSI-X */
#define VIRTIO_PCI_HOST_FEATURES	0x00	/* 32, RO */
#define VIRTIO_PCI_GUEST_FEATURES	0x04	/* 32, RW */
#define VIRTIO_PCI_QUEUE_PFN		0x08	/* 32, RW */
#define VIRTIO_PCI_QUEUE_NUM		0x0c	/* 16, RO */
#define VIRTIO_PCI_QUEUE_SEL		0x0e	/* 16, RW */
#define VIRTIO_PCI_QUEUE_NOTIFY		0x10	/* 16, WO */
#define VIRTIO_PCI_STATUS		0x12	/* 8, RW */
#define VIRTIO_PCI_ISR			0x13	/* 8, RO, read clears */
#define VIRTIO_PCI_CONFIG		0x14	/* device-specific */

#define VIRTIO_STATUS_ACKNOWLEDGE	0x01
#define VIRTIO_STATUS_DRIVER		0x02
#define VIRTIO_STATUS_DRIVER_OK		0x04
#define VIRTIO_STATUS_FAILED		0x80

/* transport features (bit numbers) */
#define VIRTIO_F_NOTIFY_ON_EMPTY	24
#define VIRTIO_F_INDIRECT_DESC		28
#define VIRTIO_F_EVENT_IDX		29

/* ---- virtqueues (split layout, 4096-byte alignment) ---------------------- */
#define VRING_DESC_F_NEXT		1
#define VRING_DESC_F_WRITE		2
#define VRING_DESC_F_INDIRECT		4
#define VRING_AVAIL_F_NO_INTERRUPT	1
#define VRING_ALIGN			4096

struct vring_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct vring_used_elem {
	uint32_t id;
	uint32_t len;
};

#define AB_VQ_MAX_ELEMS		64	/* buffers in one chain we accept */

/* One descriptor chain, flattened (indirect tables included). */
struct ab_vq_elem {
	uint64_t pa;
	uint32_t len;
	bool write;			/* device writes it */
};

struct ab_vq_chain {
	uint16_t head;
	unsigned int n;
	struct ab_vq_elem e[AB_VQ_MAX_ELEMS];
};

struct ab_vq {
	uint16_t max;			/* QUEUE_NUM the device offers */
	uint16_t num;			/* 0: not set up */
	uint32_t pfn;
	volatile struct vring_desc *desc;
	volatile uint16_t *avail;	/* flags, idx, ring[num], used_event */
	volatile uint16_t *used;	/* flags, idx, then vring_used_elem[num] */
	uint16_t last_avail;		/* next avail entry to take */
	uint16_t used_idx;		/* our copy of used->idx */
};

/* ---- the transport --------------------------------------------------------- */
struct ab_virtio_dev;

struct ab_virtio_ops {
	/* device-specific config space, byte by byte */
	uint8_t (*config_read)(struct ab_virtio_dev *vd, unsigned int off);
	void (*config_write)(struct ab_virtio_dev *vd, unsigned int off, uint8_t val);
	/* the driver notified queue q */
	void (*notify)(struct ab_virtio_dev *vd, unsigned int q);
	/* about to report ISR: collect what the host has completed */
	void (*poll)(struct ab_virtio_dev *vd);
	/* the driver reset the device (status 0) or set DRIVER_OK */
	void (*reset)(struct ab_virtio_dev *vd);
	void (*ready)(struct ab_virtio_dev *vd);
};

#define AB_VIRTIO_MAX_QUEUES	2

struct ab_virtio_dev {
	struct ab_pci_dev pci;		/* first: the bus hands it back */
	const struct ab_virtio_ops *ops;
	const char *name;		/* "virtio-blk": messages */
	uint32_t host_features, guest_features;
	uint16_t config_size;
	uint16_t queue_sel;
	uint8_t status, isr;
	unsigned int nqueues;
	struct ab_vq vq[AB_VIRTIO_MAX_QUEUES];
};

/* Register vd (ops, name, host_features, config_size, nqueues and each
   vq[].max set; pci IDs set by the device) on the PCI bus. */
int ab_virtio_register(struct ab_virtio_dev *vd, uint16_t pci_device,
		       uint16_t virtio_id);
bool ab_virtio_has(const struct ab_virtio_dev *vd, unsigned int feature);
/* Take the next available chain of queue q: 1, 0 if none, or < 0 if it is
   malformed (reported once; the device then stops taking from q). */
int ab_vq_pop(struct ab_virtio_dev *vd, unsigned int q, struct ab_vq_chain *c);
/* Give a chain back with len bytes written, and interrupt the driver
   unless it asked not to be. */
void ab_vq_push(struct ab_virtio_dev *vd, unsigned int q, uint16_t head,
		uint32_t len);
/* Copy between a chain's buffers and a flat buffer, from byte offset off
   of the readable (write = false) or writable buffers; bytes copied. */
size_t ab_vq_copy_from(const struct ab_vq_chain *c, size_t off, void *dst, size_t n);
size_t ab_vq_copy_to(const struct ab_vq_chain *c, size_t off, const void *src, size_t n);
size_t ab_vq_len(const struct ab_vq_chain *c, bool write);

/* ---- virtio-blk on a host disk ------------------------------------------ */
#define AB_BLK_READ		0
#define AB_BLK_WRITE		1
#define AB_BLK_FLUSH		2
#define AB_BLK_MAX_SEGS		AB_VQ_MAX_ELEMS	/* data pieces of one request */

#define AB_BLK_OK		0
#define AB_BLK_IOERR		1
#define AB_BLK_UNSUPP		2

/* One request for the host: its data as guest-physical pieces, each
   inside one 4 KiB page and a multiple of 512 bytes. */
struct ab_blk_req {
	uint8_t op;
	uint64_t sector;		/* 512-byte units */
	unsigned int nseg;
	struct ab_blk_seg {
		uint64_t pa;
		uint32_t len;
	} seg[AB_BLK_MAX_SEGS];
	/* the model's */
	uint16_t head;
	uint64_t status_pa;
	uint32_t bytes;
	bool busy, stale;
};

struct ab_blk_host {
	uint64_t sectors;		/* capacity in 512-byte sectors */
	bool readonly, flush;		/* flush: it has a write cache to flush */
	void *ctx;
	/* Start r; 0, or -1 if the host has no room now (the model retries
	   after the next completion).  Completion: ab_virtio_blk_done(). */
	int (*submit)(void *ctx, struct ab_blk_req *r);
	/* Report what has completed (called before the driver reads ISR). */
	void (*poll)(void *ctx);
	/* Optional: the driver is up (DRIVER_OK: its interrupt handler is
	   installed) or gone (reset). */
	void (*ready)(void *ctx, bool up);
};

struct ab_virtio_dev *ab_virtio_blk_create(const struct ab_blk_host *host);
void ab_virtio_blk_done(struct ab_virtio_dev *vd, struct ab_blk_req *r, int status);

/* ---- virtio-net on a host link --------------------------------------------- */
/* The legacy header in front of every packet (virtio 5.1.6). */
struct virtio_net_hdr {
	uint8_t flags;
	uint8_t gso_type;
	uint16_t hdr_len;
	uint16_t gso_size;
	uint16_t csum_start;
	uint16_t csum_offset;
};

#define AB_NET_MAX_FRAGS	AB_VQ_MAX_ELEMS

/* One packet to send: the frame as guest-physical pieces. */
struct ab_net_tx {
	struct virtio_net_hdr hdr;
	unsigned int nfrag;
	struct ab_net_frag {
		uint64_t pa;
		uint32_t len;
	} frag[AB_NET_MAX_FRAGS];
	uint32_t len;			/* frame bytes */
	/* the model's */
	uint16_t head;
	bool busy, stale;
};

struct ab_net_host {
	uint8_t mac[6];
	void *ctx;
	/* Send t; 0, or -1 if the host has no room now (retried after the
	   next completion).  Completion: ab_virtio_net_tx_done(). */
	int (*tx)(void *ctx, struct ab_net_tx *t);
	/* Report sent packets and hand received ones to ab_virtio_net_rx(). */
	void (*poll)(void *ctx);
	/* The driver gave the device receive buffers (after it ran out). */
	void (*rx_ready)(void *ctx);
	/* Optional: the driver is up (DRIVER_OK) or gone (reset). */
	void (*ready)(void *ctx, bool up);
};

struct ab_virtio_dev *ab_virtio_net_create(const struct ab_net_host *host);
void ab_virtio_net_tx_done(struct ab_virtio_dev *vd, struct ab_net_tx *t);
/* A received frame, in pieces of host memory; false if the driver has no
   receive buffer for it now (the host keeps it and offers it again). */
bool ab_virtio_net_rx(struct ab_virtio_dev *vd, const struct virtio_net_hdr *hdr,
		      const void *const *piece, const uint32_t *len,
		      unsigned int npieces);

#endif
