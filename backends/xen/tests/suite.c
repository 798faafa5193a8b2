// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The Xen backend's test guest: one image, booted natively in QEMU and as
 * a Xen PVH domU; what it prints after the runtime's platform line must be
 * identical.  One guest, because every Xen boot costs about a minute.
 *
 *  1. UART output through every port-I/O form the backend rewrites:
 *     in %dx (LSR polling), out %dx, rep outsb, out imm (POST port).
 *  2. PIT channel 2 one-shot polled through port 0x61 (how Linux
 *     calibrates its TSC): under Xen the count comes from Xen system time.
 *  3. PIT channel 0 + 8259A IRQ0 through the guest's own IDT, hlt between
 *     ticks; masking IRQ0 in the PIC stops them.
 *  4. One-shot ticks (PIT mode 4, as Linux's PIT clockevent under NO_HZ
 *     and high-resolution timers): one that runs out while IRQ0 is masked
 *     is taken once at the unmask; one that was taken does not come again.
 *  5. CMOS: the RTC's seconds register is BCD and advances.
 *  6. XCR0 stays what the guest set after the domain was descheduled: no
 *     platform may change it behind the guest's back (see xcr0_kept).
 *  7. The console's last words: a tail without a newline, written just
 *     before the guest ends, must still reach the console.  Under Xen the
 *     PV console is notified per line, so after the last full line the
 *     guest waits (TSC, no port I/O) until xenconsoled has surely read
 *     it; only the shutdown's own notification and drain can then bring
 *     the tail.  check-xen-guest looks for it after the compared lines.
 */
#include "lib.h"

static volatile unsigned long ticks;
static volatile unsigned long if_in_handler;

void on_tick(void);
void on_tick(void)
{
	ticks++;
	if_in_handler |= read_flags() & 0x200;
}
IRQ_HANDLER(tick_entry, on_tick);

static void uart_forms(void)
{
	static const char rep[] = "rep outsb works\n";
	const char *p = rep;
	unsigned long n = sizeof(rep) - 1;

	puts_("hello from the xen suite\n");
	asm volatile("rep outsb" : "+S"(p), "+c"(n) : "d"(0x3f8) : "memory");
	asm volatile("outb %0, $0x80" : : "a"((uint8_t)0x42));
	say("rep outsb left", n);
}

/* Channel 2, mode 0, gate via port 0x61: OUT2 (0x61 bit 5) rises after
   `count' PIT clocks.  Only "it expired" is compared: under Xen in TCG a
   first, untranslated poll can take longer than the whole 10 ms. */
static void pit_channel2(void)
{
	unsigned long polls = 0;
	uint16_t count = 11932;		/* 10 ms */

	ab_outb(0x61, (ab_inb(0x61) & ~0x02) | 0x01);	/* gate on, speaker off */
	ab_outb(0x43, 0xb0);			/* ch2, lobyte/hibyte, mode 0 */
	ab_outb(0x42, count & 0xff);
	ab_outb(0x42, count >> 8);
	while (!(ab_inb(0x61) & 0x20) && polls < 100000000)
		polls++;
	say("pit ch2 expired", !!(ab_inb(0x61) & 0x20));
}

static void timer_irqs(void)
{
	unsigned long woken = 0, before;
	volatile unsigned long spin;

	set_gate(0x20, tick_entry);
	load_idt();
	pic_init(1 << 0);
	pit_start(100);
	asm volatile("sti");
	while (ticks < 10) {
		asm volatile("hlt");
		woken++;
	}
	asm volatile("cli");
	say("ticks at least", ticks >= 10);
	/* hlt only returns for an interrupt; ticks may bunch up when the
	   guest runs slower than the timer (nested TCG), so not == ticks. */
	say("hlt woke only for ticks", woken >= 1 && woken <= ticks);
	say("IF clear in handler", if_in_handler == 0);

	/*
	 * Masked in the PIC: no tick while we wait >= 10 ms.  Mask right after
	 * a tick was taken (hlt returned), with IF set throughout, so no tick
	 * is already pending when the mask lands.
	 */
	asm volatile("sti; hlt");
	ab_outb(0x21, 0xff);
	before = ticks;
	for (spin = 0; spin < 3; spin++) {
		ab_outb(0x43, 0x00);	/* latch ch0 ... */
		(void)ab_inb(0x40);	/* ... read it: time passes */
		(void)ab_inb(0x40);
	}
	pit_channel2();			/* >= 10 ms with IRQ0 masked */
	asm volatile("cli");
	say("ticks while masked", ticks - before);
	ab_outb(0x21, 0xfe);
	asm volatile("sti");
	before = ticks;
	while (ticks < before + 3)
		asm volatile("hlt");
	asm volatile("cli");
	say("ticks after unmask", ticks - before >= 3);
}

/* Channel 0, mode 4 (0x38, what Linux's pit_set_oneshot writes), 1 ms. */
static void pit_oneshot(void)
{
	ab_outb(0x43, 0x38);
	ab_outb(0x40, 1193 & 0xff);
	ab_outb(0x40, 1193 >> 8);
}

static void oneshot_irqs(void)
{
	unsigned long before;

	asm volatile("sti; hlt");	/* take a periodic tick, then mask */
	ab_outb(0x21, 0xff);
	asm volatile("cli");
	pit_oneshot();
	pit_channel2();			/* 10 ms: it runs out while masked */
	before = ticks;
	ab_outb(0x21, 0xfe);
	asm volatile("sti");
	pit_channel2();
	asm volatile("cli");
	say("one-shot ticks held while masked", ticks - before);

	before = ticks;
	pit_oneshot();
	asm volatile("sti");
	pit_channel2();			/* taken unmasked ... */
	ab_outb(0x21, 0xff);		/* ... so a mask cycle does not repeat it */
	ab_outb(0x21, 0xfe);
	pit_channel2();
	asm volatile("cli");
	say("one-shot ticks taken unmasked", ticks - before);
}

static uint8_t cmos(uint8_t reg)
{
	ab_outb(0x70, reg);
	return ab_inb(0x71);
}

static void rtc(void)
{
	uint8_t s = cmos(0x00), b = cmos(0x0b);

	say("rtc seconds valid", (b & 0x04) ? s < 60 :
	    ((s & 0x0f) < 10 && (s >> 4) < 6));
}

/*
 * XSETBV sets XCR0 (which state components XSAVE/XRSTOR handle); the
 * hypervisor must record it and load it whenever the vCPU runs again.
 * QEMU's TCG before 8.2 lacks SVM's XSETBV intercept ("target/i386: check
 * intercept for XSETBV"), so a Xen HVM/PVH guest's XSETBV never reaches
 * Xen: Xen keeps its default (x87|SSE) and loads that at its next switch
 * to the domain.  Linux then builds signal frames that XRSTOR refuses
 * (6.12: "bad frame in rt_sigreturn", init killed).  ci/boot-xen does not
 * offer XSAVE to the domU for that reason; this proves what the guest
 * sees: either no XSAVE, or an XCR0 that survives ten timer ticks of
 * sleep, during which Xen runs dom0 (the console daemon has this guest's
 * output to read).
 */
static void xcr0_kept(void)
{
	uint32_t a, b, c, d, lo = 0, hi = 0;
	uint64_t want = 0;
	unsigned long cr4, before;
	int xsave;

	ab_cpuid(1, 0, &a, &b, &c, &d);
	xsave = !!(c & (1u << 26));
	if (xsave) {
		asm volatile("mov %%cr4, %0" : "=r"(cr4));
		asm volatile("mov %0, %%cr4" : : "r"(cr4 | (1ul << 18)));	/* OSXSAVE */
		ab_cpuid(0xd, 0, &a, &b, &c, &d);
		want = a & 0x207;		/* x87, SSE, AVX, PKRU if offered */
		asm volatile("xsetbv" : : "c"(0), "a"((uint32_t)want), "d"(0u));
	}
	puts_("xcr0: sleeping ten ticks\n");
	pit_start(100);
	ab_outb(0x21, 0xfe);
	before = ticks;
	asm volatile("sti");
	while (ticks < before + 10)
		asm volatile("hlt");
	asm volatile("cli");
	ab_outb(0x21, 0xff);
	if (xsave)
		asm volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	say("xcr0 kept", !xsave || (((uint64_t)hi << 32) | lo) == want);
}

void guest_main(void)
{
	uart_forms();
	pit_channel2();
	timer_irqs();
	oneshot_irqs();
	rtc();
	xcr0_kept();
	puts_("xen suite done\n");
	/* ~0.5 s at a few GHz; rdtsc is no site, and no port I/O kicks */
	for (uint64_t t0 = ab_rdtsc(); ab_rdtsc() - t0 < 1500000000ull;)
		;
	puts_("xen suite tail without a newline");
}
