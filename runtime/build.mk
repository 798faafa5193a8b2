# runtime/build.mk: the afterburn runtime in two flavours, its tools and tests.
#
#   guest   $(TOOLCHAIN)/lib/afterburn/libafterburn-guest.a + guest.ld:
#           test guests booted by QEMU (PVH note) or run by afterburn-run.
#   kernel  $(TOOLCHAIN)/lib/afterburn/libafterburn-kernel.a: linked into
#           vmlinux (-mcmodel=kernel, no red zone, no SSE).
#
# Source lists are relative to $(TOP).  Each part appends to its own list in
# the marked sections below (owner in brackets); nothing else needs editing:
#   RUNTIME_CORE_SRCS    both flavours [runtime-core]
#   RUNTIME_GUEST_SRCS   guest flavour only [runtime-core: PVH boot, IDT]
#   RUNTIME_VMM_SRCS     both flavours [VMM: runtime/vmm, runtime/devices]
#   RUNTIME_VMM_GUEST_SRCS  guest flavour only [VMM: usermode entry]
#   RUNTIME_KERNEL_SRCS  kernel flavour only [Linux glue: runtime/linux]
#   BACKEND_SRCS         both flavours [each backend's owner]
#   BACKEND_GUEST_SRCS   guest flavour only (e.g. backends/usermode)
#   BACKEND_KERNEL_SRCS  kernel flavour only (e.g. backends/xen)
#
# The runtime is assembled by the afterburn gas when it exists, with marking
# OFF: it must never patch its own code.

# ---- runtime-core --------------------------------------------------------
RUNTIME_CORE_SRCS := \
	runtime/core/kinds.c \
	runtime/core/validate.c \
	runtime/core/patch.c \
	runtime/core/detect.c \
	runtime/core/console.c \
	runtime/core/printk.c \
	runtime/core/string.c
RUNTIME_GUEST_SRCS := \
	runtime/guest/pvh.S \
	runtime/guest/start.c \
	runtime/guest/trap-entry.S \
	runtime/guest/traps.c \
	runtime/guest/stop.c \
	runtime/guest/libc.c \
	runtime/core/backends-guest.c
RUNTIME_KERNEL_SRCS := \
	runtime/core/backends-kernel.c \
	runtime/core/stop-kernel.c
BACKEND_SRCS := backends/native/native.c
BACKEND_GUEST_SRCS :=
BACKEND_KERNEL_SRCS :=
RUNTIME_VMM_SRCS :=
RUNTIME_VMM_GUEST_SRCS :=
# ---- end runtime-core ----------------------------------------------------

# ---- VMM / usermode: append to RUNTIME_VMM_SRCS, RUNTIME_VMM_GUEST_SRCS,
# ---- BACKEND_GUEST_SRCS here ----------------------------------------------
RUNTIME_VMM_SRCS += \
	runtime/devices/ioport.c \
	runtime/devices/pic8259.c \
	runtime/devices/pit8254.c \
	runtime/devices/uart8250.c \
	runtime/devices/cmos_rtc.c \
	runtime/devices/debug_exit.c \
	runtime/vmm/vcpu.c \
	runtime/vmm/entry.S \
	runtime/vmm/nostack-entry.S \
	runtime/vmm/nostack.c \
	runtime/vmm/trap.c \
	runtime/vmm/irq.c \
	runtime/vmm/emulate.c
BACKEND_GUEST_SRCS += \
	backends/usermode/entry.S \
	backends/usermode/usermode.c
RT_VMM_FRAGMENTS := $(TOP)/backends/usermode/build.mk \
	$(TOP)/runtime/devices/build.mk $(TOP)/runtime/tests/guests/build.mk \
	$(TOP)/bench/runtime-kinds.mk
include $(wildcard $(RT_VMM_FRAGMENTS))
# ---- end VMM / usermode ----------------------------------------------------

# ---- Linux glue: append to RUNTIME_KERNEL_SRCS, BACKEND_KERNEL_SRCS here --
RUNTIME_KERNEL_SRCS += \
	runtime/linux/entry.S \
	runtime/linux/boot.c \
	runtime/linux/pvh.c \
	runtime/linux/ranges.c
# ---- end Linux glue --------------------------------------------------------

# ---- Xen backend: append to BACKEND_KERNEL_SRCS (and BACKEND_SRCS) here ----
# Both flavours: test guests detect Xen at run time too (same image natively).
BACKEND_SRCS += \
	backends/xen/hypercall.c \
	backends/xen/memory.c \
	backends/xen/time.c \
	backends/xen/console.c \
	backends/xen/lapic.c \
	backends/xen/irq.c \
	backends/xen/io-entry.S \
	backends/xen/platform.c
include $(wildcard $(TOP)/backends/xen/build.mk)
# ---- end Xen backend -------------------------------------------------------

RT_OUT := $(BUILD)/runtime
RT_LIBDIR := $(TOOLCHAIN)/lib/afterburn
RT_INCDIR := $(TOOLCHAIN)/include/afterburn
RT_HEADERS := $(TOP)/include/afterburn/table.h $(TOP)/include/afterburn/kinds.def \
	$(TOP)/runtime/include/afterburn/runtime.h \
	$(TOP)/runtime/include/afterburn/backend.h

# Use the afterburn gas if it is built, with marking off; else the system as
# (identical output for code without .afterburn directives).  Tested in the
# recipe's shell, not with $(wildcard): the as may be built by this very make.
RT_AS_OFF = $$([ -x $(TOOLCHAIN)/bin/as ] && echo -Wa,--afterburn=off)
RT_PATH = PATH="$(TOOLCHAIN)/bin:$$PATH"

RT_CC := gcc
RT_INCLUDES := -I$(TOP)/include -I$(TOP)/runtime/include -I$(TOP)/runtime
RT_COMMON_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Wno-unused-parameter \
	-ffreestanding -fno-builtin -nostdlib -fno-stack-protector \
	-mno-red-zone -mno-sse -mno-sse2 -mno-mmx -mno-3dnow -mno-avx \
	-mgeneral-regs-only -fno-pic -fno-pie -fno-common \
	-fno-asynchronous-unwind-tables -fno-unwind-tables \
	-fcf-protection=none $(RT_INCLUDES)
# Debug info names sources relative to the tree, so the libraries (and the
# kernel cache key build-kernel derives from them) do not depend on where
# the checkout lives: a fresh clone elsewhere reuses the cached kernels.
RT_COMMON_CFLAGS += -ffile-prefix-map=$(TOP)=.
RT_GUEST_CFLAGS := $(RT_COMMON_CFLAGS) -mcmodel=small -DAFTERBURN_FLAVOUR_GUEST
RT_KERNEL_CFLAGS := $(RT_COMMON_CFLAGS) -mcmodel=kernel -DAFTERBURN_FLAVOUR_KERNEL
# The site index is static data in vmlinux (8 bytes a site): Linux 6.1 has
# ~3,200 sites (small config) to ~3,700 (defconfig), so 16k leaves room
# without the 512 KiB the 64k default would cost.
RT_KERNEL_CFLAGS += -DAFTERBURN_MAX_SITES=16384
# The detect lists (runtime/core/backends-*.c) name only backends built in.
RT_KERNEL_CFLAGS += $(if $(filter backends/xen/%,$(BACKEND_SRCS) $(BACKEND_KERNEL_SRCS)),-DAFTERBURN_HAVE_XEN)
RT_GUEST_CFLAGS += $(if $(filter backends/xen/%,$(BACKEND_SRCS) $(BACKEND_GUEST_SRCS)),-DAFTERBURN_HAVE_XEN)

RT_GUEST_ALL := $(RUNTIME_CORE_SRCS) $(RUNTIME_GUEST_SRCS) $(RUNTIME_VMM_SRCS) \
	$(RUNTIME_VMM_GUEST_SRCS) $(BACKEND_SRCS) $(BACKEND_GUEST_SRCS)
RT_KERNEL_ALL := $(RUNTIME_CORE_SRCS) $(RUNTIME_KERNEL_SRCS) $(RUNTIME_VMM_SRCS) \
	$(BACKEND_SRCS) $(BACKEND_KERNEL_SRCS)
rt_objs = $(patsubst %,$(RT_OUT)/$(1)/%.o,$(basename $(2)))
RT_GUEST_OBJS = $(call rt_objs,guest,$(RT_GUEST_ALL))
RT_KERNEL_OBJS = $(call rt_objs,kernel,$(RT_KERNEL_ALL))

$(RT_OUT)/guest/%.o: $(TOP)/%.c $(RT_HEADERS)
	@mkdir -p $(@D)
	$(RT_PATH) $(RT_CC) $(RT_GUEST_CFLAGS) $(RT_AS_OFF) -MMD -MP -c -o $@ $<
$(RT_OUT)/guest/%.o: $(TOP)/%.S $(RT_HEADERS)
	@mkdir -p $(@D)
	$(RT_PATH) $(RT_CC) $(RT_GUEST_CFLAGS) $(RT_AS_OFF) -MMD -MP -c -o $@ $<
$(RT_OUT)/kernel/%.o: $(TOP)/%.c $(RT_HEADERS)
	@mkdir -p $(@D)
	$(RT_PATH) $(RT_CC) $(RT_KERNEL_CFLAGS) $(RT_AS_OFF) -MMD -MP -c -o $@ $<
$(RT_OUT)/kernel/%.o: $(TOP)/%.S $(RT_HEADERS)
	@mkdir -p $(@D)
	$(RT_PATH) $(RT_CC) $(RT_KERNEL_CFLAGS) $(RT_AS_OFF) -MMD -MP -c -o $@ $<

-include $(shell find $(RT_OUT) -name '*.d' 2>/dev/null)
# The backend lists depend on which backends this file builds in.
$(RT_OUT)/guest/runtime/core/backends-guest.o $(RT_OUT)/kernel/runtime/core/backends-kernel.o: \
	$(TOP)/runtime/build.mk

$(RT_LIBDIR)/libafterburn-guest.a: $(RT_GUEST_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^
$(RT_LIBDIR)/libafterburn-kernel.a: $(RT_KERNEL_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^
$(RT_LIBDIR)/guest.ld: $(TOP)/runtime/guest/guest.ld
	@mkdir -p $(@D)
	cp $< $@
$(RT_INCDIR)/%: $(TOP)/include/afterburn/%
	@mkdir -p $(@D)
	cp $< $@
$(RT_INCDIR)/%: $(TOP)/runtime/include/afterburn/%
	@mkdir -p $(@D)
	cp $< $@
$(TOOLCHAIN)/bin/afterburn-cc: $(TOP)/runtime/guest/afterburn-cc
	@mkdir -p $(@D)
	cp $< $@ && chmod +x $@

RT_INSTALLED := $(RT_LIBDIR)/libafterburn-guest.a $(RT_LIBDIR)/libafterburn-kernel.a \
	$(RT_LIBDIR)/guest.ld $(TOOLCHAIN)/bin/afterburn-cc \
	$(addprefix $(RT_INCDIR)/,$(notdir $(RT_HEADERS)))

.PHONY: runtime-libs
runtime-libs: $(RT_INSTALLED)
toolchain-runtime: runtime-libs

include $(TOP)/runtime/tests/tests.mk
-include $(TOP)/bench/runtime-patch.mk
