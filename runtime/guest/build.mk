# runtime/guest/build.mk: the test-guest flavour's boot (PVH and Xen PV entries, native
# IDT, default stop, libc names), its linker script and afterburn-cc.
RT_GUEST_SRCS += $(addprefix runtime/guest/,pvh.S xenpv.S start.c trap-entry.S traps.c \
	stop.c libc.c)

$(RT_LIBDIR)/guest.ld: $(TOP)/runtime/guest/guest.ld
	@mkdir -p $(@D)
	cp $< $@
$(TOOLCHAIN)/bin/afterburn-cc: $(TOP)/runtime/guest/afterburn-cc
	@mkdir -p $(@D)
	cp $< $@ && chmod +x $@
toolchain-runtime: $(RT_LIBDIR)/guest.ld $(TOOLCHAIN)/bin/afterburn-cc
