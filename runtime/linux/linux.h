/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The Linux boot adapter: what entry.S, boot.c, pvh.c and ranges.c share.
 */
#ifndef AFTERBURN_LINUX_H
#define AFTERBURN_LINUX_H

#include <afterburn/runtime.h>
#include "bootparams.h"

/* x86-64 __START_KERNEL_map: vmlinux's virtual = physical + this, as linked. */
#define AB_START_KERNEL_MAP	0xffffffff80000000UL
/* Our page tables identity-map this much (entry.S); data beyond is unusable. */
#define AB_IDENT_LIMIT		(4UL << 30)

/* Symbols of the kernel's vmlinux.lds and of vmlinux-afterburn.ld. */
extern const char _text[], _etext[], _sinittext[], _einittext[];
extern const char __afterburn_start[], __afterburn_end[];
extern const char __afterburn_altinstr_replacement_start[];
extern const char __afterburn_altinstr_replacement_end[];

/* Called by entry.S on our stack at the link (virtual) addresses; returns
 * the physical address of the boot_params to hand to startup_64. */
unsigned long afterburn_linux_boot(unsigned int entry, unsigned long ptr_phys);

/* pvh.c: hvm_start_info (physical) -> our boot_params; returns it. */
struct ab_boot_params *afterburn_linux_pvh_params(unsigned long start_info_phys);
int afterburn_linux_pvh_cmdline_add(const char *key, const char *value);
/* The command line copied from start_info (PVH entry). */
const char *afterburn_linux_pvh_cmdline(void);
/* What a backend may change in the machine the kernel sees (PVH only). */
extern const struct afterburn_firmware afterburn_linux_pvh_firmware;

/* ranges.c: the image descriptor, and the check that every site lies in
 * code the runtime may legally rewrite.  Panics naming the site if not. */
void afterburn_linux_image(struct afterburn_image *img);
void afterburn_linux_check_ranges(const struct afterburn_image *img);
bool afterburn_linux_in_altinstr_replacement(uintptr_t addr);

#endif /* AFTERBURN_LINUX_H */
