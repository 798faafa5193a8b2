# bench/runtime-kinds.mk (included from runtime/build.mk's VMM section):
# per-kind cost of a patched site, usermode vs native, in one run.
.PHONY: bench-runtime-kinds
bench-runtime-kinds: toolchain-as toolchain-runtime
	@TOP=$(TOP) TOOLCHAIN=$(TOOLCHAIN) OUT=$(BUILD)/bench-runtime-kinds \
		$(TOP)/bench/runtime-kinds/run
