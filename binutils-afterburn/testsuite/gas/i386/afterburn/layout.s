# Layout the kernel fixes by hand must come out byte for byte as stock gas
# assembles it (afterburn.exp compares these sections with marking on and
# off).  The rule that makes it so: int3 is never padded (room 0 in
# kinds.def: every platform delivers #BP through the guest's own IDT or
# trap table, so no platform rewrites it) -- the site is still recorded.
#
# A Linux 6.12 static-call trampoline: `ret; int3; nop; nop; nop' and the
# signature ud1 %esp, %ecx that static_call.c checks at offset +5.
	.section .static_call.text, "ax"
	.align 4
	.globl __SCT__null612
__SCT__null612:
	ret
	int3				# AB: int3 len=1 room=1
	nop
	nop
	nop
	.byte 0x0f, 0xb9, 0xcc
# Linux 6.1's: a jmp.d32 (or the same null body) and the bytes "SCT".
	.align 4
	.globl __SCT__jmp61, __SCT__null61
__SCT__jmp61:
	.byte 0xe9 ; .long target - (. + 4)
	.byte 0x53, 0x43, 0x54
	.align 4
__SCT__null61:
	ret ; int3 ; nop ; nop ; nop	# AB: int3 len=1 room=1
	.byte 0x53, 0x43, 0x54
# Straight-line speculation hardening: int3 after every ret and jmp.
	.section .text.sls, "ax"
target:
	ret
	int3				# AB: int3 len=1 room=1
	jmp *%rax
	int3				# AB: int3 len=1 room=1
# A retpoline-style thunk padded to a fixed size with int3 fill.
	.section .text.thunk, "ax"
	.align 32
thunk:
	call 1f
2:	pause
	lfence
	jmp 2b
	int3				# AB: int3 len=1 room=1
1:	mov %rax, (%rsp)
	ret
	int3				# AB: int3 len=1 room=1
	.skip 32 - (. - thunk), 0xcc
	.org thunk + 32
