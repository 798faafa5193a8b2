# bench/build.mk: the benchmarks (not checks: each prints ratios measured in
# one run; see the README's table).  bench/linux-native, bench/xen-guest and
# bench/xen-io have their targets next to the kernels they need (ci/linux.mk,
# ci/xen.mk).
.PHONY: bench-gas-speed bench-runtime-patch bench-runtime-kinds
bench-gas-speed: toolchain-as
	@$(TOP)/bench/gas-speed
bench-runtime-patch: toolchain-as runtime-libs
	@TOP=$(TOP) BUILD=$(BUILD) TOOLCHAIN=$(TOOLCHAIN) $(TOP)/bench/runtime-patch
bench-runtime-kinds: toolchain-as toolchain-runtime
	@TOP=$(TOP) TOOLCHAIN=$(TOOLCHAIN) OUT=$(BUILD)/bench-runtime-kinds \
		$(TOP)/bench/runtime-kinds/run

help::
	@echo "bench/"
	@echo "  bench-gas-speed        assembly time, marking on vs off"
	@echo "  bench-runtime-patch    validate and patch cost per site (1k/10k/50k sites)"
	@echo "  bench-runtime-kinds    cost per patched kind, usermode vs native (QEMU)"
