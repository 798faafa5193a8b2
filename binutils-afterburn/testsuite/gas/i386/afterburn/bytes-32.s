# Byte-spelled instructions in 32-bit code, with prefixes; in 16-bit code
# .byte stays data (real-mode code runs before any runtime: see table.h).
	.text
	.code32
start:
	.byte 0x0f, 0x01, 0xc8			# AB: monitor len=3 room=5 xfl=bytes
	.byte 0x0f, 0xc7, 0x2f			# AB: xsaves len=3 room=3 form=mem base=7 xfl=bytes
	.byte 0xf2, 0x0f, 0x01, 0xff		# AB: sev len=4 room=4 member=pvalidate xfl=bytes
	.byte 0xf0, 0x0f, 0x20, 0xc0		# AB: mov_from_cr len=4 room=7 op=4 form=reg reg=0 sreg=8 fl=lock xfl=bytes
	.byte 0x66, 0x0f, 0x00, 0xc8		# AB: str len=4 room=5 op=2 form=reg reg=0 xfl=bytes
	.byte 0x67, 0xf3, 0x6e			# AB: outs len=3 room=5 op=1 form=dx fl=rep,addr xfl=bytes
	.byte 0x64, 0x0f, 0x01, 0x10		# AB: lgdt len=4 room=5 op=6 form=mem base=0 seg=4 xfl=bytes
	.byte 0xea, 0x00, 0x10, 0x00, 0x00, 0x10, 0x00	# AB: ljmp len=7 room=7 op=6 form=far imm=0x1000 xfl=bytes
	.byte 0x17				# one byte: data (pop %ss)
	ret
	.code16
	.byte 0x0f, 0x01, 0xc8
	.code32
