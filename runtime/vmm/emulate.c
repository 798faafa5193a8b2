// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The handlers of the in-place VMM: per-kind emulation on the virtual CPU,
 * driven only by the fields of the site's .afterburn record (form, reg,
 * sreg, imm, opsize, memory operand): the runtime has no x86 decoder.
 * Which handler a kind gets is decided in one place, the switch in
 * sites.c.  Kinds this VMM cannot give a meaning on a deprivileged
 * platform stop the run naming the site and kind (ab_vmm_unsupported).
 */
#include <afterburn/x86.h>
#include "vmm/vmm.h"
#include "devices/devices.h"

#define MSR_TSC			0x00000010
#define MSR_APIC_BASE		0x0000001b
#define MSR_EFER		0xc0000080
#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102
#define MSR_TSC_AUX		0xc0000103

/* MSRs the virtual CPU keeps (values as a freshly booted native guest has
   them); any other index faults natively and stops the run here. */
static const struct { uint32_t index; uint64_t init; } msr_defaults[] = {
	{ MSR_EFER, 0x500 },		/* LME | LMA, as after pvh.S */
	{ MSR_APIC_BASE, 0xfee00900 },	/* BSP, enabled, default base */
	{ 0x00000174, 0 }, { 0x00000175, 0 }, { 0x00000176, 0 },  /* SYSENTER */
	{ 0x00000277, 0x0007040600070406ull },	/* PAT */
	{ 0x000001a0, 0x1 },		/* MISC_ENABLE: fast strings */
	{ 0xc0000081, 0 }, { 0xc0000082, 0 }, { 0xc0000083, 0 },
	{ 0xc0000084, 0 },		/* STAR LSTAR CSTAR SFMASK */
	{ MSR_TSC_AUX, 0 },
};

static void __attribute__((noreturn))
unsupported(const struct afterburn_site *s, const char *why)
{
	afterburn_panic("site 0x%lx (%s): %s on this platform",
			(unsigned long)afterburn_site_addr(s),
			afterburn_kind_name(s->kind), why);
}

static uint64_t *msr_slot(uint32_t index)
{
	struct afterburn_vcpu *v = &afterburn_vcpu;
	unsigned int i;

	if (!v->msr_index[0] && !v->msr_value[0]) {	/* first use */
		for (i = 0; i < sizeof(msr_defaults) / sizeof(msr_defaults[0]); i++) {
			v->msr_index[i] = msr_defaults[i].index;
			v->msr_value[i] = msr_defaults[i].init;
		}
	}
	for (i = 0; i < AB_NR_MSRS; i++)
		if (v->msr_index[i] == index)
			return &v->msr_value[i];
	return 0;
}

/* ---- operands ------------------------------------------------------------ */

static uint64_t reg_get(const struct afterburn_frame *f, unsigned int r,
			unsigned int size)
{
	uint64_t v = f->gpr[r & 15];

	switch (size) {
	case 1: return v & 0xff;
	case 2: return v & 0xffff;
	case 4: return v & 0xffffffff;
	default: return v;
	}
}

/* Register write with x86 width rules: 8/16 merge, 32 zero-extends. */
static void reg_set(struct afterburn_frame *f, unsigned int r,
		    unsigned int size, uint64_t val)
{
	uint64_t *g = &f->gpr[r & 15];

	switch (size) {
	case 1: *g = (*g & ~0xffull) | (val & 0xff); break;
	case 2: *g = (*g & ~0xffffull) | (val & 0xffff); break;
	case 4: *g = val & 0xffffffff; break;
	default: *g = val; break;
	}
}

static uintptr_t mem_addr(const struct afterburn_frame *f,
			  const struct afterburn_site *s)
{
	const struct vmm_platform *p = ab_vmm_platform();
	unsigned int seg = (s->scale_seg >> 4) & 7;
	uint64_t a;

	if (s->base == AB_REG_RIP)
		return (uintptr_t)&s->imm + s->imm;
	a = (int64_t)s->imm;
	if (s->base < 16)
		a += f->gpr[s->base];
	if (s->index < 16)
		a += f->gpr[s->index] << (s->scale_seg & 3);
	if (s->flags & AB_FL_ADDR)
		a = (uint32_t)a;
	if (seg == 4 && p && p->fs_base)
		a += p->fs_base();
	else if (seg == 5 && p && p->gs_base)
		a += p->gs_base();
	return a;
}

static uint64_t mem_read(uintptr_t a, unsigned int size)
{
	switch (size) {
	case 1: return *(volatile uint8_t *)a;
	case 2: return *(volatile uint16_t *)a;
	case 4: return *(volatile uint32_t *)a;
	default: return *(volatile uint64_t *)a;
	}
}

static void mem_write(uintptr_t a, unsigned int size, uint64_t v)
{
	switch (size) {
	case 1: *(volatile uint8_t *)a = v; break;
	case 2: *(volatile uint16_t *)a = v; break;
	case 4: *(volatile uint32_t *)a = v; break;
	default: *(volatile uint64_t *)a = v; break;
	}
}

/* Source operand of a reg-or-memory instruction (lldt, ltr, lmsw ...). */
static uint64_t rm_get(const struct afterburn_frame *f,
		       const struct afterburn_site *s, unsigned int size)
{
	if (s->form == AB_FORM_MEM)
		return mem_read(mem_addr(f, s), size);
	if (s->form == AB_FORM_REG)
		return reg_get(f, s->reg, size);
	unsupported(s, "operand form not recorded");
}

/* Store to reg-or-memory: memory gets 16 bits, registers opsize
   (zero-extended for 32/64-bit destinations: sldt, str, smsw, mov sreg). */
static void rm_store16(struct afterburn_frame *f,
		       const struct afterburn_site *s, uint64_t v)
{
	if (s->form == AB_FORM_MEM)
		mem_write(mem_addr(f, s), 2, v);
	else if (s->form == AB_FORM_REG)
		reg_set(f, s->reg, s->opsize ? s->opsize : 2,
			s->opsize == 2 ? v : v & 0xffffffff);
	else
		unsupported(s, "operand form not recorded");
}

static void push(struct afterburn_frame *f, unsigned int size, uint64_t v)
{
	f->gpr[R_SP] -= size;
	mem_write(f->gpr[R_SP], size, v);
}

static uint64_t pop(struct afterburn_frame *f, unsigned int size)
{
	uint64_t v = mem_read(f->gpr[R_SP], size);

	f->gpr[R_SP] += size;
	return v;
}

/* ---- handlers (sites.c names one for each kind) ------------------------- */

void ab_vmm_unsupported(struct afterburn_frame *f, const struct afterburn_site *s)
{
	unsupported(s, "not emulated");
}

void ab_vmm_cli(struct afterburn_frame *f, const struct afterburn_site *s)
{
	afterburn_vcpu.vif = 0;
}

void ab_vmm_sti(struct afterburn_frame *f, const struct afterburn_site *s)
{
	struct afterburn_vcpu *v = &afterburn_vcpu;
	const struct afterburn_site *next;

	if (v->vif)
		return;
	v->vif = 1;
	/*
	 * sti blocks interrupts for one instruction.  The case that matters is
	 * `sti; hlt': the interrupt must wake the hlt, not be taken before it
	 * (the guest would then sleep until the next one).  When the next
	 * instruction is a hlt site, keep the shadow: the trap does not
	 * deliver now, the async path does not deliver at that rip, and the
	 * hlt emulation takes the interrupt.
	 */
	next = afterburn_site_starting_at(f->rip);
	if (next && next->kind == AB_KIND_HLT)
		v->sti_shadow = f->rip;
}

/* Operand size, 8 when the record leaves it 0 (pushf, lret, rdfsbase ...). */
static unsigned int op_size(const struct afterburn_site *s)
{
	return s->opsize ? s->opsize : 8;
}

void ab_vmm_pushf(struct afterburn_frame *f, const struct afterburn_site *s)
{
	push(f, op_size(s), afterburn_vmm_guest_flags(f));
}

void ab_vmm_popf(struct afterburn_frame *f, const struct afterburn_site *s)
{
	unsigned int size = op_size(s);
	uint64_t val = pop(f, size);

	if (size == 2)
		val |= afterburn_vmm_guest_flags(f) & ~0xffffull;
	afterburn_vmm_set_guest_flags(f, val);
	/* like sti: a popf that sets IF delivers (trap.c) */
}

void ab_vmm_hlt(struct afterburn_frame *f, const struct afterburn_site *s)
{
	const struct vmm_platform *p = ab_vmm_platform();

	if (!afterburn_vcpu.vif)
		afterburn_panic("site 0x%lx (hlt): halted with virtual interrupts disabled: the guest would stop forever",
				(unsigned long)afterburn_site_addr(s));
	while (!afterburn_vmm_irq_deliverable()) {
		if (!p || !p->wait)
			unsupported(s, "no way to wait for interrupts");
		p->wait();
		if (p->poll_events)
			p->poll_events();
	}
	afterburn_vcpu.sti_shadow = 0;	/* deliver now, after the hlt */
}

void ab_vmm_mwait(struct afterburn_frame *f, const struct afterburn_site *s)
{
	if (afterburn_vcpu.vif)
		ab_vmm_hlt(f, s);
}

static void emu_io(struct afterburn_frame *f, const struct afterburn_site *s)
{
	unsigned int size = s->opsize ? s->opsize : 1;
	uint16_t port = s->form == AB_FORM_IMM ? (uint16_t)s->imm :
			(uint16_t)f->gpr[R_DX];

	if (size != 1 && size != 2 && size != 4)
		unsupported(s, "port access width");
	if (!ab_io_kind_writes(s->kind))
		reg_set(f, R_AX, size, ab_io_read(port, size));
	else
		ab_io_write(port, size, reg_get(f, R_AX, size));
}

static void emu_string_io(struct afterburn_frame *f,
			  const struct afterburn_site *s)
{
	unsigned int size = s->opsize ? s->opsize : 1;
	bool rep = s->flags & AB_FL_REP, a32 = s->flags & AB_FL_ADDR;
	bool out = ab_io_kind_writes(s->kind);
	uint64_t count = rep ? (a32 ? (uint32_t)f->gpr[R_CX] : f->gpr[R_CX]) : 1;
	int64_t step = (f->rflags & X86_EFLAGS_DF) ? -(int64_t)size : size;
	uint16_t port = f->gpr[R_DX];
	unsigned int idx = out ? R_SI : R_DI;

	if (size != 1 && size != 2 && size != 4)
		unsupported(s, "port access width");
	while (count) {
		uintptr_t a = a32 ? (uint32_t)f->gpr[idx] : f->gpr[idx];

		if (out)
			ab_io_write(port, size, mem_read(a, size));
		else
			mem_write(a, size, ab_io_read(port, size));
		if (a32)
			f->gpr[idx] = (uint32_t)(f->gpr[idx] + step);
		else
			f->gpr[idx] += step;
		count--;
		if (rep) {
			if (a32)
				f->gpr[R_CX] = (uint32_t)count;
			else
				f->gpr[R_CX] = count;
		}
	}
}

void ab_vmm_port_io(struct afterburn_frame *f, const struct afterburn_site *s)
{
	if (ab_io_kind_string(s->kind))
		emu_string_io(f, s);
	else
		emu_io(f, s);
}

/* A byte in or out of a UART register the record names (ab_io_uart_site):
   the model directly, without the bus's port lookup. */
void ab_vmm_uart_io(struct afterburn_frame *f, const struct afterburn_site *s)
{
	uint16_t port = 0;

	ab_io_static_port(s, &port);
	if (ab_io_kind_writes(s->kind))
		ab_uart_write(port, (uint8_t)f->gpr[R_AX]);
	else
		reg_set(f, R_AX, 1, ab_uart_read(port));
}

void ab_vmm_mov_from_cr(struct afterburn_frame *f, const struct afterburn_site *s)
{
	if (s->sreg > 8)
		unsupported(s, "control register number");
	reg_set(f, s->reg, 8, afterburn_vcpu.cr[s->sreg]);
}

void ab_vmm_mov_to_cr(struct afterburn_frame *f, const struct afterburn_site *s)
{
	if (s->sreg > 8)
		unsupported(s, "control register number");
	afterburn_vcpu.cr[s->sreg] = f->gpr[s->reg & 15];
}

void ab_vmm_mov_from_dr(struct afterburn_frame *f, const struct afterburn_site *s)
{
	reg_set(f, s->reg, 8, afterburn_vcpu.dr[s->sreg & 7]);
}

void ab_vmm_mov_to_dr(struct afterburn_frame *f, const struct afterburn_site *s)
{
	afterburn_vcpu.dr[s->sreg & 7] = f->gpr[s->reg & 15];
}

/* lgdt lidt sgdt sidt */
void ab_vmm_dtr(struct afterburn_frame *f, const struct afterburn_site *s)
{
	struct afterburn_vcpu *v = &afterburn_vcpu;
	bool gdt = s->kind == AB_KIND_LGDT || s->kind == AB_KIND_SGDT;
	bool load = s->kind == AB_KIND_LGDT || s->kind == AB_KIND_LIDT;
	struct ab_dtr *dtr = gdt ? &v->gdtr : &v->idtr;
	uintptr_t a;

	if (s->form != AB_FORM_MEM)
		unsupported(s, "descriptor-table operand not in memory");
	a = mem_addr(f, s);
	if (load) {
		dtr->limit = *(volatile uint16_t *)a;
		dtr->base = *(volatile uint64_t *)(a + 2);
	} else {
		*(volatile uint16_t *)a = dtr->limit;
		*(volatile uint64_t *)(a + 2) = dtr->base;
	}
}

void ab_vmm_lldt(struct afterburn_frame *f, const struct afterburn_site *s)
{
	afterburn_vcpu.ldtr = rm_get(f, s, 2);
}

void ab_vmm_ltr(struct afterburn_frame *f, const struct afterburn_site *s)
{
	afterburn_vcpu.tr = rm_get(f, s, 2);
}

void ab_vmm_sldt(struct afterburn_frame *f, const struct afterburn_site *s)
{
	rm_store16(f, s, afterburn_vcpu.ldtr);
}

void ab_vmm_str(struct afterburn_frame *f, const struct afterburn_site *s)
{
	rm_store16(f, s, afterburn_vcpu.tr);
}

void ab_vmm_smsw(struct afterburn_frame *f, const struct afterburn_site *s)
{
	uint64_t cr0 = afterburn_vcpu.cr[0];

	rm_store16(f, s, s->form == AB_FORM_MEM || s->opsize == 2 ?
		   (cr0 & 0xffff) : cr0);
}

void ab_vmm_lmsw(struct afterburn_frame *f, const struct afterburn_site *s)
{
	uint64_t *cr0 = &afterburn_vcpu.cr[0];

	/* low four bits; PE can be set but not cleared */
	*cr0 = (*cr0 & ~0xeull) | (rm_get(f, s, 2) & 0xf);
}

void ab_vmm_clts(struct afterburn_frame *f, const struct afterburn_site *s)
{
	afterburn_vcpu.cr[0] &= ~8ull;
}

/* invlpg invpcid invd wbinvd wbnoinvd monitor: no virtual TLB or cache */
void ab_vmm_nothing(struct afterburn_frame *f, const struct afterburn_site *s)
{
}

/* rdmsr wrmsr */
void ab_vmm_msr(struct afterburn_frame *f, const struct afterburn_site *s)
{
	const struct vmm_platform *p = ab_vmm_platform();
	uint32_t index = f->gpr[R_CX];
	uint64_t val = 0, *slot;
	bool wr = s->kind == AB_KIND_WRMSR;

	if (wr)
		val = (uint32_t)f->gpr[R_AX] | (f->gpr[R_DX] << 32);
	switch (index) {
	case MSR_TSC:
		if (wr)
			unsupported(s, "writing the TSC");
		val = ab_rdtsc();
		break;
	case MSR_FS_BASE:
		if (wr)
			p->set_fs_base(val);
		else
			val = p->fs_base();
		break;
	case MSR_GS_BASE:
		if (wr)
			p->set_gs_base(val);
		else
			val = p->gs_base();
		break;
	case MSR_KERNEL_GS_BASE:
		if (wr)
			afterburn_vcpu.kernel_gs_base = val;
		else
			val = afterburn_vcpu.kernel_gs_base;
		break;
	default:
		slot = msr_slot(index);
		if (!slot)
			afterburn_panic("site 0x%lx (%s): MSR %x is not modelled (a native guest takes #GP)",
					(unsigned long)afterburn_site_addr(s),
					afterburn_kind_name(s->kind), index);
		if (wr) {
			if (index == MSR_EFER)	/* LMA is read-only */
				val = (val & ~0x400ull) | (*slot & 0x400);
			*slot = val;
		} else {
			val = *slot;
		}
	}
	if (!wr) {
		f->gpr[R_AX] = (uint32_t)val;
		f->gpr[R_DX] = val >> 32;
	}
}

/* rdtsc rdtscp */
void ab_vmm_rdtsc(struct afterburn_frame *f, const struct afterburn_site *s)
{
	uint64_t tsc = ab_rdtsc();

	f->gpr[R_AX] = (uint32_t)tsc;
	f->gpr[R_DX] = tsc >> 32;
	if (s->kind == AB_KIND_RDTSCP)
		f->gpr[R_CX] = (uint32_t)*msr_slot(MSR_TSC_AUX);
}

void ab_vmm_rdpid(struct afterburn_frame *f, const struct afterburn_site *s)
{
	reg_set(f, s->reg, 8, (uint32_t)*msr_slot(MSR_TSC_AUX));
}

void ab_vmm_cpuid(struct afterburn_frame *f, const struct afterburn_site *s)
{
	uint32_t a = f->gpr[R_AX], c = f->gpr[R_CX], b, d;

	if (a == AB_HV_LEAF_FIRST) {
		/* our leaf: max hypervisor leaf and signature */
		a = AB_HV_LEAF_FIRST;
		b = 0x65746641;	/* "AfterburnVMM" */
		c = 0x72756272;
		d = 0x4d4d566e;
	} else {
		ab_cpuid(a, c, &a, &b, &c, &d);
		if ((uint32_t)f->gpr[R_AX] == 1) {
			c |= AB_CPUID1_ECX_HYPERVISOR;
			c &= ~(1u << 27);		/* OSXSAVE follows the virtual CR4 */
			if (afterburn_vcpu.cr[4] & (1u << 18))
				c |= 1u << 27;
		}
	}
	f->gpr[R_AX] = a;
	f->gpr[R_BX] = b;
	f->gpr[R_CX] = c;
	f->gpr[R_DX] = d;
}

void ab_vmm_xsetbv(struct afterburn_frame *f, const struct afterburn_site *s)
{
	afterburn_vcpu.xcr0 = (uint32_t)f->gpr[R_AX] | (f->gpr[R_DX] << 32);
}

void ab_vmm_xgetbv(struct afterburn_frame *f, const struct afterburn_site *s)
{
	f->gpr[R_AX] = (uint32_t)afterburn_vcpu.xcr0;
	f->gpr[R_DX] = afterburn_vcpu.xcr0 >> 32;
}

void ab_vmm_swapgs(struct afterburn_frame *f, const struct afterburn_site *s)
{
	const struct vmm_platform *p = ab_vmm_platform();
	uint64_t val = p->gs_base();

	p->set_gs_base(afterburn_vcpu.kernel_gs_base);
	afterburn_vcpu.kernel_gs_base = val;
}

/* rdfsbase rdgsbase */
void ab_vmm_rdbase(struct afterburn_frame *f, const struct afterburn_site *s)
{
	const struct vmm_platform *p = ab_vmm_platform();

	reg_set(f, s->reg, op_size(s), s->kind == AB_KIND_RDFSBASE ?
		p->fs_base() : p->gs_base());
}

/* wrfsbase wrgsbase */
void ab_vmm_wrbase(struct afterburn_frame *f, const struct afterburn_site *s)
{
	const struct vmm_platform *p = ab_vmm_platform();
	uint64_t val = reg_get(f, s->reg, op_size(s));

	if (s->kind == AB_KIND_WRFSBASE)
		p->set_fs_base(val);
	else
		p->set_gs_base(val);
}

void ab_vmm_iret(struct afterburn_frame *f, const struct afterburn_site *s)
{
	unsigned int size = s->opsize ? s->opsize : 4;
	uint64_t rip, fl, rsp;

	if (size != 8 && size != 4)
		unsupported(s, "16-bit iret");
	rip = pop(f, size);
	afterburn_vcpu.sreg[1] = pop(f, size);
	fl = pop(f, size);
	rsp = pop(f, size);		/* 64-bit mode always pops SS:RSP */
	afterburn_vcpu.sreg[2] = pop(f, size);
	f->rip = rip;
	f->gpr[R_SP] = rsp;
	f->rflags = (f->rflags & ~(uint64_t)AB_GUEST_TF) | (fl & AB_GUEST_TF);
	afterburn_vmm_set_guest_flags(f, fl);
}

void ab_vmm_int(struct afterburn_frame *f, const struct afterburn_site *s)
{
	afterburn_vmm_deliver(f, s->imm & 0xff);
}

void ab_vmm_lret(struct afterburn_frame *f, const struct afterburn_site *s)
{
	unsigned int size = op_size(s);

	f->rip = pop(f, size);
	afterburn_vcpu.sreg[1] = pop(f, size);
	if (s->form == AB_FORM_IMM)
		f->gpr[R_SP] += (uint16_t)s->imm;
}

void ab_vmm_mov_from_sreg(struct afterburn_frame *f, const struct afterburn_site *s)
{
	rm_store16(f, s, afterburn_vcpu.sreg[s->sreg % 6]);
}

void ab_vmm_mov_to_sreg(struct afterburn_frame *f, const struct afterburn_site *s)
{
	/* selectors are virtual: the real flat segments stay */
	afterburn_vcpu.sreg[s->sreg % 6] = rm_get(f, s, 2);
}

void ab_vmm_push_sreg(struct afterburn_frame *f, const struct afterburn_site *s)
{
	push(f, op_size(s), afterburn_vcpu.sreg[s->sreg % 6]);
}

void ab_vmm_pop_sreg(struct afterburn_frame *f, const struct afterburn_site *s)
{
	afterburn_vcpu.sreg[s->sreg % 6] = pop(f, op_size(s));
}
