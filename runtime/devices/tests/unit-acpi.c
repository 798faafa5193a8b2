// SPDX-License-Identifier: GPL-3.0-or-later
#define _GNU_SOURCE	/* memmem */
/*
 * The SSDT describing PCI bus 0, added to a set of tables shaped like
 * libxl's for a PVH domain (RSDP 2.0 -> RSDT and XSDT -> one other table):
 * checksums, the tables' new entries, the AML's shape.  With an argument,
 * the SSDT is also written to that file, which check-devices disassembles
 * with iasl (acpica-tools) as an independent reader of the AML.
 */
#include "testlib.h"
#include <sys/mman.h>

struct hdr {
	char sig[4];
	uint32_t len;
	uint8_t rev, sum;
	char oem[6], tid[8];
	uint32_t orev;
	char cid[4];
	uint32_t crev;
} __attribute__((packed));

static uint8_t sum(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint8_t s = 0;

	while (n--)
		s += *b++;
	return s;
}

static uint8_t out[4096] __attribute__((aligned(16)));

static uint32_t dev_read(struct ab_pci_dev *d, uint16_t off, unsigned int size) { return 0; }
static void dev_write(struct ab_pci_dev *d, uint16_t off, unsigned int size, uint32_t v) { }

int main(int argc, char **argv)
{
	struct ab_pci_dev d[2] = {
		{ .vendor = 0x1af4, .io_size = 64, .io_read = dev_read, .io_write = dev_write },
		{ .vendor = 0x1af4, .io_size = 32, .io_read = dev_read, .io_write = dev_write },
	};
	/* below 4 GiB: the RSDT holds 32-bit pointers */
	uint8_t *tables = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	uint8_t *rsdp = tables, *rsdt = tables + 64, *xsdt = tables + 128, *madt = tables + 256;
	struct hdr *h;
	uint64_t base = (uintptr_t)tables, r, p;
	uint32_t p32;

	if (tables == MAP_FAILED) {
		perror("unit-acpi: mmap below 4 GiB");
		return 1;
	}

	test_setup();
	ab_pci_register(&d[0]);
	ab_pci_register(&d[1]);

	/* a MADT-like table, an RSDT and XSDT listing it, an RSDP */
	h = (struct hdr *)madt;
	memcpy(h->sig, "APIC", 4); h->len = 44;
	h = (struct hdr *)rsdt;
	memcpy(h->sig, "RSDT", 4); h->len = 40; p32 = base + 256; memcpy(rsdt + 36, &p32, 4);
	h->sum = -sum(rsdt, 40);
	h = (struct hdr *)xsdt;
	memcpy(h->sig, "XSDT", 4); h->len = 44; p = base + 256; memcpy(xsdt + 36, &p, 8);
	h->sum = -sum(xsdt, 44);
	memcpy(rsdp, "RSD PTR ", 8); memcpy(rsdp + 9, "Xen   ", 6); rsdp[15] = 2;
	p32 = base + 64; memcpy(rsdp + 16, &p32, 4);
	p32 = 36; memcpy(rsdp + 20, &p32, 4);
	p = base + 128; memcpy(rsdp + 24, &p, 8);
	rsdp[8] = -sum(rsdp, 20); rsdp[32] = -sum(rsdp, 36);

	CHECK_EQ(ab_acpi_add_pci(base, out, 0x1000, 200), 0);	/* too small */
	r = ab_acpi_add_pci(base, out, 0xfc100000, sizeof(out));
	CHECK_EQ(r, 0xfc100000);
	CHECK(!memcmp(out, "RSD PTR ", 8));
	CHECK_EQ(sum(out, 20), 0);
	CHECK_EQ(sum(out, 36), 0);
	CHECK_EQ(out[15], 2);
	CHECK(!memcmp(out + 9, "Xen   ", 6));		/* OEM kept */

	/* the SSDT */
	struct hdr *ssdt = (struct hdr *)(out + 48);
	CHECK(!memcmp(ssdt->sig, "SSDT", 4));
	CHECK_EQ(sum(ssdt, ssdt->len), 0);
	CHECK(memmem(ssdt, ssdt->len, "PCI0", 4) != NULL);
	CHECK(memmem(ssdt, ssdt->len, "\x0c\x41\xd0\x0a\x03", 5) != NULL);	/* PNP0A03 */
	CHECK(memmem(ssdt, ssdt->len, "\x0c\xff\xff\x01\x00\x00\x00\x0a\x0b", 9) != NULL);	/* slot 1 -> 11 */
	CHECK(memmem(ssdt, ssdt->len, "\x0c\xff\xff\x02\x00\x00\x00\x0a\x0b", 9) != NULL);	/* slot 2 -> 11 */
	CHECK(memmem(ssdt, ssdt->len, "\x0c\xff\xff\x03\x00", 5) == NULL);

	/* RSDT and XSDT: the old entry, then the SSDT's address */
	uint32_t rsdt_pa, ssdt_pa = 0xfc100000 + 48;
	uint64_t xsdt_pa;
	memcpy(&rsdt_pa, out + 16, 4);
	memcpy(&xsdt_pa, out + 24, 8);
	struct hdr *nr = (struct hdr *)(out + (rsdt_pa - 0xfc100000));
	struct hdr *nx = (struct hdr *)(out + (xsdt_pa - 0xfc100000));
	CHECK(!memcmp(nr->sig, "RSDT", 4));
	CHECK_EQ(nr->len, 44);
	CHECK_EQ(sum(nr, nr->len), 0);
	memcpy(&p32, (uint8_t *)nr + 36, 4); CHECK_EQ(p32, base + 256);
	memcpy(&p32, (uint8_t *)nr + 40, 4); CHECK_EQ(p32, ssdt_pa);
	CHECK(!memcmp(nx->sig, "XSDT", 4));
	CHECK_EQ(nx->len, 52);
	CHECK_EQ(sum(nx, nx->len), 0);
	memcpy(&p, (uint8_t *)nx + 44, 8); CHECK_EQ(p, ssdt_pa);

	if (argc > 1) {
		FILE *f = fopen(argv[1], "wb");

		CHECK(f && fwrite(ssdt, 1, ssdt->len, f) == ssdt->len);
		if (f)
			fclose(f);
	}
	return test_done("unit-acpi");
}
