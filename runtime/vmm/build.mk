# runtime/vmm/build.mk: the in-place VMM core (virtual CPU, the one switch
# of what each kind becomes, handlers, entries, interrupt delivery), in
# both flavours: usermode uses all of it, xen its port-I/O handler.
RT_SRCS += $(addprefix runtime/vmm/,vcpu.c sites.c emulate.c trap.c irq.c \
	entry.S nostack-entry.S nostack.c livestub.c poison.c)
