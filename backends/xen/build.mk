# backends/xen/build.mk: the Xen PVH backend's tests (included from
# runtime/build.mk's Xen section).  Sources are listed there.
.PHONY: check-xen-guest
check-xen-guest: toolchain-as toolchain-runtime
	@TOP=$(TOP) TOOLCHAIN=$(TOOLCHAIN) OUT=$(BUILD)/xen-tests \
		$(TOP)/backends/xen/tests/run-xen-suite

# ~35-40 s on 2 cores (QEMU TCG -> Xen -> dom0 -> domU), plus the native run.
CHECKS += check-xen-guest
