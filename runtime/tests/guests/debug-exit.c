// SPDX-License-Identifier: GPL-3.0-or-later
/* isa-debug-exit with a non-zero value: exit status (0x21 << 1) | 1 = 67. */
#include "lib.h"

void guest_main(void)
{
	puts_("exiting with 0x21\n");
	debug_exit(0x21);
	puts_("not reached\n");
}
