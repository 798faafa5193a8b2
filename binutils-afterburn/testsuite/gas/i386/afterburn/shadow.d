#name: afterburn layout: interrupt shadows stay adjacent
#as: --afterburn=on --64
#objdump: -dw

.*: +file format .*


Disassembly of section \.text:

0+ <halt>:
 +0:	0f 1f 40 00          	nopl   0x0\(%rax\)
 +4:	fb                   	sti
 +5:	f4                   	hlt
 +6:	0f 1f 40 00          	nopl   0x0\(%rax\)

0+a <idle>:
 +a:	0f 1f 40 00          	nopl   0x0\(%rax\)
 +e:	fb                   	sti
 +f:	0f 01 c9             	mwait  %eax,%ecx
 +12:	66 90                	xchg   %ax,%ax

0+14 <stack>:
 +14:	90                   	nop
 +15:	0f 1f 00             	nopl   \(%rax\)
 +18:	8e d0                	mov    %eax,%ss
 +1a:	89 dc                	mov    %ebx,%esp
 +1c:	c3                   	ret

0+1d <load>:
 +1d:	8e d0                	mov    %eax,%ss
 +1f:	8e d8                	mov    %eax,%ds
 +21:	0f 1f 00             	nopl   \(%rax\)
 +24:	c3                   	ret
