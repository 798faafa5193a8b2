# Real-mode code (.code16): recorded with mode 16 and no padding
# (room == len, table.h).  Checked by afterburn.exp.
	.text
	.code16
start:
	cli			# AB: cli len=1 room=1
	sti			# AB: sti len=1 room=1
	pushf			# AB: pushf len=1 room=1 op=2
	pushfl			# AB: pushf len=2 room=2 op=4
	popf			# AB: popf len=1 room=1 op=2
	hlt			# AB: hlt len=1 room=1
	inb $0x92, %al		# AB: in len=2 room=2 op=1 form=imm imm=0x92
	outb %al, $0x92		# AB: out len=2 room=2 op=1 form=imm imm=0x92
	in (%dx), %ax		# AB: in len=1 room=1 op=2 form=dx
	outl %eax, (%dx)	# AB: out len=2 room=2 op=4 form=dx
	rep insw		# AB: ins len=2 room=2 op=2 form=dx fl=rep
	rep outsb		# AB: outs len=2 room=2 op=1 form=dx fl=rep
	movl %cr0, %eax		# AB: mov_from_cr len=3 room=3 op=4 form=reg reg=0 sreg=0
	movl %eax, %cr0		# AB: mov_to_cr len=3 room=3 op=4 form=reg reg=0 sreg=0
	lgdtl gdt_desc		# AB: lgdt len=6 room=6 op=6 form=mem imm=reloc
	lidt (%bx)		# AB: lidt len=3 room=3 op=6 form=mem base=3
	lmsw %ax		# AB: lmsw len=3 room=3 op=2 form=reg reg=0
	smsw %ax		# AB: smsw len=3 room=3 op=2 form=reg reg=0
	wrmsr			# AB: wrmsr len=2 room=2
	rdmsr			# AB: rdmsr len=2 room=2
	rdtsc			# AB: rdtsc len=2 room=2
	cpuid			# AB: cpuid len=2 room=2
	int $0x15		# AB: int len=2 room=2 form=imm imm=0x15
	int3			# AB: int3 len=1 room=1
	iret			# AB: iret len=1 room=1 op=2
	lret			# AB: lret len=1 room=1 op=2
	ljmp $0x8, $0x10	# AB: ljmp len=5 room=5 op=4 form=far imm=0x10
	ljmpl $0x10, $0x100000	# AB: ljmp len=8 room=8 op=6 form=far imm=0x100000
	lcall $0x0, $0x7c00	# AB: lcall len=5 room=5 op=4 form=far imm=0x7c00
	mov %ax, %ds		# AB: mov_to_sreg len=2 room=2 op=2 form=reg reg=0 sreg=3
	mov %ax, %ss		# AB: mov_to_sreg len=2 room=2 op=2 form=reg reg=0 sreg=2
	mov %cs, %ax		# AB: mov_from_sreg len=2 room=2 op=2 form=reg reg=0 sreg=1
	push %cs		# AB: push_sreg len=1 room=1 op=2 sreg=1
	pop %ds			# AB: pop_sreg len=1 room=1 op=2 sreg=3
	lss (%si), %sp		# AB: load_farptr len=3 room=3 op=2 form=mem reg=4 base=6 sreg=2
	les (%si), %di		# AB: load_farptr len=2 room=2 op=2 form=mem reg=7 base=6 sreg=0
	clts			# AB: clts len=2 room=2
	invd			# AB: invd len=2 room=2
	wbinvd			# AB: wbinvd len=2 room=2
	mov %ax, %bx
	ret
gdt_desc:
	.word 0
	.long 0
