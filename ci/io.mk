# Disk and network: the same vmlinux with a virtio disk and network
# interface natively (QEMU's devices) and under Xen (the runtime's device
# models on dom0's blkback and netback), by ci/check-io; and Linux's own PVH
# guest (xen-blkfront, xen-netfront) through the same harness options.
#
#   make check-io-native     ci/check-io --platform native (build/linux/vmlinux)
#   make check-io-xen        ci/check-io --platform xen

.PHONY: check-io-native check-io-xen
check-io-native: kernel initramfs
	@$(TOP)/ci/check-io --platform native
check-io-xen: kernel initramfs
	@$(TOP)/ci/check-io --platform xen
CHECKS += check-io-native check-io-xen

help::
	@echo "ci/io.mk (a disk and a network for the guest: ci/check-io)"
	@echo "  check-io-native        [check] build/linux/vmlinux with a virtio disk and NIC in QEMU: reads"
	@echo "                         and writes an ext4 image, fetches over HTTP, survives a mid-write reboot"
	@echo "  check-io-xen           [check] the same vmlinux, the same test, under Xen (blkback, netback)"
