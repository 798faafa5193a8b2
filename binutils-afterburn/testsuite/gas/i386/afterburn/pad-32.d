#name: afterburn padding (pad-32)
#as: --afterburn=on --32
#objdump: -dw

.*: +file format .*


Disassembly of section \.text:

00000000 <\.text>:
 +0:	fa                   	cli
 +1:	66 0f 1f 44 00 00    	nopw   0x0\(%eax,%eax,1\)
 +7:	9c                   	pushf
 +8:	0f 1f 40 00          	nopl   0x0\(%eax\)
 +c:	e4 71                	in     \$0x71,%al
 +e:	0f 1f 00             	nopl   \(%eax\)
 +11:	ea 00 10 00 00 10 00 	ljmp   \$0x10,\$0x1000
 +18:	0f 01 18             	lidtl  \(%eax\)
 +1b:	66 90                	xchg   %ax,%ax
 +1d:	90                   	nop
