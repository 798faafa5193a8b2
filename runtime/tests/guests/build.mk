# runtime/tests/guests/build.mk: the cross-platform test-guest suite.
# Each guest runs natively in QEMU TCG and under afterburn-run; outputs and
# exit statuses must match (check-guests --help).
.PHONY: check-guests
check-guests: toolchain-as toolchain-runtime
	@TOP=$(TOP) TOOLCHAIN=$(TOOLCHAIN) OUT=$(BUILD)/guests \
		$(TOP)/runtime/tests/guests/check-guests
CHECKS += check-guests

help::
	@echo "runtime/tests/guests/"
	@echo "  check-guests           [check] every guest natively (QEMU) and under afterburn-run, same output"
