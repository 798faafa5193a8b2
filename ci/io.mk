# Disk and network: the same vmlinux with a virtio disk and network
# interface natively (QEMU's devices) and under Xen (the runtime's device
# models on dom0's blkback and netback), by ci/check-io; and Linux's own PVH
# guest (xen-blkfront, xen-netfront) through the same harness options.
#
#   make check-io-native     ci/check-io --platform native (build/linux/vmlinux)
#   make check-io-xen        ci/check-io --platform xen
#   make check-io-bad        ci/check-io-bad: a missing disk image, a backend
#                            that never connects (clean failures, no hang)
#   make check-io-xen-yardstick  ci/check-io --platform xen on Linux's own PVH
#                            guest: the harness's --disk/--net/--www serve it
#                            too (bench/xen-io relies on that)
#   make check-io-native-full, check-io-xen-full, check-io-xen-yardstick-full
#                            the same on the full config (build/linux-full,
#                            its yardstick); NOT in make check: the kernels
#                            are ~25 min each cold and the Xen boots slow

.PHONY: check-io-native check-io-xen check-io-bad check-io-xen-yardstick \
	check-io-native-full check-io-xen-full check-io-xen-yardstick-full
check-io-native: kernel initramfs
	@$(TOP)/ci/check-io --platform native
check-io-xen: kernel initramfs
	@$(TOP)/ci/check-io --platform xen
check-io-bad: kernel initramfs
	@$(TOP)/ci/check-io-bad
# One boot, no mid-write reboot: what that proves is Linux's, not ours.
check-io-xen-yardstick: xen-yardstick initramfs
	@$(TOP)/ci/check-io --platform xen --kernel "$$($(XEN_YARDSTICK) --linux $(LINUX))" \
		$(YARDSTICK_CMDLINE) --no-midwrite --out $(BUILD)/io-tests/xen-yardstick
CHECKS += check-io-native check-io-xen check-io-bad check-io-xen-yardstick

# The full config: ACPI on, so the guest finds the PCI bus in the runtime's
# SSDT (runtime/devices/acpi.c) rather than by probing.
check-io-native-full: kernel-full initramfs
	@$(TOP)/ci/check-io --platform native --kernel $(LINUX_FULL)/vmlinux --out $(BUILD)/io-tests/native-full
check-io-xen-full: kernel-full initramfs
	@$(TOP)/ci/check-io --platform xen --kernel $(LINUX_FULL)/vmlinux --timeout 900 \
		--out $(BUILD)/io-tests/xen-full
check-io-xen-yardstick-full: xen-yardstick-full initramfs
	@$(TOP)/ci/check-io --platform xen --kernel "$$($(XEN_YARDSTICK) --config full --linux $(LINUX))" \
		$(YARDSTICK_CMDLINE) --no-midwrite --timeout 900 --out $(BUILD)/io-tests/xen-yardstick-full

help::
	@echo "ci/io.mk (a disk and a network for the guest: ci/check-io)"
	@echo "  check-io-native        [check] build/linux/vmlinux with a virtio disk and NIC in QEMU: reads"
	@echo "                         and writes an ext4 image, fetches over HTTP, survives a mid-write reboot"
	@echo "  check-io-xen           [check] the same vmlinux, the same test, under Xen (blkback, netback)"
	@echo "  check-io-bad           [check] a missing disk image and a Xen disk backend that never"
	@echo "                         connects fail cleanly with a message, never a hang"
	@echo "  check-io-xen-yardstick [check] the same disk and network test on Linux's own PVH guest"
	@echo "                         (xen-blkfront, xen-netfront; one boot)"
	@echo "  check-io-native-full   the same test on the full config's vmlinux (build/linux-full), natively"
	@echo "  check-io-xen-full      ... and under Xen (slow: not in make check)"
	@echo "  check-io-xen-yardstick-full  ... and on the full config's yardstick (pvh-paravirt-full)"
