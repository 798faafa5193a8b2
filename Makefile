# Afterburn: pre-virtualization toolchain for x86-64.
#
#   make            build toolchain, runtime and kernel, then boot the kernel natively
#   make check      run every test (installs Debian packages it needs)
#   make help       list the targets
#
# Each part of the tree contributes its rules through a fragment included
# below; a fragment adds its test targets to CHECKS.  Long builds (gas, Linux)
# live in $(CACHE), keyed by their inputs, and are only linked into build/.

TOP := $(CURDIR)
-include $(TOP)/config.mk
CACHE     ?= $(HOME)/.cache/afterburn
JOBS      ?= $(shell nproc)
BUILD     := $(TOP)/build
TOOLCHAIN := $(BUILD)/toolchain
export TOP CACHE JOBS BUILD TOOLCHAIN

CHECKS :=

.PHONY: all demo deps help check toolchain clean distclean
all: demo

deps:
	@$(TOP)/ci/install-deps

# The toolchain prefix build/toolchain is assembled from the parts' targets:
#   toolchain-as       binutils-afterburn/build.mk  bin/as (the afterburn gas)
#   toolchain-tools    tools/build.mk               bin/afterburn-sites, bin/afterburn-scan
#   toolchain-runtime  runtime/build.mk             bin/afterburn-cc, bin/afterburn-run, lib/afterburn/
#   toolchain-ld       linux-config/build.mk        bin/ld (adds the runtime to vmlinux links)
toolchain: toolchain-as toolchain-tools toolchain-runtime toolchain-ld
.PHONY: toolchain-as toolchain-tools toolchain-runtime toolchain-ld

include $(sort $(wildcard $(TOP)/*/build.mk))
include $(sort $(wildcard $(TOP)/ci/*.mk))

# Every check runs even if an earlier one fails; the driver prints one line
# per check and a closing "N passed, N failed" line, and fails if any did.
check: deps
	@$(TOP)/ci/check-driver $(CHECKS)

help:
	@echo "make              toolchain + runtime + kernel, then boot it in QEMU (native)"
	@echo "make toolchain    build the afterburn assembler and tools into build/toolchain"
	@echo "make check        run all tests: $(CHECKS)"
	@echo "make deps         install the Debian packages the build needs"
	@echo "make clean        remove build/ (the cache in $(CACHE) stays)"
	@echo "variables: CACHE=$(CACHE) JOBS=$(JOBS) LINUX=$(LINUX) (Debian's linux-source-LINUX: 6.1, 6.12)"

clean:
	rm -rf $(BUILD)

distclean: clean
	rm -f config.mk
