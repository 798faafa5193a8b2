# Instructions spelled as bytes (Linux writes xsaves, mwait, clac, erets,
# lkgs ... that way for old assemblers) are the instructions: the same
# site the mnemonic gives, decoded from the bytes, flagged `bytes'.
# `# AB:' annotations as in sites-64.s; unannotated statements must not
# become sites.
	.text
start:
	.byte 0x0f, 0x01, 0xc8			# AB: monitor len=3 room=5 xfl=bytes
	.byte 0x0f, 0x01, 0xc9			# AB: mwait len=3 room=5 xfl=bytes
	.byte 0x48, 0x0f, 0xc7, 0x2f		# AB: xsaves len=4 room=4 op=8 form=mem base=7 xfl=bytes
	.byte 0x48, 0x0f, 0xc7, 0x1f		# AB: xrstors len=4 room=4 op=8 form=mem base=7 xfl=bytes
	.byte 0x0f, 0x01, 0xca			# AB: clac len=3 room=3 xfl=bytes
	.byte 0x0f, 0x01, 0xcb			# AB: stac len=3 room=3 xfl=bytes
	.byte 0xf2, 0x0f, 0x01, 0xca		# AB: erets len=4 room=4 xfl=bytes
	.byte 0xf3, 0x0f, 0x01, 0xca		# AB: eretu len=4 room=4 xfl=bytes
	.byte 0x66, 0x0f, 0x01, 0xcc		# AB: tdx len=4 room=4 member=tdcall xfl=bytes
	.byte 0x0f, 0x01, 0xc1			# AB: vmx len=3 room=3 member=vmcall xfl=bytes
	.byte 0x0f, 0x01, 0xdc			# AB: svm len=3 room=3 member=stgi xfl=bytes
	.byte 0xf3, 0x0f, 0x01, 0xd9		# AB: svm len=4 room=4 member=vmgexit xfl=bytes
	.byte 0xf3, 0x48, 0x0f, 0xae, 0xc0	# AB: rdfsbase len=5 room=5 op=8 form=reg reg=0 xfl=bytes
	.byte 0xe4, 0x80			# AB: in len=2 room=5 op=1 form=imm imm=0x80 xfl=bytes
	.byte 0x66, 0xef			# AB: out len=2 room=5 op=2 form=dx xfl=bytes
	.byte 0xf3, 0x6c			# AB: ins len=2 room=5 op=1 form=dx fl=rep xfl=bytes
	.byte 0x0f, 0x01, 0x15, 0x10, 0, 0, 0	# AB: lgdt len=7 room=7 op=10 form=mem base=rip xfl=bytes
	.byte 0x44, 0x0f, 0x20, 0xc0		# AB: mov_from_cr len=4 room=7 op=8 form=reg reg=0 sreg=8 xfl=bytes
	.byte 0x0f, 0x01, 0xf8			# AB: swapgs len=3 room=5 xfl=bytes
	.byte 0xcd, 0x80			# AB: int len=2 room=5 form=imm imm=0x80 xfl=bytes
# sti keeps its shadow over the instruction after it, spelled either way.
	sti					# AB: sti len=1 room=5 off=4
	.byte 0x0f, 0x01, 0xc9			# AB: mwait len=3 room=5 xfl=bytes
	.byte 0x8e, 0xd0			# AB: mov_to_sreg len=2 room=5 off=3 op=4 form=reg reg=0 sreg=2 xfl=bytes
# One byte is not enough evidence; several instructions, part of one, an
# unresolved byte, or something not sensitive: data.
	.byte 0xfa
	.byte 0xf4
	.byte 0x0f, 0x01, 0xca, 0x0f, 0x01, 0xcb
	.byte 0x0f, 0x01
	.byte 0xc8
	.byte 0xcd, undefined_vector
	.byte 0x0f, 0x1f, 0x00
	.byte 0x0f, 0x01, 0xc8, 0x90
# Fill is not an instruction.
	.fill 3, 1, 0xfa
	.skip 2, 0xf4
	.p2align 4, 0xcc
# Hand control: recognition off for a region, then on again.
	.afterburn bytes off
	.byte 0x0f, 0x01, 0xc8
	.afterburn push
	.afterburn bytes on
	.byte 0x0f, 0x01, 0xc9			# AB: mwait len=3 room=5 xfl=bytes
	.afterburn pop
	.byte 0x0f, 0x01, 0xc8
	.afterburn bytes on
# With marking off, bytes are data too.
	.afterburn off
	.byte 0x0f, 0x01, 0xc8
	.afterburn on
# A run of statements on one line: ds prefix + lkgs (objdump 2.40 does not
# know lkgs, so its disassembly is not checked: nodis).
	.byte 0x3e ; .byte 0xf2, 0x0f, 0x00, 0xf7	# AB: lkgs len=5 room=5 op=2 form=reg reg=7 seg=3 xfl=bytes nodis
	ret
