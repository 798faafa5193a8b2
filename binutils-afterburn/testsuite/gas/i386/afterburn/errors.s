# Malformed .afterburn directives and sites that cannot be marked: each is
# an error naming file:line, and no object is written.
	.text
	.afterburn
	.afterburn sideways
	.afterburn mark
	.afterburn mark no_such_kind
	.afterburn mark cli extra
	.afterburn range mmio
	.afterburn range mmio, 1f
	.afterburn range mmio, 0x10, 0x20
	.afterburn range bogus, 1f, 2f
1:	nop
2:	.afterburn pop
	.afterburn on off
# A mark followed by an instruction in another section.
	.afterburn mark pt_write
	.data
	mov %rax, (%rdi)
# Sensitive instructions where no site can be recorded.
	.section .comment.code, ""
	cli
# (An instruction in the absolute section emits no bytes: nothing to mark.)
	.struct 0
	in $0x80, %al
	.text
	.afterburn mark mmio
	nop
	.afterburn mark mmio
	.afterburn mark mmio
	movl (%rax), %eax
# A relaxable branch has no fixed size to record.
	.afterburn mark custom
	jmp 1b
# `.afterburn bytes' needs on or off.
	.afterburn bytes
	.afterburn bytes sideways
# A fill that guards a hand-sized block goes negative when padding grows the
# code before it (an IRQ entry stub's `.fill 0b + IDT_ALIGN - ., 1, 0xcc').
	.text
0:	cli
	.fill 0b + 4 - ., 1, 0xcc
	.skip 0b + 4 - ., 0xcc
# A mark with nothing after it.
	.afterburn mark pt_read
