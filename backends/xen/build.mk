# backends/xen/build.mk: the Xen PVH backend's tests (included from
# runtime/build.mk's Xen section).  Sources are listed there.
.PHONY: check-xen-guest check-xen-linux
check-xen-guest: toolchain-as toolchain-runtime
	@TOP=$(TOP) TOOLCHAIN=$(TOOLCHAIN) OUT=$(BUILD)/xen-tests \
		$(TOP)/backends/xen/tests/run-xen-suite
# Our vmlinux as a PVH domU to its initramfs marker.
check-xen-linux: kernel initramfs
	@TOP=$(TOP) OUT=$(BUILD)/xen-tests $(TOP)/backends/xen/tests/run-xen-linux

# Each ~30-45 s on 2 cores (QEMU TCG -> Xen -> dom0 -> domU); check-xen-guest
# adds a native QEMU run, check-xen-linux needs the kernel (built and cached
# by linux-config for the native checks too).
CHECKS += check-xen-guest check-xen-linux
