# Afterburn: pre-virtualization toolchain for x86-64.
#
#   make            build toolchain, runtime and kernel, then boot the kernel natively
#   make check      run every test (installs Debian packages it needs)
#   make help       list every target, by the directory it belongs to
#
# Each directory with rules has a build.mk fragment (ci/ has ci/*.mk); this
# file includes them all, shallowest first, and defines nothing else but
# the targets below.  A fragment lists its own sources, adds its checks to
# CHECKS (`make check' runs them in that order) and writes its own `help::'
# lines next to its rules.  Long builds (gas, Linux) live in $(CACHE),
# keyed by their inputs, and are only linked into build/.

TOP := $(CURDIR)
-include $(TOP)/config.mk
CACHE     ?= $(HOME)/.cache/afterburn
JOBS      ?= $(shell nproc)
BUILD     := $(TOP)/build
TOOLCHAIN := $(BUILD)/toolchain
export TOP CACHE JOBS BUILD TOOLCHAIN

CHECKS :=

# Rules whose prerequisites are lists other fragments append to (the
# runtime's sources, the backends' registrations) name them as $$(LIST).
.SECONDEXPANSION:

.PHONY: all demo deps help check toolchain clean distclean
all: demo

help::
	@echo "Afterburn targets, by the directory whose fragment defines them"
	@echo "([check] marks the checks \`make check' runs)."
	@echo "Makefile"
	@echo "  all, demo              (= make) toolchain, kernel, initramfs, then boot natively"
	@echo "  check                  run every check below, keep going, print N passed, N failed"
	@echo "  deps                   install the Debian packages the build needs (ci/install-deps)"
	@echo "  toolchain              toolchain-as + toolchain-tools + toolchain-runtime + toolchain-ld"
	@echo "  help                   this list"
	@echo "  check-help             [check] this list names every .PHONY target of every fragment"
	@echo "  clean                  remove build/ (the cache in $(CACHE) stays)"
	@echo "  distclean              clean, and remove config.mk"

deps:
	@$(TOP)/ci/install-deps

# The toolchain prefix build/toolchain is assembled from the parts' targets:
#   toolchain-as       binutils-afterburn/build.mk  bin/as (the afterburn gas)
#   toolchain-tools    tools/build.mk               bin/afterburn-sites, bin/afterburn-scan
#   toolchain-runtime  runtime/build.mk (+ runtime/guest/, backends/usermode/)
#                                                   lib/afterburn/, bin/afterburn-cc, bin/afterburn-run
#   toolchain-ld       linux-config/ld/build.mk     bin/ld (adds the runtime to vmlinux links)
toolchain: toolchain-as toolchain-tools toolchain-runtime toolchain-ld
.PHONY: toolchain-as toolchain-tools toolchain-runtime toolchain-ld

# The parts' fragments, shallowest first; the whole-system ones (ci/*.mk:
# Linux, Xen) last.
FRAGMENTS := $(sort $(wildcard $(TOP)/*/build.mk)) \
	$(sort $(wildcard $(TOP)/*/*/build.mk)) \
	$(sort $(wildcard $(TOP)/*/*/*/build.mk)) \
	$(sort $(wildcard $(TOP)/ci/*.mk))
# Include one fragment and note where each check it adds comes from.
define include_fragment
checks_before := $$(CHECKS)
include $(1)
$$(foreach c,$$(filter-out $$(checks_before),$$(CHECKS)),$$(eval CHECK_DIR.$$(c) := $(patsubst %build.mk,%,$(patsubst $(TOP)/%,%,$(1)))))
endef
$(foreach f,$(FRAGMENTS),$(eval $(call include_fragment,$(f))))

# Every check runs even if an earlier one fails; the driver prints one line
# per check and a closing "N passed, N failed" line, and fails if any did.
check: deps
	@$(TOP)/ci/check-driver $(CHECKS)

# `make help' names every target a fragment declares .PHONY.
.PHONY: check-help
check-help:
	@$(TOP)/ci/check-help
CHECKS += check-help
CHECK_DIR.check-help := Makefile

help::
	@echo "variables: CACHE=$(CACHE) JOBS=$(JOBS) LINUX=$(LINUX) (Debian's linux-source-LINUX: 6.1, 6.12)"
	@echo "make check runs, in this order:"
	@printf '  %-26s %s\n' $(foreach c,$(CHECKS),$(c) $(CHECK_DIR.$(c)))

clean:
	rm -rf $(BUILD)

distclean: clean
	rm -f config.mk
