# runtime/core/build.mk: the core (validate, patch, detect, console, the
# freestanding library), in both flavours; the kernel flavour's own stop.
RT_SRCS += $(addprefix runtime/core/,kinds.c validate.c patch.c dispatch.c \
	detect.c console.c com1.c printk.c string.c)
RT_KERNEL_SRCS += runtime/core/stop-kernel.c
