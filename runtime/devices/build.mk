# runtime/devices/build.mk: the device models (both flavours), and their
# host unit tests.
DEV_SRCS := $(addprefix runtime/devices/,ioport.c pic8259.c pit8254.c \
	uart8250.c cmos_rtc.c debug_exit.c pci.c acpi.c virtio_pci.c \
	virtio_blk.c virtio_net.c)
RT_SRCS += $(DEV_SRCS)

# Each test links every model; the models' few calls into the runtime
# (printk, memcpy) go to tests/stubs.c.
DEV_TESTS := pic pit uart cmos-ioport pci virtio acpi
DEV_TEST_BINS := $(patsubst %,$(BUILD)/devices-tests/unit-%,$(DEV_TESTS))

$(BUILD)/devices-tests/unit-%: $(TOP)/runtime/devices/tests/unit-%.c \
		$(addprefix $(TOP)/,$(DEV_SRCS)) $(TOP)/runtime/devices/tests/stubs.c \
		$(wildcard $(TOP)/runtime/devices/*.h) $(TOP)/runtime/devices/tests/testlib.h
	@mkdir -p $(@D)
	gcc -std=gnu11 -O1 -g -Wall -Wextra -Wno-unused-parameter -Werror \
		-fsanitize=address,undefined -I$(TOP)/include -I$(TOP)/runtime/include \
		-o $@ $< $(addprefix $(TOP)/,$(DEV_SRCS)) $(TOP)/runtime/devices/tests/stubs.c

.PHONY: check-devices
# unit-acpi also writes its SSDT, which iasl (acpica-tools) must read back
# as the bridge and routing we meant.
check-devices: $(DEV_TEST_BINS)
	@set -e; for t in $(DEV_TEST_BINS); do ASAN_OPTIONS=detect_leaks=0 $$t; done
	@set -e; d=$(BUILD)/devices-tests; rm -f $$d/ssdt.aml $$d/ssdt.dsl; \
	ASAN_OPTIONS=detect_leaks=0 $$d/unit-acpi $$d/ssdt.aml >/dev/null; \
	iasl -d $$d/ssdt.aml >$$d/iasl.log 2>&1 || { cat $$d/iasl.log; exit 1; }; \
	for want in 'Device (PCI0)' 'EisaId ("PNP0A03")' 'WordBusNumber' \
		'IO (Decode16' '0x0001FFFF' '0x0002FFFF'; do \
		grep -qF "$$want" $$d/ssdt.dsl || { echo "unit-acpi: iasl's reading lacks '$$want':"; cat $$d/ssdt.dsl; exit 1; }; \
	done; echo "unit-acpi: iasl reads the SSDT as PCI0 with its _CRS and _PRT"
CHECKS += check-devices

help::
	@echo "runtime/devices/"
	@echo "  check-devices          [check] host unit tests of each device model (ASan, UBSan)"
