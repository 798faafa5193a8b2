# How sites look in 64-bit code: the instruction, then NOPs up to its room
# (before it for sti: its interrupt shadow covers the next instruction).
	.text
	cli
	sti
	mov %cr3, %rax
	mov %rax, %cr3
	lgdt 0x1000(%rax,%rbx,8)
	swapgs
	nop
	.section .afterburn.check, "ax"
1:	rep outsb
	jmp 1b
