/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Raw Linux x86-64 system calls for the usermode platform (no libc in the
   image). */
#ifndef AB_USERMODE_SYS_H
#define AB_USERMODE_SYS_H

#include <stddef.h>
#include <stdint.h>

#define SYS_read		0
#define SYS_write		1
#define SYS_ppoll		271
#define SYS_mprotect		10
#define SYS_rt_sigaction	13
#define SYS_rt_sigprocmask	14
#define SYS_rt_sigreturn	15
#define SYS_setitimer		38
#define SYS_exit_group		231
#define SYS_clock_gettime	228
#define SYS_arch_prctl		158
#define SYS_sigaltstack		131
#define SYS_rt_sigsuspend	130

#define SIGILL		4
#define SIGTRAP		5
#define SIGBUS		7
#define SIGFPE		8
#define SIGSEGV		11
#define SIGALRM		14
#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SA_SIGINFO	0x04
#define SA_ONSTACK	0x08000000
#define SA_RESTORER	0x04000000
#define SA_RESTART	0x10000000
#define ITIMER_REAL	0
#define CLOCK_REALTIME	0
#define CLOCK_MONOTONIC	1
#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004
#define PROT_READ	1
#define PROT_WRITE	2
#define PROT_EXEC	4

static inline long um_syscall(long nr, long a, long b, long c, long d)
{
	long ret;
	register long r10 asm("r10") = d;

	asm volatile("syscall"
		     : "=a"(ret)
		     : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10)
		     : "rcx", "r11", "memory");
	return ret;
}

static inline long um_syscall6(long nr, long a, long b, long c, long d,
			       long e, long f)
{
	long ret;
	register long r10 asm("r10") = d;
	register long r8 asm("r8") = e;
	register long r9 asm("r9") = f;

	asm volatile("syscall"
		     : "=a"(ret)
		     : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
		     : "rcx", "r11", "memory");
	return ret;
}

struct um_timespec { long tv_sec, tv_nsec; };
struct um_pollfd { int fd; short events, revents; };
#define POLLIN		0x001
#define EINTR		4
struct um_timeval { long tv_sec, tv_usec; };
struct um_itimerval { struct um_timeval interval, value; };
struct um_sigaction {
	void *handler;
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};
struct um_stack { void *sp; int flags; size_t size; };

/* The kernel's struct ucontext (x86-64), as far as we use it. */
enum {
	UM_R8, UM_R9, UM_R10, UM_R11, UM_R12, UM_R13, UM_R14, UM_R15,
	UM_RDI, UM_RSI, UM_RBP, UM_RBX, UM_RDX, UM_RAX, UM_RCX, UM_RSP,
	UM_RIP, UM_EFL, UM_NGREG_USED
};
struct um_ucontext {
	unsigned long flags;
	struct um_ucontext *link;
	struct um_stack stack;
	uint64_t gregs[UM_NGREG_USED];	/* struct sigcontext begins here */
	uint64_t csgsfs, err, trapno, oldmask, cr2;
};

#endif
