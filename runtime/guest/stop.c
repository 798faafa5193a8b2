// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Guest flavour's default end of a run: QEMU's isa-debug-exit at port 0xf4
 * (-device isa-debug-exit,iobase=0xf4,iosize=4) exits with (code << 1) | 1.
 * Without that device the write is ignored and the CPU halts for good.
 */
#include <afterburn/runtime.h>

void afterburn_default_stop(int code)
{
	asm volatile("outb %b0, $0xf4" : : "a"(code));
	for (;;)
		asm volatile("cli; hlt");
}
