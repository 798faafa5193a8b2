// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The usermode platform: the guest image runs as an ordinary Linux process
 * and every 64-bit site is rewritten into emulation against the in-place
 * VMM core (runtime/vmm) and the shared device models (runtime/devices).
 *
 *   COM1 transmit        write(1, ...)
 *   COM1 receive         read(0, ...) when the guest looks at LSR/RBR or
 *                        sleeps in hlt (ppoll), until end of input
 *   isa-debug-exit       exit_group((v << 1) | 1)
 *   PIT channel 0        setitimer(ITIMER_REAL) + SIGALRM
 *   hlt                  rt_sigsuspend until the next SIGALRM
 *   time                 clock_gettime
 *   FS/GS bases          arch_prctl
 *
 * Timer interrupts.  SIGALRM runs on its own signal stack.  If it lands in
 * guest code (not in the emulation stub or the C emulation, which set
 * vcpu.in_vmm) it feeds the tick to the PIT/PIC and, when the virtual IF
 * allows, rewrites the interrupted context (the ucontext) into the guest's
 * IDT handler exactly as a hardware interrupt would: frame on the guest
 * stack, virtual IF cleared.  Ticks that land inside the VMM are counted
 * and replayed at the next VMM entry or hlt, never fed to the models while
 * VMM code is using them.
 */
#include "vmm/vmm.h"
#include "devices/devices.h"
#include "guest/guest.h"
#include "sys.h"

void afterburn_usermode_main(uint64_t *initial_sp);
void afterburn_usermode_sigreturn(void);

static volatile unsigned long um_ticks;	/* SIGALRMs received */
static unsigned long um_ticks_done;	/* ... fed to the PIT */
static uint64_t um_t0;
static char um_sigstack[16384] __attribute__((aligned(16)));

static void um_write(const char *s, size_t n)
{
	while (n) {
		long r = um_syscall(SYS_write, 1, (long)s, n, 0);

		if (r <= 0)
			return;
		s += r;
		n -= r;
	}
}

static void __attribute__((noreturn)) um_exit(int status)
{
	for (;;)
		um_syscall(SYS_exit_group, status, 0, 0, 0);
}

static void um_dev_exit(int status)
{
	um_exit(status);
}

static void __attribute__((noreturn)) um_stop(int code)
{
	um_exit((code << 1) | 1);	/* the isa-debug-exit convention */
}

static uint64_t um_clock(int clk)
{
	struct um_timespec ts;

	um_syscall(SYS_clock_gettime, clk, (long)&ts, 0, 0);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static uint64_t um_now_ns(void)
{
	return um_clock(CLOCK_MONOTONIC) - um_t0;
}

static uint64_t um_wall_seconds(void)
{
	return um_clock(CLOCK_REALTIME) / 1000000000ull;
}

static void um_pit_timer(uint64_t period_ns, bool periodic)
{
	struct um_itimerval it = { { 0, 0 }, { 0, 0 } };
	uint64_t us = (period_ns + 999) / 1000;

	if (period_ns) {
		it.value.tv_sec = us / 1000000;
		it.value.tv_usec = us % 1000000;
		if (periodic)
			it.interval = it.value;
	}
	um_syscall(SYS_setitimer, ITIMER_REAL, (long)&it, 0, 0);
}

static bool um_stdin_eof;

/* Is host input waiting?  timeout NULL: sleep until input or a signal
   (with every signal unblocked for the sleep); else do not wait. */
static bool um_stdin_ready(bool sleep)
{
	struct um_pollfd pfd = { 0, POLLIN, 0 };
	struct um_timespec zero = { 0, 0 };
	uint64_t none = 0;
	long r;

	r = um_syscall6(SYS_ppoll, (long)&pfd, 1, sleep ? 0 : (long)&zero,
			(long)&none, 8, 0);
	return r > 0 && pfd.revents;
}

static void um_uart_rx_poll(void)
{
	char buf[16];
	unsigned int room = ab_uart_rx_room(), i;
	long n;

	if (um_stdin_eof || !room || !um_stdin_ready(false))
		return;
	n = um_syscall(SYS_read, 0, (long)buf, room < sizeof(buf) ? room : sizeof(buf), 0);
	if (n <= 0) {
		if (n != -EINTR)
			um_stdin_eof = true;	/* end of input (or unreadable) */
		return;
	}
	for (i = 0; i < n; i++)
		ab_uart_receive(buf[i]);
}

static const struct ab_dev_host um_dev_host = {
	.uart_rx_poll	= um_uart_rx_poll,
	.uart_tx	= um_write,
	.exit		= um_dev_exit,
	.now_ns		= um_now_ns,
	.wall_seconds	= um_wall_seconds,
	.pit_timer	= um_pit_timer,
};

/* ---- VMM platform ------------------------------------------------------ */

static void um_poll_events(void)
{
	while (um_ticks_done != um_ticks) {
		um_ticks_done++;
		ab_pit_timer_expired();
	}
}

static void um_sigmask(int how)
{
	uint64_t set = 1ull << (SIGALRM - 1);

	um_syscall(SYS_rt_sigprocmask, how, (long)&set, 0, 8);
}

/* hlt: sleep until a signal or host input arrives, without a lost-wakeup
   window (SIGALRM stays blocked except inside the sleeping syscall). */
static void um_wait(void)
{
	uint64_t none = 0;

	um_sigmask(SIG_BLOCK);
	um_poll_events();
	um_uart_rx_poll();
	if (!afterburn_vmm_irq_deliverable()) {
		if (um_stdin_eof || !ab_uart_rx_room())
			um_syscall(SYS_rt_sigsuspend, (long)&none, 8, 0, 0);
		else if (um_stdin_ready(true))
			um_uart_rx_poll();
	}
	um_sigmask(SIG_UNBLOCK);
}

/*
 * FS/GS bases: the guest's %fs:/%gs: accesses use the real bases, so the
 * virtual ones are the real ones.  Linux (5.9+) lets user mode use
 * rd/wr{fs,gs}base when it advertises HWCAP2_FSGSBASE: ~20 cycles instead
 * of an arch_prctl system call (swapgs needs two).
 */
#define AT_HWCAP2		26
#define HWCAP2_FSGSBASE		(1u << 1)
static bool um_fsgsbase;

static uint64_t um_get_base(int code)
{
	uint64_t v = 0;

	um_syscall(SYS_arch_prctl, code, (long)&v, 0, 0);
	return v;
}

static uint64_t um_fs_base(void)
{
	uint64_t v;

	if (!um_fsgsbase)
		return um_get_base(ARCH_GET_FS);
	asm volatile("rdfsbase %0" : "=r"(v));
	return v;
}

static uint64_t um_gs_base(void)
{
	uint64_t v;

	if (!um_fsgsbase)
		return um_get_base(ARCH_GET_GS);
	asm volatile("rdgsbase %0" : "=r"(v));
	return v;
}

static void um_set_fs_base(uint64_t v)
{
	if (um_fsgsbase)
		asm volatile("wrfsbase %0" : : "r"(v) : "memory");
	else
		um_syscall(SYS_arch_prctl, ARCH_SET_FS, v, 0, 0);
}

static void um_set_gs_base(uint64_t v)
{
	if (um_fsgsbase)
		asm volatile("wrgsbase %0" : : "r"(v) : "memory");
	else
		um_syscall(SYS_arch_prctl, ARCH_SET_GS, v, 0, 0);
}

/* The value of environment variable name (NAME=VALUE) on the initial
   stack, or NULL: afterburn-run passes the runtime's command line in
   AFTERBURN_CMDLINE (afterburn.poison=1 ...). */
static const char *um_getenv(const uint64_t *sp, const char *name)
{
	const char *const *e = (const char *const *)(sp + 1 + sp[0] + 1);
	size_t n = ab_strlen(name);

	for (; *e; e++)
		if (!ab_strncmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return 0;
}

/* The initial stack: argc, argv[], NULL, envp[], NULL, auxv pairs. */
static void um_read_auxv(const uint64_t *sp)
{
	const uint64_t *p = sp + 1 + sp[0] + 1;

	while (*p)
		p++;
	for (p++; p[0]; p += 2)
		if (p[0] == AT_HWCAP2 && (p[1] & HWCAP2_FSGSBASE))
			um_fsgsbase = true;
}

static const struct vmm_platform um_platform = {
	.wait		= um_wait,
	.poll_events	= um_poll_events,
	.fs_base	= um_fs_base,
	.set_fs_base	= um_set_fs_base,
	.gs_base	= um_gs_base,
	.set_gs_base	= um_set_gs_base,
};

/* ---- SIGALRM: the timer interrupt ---------------------------------------- */

/* ucontext greg index for each hardware GPR number */
static const uint8_t um_greg_of[16] = {
	UM_RAX, UM_RCX, UM_RDX, UM_RBX, UM_RSP, UM_RBP, UM_RSI, UM_RDI,
	UM_R8, UM_R9, UM_R10, UM_R11, UM_R12, UM_R13, UM_R14, UM_R15,
};

static void um_sigalrm(int sig, void *info, void *ctx)
{
	struct um_ucontext *uc = ctx;
	struct afterburn_vcpu *v = &afterburn_vcpu;
	uintptr_t rip = uc->gregs[UM_RIP];
	struct afterburn_frame f;
	unsigned int i;

	um_ticks++;
	if (v->in_vmm || rip == v->sti_shadow || afterburn_vmm_in_stub(rip))
		return;		/* replayed at the next VMM entry */
	um_poll_events();
	if (!afterburn_vmm_irq_deliverable())
		return;
	for (i = 0; i < 16; i++)
		f.gpr[i] = uc->gregs[um_greg_of[i]];
	f.rflags = uc->gregs[UM_EFL];
	f.rip = rip;
	afterburn_vmm_deliver(&f, ab_pic_ack());
	uc->gregs[UM_RSP] = f.gpr[R_SP];
	uc->gregs[UM_RIP] = f.rip;
	uc->gregs[UM_EFL] = f.rflags;
}

/*
 * A real fault in the guest (an instruction the assembler did not mark, a
 * bad pointer): say what and where, and stop with the runtime's panic
 * status, as the native runtime's exception handlers do.
 */
static void um_fault(int sig, void *info, void *ctx)
{
	struct um_ucontext *uc = ctx;
	uintptr_t rip = uc->gregs[UM_RIP];
	struct afterburn_frame f;
	unsigned int i;

	/*
	 * #DE, #BP and #UD mean the same natively: hand them to the guest's
	 * own IDT handler, as the CPU would (no error code; #BP's rip is
	 * already past the int3, as the CPU pushes it).  int3 is never
	 * rewritten (room 0 in kinds.def): this is its path on every
	 * platform.  Other faults do not: #GP is what an unmarked privileged
	 * instruction gets here only, and #PF concerns memory a native guest
	 * has mapped.
	 */
	if ((uc->trapno == 0 || uc->trapno == 3 || uc->trapno == 6) &&
	    !afterburn_vcpu.in_vmm &&
	    !afterburn_vmm_in_stub(rip) && afterburn_vcpu.idtr.base &&
	    afterburn_vcpu.idtr.limit >= uc->trapno * 16 + 15 &&
	    (((const uint8_t *)(uintptr_t)afterburn_vcpu.idtr.base)[uc->trapno * 16 + 5] & 0x80)) {
		for (i = 0; i < 16; i++)
			f.gpr[i] = uc->gregs[um_greg_of[i]];
		f.rflags = uc->gregs[UM_EFL];
		f.rip = rip;
		afterburn_vmm_deliver(&f, uc->trapno);
		uc->gregs[UM_RSP] = f.gpr[R_SP];
		uc->gregs[UM_RIP] = f.rip;
		uc->gregs[UM_EFL] = f.rflags;
		return;
	}

	afterburn_panic("usermode: signal %d (trap %lu, error 0x%lx, cr2 0x%lx) at rip 0x%lx: %s",
			sig, (unsigned long)uc->trapno, (unsigned long)uc->err,
			(unsigned long)uc->cr2, (unsigned long)uc->gregs[UM_RIP],
			uc->trapno == 13 ? "privileged instruction not marked, or #GP" :
			uc->trapno == 14 ? "page fault" : "fault");
}

static void um_install_fault_handlers(void)
{
	static const int sigs[] = { SIGSEGV, SIGILL, SIGBUS, SIGFPE, SIGTRAP };
	struct um_sigaction sa = {
		.handler	= (void *)um_fault,
		.flags		= SA_SIGINFO | SA_ONSTACK | SA_RESTORER,
		.restorer	= afterburn_usermode_sigreturn,
		.mask		= 1ull << (SIGALRM - 1),	/* no tick mid-delivery */
	};
	unsigned int i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		um_syscall(SYS_rt_sigaction, sigs[i], (long)&sa, 0, 8);
}

/* ---- backend ------------------------------------------------------------ */

/* afterburn-run exec'd the image: its ELF entry is ours (entry.S). */
static bool um_detect(const struct afterburn_boot *boot)
{
	return boot && boot->entry == AB_ENTRY_USERMODE;
}

const struct afterburn_backend afterburn_backend_usermode = {
	.name		= "usermode",
	.detect		= um_detect,
	.site		= afterburn_vmm_site,	/* the VMM's switch: every kind */
	.console_write	= um_write,
	.stop		= um_stop,
	/* sync_core: cpuid (the default) is fine in user mode */
};

static void um_text_prot(int prot)
{
	uintptr_t lo = (uintptr_t)__text_start & ~4095ul;
	uintptr_t hi = ((uintptr_t)__text_end + 4095) & ~4095ul;
	long r = um_syscall(SYS_mprotect, lo, hi - lo, prot, 0);

	if (r < 0)
		afterburn_panic("usermode: mprotect of text 0x%lx-0x%lx failed (%ld)",
				(unsigned long)lo, (unsigned long)hi, r);
}

void afterburn_usermode_main(uint64_t *initial_sp)
{
	struct afterburn_image img = AFTERBURN_GUEST_IMAGE;
	struct afterburn_boot boot = {
		.entry		= AB_ENTRY_USERMODE,
		.image		= &img,
	};
	struct um_stack ss = { um_sigstack, 0, sizeof(um_sigstack) };
	struct um_sigaction sa = {
		.handler	= (void *)um_sigalrm,
		.flags		= SA_SIGINFO | SA_ONSTACK | SA_RESTORER | SA_RESTART,
		.restorer	= afterburn_usermode_sigreturn,
		.mask		= 0,
	};

	um_read_auxv(initial_sp);
	boot.cmdline = um_getenv(initial_sp, "AFTERBURN_CMDLINE");
	afterburn_console_set(um_write);
	um_t0 = um_clock(CLOCK_MONOTONIC);
	ab_dev_host = &um_dev_host;
	ab_devices_reset();
	afterburn_vmm_init(&um_platform);
	if (um_syscall(SYS_sigaltstack, (long)&ss, 0, 0, 0) < 0 ||
	    um_syscall(SYS_rt_sigaction, SIGALRM, (long)&sa, 0, 8) < 0)
		afterburn_panic("usermode: cannot install the timer signal");
	um_install_fault_handlers();
	/* Detected first of all backends: by this entry (um_detect). */
	if (afterburn_detect(&boot) != &afterburn_backend_usermode)
		afterburn_panic("usermode entry, but platform %s detected",
				afterburn_active_backend()->name);
	um_text_prot(PROT_READ | PROT_WRITE | PROT_EXEC);
	if (afterburn_vmm_prepare_nostack(&img) < 0)
		afterburn_panic("usermode: more than %d stack-free sites",
				AB_NOSTACK_SLOTS);
	afterburn_patch_or_panic(&img, &afterburn_backend_usermode);
	um_text_prot(PROT_READ | PROT_EXEC);
	guest_main();
	afterburn_stop(AFTERBURN_EXIT_OK);
}
