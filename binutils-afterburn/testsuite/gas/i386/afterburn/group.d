#name: afterburn records of COMDAT group code stay in its group
#as: --afterburn=on --64
#readelf: -gW

#...
COMDAT group section \[ +[0-9]+\] `\.group' \[irq_off\] contains 3 sections:
 +\[Index\] +Name
 +\[ +[0-9]+\] +\.text\.irq_off
 +\[ +[0-9]+\] +\.discard\.afterburn
 +\[ +[0-9]+\] +\.rela\.discard\.afterburn

COMDAT group section \[ +[0-9]+\] `\.group' \[rd\] contains 3 sections:
 +\[Index\] +Name
 +\[ +[0-9]+\] +\.text\.rd
 +\[ +[0-9]+\] +\.discard\.afterburn
 +\[ +[0-9]+\] +\.rela\.discard\.afterburn
#pass
