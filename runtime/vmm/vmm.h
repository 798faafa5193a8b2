/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The in-place VMM core shared by the non-native backends: the virtual CPU,
 * the emulation entries (patched sites call afterburn_vmm_trap_entry or
 * jump to a stack-free trampoline), per-kind handlers driven only by the
 * .afterburn record (no decoder), and virtual interrupt delivery through
 * the guest's own IDT.
 *
 * A backend that deprivileges the guest completely (usermode) supplies
 * struct vmm_platform (how to wait, where FS/GS bases live) and uses
 * afterburn_vmm_site() -- the switch that says what each kind becomes and
 * which ab_vmm_* handler emulates it -- as its site() hook.  A backend
 * that only needs some kinds emulated (xen) names the handlers it wants
 * from its own switch (e.g. ab_vmm_port_io).
 */
#ifndef AB_VMM_H
#define AB_VMM_H

#define AB_FRAME_SIZE	(18 * 8)
/* Bytes the stub leaves free between the guest's stack and the frame, so
   emulation may push on the guest stack (pushf: 8, interrupt frame: up to
   55 with alignment) without overwriting the frame it reads from. */
#define AB_TRAP_GAP	64

/* Stack-free trampolines for AB_F_NOSTACK sites (nostack-entry.S, nostack.c). */
#define AB_NOSTACK_SLOTS	512
#define AB_NOSTACK_TRAMP	24

/* Bytes of text for the live stubs (livestub.c). */
#define AB_LIVE_POOL_BYTES	32768

#ifndef __ASSEMBLER__
#include <afterburn/backend.h>

/*
 * Guest state saved by the entry stub (entry.S), lowest address first.
 * gpr[] uses the hardware numbering (rax rcx rdx rbx rsp rbp rsi rdi
 * r8..r15) so a record's `reg' indexes it directly.  gpr[4] is the guest
 * %rsp at the site (before the stub's call).  rflags holds the real
 * arithmetic flags; the guest's IF is the virtual one (vcpu.vif).  rip is
 * where the guest resumes (the stub's return address on entry).
 */
struct afterburn_frame {
	uint64_t gpr[16];
	uint64_t rflags;
	uint64_t rip;
};

enum { R_AX, R_CX, R_DX, R_BX, R_SP, R_BP, R_SI, R_DI };

#define X86_EFLAGS_CF	0x0001
#define X86_EFLAGS_IF	0x0200
#define X86_EFLAGS_DF	0x0400
/* flags the guest may set through popf/iret (IF is virtual, IOPL stays 0) */
#define AB_GUEST_FLAGS	0x0cd5	/* CF PF AF ZF SF DF OF */
#define AB_GUEST_TF	0x0100

struct ab_dtr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

#define AB_NR_MSRS 24

struct afterburn_vcpu {
	uint8_t vif;			/* virtual RFLAGS.IF (inline cli writes it) */
	uint8_t in_vmm;			/* inside emulation: async events defer */
	uint64_t cr[9];			/* CR0..CR8 (1, 5-7 unused) */
	uint64_t dr[8];
	uint64_t xcr0;
	struct ab_dtr gdtr, idtr;
	uint16_t ldtr, tr;
	uint16_t sreg[6];		/* es cs ss ds fs gs selectors */
	uint64_t kernel_gs_base;
	uint32_t msr_index[AB_NR_MSRS];
	uint64_t msr_value[AB_NR_MSRS];
	uintptr_t sti_shadow;		/* rip right after an sti that set IF */
};

extern struct afterburn_vcpu afterburn_vcpu;

/* What the platform under the VMM provides. */
struct vmm_platform {
	/* hlt with virtual IF set: return once something may be pending
	   (after calling vmm_poll_events's work); the caller re-checks. */
	void (*wait)(void);
	/* replay events that arrived while in_vmm (timer ticks ...) */
	void (*poll_events)(void);
	uint64_t (*fs_base)(void);
	void (*set_fs_base)(uint64_t v);
	uint64_t (*gs_base)(void);
	void (*set_gs_base)(uint64_t v);
};

void afterburn_vmm_init(const struct vmm_platform *p);
const struct vmm_platform *ab_vmm_platform(void);

/* The VMM's one switch (sites.c): what each 64-bit site becomes, inline
   or an entry with its ab_vmm_* handler.  A backend's site() hook. */
int afterburn_vmm_site(const struct afterburn_site *s, uintptr_t addr,
		       struct afterburn_plan *plan);

/* The handlers (emulate.c), one per kind or family of kinds. */
afterburn_handler_t ab_vmm_cli, ab_vmm_sti, ab_vmm_pushf, ab_vmm_popf,
	ab_vmm_hlt, ab_vmm_mwait, ab_vmm_port_io, ab_vmm_mov_from_cr,
	ab_vmm_mov_to_cr, ab_vmm_mov_from_dr, ab_vmm_mov_to_dr, ab_vmm_dtr,
	ab_vmm_lldt, ab_vmm_ltr, ab_vmm_sldt, ab_vmm_str, ab_vmm_smsw,
	ab_vmm_lmsw, ab_vmm_clts, ab_vmm_nothing, ab_vmm_msr, ab_vmm_rdtsc,
	ab_vmm_rdpid, ab_vmm_cpuid, ab_vmm_xsetbv, ab_vmm_xgetbv,
	ab_vmm_swapgs, ab_vmm_rdbase, ab_vmm_wrbase, ab_vmm_iret, ab_vmm_int,
	ab_vmm_lret, ab_vmm_mov_from_sreg, ab_vmm_mov_to_sreg,
	ab_vmm_push_sreg, ab_vmm_pop_sreg, ab_vmm_unsupported, ab_vmm_uart_io;

/* Port I/O kinds (AB_F_IO in kinds.def): direction and string form. */
static inline bool ab_io_kind_writes(unsigned int kind)
{
	return kind == AB_KIND_OUT || kind == AB_KIND_OUTS;
}

static inline bool ab_io_kind_string(unsigned int kind)
{
	return kind == AB_KIND_INS || kind == AB_KIND_OUTS;
}

/* The port of I/O site s when its record says it: an immediate, or a %dx
   whose value the assembler knew (table.h, "Known operands"). */
static inline bool ab_io_static_port(const struct afterburn_site *s,
				     uint16_t *port)
{
	if (s->form == AB_FORM_IMM) {
		*port = (uint16_t)s->imm;
		return true;
	}
	if (s->form == AB_FORM_DX && (s->xflags & AB_XF_KNOWN)) {
		*port = (uint16_t)s->known;
		return true;
	}
	return false;
}

/* A byte-wide in/out of one UART register named by the record: its
   handler can call the model directly (ab_vmm_uart_io, ab_xen_uart_io). */
static inline bool ab_io_uart_site(const struct afterburn_site *s)
{
	uint16_t port;

	return (afterburn_kind_flags(s->kind) & AB_F_IO) &&
	       !ab_io_kind_string(s->kind) && s->opsize == 1 &&
	       ab_io_static_port(s, &port) && port >= 0x3f8 && port <= 0x3ff;
}

/* Interrupt delivery (irq.c). */
bool afterburn_vmm_irq_deliverable(void);
void afterburn_vmm_deliver(struct afterburn_frame *f, unsigned int vector);
void afterburn_vmm_deliver_pending(struct afterburn_frame *f);
uint64_t afterburn_vmm_guest_flags(const struct afterburn_frame *f);
void afterburn_vmm_set_guest_flags(struct afterburn_frame *f, uint64_t fl);

/* The entry stub and the bounds of the stub code (async events that land
   inside it must defer, like those landing in C emulation code). */
void afterburn_vmm_trap_entry(void);
extern const char afterburn_vmm_stub_begin[], afterburn_vmm_stub_end[];

/* Called by the stub; returns with f->rip/f->gpr[4] set up for the exit. */
void afterburn_vmm_trap(struct afterburn_frame *f);
/* A backend entry that only runs the site's handler (trap.c). */
void afterburn_vmm_call_site(struct afterburn_frame *f);

/* Stack-free path: write a trampoline for every NOSTACK site of IMG (the
   pool lies in text: call while text is writable, before patching).
   Returns the number of trampolines or a negative error (pool full). */
int afterburn_vmm_prepare_nostack(const struct afterburn_image *img);
/* Whether sites of KIND take the stack-free path (nostack.c). */
bool ab_vmm_uses_nostack(unsigned int kind);
/* The trampoline for the site at ADDR, or 0. */
uintptr_t afterburn_vmm_nostack_tramp(uintptr_t addr);
void afterburn_vmm_nostack_entry(void);
void afterburn_vmm_trap_nostack(struct afterburn_frame *f);
bool afterburn_vmm_in_stub(uintptr_t rip);
extern const char afterburn_vmm_tramp_pool[], afterburn_vmm_tramp_pool_end[];
extern const char afterburn_vmm_nostack_end[];
extern uint64_t ab_nostack_rsp;
extern char ab_nostack_stack_top[];

/*
 * Live stubs (livestub.c): the entry a site calls, made for its live masks
 * so it saves only what the emulation needs or may clobber.  COMMON is the
 * entry's common half (ab_vmm_live_common, ab_xen_live_common); FLAGS
 * AB_STUB_XEN for the Xen entry's frame, AB_STUB_POPF when the handler may
 * change system flags (popf, iret: RFLAGS must be popped whole).  Returns
 * the stub's address, or 0 when the masks are unknown or ignored or the
 * pool is full: then the site takes the generic entry.
 */
#define AB_STUB_XEN	0x01
#define AB_STUB_POPF	0x02
#define AB_STUB_DF	0x04	/* internal: DF live, arithmetic flags dead */
uintptr_t afterburn_live_stub(const struct afterburn_site *s,
			      void (*common)(void), unsigned int flags);
unsigned int afterburn_live_stubs(void);	/* stubs written so far */
extern char afterburn_live_pool[], afterburn_live_pool_end[];
void ab_vmm_live_common(void);

/*
 * afterburn.poison=1 (poison.c): before the handler, the frame slots of
 * registers not live before the site hold AB_POISON_GPR (a handler that
 * reads one reads the pattern); after it, every register and arithmetic
 * flag and DF not live after the site is overwritten.  No-ops unless
 * afterburn_poison.
 */
void afterburn_poison_in(struct afterburn_frame *f, const struct afterburn_site *s);
void afterburn_poison_out(struct afterburn_frame *f, const struct afterburn_site *s);

/* Virtual selectors: the ones the native PVH boot (runtime/guest/pvh.S)
   loads, so pushed interrupt frames look the same on both platforms. */
#define AB_VIRT_CS	0x08
#define AB_VIRT_DS	0x10

#endif /* __ASSEMBLER__ */
#endif
