# Live registers and known operands (tc-i386-afterburn-live.c): each
# site's `dead=' lists what may be clobbered after its room, `indead='
# the general registers dead before the instruction, `known=' its known
# operand (afterburn.exp).  Everything not listed must be live: the
# analysis is conservative wherever it cannot see.
	.text
	.code64

# Kills on a straight line; a known port; xor %eax,%eax reads nothing.
f1:
	mov $0x3f8, %edx
	mov $0x41, %eax
	out %al, (%dx)		# AB: out len=1 room=5 op=1 form=dx dead=rax,rcx,arith indead=rcx known=0x3f8
	xor %eax, %eax
	mov $1, %ecx
	ret

# An 8-bit write keeps the rest of the register live.
f2:
	cli			# AB: cli len=1 room=7 dead=arith
	movb $1, %al
	addl $1, %ecx
	ret

# Two paths that both overwrite.
f3:
	sti			# AB: sti len=1 room=5 off=4 dead=rax,rdx,rsi,arith indead=rax,rdx,rsi
	test %edi, %edi
	je 1f
	mov $1, %edx
	mov %edx, %eax
	jmp 2f
1:	mov $2, %edx
	mov $3, %eax
2:	xor %esi, %esi
	ret

# A loop: %rax is read around the back edge, %rcx set before it.
f4:
	pushf			# AB: pushf len=1 room=5 op=8 dead=rcx,arith indead=rcx
	mov $10, %ecx
1:	add %ecx, %eax
	dec %ecx
	jnz 1b
	ret

# A call reads everything.
f5:
	cli			# AB: cli len=1 room=7
	call f1
	xor %eax, %eax
	ret

# A jump to another section goes where the analysis cannot see.
f6:
	sti			# AB: sti len=1 room=5 off=4
	jmp .Lelse

# A jump table the analysis can read (read-only, entries into .text).
f7:
	cli			# AB: cli len=1 room=7 dead=rax,rcx,rdx,arith indead=rax,rcx,rdx
	mov %edi, %eax
	jmp *.Ltab(,%rax,8)
.La:	mov $1, %ecx
	xor %edx, %edx
	ret
.Lb:	mov $2, %ecx
	xor %edx, %edx
	ret

# A jump table in writable data is not provable.
f8:
	cli			# AB: cli len=1 room=7 dead=rax indead=rax
	mov %edi, %eax
	jmp *.Ltab2(,%rax,8)

# Data in text after a site.
f9:
	sti			# AB: sti len=1 room=5 off=4
	.long 0x12345678
	xor %eax, %eax
	ret

# Alignment NOPs are passed through.
f10:
	cli			# AB: cli len=1 room=7 dead=rax,arith indead=rax
	.p2align 4
	xor %eax, %eax
	ret

# An __ex_table entry: the faulting instruction reads everything.
f11:
	cli			# AB: cli len=1 room=7
1:	movl (%rdi), %ecx
	xor %eax, %eax
	ret
2:	mov $-14, %eax
	ret
	.pushsection __ex_table, "a"
	.balign 4
	.long 1b - ., 2b - ., 0
	.popsection

# A jump label spelled as a NOP: it may become a jump to 2b.
f12:
	sti			# AB: sti len=1 room=5 off=4
1:	.byte 0x0f, 0x1f, 0x44, 0x00, 0x00
	xor %eax, %eax
	ret
2:	mov %eax, (%rdi)
	ret
	.pushsection __jump_table, "aw"
	.balign 8
	.long 1b - ., 2b - .
	.quad key - .
	.popsection

# A jump label spelled as a jmp (objtool NOPs it): it may fall through.
f12b:
	cli			# AB: cli len=1 room=7
1:	jmp 2f
	mov %eax, (%rdi)
	ret
2:	xor %eax, %eax
	ret
	.pushsection __jump_table, "aw"
	.balign 8
	.long 1b - ., 2b - .
	.quad key - .
	.popsection

# An alternative may replace the original with anything.
f13:
	cli			# AB: cli len=1 room=7
661:	xor %eax, %eax
662:	ret
	.pushsection .altinstructions, "a"
	.long 661b - ., 6641f - .
	.word 0
	.byte 662b - 661b, 6642f - 6641f
	.popsection
	.pushsection .altinstr_replacement, "ax"
6641:	mov %eax, (%rdi)
6642:
	.popsection

# An instruction the def/use table does not cover.
f14:
	cli			# AB: cli len=1 room=7
	vpmovm2b %k1, %zmm0
	xor %eax, %eax
	ret

# Known operands: only within the basic block, only full values.
f15:
	movw $0x3f8, %dx
	outb %al, %dx		# AB: out len=1 room=5 op=1 form=dx dead=rax,rcx,rdx,arith indead=rcx known=0x3f8
	mov $0xc0000080, %ecx
	rdmsr			# AB: rdmsr len=2 room=5 dead=arith indead=rax,rdx known=0xc0000080
	or $1, %eax
	wrmsr			# AB: wrmsr len=2 room=5 dead=rdx known=0xc0000080
	mov $0x70, %edx
1:	in (%dx), %al		# AB: in len=1 room=5 op=1 form=dx dead=rdx
	mov $0x71, %edx
	call f1
	in (%dx), %al		# AB: in len=1 room=5 op=1 form=dx dead=rax,rbx,rdx,arith indead=rbx
	mov $0x64, %eax
	mov %eax, %edx
	in (%dx), %al		# AB: in len=1 room=5 op=1 form=dx dead=rax,rbx,rdx,arith indead=rbx known=0x64
	xor %eax, %eax
	cpuid			# AB: cpuid len=2 room=5 dead=rbx,rdx,arith indead=rbx,rdx known=0
	mov $5, %edx
	mov %esi, %edx
	in (%dx), %al		# AB: in len=1 room=5 op=1 form=dx dead=rbx,rdx,arith indead=rbx
	mov $0x12345678, %edx
	movb $0x40, %dl
	in (%dx), %al		# AB: in len=1 room=5 op=1 form=dx dead=rax,rbx,rdx,arith indead=rbx
	movw $0x10, %cx
	rdmsr			# AB: rdmsr len=2 room=5 dead=rbx,arith indead=rax,rbx,rdx
	xor %ebx, %ebx
	ret

# A site spelled as bytes.
f16:
	.byte 0x0f, 0x01, 0xc9	# AB: mwait len=3 room=5 xfl=bytes dead=rax,arith
	xor %eax, %eax
	ret

# A weak symbol may be another definition at link time.
	.weak wk
f17:
	cli			# AB: cli len=1 room=7
	jmp wk
wk:	xor %eax, %eax
	ret

# A shift by %cl may leave the flags alone; by 3 it sets them.
f18:
	cli			# AB: cli len=1 room=7 dead=rdx indead=rdx
	shl %cl, %eax
	xor %edx, %edx
	ret
f18b:
	cli			# AB: cli len=1 room=7 dead=rdx,arith indead=rdx
	shl $3, %eax
	xor %edx, %edx
	ret

# rep adds %rcx, also on its own line.
f19:
	cli			# AB: cli len=1 room=7 dead=arith
	rep stosb
	xor %ecx, %ecx
	ret
f19b:
	cli			# AB: cli len=1 room=7 dead=rcx,arith indead=rcx
	stosb
	xor %ecx, %ecx
	ret
f19c:
	cli			# AB: cli len=1 room=7 dead=arith
	rep; stosb
	xor %ecx, %ecx
	ret

# Indirect jumps and traps.
f20:
	cli			# AB: cli len=1 room=7
	jmp *%rax
f21:
	sti			# AB: sti len=1 room=5 off=4
	ud2
	xor %eax, %eax
	ret

# Falling into the next function is what the CPU does.
f22:
	cli			# AB: cli len=1 room=7 dead=rax,rdx,arith indead=rax,rdx
	xor %edx, %edx
f23:
	mov $1, %eax
	ret

# The end of the section: nothing follows that the analysis can see.
f24:
	cli			# AB: cli len=1 room=7 nodis

	.section .text.other, "ax"
.Lelse:
	xor %eax, %eax
	ret

	.section .rodata
	.p2align 3
.Ltab:	.quad .La
	.quad .Lb

	.data
	.p2align 3
.Ltab2:	.quad .La
key:	.quad 0
