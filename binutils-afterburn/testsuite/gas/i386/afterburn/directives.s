# The .afterburn directive in 64-bit code.  Checked by afterburn.exp.
	.text
start:
	cli			# AB: cli len=1 room=7
	.afterburn off
	cli
	in $0x80, %al
	.afterburn on
	sti			# AB: sti len=1 room=5 off=4
	.afterburn push
	.afterburn off
	.afterburn push
	.afterburn on
	hlt			# AB: hlt len=1 room=5
	.afterburn pop
	hlt
	.afterburn pop
	wrmsr			# AB: wrmsr len=2 room=5
# Mark by hand: any instruction, padded with the kind's room.
	.afterburn mark pt_write
	movq %rsi, (%rdi)	# AB: pt_write len=3 room=5 op=8 form=mem reg=6 base=7 fl=hand
	.afterburn mark mmio
	movl 0x10(%rax), %eax	# AB: mmio len=3 room=5 op=4 form=mem reg=0 base=0 imm=0x10 fl=hand
	.afterburn mark pt_read
	mov (%rbx,%rcx,8), %rdx	# AB: pt_read len=4 room=5 op=8 form=mem reg=2 base=3 index=1 scale=3 fl=hand
# Lock prefixes, on the line or on their own line.
	.afterburn mark pt_write
	lock cmpxchg %rcx, (%rdi)	# AB: pt_write len=5 room=5 op=8 form=mem reg=1 base=7 fl=hand,lock
	.afterburn mark pt_write
	lock
	xchg %rcx, (%rdi)	# AB: pt_write len=4 room=5 op=8 form=mem reg=1 base=7 fl=hand,lock
# A hand mark wins over (and works inside) `.afterburn off'.
	.afterburn off
	.afterburn mark custom
	cli			# AB: custom len=1 room=5 fl=hand
	cli
	.afterburn on
# A hand mark on a catalogue kind, and labels between mark and insn.
	.afterburn mark cpuid
1:	cpuid			# AB: cpuid len=2 room=5 fl=hand
# A labelled range: room is its length, no padding.
	.afterburn range mmio, 2f, 3f
	nop
2:	movl $1, (%rdi)		# AB: mmio len=13 room=13 fl=hand,range
	movl $2, 4(%rdi)
3:	nop
# Stand-alone prefixes on their own lines belong to the site.
	rep
	outsb			# AB: outs len=2 room=5 op=1 form=dx fl=rep
	ret
