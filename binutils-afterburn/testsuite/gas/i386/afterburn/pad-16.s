# 16-bit code: sites are recorded but never padded.
	.text
	.code16
	cli
	movl %cr0, %eax
	orl $1, %eax
	movl %eax, %cr0
	ljmp $0x8, $0x100
	.code16gcc
	pushfl
	cli
	popfl
	nop
