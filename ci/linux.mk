# Linux built with the afterburn toolchain, its initramfs, native boot.
# LINUX=VERSION picks Debian's linux-source-VERSION (default 6.1; 6.12 too):
# `make kernel LINUX=6.12' builds build/linux-6.12, `make boot-full
# LINUX=6.12' build/linux-full-6.12 (linux-config/build-kernel --linux).
#
#   make kernel          build/linux/{vmlinux,arch/x86/boot/bzImage} (small config)
#   make initramfs       build/initramfs/initramfs.cpio.gz (busybox + workload)
#   make demo            (= make) toolchain, kernel, initramfs, then boot natively:
#                        a shell on a terminal, the scripted workload otherwise
#   make boot            boot the small kernel natively (scripted, like CI)
#   make kernel-full     the x86_64_defconfig-like config (~25 min at -j2)
#   make boot-full       boot it
#   make kernel-stock    the small config with Debian's binutils (bench baseline)
#   make census-full     every sensitive instruction of the full vmlinux has a site
# Builds are cached in $(CACHE)/linux-build, keyed by their inputs.

BUILD_KERNEL := $(TOP)/linux-config/build-kernel
BOOT_NATIVE  := $(TOP)/ci/boot-native
LINUX        ?= 6.1
# build-kernel's link names: build/linux, build/linux-full for 6.1 (as
# always), build/linux-6.12, build/linux-full-6.12 for other releases.
LINUX_TAG    := $(if $(filter 6.1,$(LINUX)),,-$(LINUX))
LINUX_SMALL  := $(BUILD)/linux$(LINUX_TAG)
LINUX_FULL   := $(BUILD)/linux-full$(LINUX_TAG)

.PHONY: kernel kernel-full kernel-stock initramfs boot boot-full demo check-linux-native bench-linux-native
kernel: toolchain
	@$(BUILD_KERNEL) --linux $(LINUX) --config small >/dev/null
kernel-full: toolchain
	@$(BUILD_KERNEL) --linux $(LINUX) --config full >/dev/null
kernel-stock:
	@$(BUILD_KERNEL) --linux $(LINUX) --config small --stock >/dev/null
initramfs:
	@$(TOP)/linux-config/initramfs/build-initramfs >/dev/null

boot: kernel initramfs
	@$(BOOT_NATIVE) --kernel $(LINUX_SMALL)/arch/x86/boot/bzImage
boot-full: kernel-full initramfs
	@$(BOOT_NATIVE) --kernel $(LINUX_FULL)/arch/x86/boot/bzImage --timeout 600

# The main demo: an interactive shell when a person is at the terminal; in
# CI (stdin not a terminal) the scripted workload, never waiting for input.
demo: deps kernel initramfs
	@if [ -t 0 ]; then $(BOOT_NATIVE) --kernel $(LINUX_SMALL)/arch/x86/boot/bzImage --interactive; \
	else $(BOOT_NATIVE) --kernel $(LINUX_SMALL)/arch/x86/boot/bzImage; fi

# The native-boot test (linux-config/check-native), in two parts:
#   boot  small config built with the afterburn toolchain, booted to its
#         marker after the workload, runtime reports "platform native, 0 of
#         N sites patched";
#   scan  the census: sites present (afterburn-sites) and 0 sensitive
#         instructions without a site (afterburn-scan --check), accepting
#         only fill (recorded by gas, or the linker's, proven) and the
#         runtime's own code, each listed and counted.
.PHONY: check-linux-native-boot check-linux-native-scan
check-linux-native: toolchain
	@$(TOP)/linux-config/check-native --part all
check-linux-native-boot: toolchain
	@$(TOP)/linux-config/check-native --part boot
check-linux-native-scan: toolchain
	@$(TOP)/linux-config/check-native --part scan

# The same census on the full config (x86_64_defconfig + full.config): too
# slow for make check (the kernel takes ~15-25 min to build once), so its
# own target, which builds the kernel if needed.
.PHONY: census-full
census-full: toolchain
	@$(TOP)/linux-config/check-native --linux $(LINUX) --config full --part scan
CHECKS += check-linux-native-boot
CHECKS += check-linux-native-scan

help::
	@echo "ci/linux.mk (Linux built with the toolchain; linux-config/)"
	@echo "  kernel                 build/linux/vmlinux and bzImage, small config (cached)"
	@echo "  kernel-full            the x86_64_defconfig-like config, build/linux-full (~25 min at -j2)"
	@echo "  kernel-stock           the small config with Debian's binutils (the bench baseline)"
	@echo "  initramfs              build/initramfs/initramfs.cpio.gz (busybox + ab-workload)"
	@echo "  boot                   boot the small kernel natively, scripted (ci/boot-native)"
	@echo "  boot-full              build and boot the full kernel natively"
	@echo "  check-linux-native     both parts below, in one go"
	@echo "  check-linux-native-boot  [check] the small kernel boots natively on 2 CPUs, all running"
	@echo "                         and ticking (the init's cpus check); 0 of N sites patched"
	@echo "  check-linux-native-scan  [check] the census: every sensitive instruction of the small"
	@echo "                         vmlinux has a site (only proven fill and the runtime excepted)"
	@echo "  census-full            the same census on the full config (builds it if needed)"
	@echo "  bench-linux-native     bench/linux-native: afterburned vs stock kernel"
	@echo "  (LINUX=6.12 before any of these builds and boots Debian's linux-source-6.12 instead)"
	@echo "  kernel-6.12            build/linux-6.12, the small config of Linux 6.12"
	@echo "  check-linux-6.12-native-boot  [check] the same boot check on Linux 6.12"
	@echo "  check-linux-6.12-native-scan  [check] the same census on Linux 6.12"
	@echo "  check-linux-6.12-xen   [check] Linux 6.12 boots as a Xen PVH domU, sites patched"

# Afterburned vs stock kernel, natively (bench/linux-native; not a check).
bench-linux-native: toolchain
	@$(TOP)/bench/linux-native --linux $(LINUX)

# Linux 6.12 (Debian's linux-source-6.12), small config: the same checks as
# for 6.1 (boot natively, the census, boot under Xen PVH), on
# build/linux-6.12.  The census needs no list of its own: fill is proven
# from gas's records and the link's map, whatever the tree.
LINUX612 := $(BUILD)/linux-6.12
.PHONY: kernel-6.12 check-linux-6.12-native-boot check-linux-6.12-native-scan check-linux-6.12-xen
kernel-6.12: toolchain
	@$(BUILD_KERNEL) --linux 6.12 --config small >/dev/null
check-linux-6.12-native-boot: toolchain
	@$(TOP)/linux-config/check-native --linux 6.12 --part boot
check-linux-6.12-native-scan: toolchain
	@$(TOP)/linux-config/check-native --linux 6.12 --part scan
check-linux-6.12-xen: kernel-6.12 initramfs
	@TOP=$(TOP) OUT=$(BUILD)/xen-tests-6.12 $(TOP)/backends/xen/tests/check-xen-linux --kernel $(LINUX612)/vmlinux
CHECKS += check-linux-6.12-native-boot check-linux-6.12-native-scan check-linux-6.12-xen
