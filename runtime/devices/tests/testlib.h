/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tiny host test harness for the device models: a fake backend whose clock
   the test sets, captured UART output, and CHECK() that counts failures. */
#ifndef AB_DEV_TESTLIB_H
#define AB_DEV_TESTLIB_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../devices.h"

static int failures, checks;
#define CHECK(cond) do { checks++; if (!(cond)) { failures++; \
	fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)
#define CHECK_EQ(a, b) do { long long _a = (a), _b = (b); checks++; if (_a != _b) { failures++; \
	fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld\n", __FILE__, __LINE__, #a, _a, #b, _b); } } while (0)

static uint64_t fake_ns, fake_wall;
static char tx_buf[4096];
static size_t tx_len;
static int exit_status = -1;
static uint64_t timer_period;
static bool timer_periodic;
static int timer_calls;

static void fake_tx(const char *b, size_t n) { memcpy(tx_buf + tx_len, b, n); tx_len += n; }
static void fake_exit(int s) { exit_status = s; }
static uint64_t fake_now(void) { return fake_ns; }
static uint64_t fake_wall_s(void) { return fake_wall; }
static void fake_timer(uint64_t p, bool per) { timer_period = p; timer_periodic = per; timer_calls++; }

static const char *fake_input;	/* host input offered on rx polls */
static int rx_polls;
static void fake_rx_poll(void)
{
	rx_polls++;
	while (fake_input && *fake_input && ab_uart_rx_room())
		ab_uart_receive(*fake_input++);
}

/* Guest RAM for the DMA-capable models: guest-physical 0..GMEM_SIZE. */
#define GMEM_SIZE (1u << 20)
static uint8_t gmem[GMEM_SIZE] __attribute__((aligned(4096)));
static void *fake_guest_ptr(uint64_t pa, size_t len)
{
	return pa <= GMEM_SIZE && len <= GMEM_SIZE - pa ? gmem + pa : NULL;
}

static const struct ab_dev_host fake_host = {
	.uart_tx = fake_tx, .exit = fake_exit, .now_ns = fake_now,
	.wall_seconds = fake_wall_s, .pit_timer = fake_timer,
	.uart_rx_poll = fake_rx_poll, .guest_ptr = fake_guest_ptr,
};

static void test_setup(void)
{
	ab_dev_host = &fake_host;
	fake_ns = 0; tx_len = 0; exit_status = -1; timer_calls = 0;
	ab_devices_reset();
}

static int test_done(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, checks, failures);
	return failures ? 1 : 0;
}

static inline void outb(uint16_t port, uint8_t v) { ab_io_write(port, 1, v); }
static inline uint8_t inb(uint16_t port) { return ab_io_read(port, 1); }
static inline void outw(uint16_t port, uint16_t v) { ab_io_write(port, 2, v); }
static inline uint16_t inw(uint16_t port) { return ab_io_read(port, 2); }
static inline void outl(uint16_t port, uint32_t v) { ab_io_write(port, 4, v); }
static inline uint32_t inl(uint16_t port) { return ab_io_read(port, 4); }

/* PCI configuration mechanism #1, as a guest's pci_conf1_read/write. */
static inline uint32_t cfg_addr(unsigned int dev, unsigned int reg)
{
	return 0x80000000u | dev << 11 | (reg & 0xfc);
}
static inline uint32_t cfg_read(unsigned int dev, unsigned int reg, unsigned int size)
{
	outl(0xcf8, cfg_addr(dev, reg));
	return ab_io_read(0xcfc + (reg & 3), size);
}
static inline void cfg_write(unsigned int dev, unsigned int reg, unsigned int size, uint32_t v)
{
	outl(0xcf8, cfg_addr(dev, reg));
	ab_io_write(0xcfc + (reg & 3), size, v);
}
#endif
