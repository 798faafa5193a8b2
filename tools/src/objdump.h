/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Running `objdump -d -w' and parsing its instruction lines. */
#ifndef AB_TOOLS_OBJDUMP_H
#define AB_TOOLS_OBJDUMP_H

#include <stdint.h>
#include <stdio.h>

#define AB_INSN_MAX 16

struct ab_insn {
	const char *section;	/* interned */
	uint64_t addr;
	const char *sym;	/* the symbol objdump names the code after, or NULL */
	uint64_t symaddr;
	unsigned char bytes[AB_INSN_MAX];
	int len;		/* number of bytes objdump printed (may exceed AB_INSN_MAX) */
	int mode;		/* 16, 32 or 64: how objdump decoded it */
	char *text;		/* mnemonic and operands */
};

struct ab_insns {
	struct ab_insn *v;
	size_t n, cap;
};

/* Parse objdump -d -w text from F, tagging each instruction with MODE. */
int ab_objdump_parse(FILE *f, int mode, struct ab_insns *out);
/*
 * Run objdump -d -w on FILE in MODE (16/32/64; 0 = objdump's default for the
 * file), optionally limited to SECTION and [START, STOP), and parse it.
 */
int ab_objdump_run(const char *file, int mode, const char *section,
		   uint64_t start, uint64_t stop, struct ab_insns *out);
const char *ab_intern(const char *s);

#endif
