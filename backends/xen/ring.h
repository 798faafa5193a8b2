/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Xen's shared-ring macros (public io/ring.h) for our split drivers: the
 * barriers they expect the includer to define (x86: stores are ordered and
 * so are loads, only a store followed by a load needs a fence), and the
 * runtime's own memset/memcpy for SHARED_RING_INIT.
 */
#ifndef AB_XEN_RING_H
#define AB_XEN_RING_H

#include "xen.h"

#define xen_mb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define xen_rmb()	asm volatile("" ::: "memory")
#define xen_wmb()	asm volatile("" ::: "memory")
#define memset		ab_memset
#define memcpy		ab_memcpy

#include <xen/grant_table.h>
#include <xen/io/ring.h>
#include <xen/io/protocols.h>

/* xenbus states (public io/xenbus.h) */
#define XB_INITIALISING		1
#define XB_INITWAIT		2
#define XB_INITIALISED		3
#define XB_CONNECTED		4

#endif
