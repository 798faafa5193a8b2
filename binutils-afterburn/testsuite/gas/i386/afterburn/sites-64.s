# Every catalogue kind that exists in 64-bit code, in several spellings.
# `# AB: KIND key=value...' says what the site record must hold (checked by
# afterburn.exp against objdump); unannotated instructions must not be
# marked.  Room is the kind's room from kinds.def.
	.text
	.code64
start:
	cli			# AB: cli len=1 room=7 op=0 form=none
	sti			# AB: sti len=1 room=5 off=4
	pushf			# AB: pushf len=1 room=5 op=8
	pushfq			# AB: pushf len=1 room=5 op=8
	pushfw			# AB: pushf len=2 room=5 op=2
	popf			# AB: popf len=1 room=5 op=8
	popfw			# AB: popf len=2 room=5 op=2
	hlt			# AB: hlt len=1 room=5
	nop
	in $0x80, %al		# AB: in len=2 room=5 op=1 form=imm imm=0x80
	inw $0x61, %ax		# AB: in len=3 room=5 op=2 form=imm imm=0x61
	in $0x71, %eax		# AB: in len=2 room=5 op=4 form=imm imm=0x71
	in (%dx), %al		# AB: in len=1 room=5 op=1 form=dx
	inw %dx, %ax		# AB: in len=2 room=5 op=2 form=dx
	inl (%dx)		# AB: in len=1 room=5 op=4 form=dx
	out %al, $0x80		# AB: out len=2 room=5 op=1 form=imm imm=0x80
	outl %eax, $0xf4	# AB: out len=2 room=5 op=4 form=imm imm=0xf4
	out %al, (%dx)		# AB: out len=1 room=5 op=1 form=dx
	outw %ax, %dx		# AB: out len=2 room=5 op=2 form=dx
	insb			# AB: ins len=1 room=5 op=1 form=dx
	insw			# AB: ins len=2 room=5 op=2 form=dx
	insl (%dx), %es:(%rdi)	# AB: ins len=1 room=5 op=4 form=dx
	rep insb		# AB: ins len=2 room=5 op=1 form=dx fl=rep
	rep; insw		# AB: ins len=3 room=5 op=2 form=dx fl=rep
	outsb			# AB: outs len=1 room=5 op=1 form=dx
	rep outsl		# AB: outs len=2 room=5 op=4 form=dx fl=rep
	outsw %fs:(%rsi), (%dx)	# AB: outs len=3 room=5 op=2 form=dx seg=4
	addr32 rep outsb	# AB: outs len=3 room=5 op=1 form=dx fl=rep,addr
	nop
	mov %cr0, %rax		# AB: mov_from_cr len=3 room=7 op=8 form=reg reg=0 sreg=0
	mov %cr3, %r9		# AB: mov_from_cr len=4 room=7 op=8 form=reg reg=9 sreg=3
	mov %cr8, %rdx		# AB: mov_from_cr len=4 room=7 op=8 form=reg reg=2 sreg=8
	mov %rdi, %cr3		# AB: mov_to_cr len=3 room=5 op=8 form=reg reg=7 sreg=3
	movq %r12, %cr4		# AB: mov_to_cr len=4 room=5 op=8 form=reg reg=12 sreg=4
	mov %db7, %rax		# AB: mov_from_dr len=3 room=7 op=8 form=reg reg=0 sreg=7
	mov %rcx, %db0		# AB: mov_to_dr len=3 room=5 op=8 form=reg reg=1 sreg=0
	nop
	lgdt (%rax)		# AB: lgdt len=3 room=5 op=10 form=mem base=0
	lgdt gdt(%rip)		# AB: lgdt len=7 room=7 op=10 form=mem base=rip
	lidt 8(%rsp)		# AB: lidt len=5 room=5 op=10 form=mem base=4 imm=8
	lidtq 0x10(%r8,%r9,4)	# AB: lidt len=6 room=6 op=10 form=mem base=8 index=9 scale=2 imm=0x10
	lldt %ax		# AB: lldt len=3 room=5 op=2 form=reg reg=0
	lldt (%rbx)		# AB: lldt len=3 room=5 op=2 form=mem base=3
	ltr %cx			# AB: ltr len=3 room=5 op=2 form=reg reg=1
	sgdt (%rdi)		# AB: sgdt len=3 room=5 op=10 form=mem base=7
	sidt (%rdi,%rsi,2)	# AB: sidt len=4 room=5 op=10 form=mem base=7 index=6 scale=1
	sldt %eax		# AB: sldt len=3 room=5 op=4 form=reg reg=0
	sldt (%rax)		# AB: sldt len=3 room=5 op=2 form=mem base=0
	str %ax			# AB: str len=4 room=5 op=2 form=reg reg=0
	smsw %eax		# AB: smsw len=3 room=5 op=4 form=reg reg=0
	smsw (%rax)		# AB: smsw len=3 room=5 op=2 form=mem base=0
	lmsw %ax		# AB: lmsw len=3 room=5 op=2 form=reg reg=0
	clts			# AB: clts len=2 room=5
	nop
	invlpg (%rdi)		# AB: invlpg len=3 room=5 form=mem base=7
	invlpg 0x1000(%rax,%rbx,8)	# AB: invlpg len=8 room=8 form=mem base=0 index=3 scale=3 imm=0x1000
	invpcid (%rax), %rbx	# AB: invpcid len=5 room=5 op=8 form=mem reg=3 base=0
	invd			# AB: invd len=2 room=5
	wbinvd			# AB: wbinvd len=2 room=5
	wbnoinvd		# AB: wbnoinvd len=3 room=5
	wrmsr			# AB: wrmsr len=2 room=5
	rdmsr			# AB: rdmsr len=2 room=5
	rdtsc			# AB: rdtsc len=2 room=5
	rdtscp			# AB: rdtscp len=3 room=5
	rdpmc			# AB: rdpmc len=2 room=5
	cpuid			# AB: cpuid len=2 room=5
	nop
	swapgs			# AB: swapgs len=3 room=5
	sysretq			# AB: sysret len=3 room=5 op=8
	sysretl			# AB: sysret len=2 room=5 op=4
	sysexitq		# AB: sysexit len=3 room=5 op=8
	iretq			# AB: iret len=2 room=5 op=8
	iretl			# AB: iret len=1 room=5 op=4
	iretw			# AB: iret len=2 room=5 op=2
	lretq			# AB: lret len=2 room=5 op=8
	lretl			# AB: lret len=1 room=5 op=4
	lretl $8		# AB: lret len=3 room=5 op=4 form=imm imm=8
	ljmp *(%rax)		# AB: ljmp len=2 room=5 op=6 form=mem base=0
	lcall *8(%rbx)		# AB: lcall len=3 room=5 op=6 form=mem base=3 imm=8
	int $0x80		# AB: int len=2 room=5 form=imm imm=0x80
	int3			# AB: int3 len=1 room=1
	nop
	lar %ax, %bx		# AB: lar len=4 room=5 op=2 form=reg reg=3 base=0
	lar (%rax), %ecx	# AB: lar len=3 room=5 op=4 form=mem reg=1 base=0
	lsl %eax, %edx		# AB: lsl len=3 room=5 op=4 form=reg reg=2 base=0
	verr %ax		# AB: verr len=3 room=5 op=2 form=reg reg=0
	verw (%rax)		# AB: verw len=3 room=5 op=2 form=mem base=0
	nop
	xsetbv			# AB: xsetbv len=3 room=5
	xgetbv			# AB: xgetbv len=3 room=5
	monitor			# AB: monitor len=3 room=5
	mwait			# AB: mwait len=3 room=5
	rdfsbase %rax		# AB: rdfsbase len=5 room=5 op=8 form=reg reg=0
	rdgsbase %eax		# AB: rdgsbase len=4 room=5 op=4 form=reg reg=0
	wrfsbase %r8		# AB: wrfsbase len=5 room=5 op=8 form=reg reg=8
	wrgsbase %rdi		# AB: wrgsbase len=5 room=5 op=8 form=reg reg=7
	xsaves (%rdi)		# AB: xsaves len=3 room=3 form=mem base=7
	xrstors64 (%rsi)	# AB: xrstors len=4 room=4 op=8 form=mem base=6
	rdpid %rax		# AB: rdpid len=4 room=5 op=8 form=reg reg=0
	nop
	mov %ax, %ds		# AB: mov_to_sreg len=2 room=5 op=4 form=reg reg=0 sreg=3
	mov (%rax), %es		# AB: mov_to_sreg len=2 room=5 op=2 form=mem base=0 sreg=0
	mov %ss, %ax		# AB: mov_from_sreg len=3 room=5 op=2 form=reg reg=0 sreg=2
	mov %fs, (%rbx)		# AB: mov_from_sreg len=2 room=5 op=2 form=mem base=3 sreg=4
	push %fs		# AB: push_sreg len=2 room=5 op=8 sreg=4
	push %gs		# AB: push_sreg len=2 room=5 op=8 sreg=5
	pop %fs			# AB: pop_sreg len=2 room=5 op=8 sreg=4
	popw %gs		# AB: pop_sreg len=3 room=5 op=2 sreg=5
	lss (%rax), %esp	# AB: load_farptr len=3 room=5 op=4 form=mem reg=4 base=0 sreg=2
	lfs (%rax), %ecx	# AB: load_farptr len=3 room=5 op=4 form=mem reg=1 base=0 sreg=4
	lgs (%rbx), %dx		# AB: load_farptr len=4 room=5 op=2 form=mem reg=2 base=3 sreg=5
	nop
# Not sensitive: same opcode bytes with another ModRM, prefix or map.
	rdseed %eax
	rdrand %eax
	clflush (%rax)
	sfence
	lfence
	xsave (%rdi)
	vmcall			# AB: vmx len=3 room=3 member=vmcall
	rdpkru
	incsspq %rax
	mov %rax, %rbx
	push %rax
	ud2
	vpxor %xmm0, %xmm1, %xmm2
# The same instructions reached through a macro and Intel syntax.
	.macro irq_disable
	cli
	.endm
	irq_disable		# AB: cli len=1 room=7
	.intel_syntax noprefix
	mov rax, cr2		# AB: mov_from_cr len=3 room=7 op=8 form=reg reg=0 sreg=2
	in al, dx		# AB: in len=1 room=5 op=1 form=dx
	out 0x43, al		# AB: out len=2 room=5 op=1 form=imm imm=0x43
	lidt [rax+16]		# AB: lidt len=4 room=5 op=10 form=mem base=0 imm=16
	.att_syntax prefix
	ret

	.data
gdt:	.quad 0
