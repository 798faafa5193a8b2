# An interrupt shadow covers exactly the next instruction: sti and a
# mov/pop to %ss are padded BEFORE the instruction, so `sti; hlt' (Linux's
# safe_halt) and `sti; mwait' stay adjacent and no interrupt lands between
# them.  A mov to %ss that a label marks (Linux's loadsegment: the label is
# its exception-table address) is not padded at all; other segment loads
# have no shadow and are padded after.
	.text
halt:
	sti
	hlt
idle:
	sti
	.byte 0x0f, 0x01, 0xc9
stack:
	nop
	mov %eax, %ss
	mov %ebx, %esp
	ret
load:
1:	mov %eax, %ss
	mov %eax, %ds
	ret
