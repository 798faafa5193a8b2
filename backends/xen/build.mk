# backends/xen/build.mk: the Xen PVH backend's tests (included from
# runtime/build.mk's Xen section).  Sources are listed there.
.PHONY: check-xen-guest
check-xen-guest: toolchain-as toolchain-runtime
	@TOP=$(TOP) TOOLCHAIN=$(TOOLCHAIN) OUT=$(BUILD)/xen-tests \
		$(TOP)/backends/xen/tests/run-xen-suite
