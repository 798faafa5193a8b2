/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Classify machine-code bytes with the project's one decoder (decode.h). */
#ifndef AB_TOOLS_CLASSIFY_H
#define AB_TOOLS_CLASSIFY_H

#include <stddef.h>

/*
 * Return the catalogue kind number of the instruction in BYTES[0..LEN) when
 * decoded in MODE (16, 32 or 64), or 0 if it is not a complete sensitive
 * instruction.  *DECODED_LEN (if not NULL) receives the decoder's length,
 * *MEMBER (if not NULL) the family member.
 */
int ab_classify(const unsigned char *bytes, size_t len, int mode,
		unsigned int *decoded_len, unsigned int *member);

#endif
