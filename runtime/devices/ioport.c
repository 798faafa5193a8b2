// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The virtual ISA bus: a table maps port ranges to device models.  Models
 * have byte-wide registers; a 16- or 32-bit access is split into byte
 * accesses at consecutive ports, little-endian, except for debug-exit which
 * takes the whole value (QEMU's device is 32 bits wide) and the PCI bus
 * (pci.c: configuration mechanism #1 and the functions' I/O BARs), whose
 * registers have their own widths.  Unknown ports read all ones and
 * ignore writes, as on an ISA bus with nothing there.
 */
#include "devices.h"

const struct ab_dev_host *ab_dev_host;

struct io_range {
	uint16_t first, last;
	uint8_t (*read)(uint16_t port);
	void (*write)(uint16_t port, uint8_t val);
};

static uint8_t p61_read(uint16_t port)
{
	(void)port;
	return ab_pit_port61_read();
}

static void p61_write(uint16_t port, uint8_t val)
{
	(void)port;
	ab_pit_port61_write(val);
}

static const struct io_range io_map[] = {
	{ 0x020, 0x021, ab_pic_read,  ab_pic_write },
	{ 0x040, 0x043, ab_pit_read,  ab_pit_write },
	{ 0x061, 0x061, p61_read,  p61_write },
	{ 0x070, 0x073, ab_cmos_read, ab_cmos_write },	/* 0x72/0x73 mirror 0x70/0x71, as in QEMU */
	{ 0x0a0, 0x0a1, ab_pic_read,  ab_pic_write },
	{ 0x3f8, 0x3ff, ab_uart_read, ab_uart_write },
};

#define DEBUG_EXIT_FIRST 0xf4
#define DEBUG_EXIT_LAST  0xf7

static const struct io_range *io_find(uint16_t port)
{
	unsigned int i;

	for (i = 0; i < sizeof(io_map) / sizeof(io_map[0]); i++)
		if (port >= io_map[i].first && port <= io_map[i].last)
			return &io_map[i];
	return 0;
}

void ab_devices_reset(void)
{
	ab_pic_reset();
	ab_pit_reset();
	ab_uart_reset();
	ab_cmos_reset();
	ab_pci_reset();
}

uint32_t ab_io_read(uint16_t port, unsigned int size)
{
	uint32_t v = 0;
	unsigned int i;

	if (ab_pci_config_io(port, size, false, &v) ||
	    ab_pci_bar_io(port, size, false, &v))
		return v;
	for (i = 0; i < size; i++) {
		uint16_t p = port + i;
		const struct io_range *r = io_find(p);
		uint8_t b = r ? r->read(p) : 0xff;

		v |= (uint32_t)b << (8 * i);
	}
	return v;
}

void ab_io_write(uint16_t port, unsigned int size, uint32_t val)
{
	unsigned int i;

	if (port >= DEBUG_EXIT_FIRST && port <= DEBUG_EXIT_LAST) {
		if (size < 4)
			val &= (1u << (8 * size)) - 1;
		ab_debug_exit_write(port, val);
		return;
	}
	if (ab_pci_config_io(port, size, true, &val) ||
	    ab_pci_bar_io(port, size, true, &val))
		return;
	for (i = 0; i < size; i++) {
		uint16_t p = port + i;
		const struct io_range *r = io_find(p);

		if (r)
			r->write(p, (val >> (8 * i)) & 0xff);
	}
}
