/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Byte-level classifier: include/afterburn/decode.h, the decoder the
 * assembler marks with, so the tools and gas cannot disagree about what an
 * instruction is.
 */
#include "afterburn/decode.h"
#include "classify.h"

int ab_classify(const unsigned char *b, size_t len, int mode,
		unsigned int *decoded_len, unsigned int *member)
{
	struct ab_decoded d;
	unsigned int m = mode == 16 ? AB_MODE_16 : mode == 32 ? AB_MODE_32 : AB_MODE_64;
	int kind = ab_decode(b, len, m, &d);

	if (decoded_len)
		*decoded_len = kind ? d.len : 0;
	if (member)
		*member = kind ? d.rec.member : 0;
	return kind;
}
