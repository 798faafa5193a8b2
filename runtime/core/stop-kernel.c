// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Kernel flavour's default end of a run: there is no debug-exit device to
 * count on inside a real kernel, so stop the CPU for good.
 */
#include <afterburn/runtime.h>
#include <afterburn/x86.h>

void afterburn_default_stop(int code)
{
	ab_halt_forever();
}
