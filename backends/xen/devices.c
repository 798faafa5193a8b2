// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * A disk and a network interface for a Xen PVH guest, as PC devices its
 * standard drivers know: virtio-blk and virtio-net behind the legacy PCI
 * interface (runtime/devices), backed by dom0's blkback and netback over
 * Xen's split-driver rings (blkfront.c, netfront.c).
 *
 * At boot, before the guest runs: the toolstack lists the domain's
 * devices in xenstore (device/vbd/<id>, device/vif/<id>); each one we can
 * serve (the first of each kind) is connected to its backend and put on
 * the PCI bus, and the guest learns of the bus the way a PC's guest does:
 * configuration mechanism #1 and INTERRUPT_LINE without ACPI, and with
 * ACPI an SSDT the runtime adds to Xen's tables (runtime/devices/acpi.c),
 * handed over through the boot glue's RSDP.  A device that cannot be
 * connected is left out with a message; the guest then finds no disk or
 * no network and fails on its own terms, it never waits.
 */
#include "xen.h"
#include "devices/devices.h"
#include <xen/arch-x86/hvm/start_info.h>

/* Rings, grant frames, 256 receive pages, the ACPI tables: 4 MiB. */
#define XEN_REGION_BYTES	(4u << 20)
#define XEN_ACPI_PAGES		2

static void xen_ram_from_start_info(const struct afterburn_boot *boot)
{
	const struct hvm_start_info *si = boot ? boot->start_info : 0;
	const struct hvm_memmap_table_entry *m;
	uint32_t i;

	if (!si || si->version < 1 || !si->memmap_entries)
		return;
	m = (const void *)(uintptr_t)si->memmap_paddr;
	for (i = 0; i < si->memmap_entries; i++)
		if (m[i].type == XEN_HVM_MEMMAP_TYPE_RAM)
			ab_xen_ram_add(m[i].addr, m[i].addr + m[i].size);
}

/* The first child of dir in xenstore into name[size]; false if none. */
static bool xen_first_device(const char *dir, char *name, size_t size)
{
	int n = ab_xs_directory(dir, name, size);

	return n > 0 && name[0];
}

/* After the devices exist: the ACPI description of the bus, if the guest
   has ACPI tables at all. */
static void xen_describe_bus(const struct afterburn_boot *boot)
{
	uint64_t rsdp, pa, new;
	void *buf;

	if (!boot->fw || !boot->fw->acpi_rsdp || !(rsdp = boot->fw->acpi_rsdp()))
		return;
	buf = ab_xen_page_alloc(XEN_ACPI_PAGES, &pa);
	new = buf ? ab_acpi_add_pci(rsdp, buf, pa, XEN_ACPI_PAGES * 4096) : 0;
	if (!new) {
		afterburn_printk("afterburn: xen: could not add the PCI bus to the ACPI tables at 0x%llx\n",
				 (unsigned long long)rsdp);
		return;
	}
	boot->fw->set_acpi_rsdp(new);
	afterburn_printk("afterburn: xen: ACPI: PCI bus 0 described in an SSDT (RSDP 0x%llx)\n",
			 (unsigned long long)new);
}

void ab_xen_devices_init(const struct afterburn_boot *boot)
{
	char vbd[64], vif[64];
	bool have_vbd, have_vif;
	int rc;

	xen_ram_from_start_info(boot);
	rc = ab_xs_init();
	if (rc) {
		afterburn_printk("afterburn: xen: no xenstore (%d): no disk, no network\n", rc);
		return;
	}
	have_vbd = xen_first_device("device/vbd", vbd, sizeof(vbd));
	have_vif = xen_first_device("device/vif", vif, sizeof(vif));
	if (!have_vbd && !have_vif)
		return;		/* none configured: nothing to say */
	rc = ab_xen_region_init(boot, XEN_REGION_BYTES);
	if (!rc)
		rc = ab_xen_grant_init();
	if (rc) {
		afterburn_printk("afterburn: xen: no memory or grant table for devices (%d): no disk, no network\n",
				 rc);
		return;
	}
	if (have_vbd)
		ab_xen_blkfront_init(vbd);
	if (have_vif)
		ab_xen_netfront_init(vif);
	if (ab_pci_slot(1))
		xen_describe_bus(boot);
}
