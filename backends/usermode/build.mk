# backends/usermode: the guest image as a Linux process, for tests.
# Registration (backends/README.md): test guests only, detected first (by
# its own entry point, afterburn_usermode_start, which afterburn-run's exec
# enters).  Its host loader afterburn-run is a product tool.
BACKENDS += usermode
usermode_SRCS := backends/usermode/entry.S backends/usermode/usermode.c
usermode_FLAVOURS := guest
usermode_DETECT := 10

$(TOOLCHAIN)/bin/afterburn-run: $(TOP)/backends/usermode/afterburn-run.c
	@mkdir -p $(@D)
	gcc -std=gnu11 -O2 -Wall -Wextra -o $@ $<
toolchain-runtime: $(TOOLCHAIN)/bin/afterburn-run

# Negative tests of the usermode platform (bad images, unmodelled state).
.PHONY: check-usermode
check-usermode: toolchain-as toolchain-runtime
	@TOP=$(TOP) TOOLCHAIN=$(TOOLCHAIN) OUT=$(BUILD)/usermode-tests \
		$(TOP)/backends/usermode/tests/check-usermode
CHECKS += check-usermode

help::
	@echo "backends/usermode/"
	@echo "  check-usermode         [check] afterburn-run's refusals; an unmodelled MSR stops the run"
