# Fill in executable sections is recorded in .afterburn_fill (start, length),
# .org's included (Linux 6.12's FRED entry points are placed so),
# as data, whatever its bytes look like; code alignment without a fill
# value is NOPs and is not recorded, nor is fill outside code.
	.text
	ret
	.fill 3, 1, 0xcc
	ret
	.skip 2, 0xcc
	.zero 1
	.balign 16, 0xcc
	ret
	.p2align 4,,10
	ret
	.p2align 3
	ret
	.p2align 5, 0xcc
1:	ret
	.org 1b + 8, 0xcc
	ret
	.data
	.fill 4, 1, 0xcc
