#name: afterburn records fill in code as data
#as: --afterburn=on --64
#objdump: -rs -j .discard.afterburn_fill

.*: +file format .*

RELOCATION RECORDS FOR \[\.discard\.afterburn_fill\]:
OFFSET +TYPE +VALUE
0+ R_X86_64_PC32 +\.text\+0x0+1
0+8 R_X86_64_PC32 +\.text\+0x0+5
0+10 R_X86_64_PC32 +\.text\+0x0+7
0+18 R_X86_64_PC32 +\.text\+0x0+8
0+20 R_X86_64_PC32 +\.text\+0x0+19
0+28 R_X86_64_PC32 +\.text\+0x0+21


Contents of section \.discard\.afterburn_fill:
 0000 00000000 03000000 00000000 02000000  .*
 0010 00000000 01000000 00000000 08000000  .*
 0020 00000000 07000000 00000000 07000000  .*
