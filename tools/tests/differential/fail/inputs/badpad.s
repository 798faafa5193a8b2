# With AB=1 the padding after a site is not NOPs (a stray `inc %eax' sits in
# it): run-differential must refuse it.
	.include "record.inc"
	.if AB
	ab_header
1:	cli
	inc %eax
	.nops 4
	ab_site 1b, 1, 1, 7
	.else
	cli
	.endif
	ret
