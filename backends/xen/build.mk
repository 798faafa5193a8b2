# backends/xen: the Xen PVH domU.
# Registration (backends/README.md): both flavours (test guests detect Xen
# at run time too: the same image boots natively), detected before native.
BACKENDS += xen
xen_SRCS := $(addprefix backends/xen/,hypercall.c memory.c time.c console.c \
	evtchn.c grant.c xenstore.c blkfront.c netfront.c devices.c \
	lapic.c irq.c io.c entry.S platform.c)
xen_FLAVOURS := guest kernel
xen_DETECT := 20
# The PV domU (README "PV"): a backend of its own, "xen-pv", on the same
# hypercalls, console and device-model host.  Chosen by the PV entry kind,
# so before xen; test guests only until the vmlinux has a PV entry.
BACKENDS += xenpv
# shadow.c (the shadow MMU's walk and fill logic) is built with the runtime's
# flags but not used by any image yet; its tests run on the host (below).
xenpv_SRCS := $(addprefix backends/xen/,pv.c pv-entry.S shadow.c)
xenpv_FLAVOURS := guest
xenpv_DETECT := 15

# Each ~30-45 s on 2 cores (QEMU TCG -> Xen -> dom0 -> domU); check-xen-guest
# adds a native QEMU run, check-xen-linux needs the kernel (built and cached
# by linux-config for the native checks too).
.PHONY: check-xen-guest check-xen-linux check-xen-linux-poison check-xen-pv-hello
check-xen-guest: toolchain-as toolchain-runtime
	@TOP=$(TOP) TOOLCHAIN=$(TOOLCHAIN) OUT=$(BUILD)/xen-tests \
		$(TOP)/backends/xen/tests/check-xen-guest
check-xen-linux: kernel initramfs
	@TOP=$(TOP) OUT=$(BUILD)/xen-tests $(TOP)/backends/xen/tests/check-xen-linux
# The same boot with afterburn.poison=1: the live masks' correctness test.
check-xen-linux-poison: kernel initramfs
	@TOP=$(TOP) OUT=$(BUILD)/xen-tests $(TOP)/backends/xen/tests/check-xen-linux --poison
CHECKS += check-xen-guest check-xen-linux check-xen-linux-poison
# One image natively, as a PVH domU and as a PV domU (~2 min on 2 cores).
check-xen-pv-hello: toolchain-as toolchain-runtime
	@TOP=$(TOP) TOOLCHAIN=$(TOOLCHAIN) OUT=$(BUILD)/xen-tests \
		$(TOP)/backends/xen/tests/check-xen-pv-hello
CHECKS += check-xen-pv-hello

# The shadow MMU core on the host: unit tests, and libFuzzer against a
# reference model of x86's TLB rules (README "Shadow MMU core").  In make
# check: a fixed seed for SHADOW_FUZZ_SECONDS; fuzz-shadow runs longer and
# keeps its corpus.
XEN_HOST := $(BUILD)/xen-tests/host
SHADOW_DEPS := $(TOP)/backends/xen/shadow.c $(TOP)/backends/xen/shadow.h \
	$(TOP)/backends/xen/tests/shadow-harness.h $(TOP)/runtime/include/afterburn/x86.h
# The runtime's host-test flags (runtime/tests/build.mk, included later:
# hence `='); the harness's helpers are not all used by both programs.
SHADOW_CFLAGS = $(RT_HOST_FLAGS) -Wno-unused-function
SHADOW_FUZZ_SECONDS ?= 20
SHADOW_FUZZ_LONG ?= 3600
SHADOW_FUZZ_ARGS := -max_len=4096 -len_control=0 -print_final_stats=1 \
	-artifact_prefix=$(XEN_HOST)/shadow-artifacts/
$(XEN_HOST)/shadow-unit: $(TOP)/backends/xen/tests/shadow-unit.c $(SHADOW_DEPS)
	@mkdir -p $(@D)
	gcc $(SHADOW_CFLAGS) -fsanitize=address,undefined -o $@ $< $(TOP)/backends/xen/shadow.c
$(XEN_HOST)/shadow-fuzz: $(TOP)/backends/xen/tests/shadow-fuzz.c $(SHADOW_DEPS)
	@mkdir -p $(@D)
	clang $(SHADOW_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< \
		$(TOP)/backends/xen/shadow.c
.PHONY: check-xen-shadow fuzz-shadow
check-xen-shadow: $(XEN_HOST)/shadow-unit $(XEN_HOST)/shadow-fuzz
	$(XEN_HOST)/shadow-unit
	rm -rf $(XEN_HOST)/shadow-scratch $(XEN_HOST)/shadow-artifacts
	mkdir -p $(XEN_HOST)/shadow-scratch $(XEN_HOST)/shadow-artifacts
	$(XEN_HOST)/shadow-fuzz -seed=1 -max_total_time=$(SHADOW_FUZZ_SECONDS) \
		$(SHADOW_FUZZ_ARGS) $(XEN_HOST)/shadow-scratch
	@echo "shadow-fuzz: no failure in $(SHADOW_FUZZ_SECONDS) s (seed 1)"
fuzz-shadow: $(XEN_HOST)/shadow-fuzz
	mkdir -p $(XEN_HOST)/shadow-corpus $(XEN_HOST)/shadow-artifacts
	$(XEN_HOST)/shadow-fuzz -max_total_time=$(SHADOW_FUZZ_LONG) \
		$(SHADOW_FUZZ_ARGS) $(XEN_HOST)/shadow-corpus
	@echo "shadow-fuzz: no failure in $(SHADOW_FUZZ_LONG) s"
CHECKS += check-xen-shadow

help::
	@echo "backends/xen/"
	@echo "  check-xen-guest        [check] tests/suite.c natively and as a Xen PVH domU (plain and with"
	@echo "                         afterburn.poison=1), same output"
	@echo "  check-xen-linux        [check] build/linux/vmlinux boots as a Xen PVH domU, sites patched,"
	@echo "                         TSC clocksource, timer ticks at their rate"
	@echo "  check-xen-linux-poison [check] the same with afterburn.poison=1 (dead registers overwritten)"
	@echo "  check-xen-pv-hello     [check] tests/pv-hello.c's PV ELF notes (readnotes), then the image"
	@echo "                         natively, as a PVH domU and as a classic PV domU, same output"
	@echo "  check-xen-shadow       [check] the PV shadow MMU core (shadow.c) on the host: unit tests, then"
	@echo "                         libFuzzer against a model of x86's TLB rules, seed 1, SHADOW_FUZZ_SECONDS=$(SHADOW_FUZZ_SECONDS)"
	@echo "  fuzz-shadow            the same fuzzer for SHADOW_FUZZ_LONG=$(SHADOW_FUZZ_LONG) s, corpus kept in"
	@echo "                         build/xen-tests/host/shadow-corpus, crashes in shadow-artifacts/"
