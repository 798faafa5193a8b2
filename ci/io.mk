# Disk and network: the same vmlinux with a virtio disk and network
# interface natively (QEMU's devices) and under Xen (the runtime's device
# models on dom0's blkback and netback), by ci/check-io; and Linux's own PVH
# guest (xen-blkfront, xen-netfront) through the same harness options.
#
#   make check-io-native     ci/check-io --platform native (build/linux/vmlinux)

.PHONY: check-io-native
check-io-native: kernel initramfs
	@$(TOP)/ci/check-io --platform native
CHECKS += check-io-native

help::
	@echo "ci/io.mk (a disk and a network for the guest: ci/check-io)"
	@echo "  check-io-native        [check] build/linux/vmlinux with a virtio disk and NIC in QEMU: reads"
	@echo "                         and writes an ext4 image, fetches over HTTP, survives a mid-write reboot"
