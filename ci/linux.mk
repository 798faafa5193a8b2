# Linux 6.1 built with the afterburn toolchain, its initramfs, native boot.
#
#   make kernel          build/linux/{vmlinux,arch/x86/boot/bzImage} (small config)
#   make initramfs       build/initramfs/initramfs.cpio.gz (busybox + workload)
#   make demo            (= make) toolchain, kernel, initramfs, then boot natively:
#                        a shell on a terminal, the scripted workload otherwise
#   make boot            boot the small kernel natively (scripted, like CI)
#   make kernel-full     the x86_64_defconfig-like config (~25 min at -j2)
#   make boot-full       boot it
#   make kernel-stock    the small config with Debian's binutils (bench baseline)
# Builds are cached in $(CACHE)/linux-build, keyed by their inputs.

BUILD_KERNEL := $(TOP)/linux-config/build-kernel
BOOT_NATIVE  := $(TOP)/ci/boot-native
LINUX_FULL   := $(BUILD)/linux-full

.PHONY: kernel kernel-full kernel-stock initramfs boot boot-full demo check-linux-native bench-linux-native
kernel: toolchain
	@$(BUILD_KERNEL) --config small >/dev/null
kernel-full: toolchain
	@$(BUILD_KERNEL) --config full >/dev/null
kernel-stock:
	@$(BUILD_KERNEL) --config small --stock >/dev/null
initramfs:
	@$(TOP)/linux-config/initramfs/build-initramfs >/dev/null

boot: kernel initramfs
	@$(BOOT_NATIVE)
boot-full: kernel-full initramfs
	@$(BOOT_NATIVE) --kernel $(LINUX_FULL)/arch/x86/boot/bzImage --timeout 600

# The main demo: an interactive shell when a person is at the terminal; in
# CI (stdin not a terminal) the scripted workload, never waiting for input.
demo: deps kernel initramfs
	@if [ -t 0 ]; then $(BOOT_NATIVE) --interactive; else $(BOOT_NATIVE); fi

# The native-boot test (linux-config/check-native), in two parts:
#   boot  small config built with the afterburn toolchain, booted to its
#         marker after the workload, runtime reports "platform native, 0 of
#         N sites patched";
#   scan  sites present (afterburn-sites) and 0 misses (afterburn-scan --check);
#         the only unmarked sensitive bytes accepted (listed and counted) are
#         the runtime's own code and the .byte/.fill data that the
#         differential test proves from gas's listings, so the scan runs
#         check-differential first (about 30 s with the corpus cached).
.PHONY: check-linux-native-boot check-linux-native-scan
NATIVE_KNOWN := --known-data $(BUILD)/differential-known-data.txt
check-linux-native: toolchain check-differential
	@$(TOP)/linux-config/check-native --part all $(NATIVE_KNOWN)
check-linux-native-boot: toolchain
	@$(TOP)/linux-config/check-native --part boot
check-linux-native-scan: toolchain check-differential
	@$(TOP)/linux-config/check-native --part scan $(NATIVE_KNOWN)
CHECKS += check-linux-native-boot
CHECKS += check-linux-native-scan

help::
	@echo "ci/linux.mk (Linux 6.1 built with the toolchain; linux-config/)"
	@echo "  kernel                 build/linux/vmlinux and bzImage, small config (cached)"
	@echo "  kernel-full            the x86_64_defconfig-like config, build/linux-full (~25 min at -j2)"
	@echo "  kernel-stock           the small config with Debian's binutils (the bench baseline)"
	@echo "  initramfs              build/initramfs/initramfs.cpio.gz (busybox + ab-workload)"
	@echo "  boot                   boot the small kernel natively, scripted (ci/boot-native)"
	@echo "  boot-full              build and boot the full kernel natively"
	@echo "  check-linux-native     both parts below, in one go"
	@echo "  check-linux-native-boot  [check] the small kernel boots natively: 0 of N sites patched"
	@echo "  check-linux-native-scan  [check] its sites are present and afterburn-scan finds 0 misses"
	@echo "  bench-linux-native     bench/linux-native: afterburned vs stock kernel"

# Afterburned vs stock kernel, natively (bench/linux-native; not a check).
bench-linux-native: toolchain
	@$(TOP)/bench/linux-native
