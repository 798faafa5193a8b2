# runtime/devices/build.mk: the device models (both flavours), and their
# host unit tests.
DEV_SRCS := $(addprefix runtime/devices/,ioport.c pic8259.c pit8254.c \
	uart8250.c cmos_rtc.c debug_exit.c)
RT_SRCS += $(DEV_SRCS)

DEV_TESTS := pic pit uart cmos-ioport
DEV_TEST_BINS := $(patsubst %,$(BUILD)/devices-tests/unit-%,$(DEV_TESTS))

$(BUILD)/devices-tests/unit-%: $(TOP)/runtime/devices/tests/unit-%.c \
		$(addprefix $(TOP)/,$(DEV_SRCS)) \
		$(TOP)/runtime/devices/devices.h $(TOP)/runtime/devices/tests/testlib.h
	@mkdir -p $(@D)
	gcc -std=gnu11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined \
		-o $@ $< $(addprefix $(TOP)/,$(DEV_SRCS))

.PHONY: check-devices
check-devices: $(DEV_TEST_BINS)
	@set -e; for t in $(DEV_TEST_BINS); do ASAN_OPTIONS=detect_leaks=0 $$t; done
CHECKS += check-devices

help::
	@echo "runtime/devices/"
	@echo "  check-devices          [check] host unit tests of each device model (ASan, UBSan)"
