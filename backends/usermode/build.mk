# backends/usermode/build.mk: included from runtime/build.mk's VMM section.
# The host loader afterburn-run (a product tool, in $(TOOLCHAIN)/bin).

$(TOOLCHAIN)/bin/afterburn-run: $(TOP)/backends/usermode/afterburn-run.c
	@mkdir -p $(@D)
	gcc -std=gnu11 -O2 -Wall -Wextra -o $@ $<

toolchain-runtime: $(TOOLCHAIN)/bin/afterburn-run

# Negative tests of the usermode platform (bad images, unmodelled state).
.PHONY: check-usermode
check-usermode: toolchain-as toolchain-runtime
	@TOP=$(TOP) TOOLCHAIN=$(TOOLCHAIN) OUT=$(BUILD)/usermode-tests \
		$(TOP)/backends/usermode/tests/run-tests

CHECKS += check-usermode
