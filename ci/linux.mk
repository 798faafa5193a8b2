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
#   make census-full     every sensitive instruction of the full vmlinux has a site
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
	@$(TOP)/linux-config/check-native --config full --part scan
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
	@echo "  check-linux-native-scan  [check] the census: every sensitive instruction of the small"
	@echo "                         vmlinux has a site (only proven fill and the runtime excepted)"
	@echo "  census-full            the same census on the full config (builds it if needed)"
	@echo "  bench-linux-native     bench/linux-native: afterburned vs stock kernel"

# Afterburned vs stock kernel, natively (bench/linux-native; not a check).
bench-linux-native: toolchain
	@$(TOP)/bench/linux-native
