# bench/runtime-patch.mk (included from runtime/build.mk): load-time patch cost.
.PHONY: bench-runtime-patch
bench-runtime-patch: toolchain-as runtime-libs
	TOP=$(TOP) BUILD=$(BUILD) TOOLCHAIN=$(TOOLCHAIN) $(TOP)/bench/runtime-patch
