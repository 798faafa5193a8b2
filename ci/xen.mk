# Xen harness: boot a kernel as a Xen 4.17 PVH domU inside QEMU TCG.
#
#   make xen-host            xen.elf, dom0 kernel and dom0 initramfs ($(CACHE)/xen)
#   make xen-yardstick       Linux's own PVH guest (configs/pvh-paravirt.config),
#                            stock binutils; linked as build/linux-pvh-paravirt-stock
#   make xen-yardstick-full  the same on the full config (pvh-paravirt-full.config)
#                            (LINUX=6.12: build/linux-pvh-paravirt[-full]-6.12-stock)
#   make boot-xen-yardstick  boot it under Xen (ci/boot-xen)
#   make boot-xen            boot OUR build/linux/vmlinux under Xen
#   make boot-xen-full       ... the full config's (build/linux-full/vmlinux)
#   make bench-xen-guest     bench/xen-guest: pre-virt vs para-virt under Xen
#   make bench-xen-guest-full  the same on the full config pair
#   make bench-xen-io        bench/xen-io: disk and TCP, pre-virt vs para-virt
#   make bench-xen-io-full   the same on the full config pair
# LINUX=6.12 does all of it with Linux 6.12 (see ci/linux.mk).
#   make check-xen-yardstick the yardstick boots to its init marker under Xen
#   make check-xen-harness-panic  a panicking domU makes boot-xen fail (exit 1)

XEN_YARDSTICK = $(TOP)/ci/xen/build-yardstick
BOOT_XEN      = $(TOP)/ci/boot-xen
# Linux's own PVH guest talks to the Xen PV console (hvc0), ours to the 8250.
YARDSTICK_CMDLINE = --cmdline "console=hvc0 panic=-1"

.PHONY: xen-host xen-yardstick xen-yardstick-full boot-xen-yardstick boot-xen boot-xen-full \
	bench-xen-guest bench-xen-guest-full bench-xen-io bench-xen-io-full check-xen-yardstick
xen-host:
	@$(TOP)/ci/xen/prepare-host >/dev/null
xen-yardstick:
	@$(XEN_YARDSTICK) --linux $(LINUX) >/dev/null
xen-yardstick-full:
	@$(XEN_YARDSTICK) --linux $(LINUX) --config full >/dev/null
boot-xen-yardstick: xen-yardstick initramfs
	@$(BOOT_XEN) --kernel "$$($(XEN_YARDSTICK) --linux $(LINUX))" $(YARDSTICK_CMDLINE)
boot-xen: kernel initramfs
	@$(BOOT_XEN) --kernel $(LINUX_SMALL)/vmlinux
boot-xen-full: kernel-full initramfs
	@$(BOOT_XEN) --kernel $(LINUX_FULL)/vmlinux --timeout 600
bench-xen-guest: xen-yardstick initramfs
	@$(TOP)/bench/xen-guest --linux $(LINUX)
bench-xen-guest-full: kernel-full xen-yardstick-full initramfs
	@$(TOP)/bench/xen-guest --linux $(LINUX) --config full
bench-xen-io: kernel xen-yardstick initramfs
	@$(TOP)/bench/xen-io --linux $(LINUX)
bench-xen-io-full: kernel-full xen-yardstick-full initramfs
	@$(TOP)/bench/xen-io --linux $(LINUX) --config full

# Proves the harness end to end with Linux's own PVH guest: Xen + dom0 +
# domU to its init marker, about 70 s warm (the yardstick build is ~6 min
# cold at -j2, then cached).
check-xen-yardstick: xen-yardstick initramfs
	@$(BOOT_XEN) --kernel "$$($(XEN_YARDSTICK))" $(YARDSTICK_CMDLINE) --timeout 300
CHECKS += check-xen-yardstick

# The verdict on a failing guest: a domU whose kernel panics must make
# ci/boot-xen exit 1 (about 35 s; Xen + dom0 + a short-lived domU).
.PHONY: check-xen-harness-panic
check-xen-harness-panic: xen-yardstick initramfs
	@$(TOP)/ci/xen/check-xen-harness-panic
CHECKS += check-xen-harness-panic

help::
	@echo "ci/xen.mk (the Xen harness, ci/boot-xen)"
	@echo "  xen-host               xen.elf, dom0 kernel and dom0 initramfs (cached)"
	@echo "  xen-yardstick          Linux's own PVH guest (configs/pvh-paravirt.config), stock binutils"
	@echo "  xen-yardstick-full     the same on the full config (configs/pvh-paravirt-full.config)"
	@echo "  boot-xen-yardstick     boot it under Xen"
	@echo "  boot-xen               boot our build/linux/vmlinux under Xen"
	@echo "  boot-xen-full          boot our full config (build/linux-full/vmlinux) under Xen"
	@echo "  bench-xen-guest        bench/xen-guest: pre-virtualized vs para-virtualized under Xen"
	@echo "  bench-xen-guest-full   the same on the full config pair (builds both kernels, ~25 min each cold)"
	@echo "  bench-xen-io           bench/xen-io: disk MB/s and IOPS, TCP both ways, exits and hypercalls"
	@echo "                         per MB: virtio on our device models vs xen-blkfront/netfront"
	@echo "  bench-xen-io-full      the same on the full config pair"
	@echo "  check-xen-yardstick    [check] the yardstick boots to its init marker under Xen"
	@echo "  check-xen-harness-panic  [check] a panicking domU makes ci/boot-xen exit 1"
