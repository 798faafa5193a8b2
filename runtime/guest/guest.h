/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the guest flavour's pieces share: the symbols guest.ld defines and
 * the entry points around guest_main().
 */
#ifndef AFTERBURN_GUEST_H
#define AFTERBURN_GUEST_H

/* From guest.ld. */
extern const char __afterburn_start[], __afterburn_end[];
extern const char __text_start[], __text_end[];
extern char __bss_start[], __bss_end[];
extern char __image_start[], __image_end[];

/* The image guest.ld lays out: its table and its text. */
#define AFTERBURN_GUEST_IMAGE {					\
	.table		= __afterburn_start,				\
	.table_end	= __afterburn_end,				\
	.text_start	= (uintptr_t)__text_start,			\
	.text_end	= (uintptr_t)__text_end,			\
	.name		= "guest",					\
}

/* The test program. */
void guest_main(void);

/* Native exception handlers: a stray fault prints a message and stops. */
void afterburn_traps_init(void);

#endif
