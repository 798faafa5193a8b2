#name: afterburn --afterburn=off writes no .afterburn section
#source: sites-64.s
#as: --afterburn=off --64
#readelf: -SW

#failif
#...
.*\.afterburn.*
#...
