// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The virtio legacy PCI transport (virtio.h): the registers of I/O BAR 0,
 * the feature and status handshake, and the split virtqueues the driver
 * places in guest memory.  Guest memory is reached through the host's
 * guest_ptr(); a queue whose rings are not guest RAM is refused.
 *
 * Interrupts: pushing a used buffer sets ISR bit 0 and raises the
 * function's INTx (unless the driver set VRING_AVAIL_F_NO_INTERRUPT);
 * reading ISR first lets the device collect the host's completions
 * (ops->poll), then returns and clears ISR and lowers INTx.  Completions
 * found by that poll are reported by the very read, so they raise no
 * second interrupt.
 */
#include "virtio.h"

static void *gptr(uint64_t pa, size_t len)
{
	if (!ab_dev_host || !ab_dev_host->guest_ptr)
		return 0;
	return ab_dev_host->guest_ptr(pa, len);
}

static inline void vq_mb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static inline void vq_barrier(void)
{
	asm volatile("" ::: "memory");	/* x86: loads and stores stay ordered */
}

bool ab_virtio_has(const struct ab_virtio_dev *vd, unsigned int feature)
{
	return vd->guest_features & vd->host_features & (1u << feature);
}

/* ---- virtqueues ----------------------------------------------------------- */
static void vq_reset(struct ab_vq *q)
{
	q->num = 0;
	q->pfn = 0;
	q->desc = 0;
	q->avail = q->used = 0;
	q->last_avail = q->used_idx = 0;
}

/* Legacy layout: descriptors, then the available ring, then (aligned to
   4096) the used ring, all in the pages from pfn on. */
static void vq_setup(struct ab_virtio_dev *vd, struct ab_vq *q, uint32_t pfn)
{
	uint64_t base = (uint64_t)pfn << 12;
	size_t avail_off = 16u * q->max;
	size_t used_off = (avail_off + 2 * (3u + q->max) + VRING_ALIGN - 1) &
			  ~(size_t)(VRING_ALIGN - 1);
	size_t size = used_off + 2 * 3 + 8u * q->max;
	uint8_t *p;

	vq_reset(q);
	if (!pfn)
		return;
	p = gptr(base, size);
	if (!p) {
		afterburn_printk("afterburn: %s: queue at 0x%llx is not guest RAM; ignored\n",
				 vd->name, (unsigned long long)base);
		return;
	}
	q->pfn = pfn;
	q->num = q->max;
	q->desc = (volatile struct vring_desc *)p;
	q->avail = (volatile uint16_t *)(p + avail_off);
	q->used = (volatile uint16_t *)(p + used_off);
	q->last_avail = 0;
	q->used_idx = q->used[1];
}

static void vq_broken(struct ab_virtio_dev *vd, unsigned int qi, const char *why)
{
	afterburn_printk("afterburn: %s: queue %u: %s; queue stopped\n", vd->name,
			 qi, why);
	vd->vq[qi].num = 0;
}

/* Append descriptor d (and an indirect table it names) to c. */
static int vq_add(struct ab_virtio_dev *vd, unsigned int qi,
		  struct ab_vq_chain *c, const volatile struct vring_desc *d)
{
	if (c->n == AB_VQ_MAX_ELEMS) {
		vq_broken(vd, qi, "descriptor chain too long");
		return -1;
	}
	c->e[c->n].pa = d->addr;
	c->e[c->n].len = d->len;
	c->e[c->n].write = d->flags & VRING_DESC_F_WRITE;
	c->n++;
	return 0;
}

static int vq_indirect(struct ab_virtio_dev *vd, unsigned int qi,
		       struct ab_vq_chain *c, uint64_t pa, uint32_t len)
{
	unsigned int n = len / sizeof(struct vring_desc), i = 0, hops = 0;
	const volatile struct vring_desc *t;

	if (!n || len % sizeof(struct vring_desc) ||
	    !(t = gptr(pa, len))) {
		vq_broken(vd, qi, "bad indirect descriptor table");
		return -1;
	}
	for (;;) {
		if (t[i].flags & VRING_DESC_F_INDIRECT) {
			vq_broken(vd, qi, "nested indirect table");
			return -1;
		}
		if (vq_add(vd, qi, c, &t[i]))
			return -1;
		if (!(t[i].flags & VRING_DESC_F_NEXT))
			return 0;
		i = t[i].next;
		if (i >= n || ++hops >= n) {
			vq_broken(vd, qi, "indirect chain out of its table");
			return -1;
		}
	}
}

int ab_vq_pop(struct ab_virtio_dev *vd, unsigned int qi, struct ab_vq_chain *c)
{
	struct ab_vq *q = &vd->vq[qi];
	uint16_t idx, i, hops = 0;
	const volatile struct vring_desc *d;

	if (!q->num || !(vd->status & VIRTIO_STATUS_DRIVER_OK))
		return 0;
	idx = q->avail[1];
	if (idx == q->last_avail)
		return 0;
	if ((uint16_t)(idx - q->last_avail) > q->num) {
		vq_broken(vd, qi, "available index ran ahead of the ring");
		return -1;
	}
	vq_barrier();		/* the entry after the index */
	i = q->avail[2 + q->last_avail % q->num];
	q->last_avail++;
	c->head = i;
	c->n = 0;
	for (;;) {
		if (i >= q->num || ++hops > q->num) {
			vq_broken(vd, qi, "descriptor index out of the ring");
			return -1;
		}
		d = &q->desc[i];
		if (d->flags & VRING_DESC_F_INDIRECT) {
			if (vq_indirect(vd, qi, c, d->addr, d->len))
				return -1;
		} else if (vq_add(vd, qi, c, d)) {
			return -1;
		}
		if (!(d->flags & VRING_DESC_F_NEXT))
			return 1;
		i = d->next;
	}
}

static void virtio_update_irq(struct ab_virtio_dev *vd)
{
	ab_pci_set_irq(&vd->pci, vd->isr != 0);
}

static bool virtio_in_isr_read;

void ab_vq_push(struct ab_virtio_dev *vd, unsigned int qi, uint16_t head,
		uint32_t len)
{
	struct ab_vq *q = &vd->vq[qi];
	volatile struct vring_used_elem *e;

	if (!q->num)
		return;
	e = (volatile struct vring_used_elem *)(q->used + 2) + q->used_idx % q->num;
	e->id = head;
	e->len = len;
	vq_barrier();		/* the element before the index */
	q->used[1] = ++q->used_idx;
	vq_mb();		/* the index before we look at the driver's flag */
	if ((q->avail[0] & VRING_AVAIL_F_NO_INTERRUPT) &&
	    !(ab_virtio_has(vd, VIRTIO_F_NOTIFY_ON_EMPTY) &&
	      q->avail[1] == q->last_avail))
		return;
	vd->isr |= 1;
	if (!virtio_in_isr_read)
		virtio_update_irq(vd);
}

/* ---- copying to and from a chain's buffers --------------------------------- */
size_t ab_vq_len(const struct ab_vq_chain *c, bool write)
{
	size_t n = 0;
	unsigned int i;

	for (i = 0; i < c->n; i++)
		if (c->e[i].write == write)
			n += c->e[i].len;
	return n;
}

static size_t vq_copy(const struct ab_vq_chain *c, bool write, size_t off,
		      uint8_t *flat, size_t n)
{
	size_t done = 0;
	unsigned int i;

	for (i = 0; i < c->n && done < n; i++) {
		const struct ab_vq_elem *e = &c->e[i];
		size_t take;
		uint8_t *p;

		if (e->write != write)
			continue;
		if (off >= e->len) {
			off -= e->len;
			continue;
		}
		take = e->len - off;
		if (take > n - done)
			take = n - done;
		p = gptr(e->pa + off, take);
		if (!p)
			break;
		if (write)
			ab_memcpy(p, flat + done, take);
		else
			ab_memcpy(flat + done, p, take);
		done += take;
		off = 0;
	}
	return done;
}

size_t ab_vq_copy_from(const struct ab_vq_chain *c, size_t off, void *dst, size_t n)
{
	return vq_copy(c, false, off, dst, n);
}

size_t ab_vq_copy_to(const struct ab_vq_chain *c, size_t off, const void *src, size_t n)
{
	return vq_copy(c, true, off, (uint8_t *)src, n);
}

/* ---- registers ------------------------------------------------------------ */
static void virtio_reset(struct ab_virtio_dev *vd)
{
	unsigned int i;

	vd->guest_features = 0;
	vd->queue_sel = 0;
	vd->status = 0;
	vd->isr = 0;
	for (i = 0; i < vd->nqueues; i++)
		vq_reset(&vd->vq[i]);
	virtio_update_irq(vd);
	if (vd->ops->reset)
		vd->ops->reset(vd);
}

static uint32_t virtio_reg_read(struct ab_virtio_dev *vd, uint16_t off)
{
	struct ab_vq *q = vd->queue_sel < vd->nqueues ? &vd->vq[vd->queue_sel] : 0;
	uint8_t isr;

	switch (off) {
	case VIRTIO_PCI_HOST_FEATURES:
		return vd->host_features;
	case VIRTIO_PCI_GUEST_FEATURES:
		return vd->guest_features;
	case VIRTIO_PCI_QUEUE_PFN:
		return q ? q->pfn : 0;
	case VIRTIO_PCI_QUEUE_NUM:
		return q ? q->max : 0;
	case VIRTIO_PCI_QUEUE_SEL:
		return vd->queue_sel;
	case VIRTIO_PCI_STATUS:
		return vd->status;
	case VIRTIO_PCI_ISR:
		if (vd->ops->poll && (vd->status & VIRTIO_STATUS_DRIVER_OK)) {
			virtio_in_isr_read = true;
			vd->ops->poll(vd);
			virtio_in_isr_read = false;
		}
		isr = vd->isr;
		vd->isr = 0;
		virtio_update_irq(vd);
		return isr;
	default:
		return 0;
	}
}

static void virtio_reg_write(struct ab_virtio_dev *vd, uint16_t off, uint32_t val)
{
	switch (off) {
	case VIRTIO_PCI_GUEST_FEATURES:
		vd->guest_features = val & vd->host_features;
		break;
	case VIRTIO_PCI_QUEUE_PFN:
		if (vd->queue_sel < vd->nqueues)
			vq_setup(vd, &vd->vq[vd->queue_sel], val);
		break;
	case VIRTIO_PCI_QUEUE_SEL:
		vd->queue_sel = val;
		break;
	case VIRTIO_PCI_QUEUE_NOTIFY:
		if (val < vd->nqueues && vd->ops->notify &&
		    (vd->status & VIRTIO_STATUS_DRIVER_OK))
			vd->ops->notify(vd, val);
		break;
	case VIRTIO_PCI_STATUS:
		if (!(val & 0xff)) {
			virtio_reset(vd);
			break;
		}
		if ((val & VIRTIO_STATUS_DRIVER_OK) &&
		    !(vd->status & VIRTIO_STATUS_DRIVER_OK)) {
			vd->status = val;
			if (vd->ops->ready)
				vd->ops->ready(vd);
		}
		vd->status = val;
		break;
	default:
		break;
	}
}

/* The width of the register at off (0: not a register start). */
static unsigned int virtio_reg_width(uint16_t off)
{
	switch (off) {
	case VIRTIO_PCI_HOST_FEATURES:
	case VIRTIO_PCI_GUEST_FEATURES:
	case VIRTIO_PCI_QUEUE_PFN:
		return 4;
	case VIRTIO_PCI_QUEUE_NUM:
	case VIRTIO_PCI_QUEUE_SEL:
	case VIRTIO_PCI_QUEUE_NOTIFY:
		return 2;
	case VIRTIO_PCI_STATUS:
	case VIRTIO_PCI_ISR:
		return 1;
	default:
		return 0;
	}
}

/*
 * Drivers access each register with its own width (Linux's legacy driver
 * does); a narrower or misaligned access to the common registers reads the
 * bytes of the naturally sized value, without side effects, and writes
 * nothing.  The device config space is byte-addressed.
 */
static uint32_t virtio_io_read(struct ab_pci_dev *pd, uint16_t off, unsigned int size)
{
	struct ab_virtio_dev *vd = (struct ab_virtio_dev *)pd;
	uint32_t v = 0;
	unsigned int i;

	if (off < VIRTIO_PCI_CONFIG && virtio_reg_width(off) == size)
		return virtio_reg_read(vd, off);
	for (i = 0; i < size; i++) {
		uint16_t o = off + i;
		uint8_t b = 0xff;

		if (o >= VIRTIO_PCI_CONFIG) {
			if (o - VIRTIO_PCI_CONFIG < vd->config_size)
				b = vd->ops->config_read(vd, o - VIRTIO_PCI_CONFIG);
		} else if (o != VIRTIO_PCI_ISR) {
			uint16_t start = o;

			while (!virtio_reg_width(start))
				start--;
			b = virtio_reg_read(vd, start) >> (8 * (o - start));
		}
		v |= (uint32_t)b << (8 * i);
	}
	return v;
}

static void virtio_io_write(struct ab_pci_dev *pd, uint16_t off, unsigned int size,
			    uint32_t val)
{
	struct ab_virtio_dev *vd = (struct ab_virtio_dev *)pd;
	unsigned int i;

	if (off < VIRTIO_PCI_CONFIG) {
		if (virtio_reg_width(off) == size)
			virtio_reg_write(vd, off, val);
		return;
	}
	for (i = 0; i < size; i++)
		if (off + i - VIRTIO_PCI_CONFIG < vd->config_size &&
		    vd->ops->config_write)
			vd->ops->config_write(vd, off + i - VIRTIO_PCI_CONFIG,
					      val >> (8 * i));
}

int ab_virtio_register(struct ab_virtio_dev *vd, uint16_t pci_device,
		       uint16_t virtio_id)
{
	unsigned int regs = VIRTIO_PCI_CONFIG + vd->config_size, size = 4;

	while (size < regs)
		size <<= 1;
	vd->pci.vendor = VIRTIO_PCI_VENDOR;
	vd->pci.device = pci_device;
	vd->pci.subvendor = VIRTIO_PCI_VENDOR;
	vd->pci.subdevice = virtio_id;	/* what a legacy driver matches */
	vd->pci.io_size = size;
	vd->pci.io_read = virtio_io_read;
	vd->pci.io_write = virtio_io_write;
	virtio_reset(vd);
	return ab_pci_register(&vd->pci);
}
