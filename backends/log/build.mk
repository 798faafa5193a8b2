# backends/log: logs every site it is asked about and leaves it native.
# Registration (backends/README.md): test guests only, so no default
# vmlinux links it; no NAME_DETECT, so it is only ever chosen by name
# (afterburn.backend=log).
BACKENDS += log
log_SRCS := backends/log/log.c
log_FLAVOURS := guest
log_DETECT :=

.PHONY: check-backend-log
check-backend-log: toolchain-as toolchain-tools toolchain-runtime
	@TOP=$(TOP) TOOLCHAIN=$(TOOLCHAIN) OUT=$(BUILD)/log-tests \
		$(TOP)/backends/log/tests/check-backend-log
CHECKS += check-backend-log

help::
	@echo "backends/log/"
	@echo "  check-backend-log      [check] a guest with afterburn.backend=log: every 64-bit site logged"
	@echo "                         once, all left native; never detected; not in the kernel library"
