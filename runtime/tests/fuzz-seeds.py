#!/usr/bin/env python3
"""fuzz-seeds.py DIR: write a few valid .afterburn tables for fuzz-validate.

The fuzz target puts its input right after a 2048-byte text buffer, so a
record at table offset T whose site is at text offset X stores
X - 2048 - T (PC-relative, table.h).  Seeds make the fuzzer start from
tables that pass validation."""
import os
import struct
import sys

MAGIC, VERSION, RECSIZE, TEXT = 0x42465441, 3, 32, 2048


def header():
    return struct.pack("<IBBBB24x", MAGIC, 0, 0, VERSION, RECSIZE)  # insns, uncovered 0


def site(table_off, text_off, kind, length, room, mode=2):
    # site kind member insn_len room insn_off flags xflags opsize form
    # reg sreg base index scale_seg live_in imm live known; the live
    # masks valid (all dead after, nothing before) so the fuzzer sees them
    rel = text_off - TEXT - table_off
    return struct.pack("<iBBBBBBBBBBBBBBHiII", rel, kind, 0, length, room, 0,
                       mode, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x70, 0, 0,
                       0x80000000, 0)


def table(sites):
    out = header()
    for text_off, kind, length, room, mode in sites:
        out += site(len(out), text_off, kind, length, room, mode)
    return out


def main():
    if len(sys.argv) != 2 or sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        sys.exit(0 if len(sys.argv) == 2 else 2)
    d = sys.argv[1]
    os.makedirs(d, exist_ok=True)
    seeds = {
        "one-cli": [(0, 1, 1, 7, 2)],
        "mixed": [(0, 1, 1, 7, 2), (16, 2, 1, 5, 2), (40, 34, 2, 5, 2),
                  (60, 7, 1, 5, 1), (70, 6, 1, 1, 0)],
        "dense": [(i * 5, 3 + i % 5, 1, 5, 2) for i in range(40)],
    }
    for name, sites in seeds.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(table(sites))
    with open(os.path.join(d, "two-objects"), "wb") as f:
        t = table([(0, 1, 1, 7, 2)])
        t2 = header() + site(len(t) + RECSIZE, 100, 5, 1, 5)
        f.write(t + t2)
    print(f"fuzz-seeds: wrote {len(seeds) + 1} seeds to {d}")


if __name__ == "__main__":
    main()
