# With AB=1 every sensitive instruction gets hand-written padding and a record
# (as the afterburn gas would): the short jump over them must relax to a near
# jump, the RIP-relative load and the local call must still reach the same
# instructions, and .p2align fill changes length.  run-differential must
# find the two streams identical.
	.include "record.inc"
	.macro S insn, kind, len, room
	.if AB
9:	\insn
	.nops \room - \len
	ab_site 9b, \kind, \len, \room
	.else
	\insn
	.endif
	.endm
	.if AB
	ab_header
	.endif
	.text
	.globl f
f:	jmp 2f
	.rept 20
	S cli, 1, 1, 7
	S sti, 2, 1, 5
	S pushf, 3, 1, 5
	add $1, %eax
	.endr
	.p2align 4
2:	mov val(%rip), %rax
	lea 2b(%rip), %rdx
	call g
	S "mov %cr3, %rax", 10, 3, 7
	ret
g:	S "inb $0x60, %al", 6, 2, 5
	cmpl $1, val(%rip)
	jne f
	ret
# sti padded before it (its interrupt shadow), and int3 fill gas recorded.
	.if AB
3:	.nops 4
	sti
	hlt
	ab_site 3b, 2, 1, 5, insnoff=4
	.nops 4
	ab_site 3b+5, 5, 1, 5
4:	.fill 2, 1, 0xcc
	.pushsection .afterburn_fill
	.long 4b - ., 2
	.popsection
	.else
	sti
	hlt
	.fill 2, 1, 0xcc
	.endif
	ret
	.pushsection __ex_table, "a"	# a table entry pointing past padding
	.long 2b - ., g - .
	.popsection
	.data
val:	.quad 1
