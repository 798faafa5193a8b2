# 32-bit code: the same padding as in 64-bit code.
	.text
	.code32
	cli
	pushfl
	inb $0x71, %al
	ljmp $0x10, $0x1000
	lidt (%eax)
	nop
