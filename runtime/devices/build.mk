# runtime/devices/build.mk: host unit tests of the device models.
DEV_TESTS := pic pit uart cmos-ioport
DEV_SRCS := $(addprefix $(TOP)/runtime/devices/,ioport.c pic8259.c pit8254.c \
	uart8250.c cmos_rtc.c debug_exit.c)
DEV_TEST_BINS := $(patsubst %,$(BUILD)/devices-tests/test-%,$(DEV_TESTS))

$(BUILD)/devices-tests/test-%: $(TOP)/runtime/devices/tests/test-%.c $(DEV_SRCS) \
		$(TOP)/runtime/devices/devices.h $(TOP)/runtime/devices/tests/testlib.h
	@mkdir -p $(@D)
	gcc -std=gnu11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined \
		-o $@ $< $(DEV_SRCS)

.PHONY: check-devices
check-devices: $(DEV_TEST_BINS)
	@set -e; for t in $(DEV_TEST_BINS); do ASAN_OPTIONS=detect_leaks=0 $$t; done

CHECKS += check-devices
