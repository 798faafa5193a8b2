# Sites in a COMDAT group are recorded in an .afterburn section of the
# same group, so the linker discards them together with the code.
	.text
	cli
	.section .text.irq_off,"axG",@progbits,irq_off,comdat
	.globl irq_off
irq_off:
	cli
	ret
	.section .text.rd,"axG",@progbits,rd,comdat
rd:
	rdtsc
	ret
	.text
	sti
