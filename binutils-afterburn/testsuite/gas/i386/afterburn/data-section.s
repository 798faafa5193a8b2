# Instructions in data sections are copied or mapped elsewhere before they
# run (Linux's vsyscall page, the decompressor's trampoline): gas warns and
# records no site for them.  The .text one is marked as usual.
	.data
	int3
	.section .rodata,"a"
	cli
	.text
	cli
