// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Interrupts for a Xen PVH guest: the virtual 8259A pair and 8254 PIT
 * (runtime/devices) keep their register-level behaviour, Xen's emulated
 * local APIC (lapic.c) does the delivery.
 *
 * Why not an event-channel upcall vector: its handler would have to live in
 * the guest's IDT, which the guest owns.  Linux fills every gate from 0x20
 * to 0xff itself and then maps the IDT read-only, so a gate of ours would
 * be overwritten or need lidt/IDT-write interception.  The local APIC needs
 * no gate of ours: it raises the guest's own vectors, Xen honours the real
 * RFLAGS.IF (cli/sti/popf stay native in an HVM container), and hlt wakes
 * on it.  Our code runs only at the guest's port I/O, which every 8259A
 * interrupt handler does (mask/EOI).
 *
 *  - PIT channel 0 -> the APIC timer, vector = master ICW2 base + 0 (snooped
 *    from the guest's ICW writes), periodic or one-shot as programmed,
 *    masked while IRQ0 is masked in the virtual PIC's IMR (except inside
 *    the tick's own handler, see xen_irq_imr).  The tick goes
 *    straight to the guest: it never appears in the PIC model's IRR/ISR
 *    (a deviation a guest could see by reading IRR/ISR in its handler).
 *    Second deviation: a tick already pending in the APIC (raised while the
 *    guest ran with IF clear) when the guest masks IRQ0 is still delivered
 *    once; an 8259A would hold it until the unmask.  Holding it with the
 *    APIC's TPR was tried and hung the guest under Xen-in-QEMU-TCG.  A
 *    one-shot tick that ran out while IRQ0 was masked (the APIC drops it)
 *    is raised again at the unmask, as the 8259A would deliver it then.
 *  - Any other IRQ a model raises (UART, slave PIC) is acknowledged in the
 *    model and sent as an APIC self-IPI with the model's vector.
 *  - A master EOI (OCW2) becomes an APIC EOI.  Slave EOIs do not (the
 *    guest's cascade EOI to the master follows).
 */
#include "devices/devices.h"
#include "xen.h"

static struct {
	uint8_t irq0_vector;		/* master ICW2 & 0xf8; 0 = not yet */
	uint8_t icw_left;		/* ICW2..ICW4 still expected on 0x21 */
	uint8_t icw1;
	bool timer_wanted;		/* PIT channel 0 is counting */
	bool timer_periodic;
	bool oneshot_taken;		/* the armed one-shot tick reached the guest */
	bool imr0;			/* the guest's IMR bit 0 (IRQ0 masked) */
	bool mask_deferred;		/* ... but the LVT left unmasked, see xen_irq_imr */
	uint64_t timer_ns;
} xi;

/* Whether the APIC timer's LVT should be masked now. */
static bool xen_irq_lvt_masked(void)
{
	return xi.imr0 && !xi.mask_deferred;
}

static void xen_irq_arm(void)
{
	if (!xi.irq0_vector)
		return;		/* armed once the guest sets its vector base */
	xi.oneshot_taken = false;
	ab_xen_lapic_timer(xi.irq0_vector, xi.timer_wanted ? xi.timer_ns : 0,
			xi.timer_periodic, xen_irq_lvt_masked());
}

/* The device models' host timer for PIT channel 0. */
void ab_xen_irq_pit_timer(uint64_t period_ns, bool periodic)
{
	xi.timer_wanted = period_ns != 0;
	xi.timer_ns = period_ns;
	xi.timer_periodic = periodic;
	xen_irq_arm();
}

static bool xen_irq_oneshot_armed(void)
{
	return xi.timer_wanted && !xi.timer_periodic && !xi.oneshot_taken;
}

/*
 * A master EOI while a one-shot is armed: if it ends IRQ0 (a specific EOI
 * for level 0, or a non-specific one with the tick's vector in service),
 * the tick was taken and must not be raised again at the next unmask.
 */
static void xen_irq_eoi(uint8_t ocw2)
{
	if (xen_irq_oneshot_armed() &&
	    ((ocw2 & 0x40) ? (ocw2 & 7) == 0 :
			     ab_xen_lapic_in_service(xi.irq0_vector)))
		xi.oneshot_taken = true;
	ab_xen_lapic_eoi();
}

/*
 * IRQ0 unmasked.  An APIC timer that runs out while its LVT is masked
 * drops the interrupt, where an 8259A keeps the edge in IRR until the
 * unmask.  A periodic tick just comes again; a one-shot one (Linux's PIT
 * clockevent under NO_HZ and high-resolution timers, reloaded from the
 * tick handler while IRQ0 is masked) would leave the guest idle forever,
 * so raise it now.
 */
static void xen_irq_unmask_timer(void)
{
	ab_xen_lapic_timer_mask(false);
	if (xen_irq_oneshot_armed() && ab_xen_lapic_timer_expired()) {
		xi.oneshot_taken = true;
		ab_xen_lapic_self_ipi(xi.irq0_vector);
	}
}

/*
 * OCW1, the guest's IMR.  Masking IRQ0 would mask the APIC timer's LVT,
 * and Xen stops a timer whose LVT is masked: every tick due meanwhile is
 * lost.  Linux masks IRQ0 at the start of every tick's handler and
 * unmasks it at the end, and under Xen in QEMU TCG that window lost 37%
 * of the ticks (HZ=250 ran at ~157 Hz).  So a mask made inside the tick's
 * own handler (its vector still in service in the APIC: Linux masks
 * before the EOI) leaves the LVT alone: interrupts are off there, so a
 * tick that comes due waits in the APIC, as it would wait in the 8259A,
 * and is taken after the unmask and iret.  If the guest writes the IMR
 * again with IRQ0 still masked (a tick reached it anyway, or it keeps
 * IRQ0 masked past its handler), the LVT mask is applied then.
 */
static void xen_irq_imr(uint8_t imr)
{
	bool mask = imr & 1;

	if (mask == xi.imr0) {
		if (mask && xi.mask_deferred) {
			xi.mask_deferred = false;
			ab_xen_lapic_timer_mask(true);
		}
		return;
	}
	xi.imr0 = mask;
	if (mask && ab_xen_lapic_in_service(xi.irq0_vector))
		xi.mask_deferred = true;
	else if (mask)
		ab_xen_lapic_timer_mask(true);
	else if (xi.mask_deferred)
		xi.mask_deferred = false;
	else
		xen_irq_unmask_timer();
}

static void xen_irq_snoop(uint16_t port, uint8_t val)
{
	if (port == 0x20) {
		if (val & 0x10) {		/* ICW1: init sequence */
			xi.icw1 = val;
			xi.imr0 = xi.mask_deferred = false; /* init clears IMR */
			xi.icw_left = 1 + !(val & 0x02) + !!(val & 0x01);
		} else if ((val & 0x18) == 0 && (val & 0x20)) {
			xen_irq_eoi(val);	/* OCW2 with EOI */
		}
	} else if (port == 0x21) {
		if (xi.icw_left == 1 + !(xi.icw1 & 0x02) + !!(xi.icw1 & 0x01)) {
			xi.irq0_vector = val & 0xf8;	/* ICW2 */
			xi.icw_left--;
			xen_irq_arm();
		} else if (xi.icw_left) {
			xi.icw_left--;
		} else if (xi.irq0_vector) {	/* OCW1: IMR */
			xen_irq_imr(val);
		}
	}
}

/*
 * The PCI devices' line (AB_PCI_IRQ): their backends' events arrive as
 * Xen's upcall at the guest's vector for that line (evtchn.c).  Set when
 * a device's driver is up (DRIVER_OK: its handler is installed, the PIC
 * long programmed); anything pending is delivered at once.  The guest's
 * handler reads each device's ISR, which collects what the backend
 * answered.  Before that, events wait: with no vector Xen raises none.
 */
void ab_xen_irq_pci_ready(void)
{
	ab_xen_evtchn_upcall_vector(ab_pic_vector(AB_PCI_IRQ));
}

void ab_xen_irq_after_io(uint16_t port, bool write, uint32_t val)
{
	if (write && (port == 0x20 || port == 0x21))
		xen_irq_snoop(port, (uint8_t)val);
	if (ab_pic_has_pending())
		ab_xen_lapic_self_ipi(ab_pic_ack());
}
