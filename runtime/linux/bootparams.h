/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The parts of Linux's x86 zero page (struct boot_params) a boot loader
 * fills for the 64-bit boot protocol, written from the kernel's
 * Documentation/x86/zero-page.rst and boot.rst (offsets asserted below).
 * Our own definition: the runtime is built without kernel headers.
 */
#ifndef AFTERBURN_LINUX_BOOTPARAMS_H
#define AFTERBURN_LINUX_BOOTPARAMS_H

#include <stdint.h>

#define AB_BP_E820_MAX		128
#define AB_BP_HDR_MAGIC		0x53726448	/* "HdrS" */
#define AB_BP_BOOT_FLAG		0xaa55
#define AB_BP_VERSION		0x020f		/* protocol 2.15 (Linux 6.1) */
#define AB_BP_LOADER_UNDEF	0xff		/* boot.rst: no assigned ID */
#define AB_BP_LOADED_HIGH	0x01		/* loadflags: kernel at 1 MiB+ */
#define AB_BP_XLF_KERNEL_64	0x01		/* xloadflags: 64-bit entry */
#define AB_BP_CMDLINE_SIZE	2048		/* x86 COMMAND_LINE_SIZE */

struct ab_e820_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
} __attribute__((packed));

struct ab_setup_header {		/* at 0x1f1 */
	uint8_t  setup_sects;
	uint16_t root_flags;
	uint32_t syssize;
	uint16_t ram_size;
	uint16_t vid_mode;
	uint16_t root_dev;
	uint16_t boot_flag;
	uint16_t jump;
	uint32_t header;
	uint16_t version;
	uint32_t realmode_swtch;
	uint16_t start_sys_seg;
	uint16_t kernel_version;
	uint8_t  type_of_loader;
	uint8_t  loadflags;
	uint16_t setup_move_size;
	uint32_t code32_start;
	uint32_t ramdisk_image;
	uint32_t ramdisk_size;
	uint32_t bootsect_kludge;
	uint16_t heap_end_ptr;
	uint8_t  ext_loader_ver;
	uint8_t  ext_loader_type;
	uint32_t cmd_line_ptr;
	uint32_t initrd_addr_max;
	uint32_t kernel_alignment;
	uint8_t  relocatable_kernel;
	uint8_t  min_alignment;
	uint16_t xloadflags;
	uint32_t cmdline_size;
	uint32_t hardware_subarch;
	uint64_t hardware_subarch_data;
	uint32_t payload_offset;
	uint32_t payload_length;
	uint64_t setup_data;
	uint64_t pref_address;
	uint32_t init_size;
	uint32_t handover_offset;
	uint32_t kernel_info_offset;
} __attribute__((packed));

struct ab_boot_params {
	uint8_t  _pad0[0x070];
	uint64_t acpi_rsdp_addr;		/* 0x070 */
	uint8_t  _pad1[0x0c0 - 0x078];
	uint32_t ext_ramdisk_image;		/* 0x0c0 */
	uint32_t ext_ramdisk_size;		/* 0x0c4 */
	uint32_t ext_cmd_line_ptr;		/* 0x0c8 */
	uint8_t  _pad2[0x1e8 - 0x0cc];
	uint8_t  e820_entries;			/* 0x1e8 */
	uint8_t  _pad3[0x1ef - 0x1e9];
	uint8_t  sentinel;			/* 0x1ef: must stay 0 */
	uint8_t  _pad4;
	struct ab_setup_header hdr;		/* 0x1f1 */
	uint8_t  _pad5[0x2d0 - 0x1f1 - sizeof(struct ab_setup_header)];
	struct ab_e820_entry e820_table[AB_BP_E820_MAX];	/* 0x2d0 */
	uint8_t  _pad6[0x1000 - 0x2d0 - AB_BP_E820_MAX * 20];
} __attribute__((packed));

_Static_assert(__builtin_offsetof(struct ab_boot_params, hdr.version) == 0x206,
	       "boot_params.hdr.version");
_Static_assert(__builtin_offsetof(struct ab_boot_params, hdr.cmd_line_ptr) == 0x228,
	       "boot_params.hdr.cmd_line_ptr");
_Static_assert(__builtin_offsetof(struct ab_boot_params, hdr.kernel_alignment) == 0x230,
	       "boot_params.hdr.kernel_alignment");
_Static_assert(__builtin_offsetof(struct ab_boot_params, hdr.hardware_subarch) == 0x23c,
	       "boot_params.hdr.hardware_subarch");
_Static_assert(__builtin_offsetof(struct ab_boot_params, hdr.kernel_info_offset) == 0x268,
	       "boot_params.hdr.kernel_info_offset");
_Static_assert(sizeof(struct ab_boot_params) == 0x1000, "boot_params is one page");

#endif /* AFTERBURN_LINUX_BOOTPARAMS_H */
