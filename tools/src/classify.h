/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Classify machine-code bytes against the AB_ENC encodings of kinds.def. */
#ifndef AB_TOOLS_CLASSIFY_H
#define AB_TOOLS_CLASSIFY_H

#include <stddef.h>

/*
 * Return the catalogue kind number of the instruction in BYTES[0..LEN) when
 * decoded in MODE (16, 32 or 64), or 0 if it is not sensitive.  Legacy
 * prefixes and REX are skipped; the opcode space, opcode, ModRM constraint,
 * mandatory prefix and mode must match an AB_ENC line.
 */
int ab_classify(const unsigned char *bytes, size_t len, int mode);

#endif
