// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * hvm_start_info (the PVH boot ABI: Xen's public start_info.h, as QEMU and
 * Xen fill it) -> Linux's boot_params, for the 64-bit boot protocol.
 *
 * Everything the kernel reads later lives in our own .afterburn.data, so it
 * survives clear_bss() and stays reserved as part of the image until
 * copy_bootdata() took its copy.  start_info and what it points at are read
 * through our identity map (low 4 GiB).
 */
#include "linux.h"		/* first: start_info.h needs <stdint.h> */
#include <xen/arch-x86/hvm/start_info.h>

static struct ab_boot_params ab_bp __attribute__((aligned(4096)));
static char ab_cmdline[AB_BP_CMDLINE_SIZE];

static const void *ab_phys(uint64_t pa, uint64_t len, const char *what)
{
	if (pa >= AB_IDENT_LIMIT || len > AB_IDENT_LIMIT - pa)
		afterburn_panic("PVH %s at 0x%llx+0x%llx is above the 4 GiB we map",
				what, (unsigned long long)pa,
				(unsigned long long)len);
	return (const void *)(uintptr_t)pa;
}

static void ab_e820_add(uint64_t addr, uint64_t size, uint32_t type)
{
	struct ab_e820_entry *e;

	if (ab_bp.e820_entries >= AB_BP_E820_MAX)
		afterburn_panic("PVH memory map has more than %d entries",
				AB_BP_E820_MAX);
	e = &ab_bp.e820_table[ab_bp.e820_entries++];
	e->addr = addr;
	e->size = size;
	e->type = type;		/* XEN_HVM_MEMMAP_TYPE_* == E820 types */
}

/*
 * No memory map (version 0 start_info, or memmap_entries == 0): the PC
 * basics, conventional memory below the EBDA and RAM from 1 MiB up to
 * the end of what we were given (image, start_info, modules) plus 64 MiB
 * of working room.  Conservative: the kernel only uses what is listed.
 */
static void ab_e820_default(const struct hvm_start_info *si)
{
	extern const char _end[];
	uint64_t top = (uintptr_t)_end - AB_START_KERNEL_MAP;
	const struct hvm_modlist_entry *m;
	uint32_t i;

	if (si->nr_modules) {
		m = ab_phys(si->modlist_paddr, si->nr_modules * sizeof(*m),
			    "module list");
		for (i = 0; i < si->nr_modules; i++)
			if (m[i].paddr + m[i].size > top)
				top = m[i].paddr + m[i].size;
	}
	top = (top + (64UL << 20) + 0xfffff) & ~0xfffffULL;
	ab_e820_add(0, 0x9fc00, XEN_HVM_MEMMAP_TYPE_RAM);
	ab_e820_add(0x100000, top - 0x100000, XEN_HVM_MEMMAP_TYPE_RAM);
	afterburn_printk("afterburn: PVH start_info has no memory map, "
			 "assuming RAM 0-0x9fc00 and 0x100000-0x%llx\n",
			 (unsigned long long)top);
}

struct ab_boot_params *afterburn_linux_pvh_params(unsigned long start_info_phys)
{
	const struct hvm_start_info *si;
	const struct hvm_memmap_table_entry *mm;
	const struct hvm_modlist_entry *m;
	const char *cmd;
	uint32_t i;

	si = ab_phys(start_info_phys, sizeof(*si), "start_info");
	if (si->magic != XEN_HVM_START_MAGIC_VALUE)
		afterburn_panic("PVH start_info at 0x%lx: bad magic 0x%x",
				start_info_phys, si->magic);
	ab_memset(&ab_bp, 0, sizeof(ab_bp));

	/* The setup header fields a 64-bit entry needs (boot.rst). */
	ab_bp.hdr.boot_flag = AB_BP_BOOT_FLAG;
	ab_bp.hdr.header = AB_BP_HDR_MAGIC;
	ab_bp.hdr.version = AB_BP_VERSION;
	ab_bp.hdr.type_of_loader = AB_BP_LOADER_UNDEF;
	ab_bp.hdr.loadflags = AB_BP_LOADED_HIGH;
	ab_bp.hdr.kernel_alignment = 0x200000;
	ab_bp.hdr.min_alignment = 21;
	ab_bp.hdr.xloadflags = AB_BP_XLF_KERNEL_64;
	ab_bp.hdr.cmdline_size = AB_BP_CMDLINE_SIZE - 1;
	ab_bp.hdr.initrd_addr_max = 0x7fffffff;
	ab_bp.hdr.hardware_subarch = 0;		/* X86_SUBARCH_PC */

	ab_cmdline[0] = '\0';
	if (si->cmdline_paddr) {
		cmd = ab_phys(si->cmdline_paddr, 1, "command line");
		for (i = 0; i < AB_BP_CMDLINE_SIZE - 1 && cmd[i]; i++)
			ab_cmdline[i] = cmd[i];
		ab_cmdline[i] = '\0';
	}
	ab_bp.hdr.cmd_line_ptr = (uint32_t)((uintptr_t)ab_cmdline - AB_START_KERNEL_MAP);

	if (si->nr_modules) {			/* modules[0] is the initrd */
		m = ab_phys(si->modlist_paddr, si->nr_modules * sizeof(*m),
			    "module list");
		ab_bp.hdr.ramdisk_image = (uint32_t)m[0].paddr;
		ab_bp.ext_ramdisk_image = (uint32_t)(m[0].paddr >> 32);
		ab_bp.hdr.ramdisk_size = (uint32_t)m[0].size;
		ab_bp.ext_ramdisk_size = (uint32_t)(m[0].size >> 32);
	}
	ab_bp.acpi_rsdp_addr = si->rsdp_paddr;

	if (si->version >= 1 && si->memmap_entries) {
		mm = ab_phys(si->memmap_paddr,
			     si->memmap_entries * sizeof(*mm), "memory map");
		for (i = 0; i < si->memmap_entries; i++)
			ab_e820_add(mm[i].addr, mm[i].size, mm[i].type);
	} else {
		ab_e820_default(si);
	}
	return &ab_bp;
}

/* ---- firmware a backend may change before the kernel runs ---------------- */
#define AB_2M	0x200000ULL

static bool ab_overlaps(uint64_t a, uint64_t b, uint64_t s, uint64_t e)
{
	return a < e && s < b;
}

/*
 * Take `bytes' (2 MiB multiple) of RAM below 4 GiB for the platform: the
 * highest 2 MiB-aligned range in a RAM entry that holds neither the image,
 * the initrd nor the first MiB; the entry is split around it and the range
 * listed as reserved, so the kernel never uses it.
 */
static uint64_t ab_fw_reserve(uint64_t bytes)
{
	extern const char _text[], _end[];
	uint64_t img_s = (uintptr_t)_text - AB_START_KERNEL_MAP;
	uint64_t img_e = (uintptr_t)_end - AB_START_KERNEL_MAP;
	uint64_t rd_s = ab_bp.hdr.ramdisk_image |
			(uint64_t)ab_bp.ext_ramdisk_image << 32;
	uint64_t rd_e = rd_s + (ab_bp.hdr.ramdisk_size |
				(uint64_t)ab_bp.ext_ramdisk_size << 32);
	int i;

	if (!bytes || bytes % AB_2M)
		return 0;
	for (i = ab_bp.e820_entries - 1; i >= 0; i--) {
		struct ab_e820_entry *e = &ab_bp.e820_table[i];
		uint64_t s = e->addr, end = e->addr + e->size, top;

		if (e->type != XEN_HVM_MEMMAP_TYPE_RAM)
			continue;
		top = (end < AB_IDENT_LIMIT ? end : AB_IDENT_LIMIT) & ~(AB_2M - 1);
		while (top >= bytes && top - bytes >= s && top - bytes >= 0x100000) {
			uint64_t lo = top - bytes;

			if (ab_overlaps(lo, top, img_s, img_e)) {
				top = img_s & ~(AB_2M - 1);
				continue;
			}
			if (rd_e > rd_s && ab_overlaps(lo, top, rd_s, rd_e)) {
				top = rd_s & ~(AB_2M - 1);
				continue;
			}
			if (ab_bp.e820_entries + 2 > AB_BP_E820_MAX)
				return 0;
			e->size = lo - s;
			if (end > top)
				ab_e820_add(top, end - top, XEN_HVM_MEMMAP_TYPE_RAM);
			ab_e820_add(lo, bytes, XEN_HVM_MEMMAP_TYPE_RESERVED);
			return lo;
		}
	}
	return 0;
}

static uint64_t ab_fw_acpi_rsdp(void)
{
	return ab_bp.acpi_rsdp_addr;
}

static void ab_fw_set_acpi_rsdp(uint64_t pa)
{
	ab_bp.acpi_rsdp_addr = pa;
}

const struct afterburn_firmware afterburn_linux_pvh_firmware = {
	.reserve	= ab_fw_reserve,
	.acpi_rsdp	= ab_fw_acpi_rsdp,
	.set_acpi_rsdp	= ab_fw_set_acpi_rsdp,
};

/*
 * Append "KEY=VALUE" to the PVH command line (ours: built above), unless
 * the user already gave KEY=, which wins.  0 when appended, 1 when left
 * to the user's value, -1 when there is no room.
 */
const char *afterburn_linux_pvh_cmdline(void)
{
	return ab_cmdline;
}

int afterburn_linux_pvh_cmdline_add(const char *key, const char *value)
{
	size_t klen = ab_strlen(key), len = ab_strlen(ab_cmdline);
	const char *p = ab_cmdline;
	char word[64];
	int n;

	while (*p) {
		while (*p == ' ')
			p++;
		if (!ab_strncmp(p, key, klen) && p[klen] == '=')
			return 1;
		while (*p && *p != ' ')
			p++;
	}
	n = ab_snprintf(word, sizeof(word), "%s%s=%s", len ? " " : "", key,
			value);
	if (n < 0 || (size_t)n >= sizeof(word) ||
	    len + n >= AB_BP_CMDLINE_SIZE)
		return -1;
	ab_memcpy(ab_cmdline + len, word, n + 1);
	return 0;
}
