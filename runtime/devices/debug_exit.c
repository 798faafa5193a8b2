// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * QEMU's isa-debug-exit (iobase 0xf4, iosize 4): a write of V of any width
 * anywhere in the range ends the run with status (V << 1) | 1, which is what
 * the guest's exit status is on every platform.
 */
#include "devices.h"

void ab_debug_exit_write(uint16_t port, uint32_t val)
{
	(void)port;
	if (ab_dev_host && ab_dev_host->exit)
		ab_dev_host->exit((int)((val << 1) | 1));
}
