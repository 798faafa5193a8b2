// SPDX-License-Identifier: GPL-3.0-or-later
/* A privileged instruction the assembler was told not to mark: natively it
   runs, under the usermode platform it faults for real; the run must stop
   with a message and the panic status, not die silently. */
void guest_main(void);
void guest_main(void)
{
	asm volatile(".afterburn off\n\tcli\n\t.afterburn on");
}
