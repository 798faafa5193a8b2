// SPDX-License-Identifier: GPL-3.0-or-later
/* A guest that faults: the runtime's native IDT must report it, not reboot. */
void guest_main(void)
{
	asm volatile("ud2");
}
