# runtime/tests/guests/build.mk: the cross-platform test-guest suite.
# Each guest runs natively in QEMU TCG and under afterburn-run; outputs and
# exit statuses must match (run-guests --help).
.PHONY: check-guests
check-guests: toolchain-as toolchain-runtime
	@TOP=$(TOP) TOOLCHAIN=$(TOOLCHAIN) OUT=$(BUILD)/guests \
		$(TOP)/runtime/tests/guests/run-guests

CHECKS += check-guests
