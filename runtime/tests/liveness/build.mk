# runtime/tests/liveness/build.mk: the generated torture test of the live
# masks (gas's analysis, the runtime's stubs and poison mode).
.PHONY: check-liveness-torture fuzz-liveness
check-liveness-torture: toolchain-as toolchain-runtime toolchain-tools
	@TOP=$(TOP) TOOLCHAIN=$(TOOLCHAIN) OUT=$(BUILD)/liveness-torture \
		$(TOP)/runtime/tests/liveness/check-liveness-torture
CHECKS += check-liveness-torture

# Longer: random seeds for FUZZ_LIVENESS_SECONDS (default 1800).
FUZZ_LIVENESS_SECONDS ?= 1800
fuzz-liveness: toolchain-as toolchain-runtime toolchain-tools
	@TOP=$(TOP) TOOLCHAIN=$(TOOLCHAIN) OUT=$(BUILD)/liveness-fuzz \
		$(TOP)/runtime/tests/liveness/check-liveness-torture \
		--seconds $(FUZZ_LIVENESS_SECONDS)

help::
	@echo "runtime/tests/liveness/"
	@echo "  check-liveness-torture [check] random programs (gen-torture.py): unmarked natively vs"
	@echo "                         marked and poisoned under afterburn-run, same registers"
	@echo "  fuzz-liveness          the same with random seeds for FUZZ_LIVENESS_SECONDS (1800)"
