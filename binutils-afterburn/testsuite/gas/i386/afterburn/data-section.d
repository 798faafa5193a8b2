#name: afterburn warns about and skips instructions in data sections
#as: --afterburn=on --64
#warning_output: data-section.l
#readelf: -rW

Relocation section '\.rela\.discard\.afterburn' at offset 0x[0-9a-f]+ contains 1 entry:
 +Offset +Info +Type +Symbol's Value +Symbol's Name \+ Addend
[0-9a-f]+ +[0-9a-f]+ R_X86_64_PC32 +0+ \.text \+ [0-9a-f]+
