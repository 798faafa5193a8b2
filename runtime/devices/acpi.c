// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Telling an ACPI guest about PCI bus 0 (pci.c).  An OS that uses ACPI
 * finds PCI host bridges only in the namespace (Linux then never probes
 * configuration mechanism #1 by itself), and routes INTx only through a
 * bridge's _PRT.  Xen's tables for a PVH domain (libxl's) describe CPUs
 * and nothing else, so the runtime adds an SSDT of its own:
 *
 *   Scope (\_SB) {
 *     Device (PCI0) {
 *       Name (_HID, EisaId ("PNP0A03"))      PCI host bridge
 *       Name (_UID, 0)
 *       Name (_CRS, ResourceTemplate () {    bus 0-255, ports 0xcf8-0xcff,
 *         ... })                             I/O windows around them
 *       Name (_PRT, Package () {             every function's INTA#:
 *         Package () { 0xSSSSFFFF, 0, 0, AB_PCI_IRQ }, ... })
 *     }
 *   }
 *
 * and lists it in copies of the RSDT/XSDT behind a new RSDP, which the
 * boot glue hands the guest instead of the original.  The _PRT names a
 * GSI directly (no link device), the same line INTERRUPT_LINE carries for
 * a guest without ACPI.  Written from the ACPI 6.4 specification (5.2 for
 * the tables, 6.2 and 6.1 for the objects, 20 for AML, 6.4 for the
 * resource descriptors).
 */
#include "devices.h"
#include <afterburn/runtime.h>

struct acpi_header {
	char signature[4];
	uint32_t length;
	uint8_t revision, checksum;
	char oem_id[6], oem_table_id[8];
	uint32_t oem_revision;
	char creator_id[4];
	uint32_t creator_revision;
} __attribute__((packed));

struct acpi_rsdp {
	char signature[8];
	uint8_t checksum;
	char oem_id[6];
	uint8_t revision;
	uint32_t rsdt;
	uint32_t length;
	uint64_t xsdt;
	uint8_t xchecksum, reserved[3];
} __attribute__((packed));

_Static_assert(sizeof(struct acpi_header) == 36, "ACPI table header");
_Static_assert(sizeof(struct acpi_rsdp) == 36, "RSDP 2.0");

static uint8_t acpi_sum(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint8_t s = 0;

	while (n--)
		s += *b++;
	return s;
}

static void acpi_header(struct acpi_header *h, const char *sig, uint32_t len,
			uint8_t rev, const char *table_id)
{
	ab_memcpy(h->signature, sig, 4);
	h->length = len;
	h->revision = rev;
	ab_memcpy(h->oem_id, "AFTRBN", 6);
	ab_memcpy(h->oem_table_id, table_id, 8);
	h->oem_revision = 1;
	ab_memcpy(h->creator_id, "AFTR", 4);
	h->creator_revision = 1;
	h->checksum = 0;
	h->checksum = -acpi_sum(h, len);
}

/* ---- a small AML writer --------------------------------------------------- */
struct aml {
	uint8_t *p, *end;
	bool overflow;
};

static void aml_byte(struct aml *a, uint8_t b)
{
	if (a->p < a->end)
		*a->p++ = b;
	else
		a->overflow = true;
}

static void aml_bytes(struct aml *a, const void *src, size_t n)
{
	const uint8_t *s = src;

	while (n--)
		aml_byte(a, *s++);
}

static void aml_int(struct aml *a, uint32_t v)
{
	if (v == 0) {
		aml_byte(a, 0x00);		/* ZeroOp */
	} else if (v == 1) {
		aml_byte(a, 0x01);		/* OneOp */
	} else if (v <= 0xff) {
		aml_byte(a, 0x0a);		/* BytePrefix */
		aml_byte(a, v);
	} else if (v <= 0xffff) {
		aml_byte(a, 0x0b);		/* WordPrefix */
		aml_bytes(a, &v, 2);
	} else {
		aml_byte(a, 0x0c);		/* DWordPrefix */
		aml_bytes(a, &v, 4);
	}
}

/*
 * A package-length-prefixed body: open() leaves room for the longest
 * PkgLength (4 bytes), close() writes it and moves the body down.
 */
static uint8_t *aml_open(struct aml *a)
{
	uint8_t *start = a->p;

	aml_bytes(a, "\0\0\0\0", 4);
	return start;
}

static void aml_close(struct aml *a, uint8_t *start)
{
	size_t body = a->p - (start + 4), total;
	unsigned int n;

	if (a->overflow)
		return;
	/* PkgLength counts itself: 1 byte up to 63, else 2..4 bytes */
	for (n = 1; n < 4; n++)
		if (body + n < (n == 1 ? 64u : 1u << (4 + 8 * (n - 1))))
			break;
	total = body + n;
	ab_memmove(start + n, start + 4, body);
	if (n == 1) {
		start[0] = total;
	} else {
		unsigned int i;

		start[0] = (n - 1) << 6 | (total & 0x0f);
		for (i = 1; i < n; i++)
			start[i] = total >> (4 + 8 * (i - 1));
	}
	a->p = start + n + body;
}

static void aml_name(struct aml *a, const char *seg)	/* NameOp NameSeg */
{
	aml_byte(a, 0x08);
	aml_bytes(a, seg, 4);
}

/* The SSDT's body: \_SB.PCI0 with _HID, _UID, _CRS and _PRT. */
static void acpi_pci0(struct aml *a)
{
	static const uint8_t crs[] = {
		/* WordBusNumber: producer, min/max fixed, 0x00-0xff */
		0x88, 0x0d, 0x00, 0x02, 0x0c, 0x00,
		0x00, 0x00, 0x00, 0x00, 0xff, 0x00, 0x00, 0x00, 0x00, 0x01,
		/* IO: 16-bit decode, 0xcf8, 8 ports (configuration mechanism #1) */
		0x47, 0x01, 0xf8, 0x0c, 0xf8, 0x0c, 0x01, 0x08,
		/* WordIO: producer, min/max fixed, entire range, 0x0000-0x0cf7 */
		0x88, 0x0d, 0x00, 0x01, 0x0c, 0x03,
		0x00, 0x00, 0x00, 0x00, 0xf7, 0x0c, 0x00, 0x00, 0xf8, 0x0c,
		/* WordIO: 0x0d00-0xffff (the BARs are in here) */
		0x88, 0x0d, 0x00, 0x01, 0x0c, 0x03,
		0x00, 0x00, 0x00, 0x0d, 0xff, 0xff, 0x00, 0x00, 0x00, 0xf3,
		/* EndTag, checksum 0 */
		0x79, 0x00,
	};
	uint8_t *scope, *dev, *buf, *prt, *pkg;
	unsigned int slot, n = 0;

	aml_byte(a, 0x10);			/* ScopeOp */
	scope = aml_open(a);
	aml_bytes(a, "\\_SB_", 5);
	aml_bytes(a, "\x5b\x82", 2);		/* DeviceOp */
	dev = aml_open(a);
	aml_bytes(a, "PCI0", 4);
	aml_name(a, "_HID");
	aml_int(a, 0x030ad041);			/* EisaId ("PNP0A03") */
	aml_name(a, "_UID");
	aml_int(a, 0);
	aml_name(a, "_CRS");
	aml_byte(a, 0x11);			/* BufferOp */
	buf = aml_open(a);
	aml_int(a, sizeof(crs));
	aml_bytes(a, crs, sizeof(crs));
	aml_close(a, buf);
	aml_name(a, "_PRT");
	aml_byte(a, 0x12);			/* PackageOp */
	prt = aml_open(a);
	for (slot = 1; slot < 32; slot++)
		if (ab_pci_slot(slot))
			n++;
	aml_byte(a, n);				/* NumElements */
	for (slot = 1; slot < 32; slot++) {
		if (!ab_pci_slot(slot))
			continue;
		aml_byte(a, 0x12);
		pkg = aml_open(a);
		aml_byte(a, 4);
		aml_int(a, slot << 16 | 0xffff);	/* device, any function */
		aml_int(a, 0);				/* INTA# */
		aml_int(a, 0);				/* no link: a GSI */
		aml_int(a, AB_PCI_IRQ);
		aml_close(a, pkg);
	}
	aml_close(a, prt);
	aml_close(a, dev);
	aml_close(a, scope);
}

/* Copy the RSDT (entry 4 bytes) or XSDT (8) at pa with one more entry. */
static void *acpi_copy_sdt(uint64_t pa, unsigned int esize, uint64_t add,
			   uint8_t **out, uint8_t *end, uint64_t *out_pa,
			   uint64_t base_pa, uint8_t *base)
{
	const struct acpi_header *h = (const void *)(uintptr_t)pa;
	struct acpi_header *c = (struct acpi_header *)*out;
	uint32_t len = h->length + esize;

	if (ab_memcmp(h->signature, esize == 4 ? "RSDT" : "XSDT", 4) ||
	    h->length < sizeof(*h) || (size_t)(end - *out) < len)
		return 0;
	ab_memcpy(c, h, h->length);
	ab_memcpy((uint8_t *)c + h->length, &add, esize);
	c->length = len;
	c->checksum = 0;
	c->checksum = -acpi_sum(c, len);
	*out_pa = base_pa + (*out - base);
	*out += (len + 15) & ~15u;
	return c;
}

/*
 * The tables at rsdp_pa are read through identity-mapped physical
 * addresses (the runtime's boot page tables); the new ones are written to
 * buf, which the guest sees at buf_pa.  The new RSDP's address, or 0.
 */
uint64_t ab_acpi_add_pci(uint64_t rsdp_pa, void *buf, uint64_t buf_pa, size_t size)
{
	const struct acpi_rsdp *old = (const void *)(uintptr_t)rsdp_pa;
	uint8_t *p = buf, *end = p + size, *base = buf;
	struct acpi_rsdp *rsdp;
	struct acpi_header *ssdt;
	uint64_t ssdt_pa, rsdt_pa = 0, xsdt_pa = 0;
	struct aml a;

	if (!rsdp_pa || ab_memcmp(old->signature, "RSD PTR ", 8) || size < 512)
		return 0;
	/* the RSDP first (16-byte aligned, like everything here) */
	rsdp = (struct acpi_rsdp *)p;
	p += sizeof(*rsdp) + 12;
	ssdt = (struct acpi_header *)p;
	ssdt_pa = buf_pa + (p - base);
	a.p = p + sizeof(*ssdt);
	a.end = end;
	a.overflow = false;
	acpi_pci0(&a);
	if (a.overflow)
		return 0;
	acpi_header(ssdt, "SSDT", a.p - p, 2, "PCI0    ");
	p = (uint8_t *)(((uintptr_t)a.p + 15) & ~(uintptr_t)15);

	if (old->rsdt && !acpi_copy_sdt(old->rsdt, 4, ssdt_pa, &p, end, &rsdt_pa,
					buf_pa, base))
		return 0;
	if (old->revision >= 2 && old->xsdt &&
	    !acpi_copy_sdt(old->xsdt, 8, ssdt_pa, &p, end, &xsdt_pa, buf_pa, base))
		return 0;
	ab_memcpy(rsdp->signature, "RSD PTR ", 8);
	ab_memcpy(rsdp->oem_id, old->oem_id, 6);
	rsdp->revision = xsdt_pa ? 2 : 0;
	rsdp->rsdt = rsdt_pa;
	rsdp->length = sizeof(*rsdp);
	rsdp->xsdt = xsdt_pa;
	rsdp->reserved[0] = rsdp->reserved[1] = rsdp->reserved[2] = 0;
	rsdp->checksum = 0;
	rsdp->checksum = -acpi_sum(rsdp, 20);
	rsdp->xchecksum = 0;
	rsdp->xchecksum = -acpi_sum(rsdp, sizeof(*rsdp));
	return buf_pa;
}
