#name: afterburn padding (pad-64)
#as: --afterburn=on --64
#objdump: -dw

.*: +file format .*


Disassembly of section \.text:

0000000000000000 <\.text>:
 +0:	fa                   	cli
 +1:	66 0f 1f 44 00 00    	nopw   0x0\(%rax,%rax,1\)
 +7:	0f 1f 40 00          	nopl   0x0\(%rax\)
 +b:	fb                   	sti
 +c:	0f 20 d8             	mov    %cr3,%rax
 +f:	0f 1f 40 00          	nopl   0x0\(%rax\)
 +13:	0f 22 d8             	mov    %rax,%cr3
 +16:	66 90                	xchg   %ax,%ax
 +18:	0f 01 94 d8 00 10 00 00 	lgdt   0x1000\(%rax,%rbx,8\)
 +20:	0f 01 f8             	swapgs
 +23:	66 90                	xchg   %ax,%ax
 +25:	90                   	nop

Disassembly of section \.afterburn\.check:

0000000000000000 <\.afterburn\.check>:
 +0:	f3 6e                	rep outsb %ds:\(%rsi\),\(%dx\)
 +2:	0f 1f 00             	nopl   \(%rax\)
 +5:	eb f9                	jmp    0x0
