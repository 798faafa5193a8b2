#name: afterburn --afterburn-report=bytes
#as: --afterburn=on --64 --afterburn-report=bytes
#warning_output: bytes-report.l
#objdump: -h

#...
.*\.discard\.afterburn_src.*
#pass
