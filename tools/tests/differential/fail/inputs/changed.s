# With AB=1 an ordinary instruction changes and a sensitive one gets no
# record: run-differential must report one stream difference and one miss.
	.include "record.inc"
	.if AB
	ab_header
	.endif
	.text
	.if AB
	mov $2, %eax
	.else
	mov $1, %eax
	.endif
	hlt
	ret
