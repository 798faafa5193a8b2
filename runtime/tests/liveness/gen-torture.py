#!/usr/bin/env python3
"""gen-torture.py --seed N [--functions F] [--length L]: write a random
x86-64 assembly program (AT&T, GNU as) to stdout for the liveness torture
test (check-liveness-torture).

The program is F functions t_f0 ... t_f{F-1}, each a random mix of
arithmetic on every general register, branches, counted loops, jump
tables (provable ones in .rodata, unprovable ones in .data), calls to
lower-numbered functions, pushes and pops, and sensitive instructions
(sites) the usermode platform emulates deterministically: cli, sti,
pushf, popf, in/out at the UART's scratch register (port in %dx known
to the assembler or computed) and at port 0x80, rep outsb/insb,
rdmsr/wrmsr of KERNEL_GS_BASE, mov to/from %cr2, %dr0-3 and %cr3,
swapgs pairs, sgdt/sidt/lidt, smsw/str/sldt, mov to/from %ds, wbinvd
(also spelled as bytes), invlpg, cpuid and rdtsc.  Values stay live in
every register across the sites (and the flags, often, from a cmp before
a site to a setcc or jcc after it), others are overwritten right after
them, so the masks the assembler records have both live and dead bits.

torture_run(regs) (called by torture-main.c) loads the 15 registers
other than %rsp from regs[], calls t_f{F-1} and stores them back.  Every
value the program keeps is deterministic: what nondeterministic sites
produce (cpuid, rdtsc, selectors, descriptor-table bases) is overwritten
before it is read.  The same source assembled without marking runs
natively; marked, on the usermode platform with poisoning on; the final
registers must be the same.
"""
import argparse
import random
import sys

REGS64 = ["rax", "rcx", "rdx", "rbx", "rbp", "rsi", "rdi",
          "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"]
REGS32 = {"rax": "eax", "rcx": "ecx", "rdx": "edx", "rbx": "ebx",
          "rbp": "ebp", "rsi": "esi", "rdi": "edi"}
REGS8 = {"rax": "al", "rcx": "cl", "rdx": "dl", "rbx": "bl", "rbp": "bpl",
         "rsi": "sil", "rdi": "dil"}
for _n in range(8, 16):
    REGS32["r%d" % _n] = "r%dd" % _n
    REGS8["r%d" % _n] = "r%db" % _n
CCS = ["e", "ne", "b", "ae", "be", "a", "l", "ge", "le", "g", "s", "ns",
       "o", "no", "p", "np"]
FLAGMASK = 0xcd5        # CF PF AF ZF SF DF OF: what the guest controls
ARITH = frozenset("cpazso")     # the arithmetic flags, by initial
# the flags each condition code reads
CC_READS = {"e": "z", "ne": "z", "b": "c", "ae": "c", "be": "cz", "a": "cz",
            "l": "so", "ge": "so", "le": "zso", "g": "zso", "s": "s",
            "ns": "s", "o": "o", "no": "o", "p": "p", "np": "p", "z": "z",
            "nz": "z"}


def flags_read(mnem):
    """The arithmetic flags an instruction reads (set of initials)."""
    for pre in ("set", "cmov", "j"):
        if mnem.startswith(pre) and mnem[len(pre):] in CC_READS:
            return set(CC_READS[mnem[len(pre):]])
    if mnem in ("adc", "sbb"):
        return {"c"}
    if mnem == "pushf":
        return set(ARITH)
    return set()


def flags_undefined(mnem, ops, undef):
    """The flags undefined after an instruction, given those before it.

    The oracle runs on QEMU TCG and the marked build on the host CPU:
    flags the architecture leaves undefined differ between the two, so
    the generator tracks them and never reads one (it emits a cmp first).
    """
    if mnem in ("cmp", "add", "sub", "adc", "sbb", "neg", "popf",
                "cmpl", "cmpb", "cmpq"):
        return set()
    if mnem in ("and", "or", "xor", "test", "andq", "orq"):
        return {"a"}
    if mnem == "imul":
        return {"s", "z", "a", "p"}
    if mnem in ("shl", "shr", "sar"):
        if ops.startswith("%cl"):   # a count of 0 changes nothing
            return undef | {"a", "o"}
        return (undef - {"c", "s", "z", "p"}) | {"a", "o"}
    if mnem == "rol":
        if ops.startswith("%cl"):
            return undef | {"o"}
        return (undef - {"c"}) | {"o"}
    if mnem in ("bt", "btl"):
        return {"o", "s", "a", "p"}
    if mnem in ("dec", "inc"):
        return undef & {"c"}
    return undef


class Gen:
    def __init__(self, rnd, nfuncs, length, only=None, trace=False):
        self.only = only
        self.trace = trace
        self.nsites = 0
        self.r = rnd
        self.nfuncs = nfuncs
        self.length = length
        self.out = []
        self.label = 0
        self.rodata = []
        self.data = []
        # registers holding values that must not be read (outputs of
        # nondeterministic sites) until written
        self.tainted = set()
        # arithmetic flags whose value is undefined here (flags_undefined)
        self.undef = set(ARITH)

    def emit(self, line):
        words = line.split(None, 1)
        mnem = words[0] if words and not words[0].startswith((".", "#")) else ""
        ops = words[1] if len(words) > 1 else ""
        if flags_read(mnem) & self.undef:
            self.cmp()
        self.undef = flags_undefined(mnem, ops, self.undef)
        self.out.append("\t" + line)

    def new_label(self):
        self.label += 1
        return ".Lt%d" % self.label

    def reg(self, avoid=()):
        return self.r.choice([x for x in REGS64 if x not in avoid])

    def clean(self, avoid=()):
        """A register holding a deterministic value."""
        c = [x for x in REGS64 if x not in self.tainted and x not in avoid]
        return self.r.choice(c) if c else None

    def write(self, reg):
        self.tainted.discard(reg)

    # ---- plain code ------------------------------------------------------
    def alu(self, avoid=()):
        d = self.reg(avoid)
        s = self.clean(avoid)
        if s is None:
            self.emit("mov $%d, %%%s" % (self.r.randrange(1 << 31), d))
            self.write(d)
            return
        k = self.r.randrange(14)
        if k == 0:
            self.emit("mov $0x%x, %%%s" % (self.r.getrandbits(31), d))
        elif k == 1:
            self.emit("movabs $0x%x, %%%s" % (self.r.getrandbits(64), d))
        elif k == 2:
            self.emit("mov %%%s, %%%s" % (s, d))
        elif k == 3:
            self.emit("mov %%%s, %%%s" % (REGS32[s], REGS32[d]))
        elif k == 4:
            self.emit("xor %%%s, %%%s" % (REGS32[d], REGS32[d]))
        elif k == 5:
            self.emit("lea 0x%x(%%%s,%%%s,%d), %%%s" % (
                self.r.randrange(256), s, s, self.r.choice([1, 2, 4, 8]), d))
            if d in self.tainted:
                self.write(d)
            return
        else:
            if d in self.tainted:
                self.emit("mov %%%s, %%%s" % (s, d))
                self.write(d)
                return
            op = self.r.choice(["add", "sub", "xor", "and", "or", "imul",
                                "adc", "sbb", "shl", "shr", "rol", "sar",
                                "movzb", "cmov"])
            if op in ("shl", "shr", "rol", "sar"):
                if self.r.random() < 0.5:
                    self.emit("%s $%d, %%%s" % (op, self.r.randrange(1, 63), d))
                else:
                    self.emit("%s %%cl, %%%s" % (op, d) if "rcx" not in self.tainted
                              else "%s $3, %%%s" % (op, d))
            elif op == "movzb":
                self.emit("movzbl %%%s, %%%s" % (REGS8[s], REGS32[d]))
            elif op == "cmov":
                self.emit("cmov%s %%%s, %%%s" % (self.r.choice(CCS), s, d))
            elif op in ("adc", "sbb"):
                self.emit("%s %%%s, %%%s" % (op, s, d))
            else:
                self.emit("%s %%%s, %%%s" % (op, s, d))
        self.write(d)

    def cmp(self):
        a = self.clean()
        b = self.clean()
        if a is None or b is None:
            self.emit("cmpl $0x5a5a5a5b, tbuf(%rip)")  # tbuf's first bytes never change
            return
        self.emit("cmp %%%s, %%%s" % (a, b))

    def use_flags(self):
        d = self.reg()
        k = self.r.randrange(3)
        if k == 0 and d not in self.tainted:
            self.emit("adc $%d, %%%s" % (self.r.randrange(100), d))
        else:
            self.emit("set%s %%%s" % (self.r.choice(CCS), REGS8[d]))
            if d in self.tainted:
                self.emit("movzbl %%%s, %%%s" % (REGS8[d], REGS32[d]))
                self.write(d)

    # ---- sites -------------------------------------------------------------
    def site(self):
        r = self.r
        k = r.randrange(24)
        if self.only is not None and k not in self.only:
            k = 17                      # wbinvd: touches nothing
        flags_live = r.random() < 0.4
        if flags_live:
            self.cmp()
        # sti always with cli in its shadow: natively, the BIOS's timer
        # would interrupt through vectors the guest has no handler for
        if k == 0:
            self.emit("cli")
            self.emit("sti")
            self.emit("cli")
        elif k == 1:
            self.emit("sti")
            self.emit("cli")
        elif k == 2:
            d = self.reg()
            self.emit("pushf")
            self.emit("pop %%%s" % d)
            self.emit("and $0x%x, %%%s" % (FLAGMASK, d))
            self.write(d)
        elif k == 3:
            # popf: only the flags the guest controls change (IF stays)
            t = self.reg()
            v = self.clean(avoid=(t,))
            self.emit("pushf")
            self.emit("pop %%%s" % t)
            self.emit("and $0x%x, %%%s" % (~FLAGMASK & 0xffffffff, REGS32[t]))
            if v:
                self.emit("push %%%s" % v)
                self.emit("andq $0x%x, (%%rsp)" % (FLAGMASK & ~0x400))  # keep DF clear
                self.emit("or %%%s, (%%rsp)" % t)
            else:
                self.emit("push %%%s" % t)
            self.emit("popf")
            self.tainted.add(t)         # system flags: IOPL, NT ... differ
            flags_live = False
            self.use_flags()
        elif k == 4:
            # out at the UART scratch register, the port known; the byte
            # is read back later, so it must be deterministic
            v = self.clean(avoid=("rdx",))
            if v and v != "rax":
                self.emit("mov %%%s, %%%s" % (REGS8[v], "al"))
            elif not v:
                self.emit("mov $%d, %%al" % r.randrange(256))
            self.emit("mov $0x3ff, %edx")
            self.emit("out %al, (%dx)")
            self.write("rdx")
        elif k == 5:
            # in from it, the port computed (not known)
            self.emit("mov $0x3fe, %edx")
            self.emit("or $1, %edx")
            self.emit("in (%dx), %al")
            self.write("rdx")
        elif k == 6:
            self.emit("outb %al, $0x80")
        elif k == 7:
            self.emit("inb $0x80, %al")
            self.tainted.add("rax")
        elif k == 8:
            # string I/O: out of a buffer, back into another
            self.emit("lea tbuf(%rip), %rsi")
            self.emit("mov $0x3ff, %edx")
            self.emit("mov $%d, %%ecx" % r.randrange(1, 8))
            self.emit("cld")
            self.emit("rep outsb")
            self.emit("lea tbuf+64(%rip), %rdi")
            self.emit("mov $%d, %%ecx" % r.randrange(1, 8))
            self.emit("rep insb")
            for x in ("rdx", "rcx"):
                self.write(x)
            # addresses differ between the marked and unmarked builds
            self.tainted.update(("rsi", "rdi"))
        elif k == 9:
            # KERNEL_GS_BASE round trip
            a = self.clean(avoid=("rax", "rcx", "rdx"))
            self.emit("mov $0xc0000102, %ecx")
            # a canonical address: the low 32 bits of a value
            if a:
                self.emit("mov %%%s, %%%s" % (REGS32[a], "eax"))
            else:
                self.emit("xor %eax, %eax")
            self.emit("xor %edx, %edx")
            self.emit("wrmsr")
            if r.random() < 0.7:
                self.emit("xor %eax, %eax")
                self.emit("rdmsr")
            for x in ("rax", "rcx", "rdx"):
                self.write(x)
        elif k == 10:
            a = self.clean(avoid=("rax",))
            d = self.reg()
            if a:
                self.emit("mov %%%s, %%cr2" % a)
                self.emit("mov %%cr2, %%%s" % d)
                self.write(d)
        elif k == 11:
            a = self.clean()
            d = self.reg()
            n = r.randrange(4)
            if a:
                self.emit("mov %%%s, %%db%d" % (a, n))
                self.emit("mov %%db%d, %%%s" % (n, d))
                self.write(d)
        elif k == 12:
            t = self.reg()
            self.emit("mov %%cr3, %%%s" % t)
            self.emit("mov %%%s, %%cr3" % t)
            self.tainted.add(t)
        elif k == 13:
            self.emit("swapgs")
            self.emit("swapgs")
        elif k == 14:
            self.emit("sgdt tbuf+128(%rip)")
            self.emit("sidt tbuf+144(%rip)")
            if r.random() < 0.5:
                self.emit("lidt tbuf+144(%rip)")
        elif k == 15:
            t = self.reg()
            self.emit(r.choice(["smsw %%%s", "str %%%s", "sldt %%%s"]) % REGS32[t])
            self.tainted.add(t)
        elif k == 16:
            t = self.reg()
            self.emit("mov %%ds, %%%s" % REGS32[t])
            self.tainted.add(t)
            if r.random() < 0.5:
                self.emit("mov $0x10, %%%s" % REGS32[t])
                self.emit("mov %%%s, %%ds" % REGS32[t])
                self.write(t)
        elif k == 17:
            self.emit("wbinvd")
        elif k == 18:
            self.emit(".byte 0x0f, 0x09\t\t# wbinvd, spelled")
        elif k == 19:
            self.emit("invlpg tbuf(%rip)")
        elif k == 20:
            self.emit("mov $%d, %%eax" % r.choice([0, 1, 7, 0x80000000]))
            self.emit("xor %ecx, %ecx")
            self.emit("cpuid")
            for x in ("rax", "rbx", "rcx", "rdx"):
                self.tainted.add(x)
        elif k == 21:
            self.emit("rdtsc")
            self.tainted.update(("rax", "rdx"))
        elif k == 22:
            # DF live across a site: std, site, lodsb twice, cld
            self.emit("lea tbuf+32(%rip), %rsi")
            self.emit("std")
            self.emit("sti")
            self.emit("cli")
            self.emit("lodsb")
            self.emit("lodsb")
            self.emit("cld")
            self.tainted.add("rsi")     # an address
            self.write("rax")
        else:
            # mov %cr2 round trip with a flags-live cmp around
            a = self.clean()
            if a:
                self.emit("mov %%%s, %%cr2" % a)
        if flags_live:
            self.use_flags()
        if self.trace:
            # debugging: every deterministic register after each site
            # (appended to a log, in the order they run)
            self.emit("# trace point %d" % self.nsites)
            self.emit("pushf")
            self.emit("push %rax")
            self.emit("push %rbx")
            self.emit("mov ttrace_pos(%rip), %rbx")
            self.emit("movq $%d, (%%rbx)" % self.nsites)
            self.emit("mov 8(%rsp), %rax")
            for i, x in enumerate(REGS64):
                v = {"rax": "rax", "rbx": "rax"}.get(x, x)
                if x == "rbx":
                    self.emit("mov (%rsp), %rax")
                if x not in self.tainted:
                    self.emit("mov %%%s, %d(%%rbx)" % (v, 8 + 8 * i))
                else:
                    self.emit("movq $0, %d(%%rbx)" % (8 + 8 * i))
            self.emit("lea 128(%rbx), %rbx")
            self.emit("mov %rbx, ttrace_pos(%rip)")
            self.emit("pop %rbx")
            self.emit("pop %rax")
            self.emit("popf")
            self.nsites += 1
        # overwrite some registers right after the site: dead there
        for _ in range(r.randrange(4)):
            self.alu()

    # ---- control flow ----------------------------------------------------
    def block(self, depth, fnum, budget):
        r = self.r
        while budget > 0:
            budget -= 1
            k = r.randrange(20)
            if k < 6:
                self.alu()
            elif k < 10:
                self.site()
            elif k == 10 and depth < 2:
                # if/else diamond
                else_l, join_l = self.new_label(), self.new_label()
                self.cmp()
                self.emit("j%s %s" % (r.choice(CCS), else_l))
                saved, fsaved = set(self.tainted), set(self.undef)
                self.block(depth + 1, fnum, r.randrange(1, 5))
                t1, f1 = set(self.tainted), set(self.undef)
                self.emit("jmp %s" % join_l)
                self.out.append(else_l + ":")
                self.tainted, self.undef = saved, fsaved
                self.block(depth + 1, fnum, r.randrange(1, 5))
                self.tainted |= t1
                self.undef |= f1
                self.out.append(join_l + ":")
            elif k == 11 and depth < 2:
                # counted loop; its counter no site uses implicitly
                c = r.choice(["rbp", "r12", "r13", "r14", "r15"])
                top = self.new_label()
                self.emit("push %%%s" % c)
                iters = r.randrange(1, 5)
                self.emit("mov $%d, %%%s" % (iters, REGS32[c]))
                self.out.append(top + ":")
                self.undef = set(ARITH)     # the back edge: anything
                self.cost += 4 * iters
                saved = set(self.tainted)
                for _ in range(r.randrange(1, 4)):
                    if r.random() < 0.5:
                        self.site_avoiding(c)
                    else:
                        self.alu(avoid=(c,))
                # nothing tainted may reach the next iteration
                assert c not in self.tainted - saved
                for x in sorted(self.tainted - saved):
                    self.emit("mov $%d, %%%s" % (r.randrange(1000), REGS32[x]))
                self.tainted = saved
                self.emit("dec %%%s" % REGS32[c])
                self.emit("jnz %s" % top)
                self.emit("pop %%%s" % c)
            elif k == 12 and depth < 2:
                # jump table on two bits of a register
                x = self.clean()
                if x is None:
                    continue
                i = self.reg(avoid=(x,))
                tab, join_l = self.new_label(), self.new_label()
                targets = [self.new_label() for _ in range(4)]
                self.emit("mov %%%s, %%%s" % (x, i))
                self.emit("and $3, %%%s" % i)
                self.emit("jmp *%s(,%%%s,8)" % (tab, i))
                self.write(i)
                saved, fsaved = set(self.tainted), set(self.undef)
                acc, facc = set(), set()
                for t in targets:
                    self.out.append(t + ":")
                    self.tainted, self.undef = set(saved), set(fsaved)
                    self.block(depth + 1, fnum, r.randrange(1, 3))
                    acc |= self.tainted
                    facc |= self.undef
                    self.emit("jmp %s" % join_l)
                self.tainted, self.undef = acc, facc
                self.out.append(join_l + ":")
                where = self.rodata if r.random() < 0.8 else self.data
                where.append("\t.p2align 3\n%s:\n%s" % (
                    tab, "".join("\t.quad %s\n" % t for t in targets)))
            elif k == 13 and fnum > 0:
                callee = r.randrange(fnum)
                # keep the run short: a call tree that explodes is slow
                # natively under TCG
                if self.cost + self.fcost[callee] * self.mult > 5000:
                    self.alu()
                    continue
                self.cost += self.fcost[callee] * self.mult
                # the callee was made for deterministic inputs
                for x in sorted(self.tainted):
                    self.emit("mov $%d, %%%s" % (r.randrange(1000), REGS32[x]))
                self.tainted = set()
                self.emit("call t_f%d" % callee)
                self.undef = set(ARITH)     # whatever the callee left
                # the callee may leave anything tainted: be conservative
                self.tainted |= self.callee_taint[callee]
            elif k == 14:
                a = self.clean()
                b = self.reg()
                if a:
                    self.emit("push %%%s" % a)
                    self.alu()
                    self.emit("pop %%%s" % b)
                    self.write(b)
            elif k == 15:
                if r.random() < 0.3:
                    self.emit(".p2align 4")
                a = self.clean()
                if a:
                    self.emit("mov %%%s, tbuf+%d(%%rip)" % (a, 8 * r.randrange(20, 28)))
                    self.emit("add tbuf+%d(%%rip), %%%s" % (8 * r.randrange(20, 28), self.clean() or "rax"))
            else:
                self.alu()

    def site_avoiding(self, c):
        # a site that leaves register c alone (loop counters)
        saved, taint, undef = list(self.out), set(self.tainted), set(self.undef)
        n = len(self.out)
        self.site()
        for line in self.out[n:]:
            if "%" + c in line or "%" + REGS32[c] in line or "%" + REGS8[c] in line:
                self.out, self.tainted, self.undef = saved, taint, undef
                self.alu(avoid=(c,))
                return

    def function(self, n):
        self.tainted = set()
        self.undef = set(ARITH)
        self.cost = self.length
        self.mult = 1
        self.out.append("\t.p2align 4")
        self.out.append("\t.type t_f%d, @function" % n)
        self.out.append("t_f%d:" % n)
        self.block(0, n, self.length)
        # nothing tainted may leave the function
        for x in sorted(self.tainted):
            self.emit("mov $%d, %%%s" % (self.r.randrange(1000), REGS32[x]))
        self.tainted = set()
        self.emit("ret")
        self.out.append("\t.size t_f%d, . - t_f%d" % (n, n))
        self.callee_taint.append(set())
        self.fcost.append(self.cost)

    def program(self):
        self.callee_taint = []
        self.fcost = []
        self.out.append("\t.text")
        for n in range(self.nfuncs):
            self.function(n)
        top = self.nfuncs - 1
        self.out.append("""
# torture_run(uint64_t regs[16]): the registers but %%rsp in, t_f%d, out.
	.globl torture_run
	.type torture_run, @function
torture_run:
	push %%rbx
	push %%rbp
	push %%r12
	push %%r13
	push %%r14
	push %%r15
	pushf
	cli
	push %%rdi
%s	call t_f%d
	push %%rdi
	mov 8(%%rsp), %%rdi
%s	pop %%rax
	mov %%rax, %d(%%rdi)
	pop %%rdi
	popf
	pop %%r15
	pop %%r14
	pop %%r13
	pop %%r12
	pop %%rbp
	pop %%rbx
	cld
	ret
	.size torture_run, . - torture_run
""" % (top,
       "".join("\tmov %d(%%rdi), %%%s\n" % (8 * i, x) for i, x in enumerate(REGS64) if x != "rdi")
       + "\tmov %d(%%rdi), %%rdi\n" % (8 * REGS64.index("rdi")),
       top,
       "".join("\tmov %%%s, %d(%%rdi)\n" % (x, 8 * i) for i, x in enumerate(REGS64) if x != "rdi"),
       8 * REGS64.index("rdi")))
        self.out.append("\t.section .rodata")
        self.out.extend(self.rodata)
        self.out.append("\t.data")
        self.out.append("\t.p2align 4")
        self.out.append("\t.globl torture_inputs")
        self.out.append("torture_inputs:")
        for _ in REGS64:
            self.out.append("\t.quad 0x%x" % self.r.getrandbits(64))
        self.out.append("\t.p2align 6")
        self.out.append("tbuf:")
        self.out.append("\t.fill 256, 1, 0x5a")
        self.out.extend(self.data)
        if self.trace:
            self.out.append("\t.globl ttrace, ttrace_pos")
            self.out.append("ttrace_pos:\t.quad ttrace")
            self.out.append("\t.p2align 3")
            self.out.append("ttrace:\t.fill %d, 8, 0" % (16 * 4096))
        self.out.append('\t.section .note.GNU-stack, "", @progbits')
        return "\n".join(self.out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--functions", type=int, default=12)
    ap.add_argument("--length", type=int, default=24, help="statements per function")
    ap.add_argument("--only", help="site templates to use (numbers, comma-separated; debugging)")
    ap.add_argument("--trace", action="store_true",
                    help="store the registers after every site (ttrace[], debugging)")
    o = ap.parse_args()
    only = set(int(x) for x in o.only.split(",")) if o.only else None
    g = Gen(random.Random(o.seed), o.functions, o.length, only, o.trace)
    sys.stdout.write("# liveness torture program, seed %d (gen-torture.py)\n" % o.seed)
    sys.stdout.write(g.program())


if __name__ == "__main__":
    main()
