# 32-bit code (as --32): the legacy-only encodings too.
# `# AB: KIND key=value...' lines are checked by afterburn.exp.
	.text
	.code32
start:
	cli			# AB: cli len=1 room=7
	sti			# AB: sti len=1 room=5 off=4
	pushf			# AB: pushf len=1 room=5 op=4
	pushfw			# AB: pushf len=2 room=5 op=2
	popfl			# AB: popf len=1 room=5 op=4
	hlt			# AB: hlt len=1 room=5
	inb $0x60, %al		# AB: in len=2 room=5 op=1 form=imm imm=0x60
	in (%dx), %eax		# AB: in len=1 room=5 op=4 form=dx
	inw (%dx)		# AB: in len=2 room=5 op=2 form=dx
	outb %al, $0x80		# AB: out len=2 room=5 op=1 form=imm imm=0x80
	outl %eax, %dx		# AB: out len=1 room=5 op=4 form=dx
	rep insl		# AB: ins len=2 room=5 op=4 form=dx fl=rep
	rep outsb		# AB: outs len=2 room=5 op=1 form=dx fl=rep
	addr16 outsw		# AB: outs len=3 room=5 op=2 form=dx fl=addr
	mov %cr0, %eax		# AB: mov_from_cr len=3 room=7 op=4 form=reg reg=0 sreg=0
	mov %eax, %cr3		# AB: mov_to_cr len=3 room=5 op=4 form=reg reg=0 sreg=3
	mov %cr8, %eax		# AB: mov_from_cr len=4 room=7 op=4 form=reg reg=0 sreg=8 fl=lock
	mov %ebx, %cr8		# AB: mov_to_cr len=4 room=5 op=4 form=reg reg=3 sreg=8 fl=lock
	mov %db6, %ecx		# AB: mov_from_dr len=3 room=7 op=4 form=reg reg=1 sreg=6
	mov %edx, %db7		# AB: mov_to_dr len=3 room=5 op=4 form=reg reg=2 sreg=7
	lgdt gdt		# AB: lgdt len=7 room=7 op=6 form=mem imm=reloc
	lidt (%eax)		# AB: lidt len=3 room=5 op=6 form=mem base=0
	lldt %ax		# AB: lldt len=3 room=5 op=2 form=reg reg=0
	ltr (%ebx)		# AB: ltr len=3 room=5 op=2 form=mem base=3
	sgdt 4(%esp)		# AB: sgdt len=5 room=5 op=6 form=mem base=4 imm=4
	sidt (%edi)		# AB: sidt len=3 room=5 op=6 form=mem base=7
	sldt %ax		# AB: sldt len=4 room=5 op=2 form=reg reg=0
	str %eax		# AB: str len=3 room=5 op=4 form=reg reg=0
	smsw %ax		# AB: smsw len=4 room=5 op=2 form=reg reg=0
	lmsw (%eax)		# AB: lmsw len=3 room=5 op=2 form=mem base=0
	clts			# AB: clts len=2 room=5
	invlpg (%ecx)		# AB: invlpg len=3 room=5 form=mem base=1
	invpcid (%eax), %edx	# AB: invpcid len=5 room=5 op=4 form=mem reg=2 base=0
	invd			# AB: invd len=2 room=5
	wbinvd			# AB: wbinvd len=2 room=5
	wbnoinvd		# AB: wbnoinvd len=3 room=5
	wrmsr			# AB: wrmsr len=2 room=5
	rdmsr			# AB: rdmsr len=2 room=5
	rdtsc			# AB: rdtsc len=2 room=5
	rdtscp			# AB: rdtscp len=3 room=5
	rdpmc			# AB: rdpmc len=2 room=5
	cpuid			# AB: cpuid len=2 room=5
	sysexit			# AB: sysexit len=2 room=5 op=4
	sysret			# AB: sysret len=2 room=5 op=4
	iret			# AB: iret len=1 room=5 op=4
	iretw			# AB: iret len=2 room=5 op=2
	lret			# AB: lret len=1 room=5 op=4
	lret $4			# AB: lret len=3 room=5 op=4 form=imm imm=4
	ljmp $0x10, $0x1000	# AB: ljmp len=7 room=7 op=6 form=far imm=0x1000
	ljmp *(%eax)		# AB: ljmp len=2 room=5 op=6 form=mem base=0
	lcall $0x8, $0x2000	# AB: lcall len=7 room=7 op=6 form=far imm=0x2000
	lcall *(%ebx)		# AB: lcall len=2 room=5 op=6 form=mem base=3
	int $0x21		# AB: int len=2 room=5 form=imm imm=0x21
	int3			# AB: int3 len=1 room=1
	into			# AB: into len=1 room=1
	lar %ax, %cx		# AB: lar len=4 room=5 op=2 form=reg reg=1 base=0
	lsl (%eax), %edx	# AB: lsl len=3 room=5 op=4 form=mem reg=2 base=0
	verr (%eax)		# AB: verr len=3 room=5 op=2 form=mem base=0
	verw %ax		# AB: verw len=3 room=5 op=2 form=reg reg=0
	xsetbv			# AB: xsetbv len=3 room=5
	xgetbv			# AB: xgetbv len=3 room=5
	monitor			# AB: monitor len=3 room=5
	mwait			# AB: mwait len=3 room=5
	xsaves (%edi)		# AB: xsaves len=3 room=3 form=mem base=7
	xrstors (%esi)		# AB: xrstors len=3 room=3 form=mem base=6
	rdpid %eax		# AB: rdpid len=4 room=5 op=4 form=reg reg=0
	mov %ax, %ss		# AB: mov_to_sreg len=2 room=5 off=3 op=4 form=reg reg=0 sreg=2
	mov %cs, %ax		# AB: mov_from_sreg len=3 room=5 op=2 form=reg reg=0 sreg=1
	push %es		# AB: push_sreg len=1 room=5 op=4 sreg=0
	push %cs		# AB: push_sreg len=1 room=5 op=4 sreg=1
	push %ss		# AB: push_sreg len=1 room=5 op=4 sreg=2
	push %ds		# AB: push_sreg len=1 room=5 op=4 sreg=3
	push %fs		# AB: push_sreg len=2 room=5 op=4 sreg=4
	pushw %gs		# AB: push_sreg len=3 room=5 op=2 sreg=5
	pop %es			# AB: pop_sreg len=1 room=5 op=4 sreg=0
	pop %ss			# AB: pop_sreg len=1 room=5 off=4 op=4 sreg=2
	pop %ds			# AB: pop_sreg len=1 room=5 op=4 sreg=3
	pop %fs			# AB: pop_sreg len=2 room=5 op=4 sreg=4
	pop %gs			# AB: pop_sreg len=2 room=5 op=4 sreg=5
	lds (%eax), %ebx	# AB: load_farptr len=2 room=5 op=4 form=mem reg=3 base=0 sreg=3
	les (%eax), %cx		# AB: load_farptr len=3 room=5 op=2 form=mem reg=1 base=0 sreg=0
	lss (%eax), %esp	# AB: load_farptr len=3 room=5 op=4 form=mem reg=4 base=0 sreg=2
	lfs (%eax), %esi	# AB: load_farptr len=3 room=5 op=4 form=mem reg=6 base=0 sreg=4
	lgs (%eax), %edi	# AB: load_farptr len=3 room=5 op=4 form=mem reg=7 base=0 sreg=5
# Not sensitive: VEX (c4/c5 are les/lds only with a memory ModRM).
	vpxor %xmm0, %xmm1, %xmm2
	vpshufb %ymm0, %ymm1, %ymm2
	push %eax
	rdseed %eax
	ret
	.data
gdt:	.quad 0
