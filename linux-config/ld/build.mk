# linux-config/ld/build.mk: the afterburn ld wrapper (target toolchain-ld).
#
#   $(TOOLCHAIN)/bin/ld                          the wrapper (C)
#   $(TOOLCHAIN)/lib/afterburn/afterburn-vmlinux.o  kernel runtime, prelinked
#   $(TOOLCHAIN)/lib/afterburn/vmlinux-afterburn.ld  INSERTs for vmlinux
#   $(TOOLCHAIN)/lib/afterburn/info-afterburn.ld     INFO .afterburn elsewhere

LD_DIR := $(TOP)/linux-config/ld
LD_LIBDIR := $(TOOLCHAIN)/lib/afterburn
# Debian's binutils; the wrapper also checks it is not itself at run time.
LD_REAL := $(firstword $(wildcard /usr/bin/x86_64-linux-gnu-ld /usr/bin/ld.bfd /usr/bin/ld))

$(TOOLCHAIN)/bin/ld: $(LD_DIR)/ld-wrapper.c
	@mkdir -p $(@D)
	gcc -O2 -Wall -Wextra -DREAL_LD='"$(LD_REAL)"' -o $@ $<

$(LD_LIBDIR)/%.ld: $(LD_DIR)/%.ld
	@mkdir -p $(@D)
	cp $< $@

# The whole kernel runtime in one relocatable object, pulled from the
# archive by its entries; .data/.bss renamed .afterburn.data.  Linux links
# no libgcc, so gcc's helpers the runtime needs (e.g. __udivti3 for a
# 128-bit division in backends/xen) come from libgcc.a here: they are leaf
# integer routines without stack use (no red-zone hazard).  Anything still
# undefined that vmlinux does not provide is an error now, not at the
# kernel's final link.
LD_LIBGCC := $(shell gcc -print-libgcc-file-name)
$(LD_LIBDIR)/afterburn-vmlinux.o: $(LD_LIBDIR)/libafterburn-kernel.a $(LD_DIR)/runtime-prelink.ld
	$(LD_REAL) -r -T $(LD_DIR)/runtime-prelink.ld \
		-u afterburn_linux_pvh_entry -u afterburn_linux_entry64 \
		-o $@.tmp $(LD_LIBDIR)/libafterburn-kernel.a $(LD_LIBGCC)
	@undef=$$(nm -u $@.tmp | awk '$$1 == "U" {print $$2}' | grep -vx -e startup_64 -e _text \
		-e _etext -e _sinittext -e _einittext -e _end -e '__afterburn_.*' \
		-e 'afterburn_linux_entry64_phys'); \
	if [ -n "$$undef" ]; then \
		echo "linux-config/ld/build.mk: afterburn-vmlinux.o needs symbols neither the runtime nor vmlinux define:" $$undef >&2; \
		rm -f $@.tmp; exit 1; fi
	mv $@.tmp $@

LD_INSTALLED := $(TOOLCHAIN)/bin/ld $(LD_LIBDIR)/vmlinux-afterburn.ld \
	$(LD_LIBDIR)/info-afterburn.ld $(LD_LIBDIR)/afterburn-vmlinux.o

toolchain-ld: $(LD_INSTALLED)

# Tests: real links through the wrapper (see linux-config/ld/check-ld).
.PHONY: check-ld
check-ld: toolchain-ld
	$(LD_DIR)/check-ld
CHECKS += check-ld

# The runtime inside the real kernel: small config built with our toolchain
# (shared cache with check-linux-native), no warning about our sections,
# records kept out of setup/realmode/decompressor/vDSO images, and both
# vmlinux (PVH note) and bzImage (decompressor -> e_entry) boots run the
# runtime first: "platform native, 0 of N sites patched".
.PHONY: check-entry
check-entry: toolchain initramfs
	$(LD_DIR)/check-entry
CHECKS += check-entry

help::
	@echo "linux-config/ld/"
	@echo "  toolchain-ld           the ld wrapper and the prelinked kernel runtime into build/toolchain"
	@echo "  check-ld               [check] real links through the wrapper, a miniature vmlinux booted"
	@echo "  check-entry            [check] the runtime inside the small kernel: sections, both boot paths"
