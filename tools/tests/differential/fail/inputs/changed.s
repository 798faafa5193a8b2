# With AB=1 an ordinary instruction changes and a sensitive one gets no
# record, and a table entry moves: run-differential must report two stream
# differences and one miss.
	.include "record.inc"
	.if AB
	ab_header
	.endif
	.text
1:	.if AB
	mov $2, %eax
	.else
	mov $1, %eax
	.endif
2:	hlt
	ret
	.pushsection __ex_table, "a"	# with AB=1 the entry points elsewhere
	.if AB
	.long 2b - .
	.else
	.long 1b - .
	.endif
	.popsection
