# gcc -m16 output (.code16gcc): 16-bit code with 32-bit stack operations.
# Recorded as mode 16, no padding.  Checked by afterburn.exp.
	.text
	.code16gcc
start:
	cli			# AB: cli len=1 room=1
	pushfl			# AB: pushf len=2 room=2 op=4
	popfl			# AB: popf len=2 room=2 op=4
	sti			# AB: sti len=1 room=1
	hlt			# AB: hlt len=1 room=1
	inb %dx, %al		# AB: in len=1 room=1 op=1 form=dx
	outb %al, $0x80		# AB: out len=2 room=2 op=1 form=imm imm=0x80
	movl %cr0, %eax		# AB: mov_from_cr len=3 room=3 op=4 form=reg reg=0 sreg=0
	movl %eax, %cr0		# AB: mov_to_cr len=3 room=3 op=4 form=reg reg=0 sreg=0
	lgdtl (%eax)		# AB: lgdt len=5 room=5 op=6 form=mem base=0 fl=addr
	int $0x10		# AB: int len=2 room=2 form=imm imm=0x10
	movw %ax, %ds		# AB: mov_to_sreg len=2 room=2 op=2 form=reg reg=0 sreg=3
	pushl %ds		# AB: push_sreg len=2 room=2 op=4 sreg=3
	rdtsc			# AB: rdtsc len=2 room=2
	cpuid			# AB: cpuid len=2 room=2
	addl $4, %esp
	retl
