// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Guest flavour's default end of a run: QEMU's isa-debug-exit at port 0xf4
 * (-device isa-debug-exit,iobase=0xf4,iosize=4) exits with (code << 1) | 1.
 * Without that device the write is ignored and the CPU halts for good.
 */
#include <afterburn/runtime.h>
#include <afterburn/x86.h>

void afterburn_default_stop(int code)
{
	ab_outb(0xf4, (uint8_t)code);
	ab_halt_forever();
}
