// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Xen emulates a local APIC for every PVH domain (no PIC, no IO-APIC).  We
 * use it as the interrupt engine behind the virtual PIC/PIT (see irq.c):
 * its timer fires the guest's IRQ0 vector, a self-IPI raises any other
 * virtual PIC vector, and Xen delivers both through the guest's own IDT
 * honouring the real RFLAGS.IF and waking a halted vCPU.
 *
 * xAPIC mode, MMIO at the architectural base through our page-table window
 * (memory.c).  Not x2APIC: a Linux built without X2APIC support that finds
 * x2APIC enabled complains and disables its APIC support, and the guest
 * should not see the APIC at all (CPUID hides it, io.c): the local
 * APIC belongs to the in-place VMM.
 *
 * The timer's input clock is whatever Xen's vlapic emulates; we measure it
 * once against Xen system time instead of assuming a bus frequency.
 */
#include <afterburn/x86.h>
#include "xen.h"

#define MSR_APIC_BASE		0x1b
#define APIC_BASE_EN		(1ull << 11)
#define APIC_BASE_EXTD		(1ull << 10)
#define APIC_MMIO_BASE		0xfee00000ull

#define APIC_EOI		0x0b0
#define APIC_SVR		0x0f0
#define APIC_ISR		0x100
#define APIC_ICR		0x300
#define APIC_LVTT		0x320
#define APIC_TMICT		0x380
#define APIC_TMCCT		0x390
#define APIC_TDCR		0x3e0

#define LVT_MASKED		(1u << 16)
#define LVTT_PERIODIC		(1u << 17)
#define ICR_SELF		(1u << 18)
#define ICR_ASSERT		(1u << 14)
#define TDCR_DIV1		0xb

static volatile uint32_t *xen_apic_mmio;
static uint64_t xen_apic_hz = 1000000000ull;	/* measured in init */
/*
 * What we last wrote to LVTT (only we write it).  Every APIC access is a
 * VM exit: the shadow saves the read a mask change would need, and the
 * write when the mask already is as asked.
 */
static uint32_t xen_lvtt;

static void apic_write(unsigned int reg, uint32_t v);

static void lvtt_write(uint32_t v)
{
	apic_write(APIC_LVTT, v);
	xen_lvtt = v;
}

static uint32_t apic_read(unsigned int reg)
{
	ab_xen_window_ensure();
	return xen_apic_mmio[reg / 4];
}

static void apic_write(unsigned int reg, uint32_t v)
{
	ab_xen_window_ensure();
	xen_apic_mmio[reg / 4] = v;
}

unsigned long ab_xen_lapic_khz(void)
{
	return (unsigned long)(xen_apic_hz / 1000);
}

/*
 * TMCCT and the Xen time it was read at.  The read is a VM exit (about
 * 0.15 ms under Xen in QEMU TCG): timing it from one side only added a
 * whole exit to every 1 ms sample and measured the clock 15% slow, so
 * the counts programmed were 15% short and every tick came early.
 * Bracket it and take the midpoint; the two reads of a sample then cost
 * the same and cancel.
 */
static uint32_t tmcct_at(uint64_t *ns)
{
	uint64_t before = ab_xen_system_time_ns();
	uint32_t c = apic_read(APIC_TMCCT);

	*ns = before + (ab_xen_system_time_ns() - before) / 2;
	return c;
}

/*
 * Timer input clock: count down a masked one-shot for ~1 ms of Xen time,
 * five times, and keep the median.  A single sample is wrong whenever the
 * vCPU is descheduled inside it (seen under load: a 30x overestimate that
 * stretched every tick past the test's patience).
 */
static uint64_t xen_lapic_sample(void)
{
	uint64_t t0, t1;
	uint32_t c0, c1;

	apic_write(APIC_TMICT, 0xffffffffu);
	c0 = tmcct_at(&t0);
	do
		t1 = ab_xen_system_time_ns();
	while (t1 - t0 < 1000000);
	c1 = tmcct_at(&t1);
	apic_write(APIC_TMICT, 0);
	if (c0 <= c1 || t1 <= t0)
		return 0;
	return (uint64_t)(c0 - c1) * 1000000000ull / (t1 - t0);
}

static void xen_lapic_calibrate(void)
{
	uint64_t v[5], t;
	int i, j;

	if (!ab_xen_shared_info)
		return;
	lvtt_write(LVT_MASKED);
	for (i = 0; i < 5; i++) {
		v[i] = xen_lapic_sample();
		for (j = i; j > 0 && v[j] < v[j - 1]; j--) {
			t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	}
	if (v[2])
		xen_apic_hz = v[2];
}

int ab_xen_lapic_init(void)
{
	uint32_t a, b, c, d;
	uint64_t base;

	ab_cpuid(1, 0, &a, &b, &c, &d);
	if (!(d & (1u << 9)))		/* CPUID.1:EDX.APIC */
		return -1;
	base = ab_rdmsr(MSR_APIC_BASE);
	if (base & APIC_BASE_EXTD)
		return -2;		/* x2APIC already on: not ours to undo */
	ab_wrmsr(MSR_APIC_BASE, base | APIC_BASE_EN);
	xen_apic_mmio = ab_xen_map_frame(base & ~0xfffull & 0xffffffffffull, 1, true);
	/* Software-enable; spurious vector 0xff (never raised by Xen's vlapic). */
	apic_write(APIC_SVR, 0x1ff);
	apic_write(APIC_TDCR, TDCR_DIV1);	/* for good: see ab_xen_lapic_timer */
	lvtt_write(LVT_MASKED);
	xen_lapic_calibrate();
	return 0;
}

/*
 * (Re)arm the timer.  A TMICT write alone restarts the count, so a guest
 * reloading its one-shot tick (Linux under NO_HZ, at every tick) costs one
 * APIC access: TDCR never changes after init, and LVTT is written only
 * when it changes -- with the timer stopped first, so a count still
 * running cannot fire in the new mode.
 */
void ab_xen_lapic_timer(uint8_t vector, uint64_t ns, bool periodic, bool masked)
{
	uint32_t lvt = vector | (periodic ? LVTT_PERIODIC : 0) |
		       (masked ? LVT_MASKED : 0);
	uint64_t count;

	if (!ns || lvt != xen_lvtt)
		apic_write(APIC_TMICT, 0);
	if (!ns)
		return;
	count = (uint64_t)(((unsigned __int128)ns * xen_apic_hz) / 1000000000ull);
	if (!count)
		count = 1;
	if (count > 0xffffffffull)
		count = 0xffffffffull;
	if (lvt != xen_lvtt)
		lvtt_write(lvt);
	apic_write(APIC_TMICT, (uint32_t)count);
}

void ab_xen_lapic_timer_mask(bool masked)
{
	uint32_t lvt = masked ? (xen_lvtt | LVT_MASKED) :
				(xen_lvtt & ~LVT_MASKED);

	if (lvt != xen_lvtt)
		lvtt_write(lvt);
}

/* A one-shot count has run out: TMCCT stops at 0 (TMICT 0, stopped, too). */
bool ab_xen_lapic_timer_expired(void)
{
	return apic_read(APIC_TMCCT) == 0;
}

void ab_xen_lapic_self_ipi(uint8_t vector)
{
	apic_write(APIC_ICR, vector | ICR_SELF | ICR_ASSERT);
}

void ab_xen_lapic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

bool ab_xen_lapic_in_service(uint8_t vector)
{
	return apic_read(APIC_ISR + (vector / 32) * 0x10) & (1u << (vector % 32));
}

