// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * A minimal native IDT for test guests, so that a stray exception before
 * the guest installs its own IDT prints what happened instead of triple
 * faulting silently.  Tests replace it with lidt as they like.
 */
#include <afterburn/runtime.h>
#include "guest/guest.h"

#define BOOT_CS64	0x08	/* pvh.S's 64-bit code selector */
#define GATE_INT_DPL0	0x8e	/* present, DPL 0, 64-bit interrupt gate */

struct idt_gate {
	uint16_t off_lo;
	uint16_t sel;
	uint8_t ist;
	uint8_t type;
	uint16_t off_mid;
	uint32_t off_hi;
	uint32_t zero;
} __attribute__((packed));

struct trap_frame {
	uint64_t vector, error, rip, cs, rflags, rsp, ss;
};

extern const uint64_t afterburn_trap_table[32];
void afterburn_trap_report(const struct trap_frame *f);

static struct idt_gate ab_idt[32] __attribute__((aligned(16)));

static const char *const ab_trap_names[32] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint",
	"#OF overflow", "#BR bound", "#UD invalid opcode", "#NM no FPU",
	"#DF double fault", "coprocessor overrun", "#TS invalid TSS",
	"#NP segment not present", "#SS stack fault", "#GP general protection",
	"#PF page fault", "reserved", "#MF x87 error", "#AC alignment check",
	"#MC machine check", "#XM SIMD error", "#VE virtualization",
	"#CP control protection", "reserved", "reserved", "reserved",
	"reserved", "reserved", "reserved", "#HV hypervisor injection",
	"#VC VMM communication", "#SX security", "reserved",
};

void afterburn_traps_init(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) desc = {
		.limit = sizeof(ab_idt) - 1,
		.base = (uintptr_t)ab_idt,
	};
	unsigned int i;

	for (i = 0; i < 32; i++) {
		uint64_t off = afterburn_trap_table[i];

		ab_idt[i] = (struct idt_gate){
			.off_lo = off & 0xffff,
			.sel = BOOT_CS64,
			.type = GATE_INT_DPL0,
			.off_mid = (off >> 16) & 0xffff,
			.off_hi = off >> 32,
		};
	}
	asm volatile("lidt %0" : : "m"(desc));
}

void afterburn_trap_report(const struct trap_frame *f)
{
	const struct afterburn_site *s;
	unsigned long cr2 = 0;

	if (f->vector == 14)
		asm volatile("mov %%cr2, %0" : "=r"(cr2));
	afterburn_printk("afterburn: unexpected exception %lu (%s) at rip 0x%lx, error 0x%lx, cr2 0x%lx, rsp 0x%lx\n",
			 (unsigned long)f->vector,
			 ab_trap_names[f->vector & 31], (unsigned long)f->rip,
			 (unsigned long)f->error, cr2, (unsigned long)f->rsp);
	s = afterburn_site_at(f->rip);
	if (s)
		afterburn_printk("afterburn: rip is in site 0x%lx (%s)\n",
				 (unsigned long)afterburn_site_addr(s),
				 afterburn_kind_name(s->kind));
	afterburn_stop(AFTERBURN_EXIT_PANIC);
}
