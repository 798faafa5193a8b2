// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * PCI bus 0 behind configuration mechanism #1 (address register 0xcf8,
 * data window 0xcfc-0xcff), with the firmware's part done at registration:
 * a backend registers the functions it backs, each gets a slot, its I/O
 * BAR 0 a port range and its INTA# an interrupt line, as a PC BIOS would
 * leave them.  The guest's own PCI code (Linux's pci_direct_probe and bus
 * scan) then finds them as on any PC; it may move a BAR, and the port
 * dispatch follows.
 *
 * What is modelled: a host bridge at 00:00.0 (the i440FX's IDs, as QEMU
 * and Xen HVM present it, so no chipset quirk surprises the guest), type 0
 * headers with one I/O BAR and an INTx pin, the command register's I/O
 * enable and INTx disable, the status register's interrupt bit.  No memory
 * BARs (MMIO cannot be trapped in place), no capabilities (so no MSI: the
 * devices interrupt through INTx), no bridges, one function per slot.
 *
 * Interrupt routing: every slot's INTA# is wired to the one line
 * AB_PCI_IRQ, as a PIIX would wire its four PIRQ links if the BIOS routed
 * them all to the same ISA IRQ; INTERRUPT_LINE says so (the legacy path of
 * a guest without ACPI reads it) and the ACPI _PRT the runtime describes
 * says the same (acpi.c).  Sharing is level-style: the line is the OR of
 * the functions' INTx.
 */
#include "devices.h"

#define PCI_MAX_FUNCS		8
#define PCI_IO_BASE		0xc000	/* where the firmware puts I/O BARs */
#define PCI_IO_STRIDE		0x100

/* configuration header offsets (PCI Local Bus Specification 3.0, 6.1) */
#define CFG_VENDOR		0x00
#define CFG_COMMAND		0x04
#define CFG_STATUS		0x06
#define CFG_REVISION		0x08
#define CFG_HEADER_TYPE		0x0e
#define CFG_BAR0		0x10
#define CFG_SUBSYS_VENDOR	0x2c
#define CFG_INT_LINE		0x3c
#define CFG_INT_PIN		0x3d

#define CMD_IO			0x0001
#define CMD_MASTER		0x0004
#define CMD_INTX_DISABLE	0x0400
#define CMD_WRITABLE		(CMD_IO | CMD_MASTER | CMD_INTX_DISABLE)
#define STATUS_INTX		0x0008

static struct {
	uint32_t address;		/* 0xcf8 */
	struct ab_pci_dev *func[PCI_MAX_FUNCS];	/* by slot; slot 0: host bridge */
	unsigned int n;
	uint16_t bridge_command;
} pci;

void ab_pci_reset(void)
{
	pci.address = 0;
	pci.n = 0;
	pci.bridge_command = CMD_IO | CMD_MASTER;
}

int ab_pci_register(struct ab_pci_dev *d)
{
	unsigned int slot = pci.n + 1;

	if (slot >= PCI_MAX_FUNCS || d->io_size < 4 ||
	    (d->io_size & (d->io_size - 1)) || d->io_size > PCI_IO_STRIDE)
		return -1;
	d->slot = slot;
	d->bar0 = PCI_IO_BASE + PCI_IO_STRIDE * (slot - 1);
	d->command = CMD_IO;		/* the BIOS enabled its I/O decoding */
	d->irq_line = AB_PCI_IRQ;
	d->irq_level = false;
	pci.func[slot] = d;
	pci.n++;
	return 0;
}

struct ab_pci_dev *ab_pci_slot(unsigned int slot)
{
	return slot < PCI_MAX_FUNCS ? pci.func[slot] : 0;
}

/* The shared line is the OR of every function's INTx. */
void ab_pci_set_irq(struct ab_pci_dev *d, bool level)
{
	bool line = false;
	unsigned int i;

	d->irq_level = level;
	for (i = 1; i < PCI_MAX_FUNCS; i++) {
		struct ab_pci_dev *f = pci.func[i];

		if (f && f->irq_level && !(f->command & CMD_INTX_DISABLE))
			line = true;
	}
	ab_pic_set_irq(AB_PCI_IRQ, line);
}

/* ---- configuration space ------------------------------------------------ */
/* A 32-bit register of function d (0: the host bridge) at dword offset reg. */
static uint32_t cfg_read32(const struct ab_pci_dev *d, unsigned int reg)
{
	if (!d) {
		switch (reg) {
		case CFG_VENDOR:	return 0x12378086;	/* i440FX */
		case CFG_COMMAND:	return pci.bridge_command;
		case CFG_REVISION:	return 0x06000002;	/* host bridge, rev 2 */
		default:		return 0;
		}
	}
	switch (reg) {
	case CFG_VENDOR:
		return d->vendor | (uint32_t)d->device << 16;
	case CFG_COMMAND:
		return d->command |
		       (uint32_t)(d->irq_level ? STATUS_INTX : 0) << 16;
	case CFG_REVISION:
		return d->class_rev;
	case CFG_HEADER_TYPE & ~3:
		return 0;		/* type 0, single function */
	case CFG_BAR0:
		return d->bar0 | 1;	/* I/O space indicator */
	case CFG_SUBSYS_VENDOR:
		return d->subvendor | (uint32_t)d->subdevice << 16;
	case CFG_INT_LINE:
		return d->irq_line | (uint32_t)1 << 8;	/* INTA# */
	default:
		return 0;
	}
}

static void cfg_write32(struct ab_pci_dev *d, unsigned int reg, uint32_t val,
			uint32_t mask)
{
	uint32_t v = (cfg_read32(d, reg) & ~mask) | (val & mask);

	if (!d) {
		if (reg == CFG_COMMAND)
			pci.bridge_command = (v & CMD_WRITABLE) | CMD_IO;
		return;
	}
	switch (reg) {
	case CFG_COMMAND:
		d->command = v & CMD_WRITABLE;
		ab_pci_set_irq(d, d->irq_level);	/* INTx disable may change the line */
		break;
	case CFG_BAR0:
		/* size probe: all ones back as ~(size - 1); low 2 bits fixed */
		d->bar0 = v & ~(uint32_t)(d->io_size - 1) & 0xffff;
		break;
	case CFG_INT_LINE:
		d->irq_line = v & 0xff;	/* a scratch byte for the OS */
		break;
	default:
		break;		/* read-only or unimplemented */
	}
}

static struct ab_pci_dev *cfg_target(bool *present)
{
	unsigned int bus = (pci.address >> 16) & 0xff;
	unsigned int dev = (pci.address >> 11) & 0x1f;
	unsigned int fn = (pci.address >> 8) & 7;

	*present = (pci.address & 0x80000000u) && bus == 0 && fn == 0 &&
		   dev < PCI_MAX_FUNCS && (dev == 0 || pci.func[dev]);
	return *present ? pci.func[dev] : 0;
}

static uint32_t pci_data_read(uint16_t port, unsigned int size)
{
	unsigned int shift = 8 * (port & 3);
	bool present;
	struct ab_pci_dev *d = cfg_target(&present);
	uint32_t v;

	if (!present)		/* nobody answers: master abort */
		v = 0xffffffffu;
	else
		v = cfg_read32(d, pci.address & 0xfc) >> shift;
	return size == 4 ? v : v & ((1u << (8 * size)) - 1);
}

static void pci_data_write(uint16_t port, unsigned int size, uint32_t val)
{
	unsigned int shift = 8 * (port & 3);
	uint32_t mask = size == 4 ? 0xffffffffu : ((1u << (8 * size)) - 1) << shift;
	bool present;
	struct ab_pci_dev *d = cfg_target(&present);

	if (present)
		cfg_write32(d, pci.address & 0xfc, val << shift, mask);
}

/*
 * Ports 0xcf8-0xcff.  The address register answers 32-bit accesses only
 * (byte accesses to 0xcf8-0xcfb belong to other chipset registers on a
 * PC: Linux's type-1 probe writes a byte to 0xcfb and checks that the
 * dword at 0xcf8 is unaffected).
 */
bool ab_pci_config_io(uint16_t port, unsigned int size, bool write,
		      uint32_t *val)
{
	if (port < 0xcf8 || port > 0xcff)
		return false;
	if (port < 0xcfc) {
		if (port == 0xcf8 && size == 4) {
			if (write)
				pci.address = *val & 0x80fffffcu;
			else
				*val = pci.address;
		} else if (!write) {
			*val = 0xffffffffu >> (32 - 8 * size);
		}
		return true;
	}
	if (port + size > 0xd00)
		size = 0xd00 - port;
	if (write)
		pci_data_write(port, size, *val);
	else
		*val = pci_data_read(port, size);
	return true;
}

/* ---- the functions' I/O BARs ---------------------------------------------- */
bool ab_pci_bar_io(uint16_t port, unsigned int size, bool write, uint32_t *val)
{
	unsigned int i;

	for (i = 1; i < PCI_MAX_FUNCS; i++) {
		struct ab_pci_dev *d = pci.func[i];
		uint16_t off;

		if (!d || !(d->command & CMD_IO) || port < d->bar0 ||
		    port - d->bar0 >= d->io_size)
			continue;
		off = port - d->bar0;
		if (write)
			d->io_write(d, off, size, *val);
		else
			*val = d->io_read(d, off, size);
		return true;
	}
	return false;
}
