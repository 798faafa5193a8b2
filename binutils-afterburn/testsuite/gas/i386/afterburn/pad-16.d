#name: afterburn padding (pad-16)
#as: --afterburn=on --32
#objdump: -dw -mi8086

.*: +file format .*


Disassembly of section \.text:

00000000 <\.text>:
 +0:	fa                   	cli
 +1:	0f 20 c0             	mov    %cr0,%eax
 +4:	66 83 c8 01          	or     \$0x1,%eax
 +8:	0f 22 c0             	mov    %eax,%cr0
 +b:	ea 00 01 08 00       	ljmp   \$0x8,\$0x100
 +10:	66 9c                	pushfl
 +12:	fa                   	cli
 +13:	66 9d                	popfl
 +15:	90                   	nop
