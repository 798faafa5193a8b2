# runtime/linux/build.mk: the Linux glue, kernel flavour only (entry from
# the PVH note or the bzImage decompressor, boot_params, site ranges).
# Its unit test (tests/unit-cmdline.c) runs in check-runtime-unit.
RT_KERNEL_SRCS += $(addprefix runtime/linux/,entry.S boot.c pvh.c ranges.c)
