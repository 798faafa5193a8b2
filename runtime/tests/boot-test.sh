#!/usr/bin/env bash
# boot-test.sh: boot runtime test guests natively in QEMU TCG and check
# what the runtime prints and the exit status (isa-debug-exit).
set -eu

usage() {
	cat <<'USAGE'
Usage: runtime/tests/boot-test.sh [--help]

Builds guests from runtime/tests/boot/ with build/toolchain/bin/afterburn-cc
(hand-written .afterburn fixtures are assembled by the system as, marking
off) into build/runtime/boot/, boots each in
  qemu-system-x86_64 -accel tcg -nographic -no-reboot \
    -device isa-debug-exit,iobase=0xf4,iosize=4 -kernel GUEST
and checks the console and exit status.  Prints "N passed, N failed".
Environment: TOP, BUILD, TOOLCHAIN (set by make), BOOT_TIMEOUT (20 s).
USAGE
}
[ "${1:-}" = --help ] && { usage; exit 0; }
[ $# -eq 0 ] || { usage >&2; exit 2; }

top=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${BUILD:-$top/build}
toolchain=${TOOLCHAIN:-$build/toolchain}
out=$build/runtime/boot
src=$top/runtime/tests/boot
timeout=${BOOT_TIMEOUT:-20}
cc=$toolchain/bin/afterburn-cc
mkdir -p "$out"
pass=0 fail=0

# Fixture objects: plain system as, so only our hand-written records exist.
fixture() {
	/usr/bin/gcc -c -o "$out/$1.o" "$src/$1.S"
}

# boot NAME WANT_STATUS PATTERN...: every PATTERN (grep -E) must match a line.
# $cpu, when set, adds "-cpu $cpu" and names the log after it.
boot() {
	local name=$1 want=$2 status log=$out/$1${cpu:+-$cpu}.log p ok=1
	shift 2
	echo "--- boot $name${cpu:+ (-cpu $cpu)}"
	set +e
	timeout "$timeout" qemu-system-x86_64 -accel tcg ${cpu:+-cpu "$cpu"} \
		-nographic -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=4 \
		-kernel "$out/$name" </dev/null >"$log" 2>&1
	status=$?
	set -e
	tr -d '\r' <"$log" | grep -a -E '(afterburn|hello)' | sed 's/^/    /' || true
	if [ "$status" != "$want" ]; then
		echo "FAIL $name: exit status $status, want $want (log $log)"
		ok=0
	fi
	for p in "$@"; do
		if ! tr -d '\r' <"$log" | grep -a -q -E "$p"; then
			echo "FAIL $name: no line matches /$p/ (log $log)"
			ok=0
		fi
	done
	if [ $ok = 1 ]; then
		echo "ok   $name"
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
}

# afterburn-cc's own interface.
if "$cc" --help | grep -q '^Usage: afterburn-cc' &&
   ! "$cc" -o "$out/x" "$src/missing.c" 2>/dev/null &&
   ! "$cc" -o "$out/x" 2>/dev/null; then
	echo "ok   afterburn-cc --help and bad arguments"; pass=$((pass + 1))
else
	echo "FAIL afterburn-cc --help or bad-argument handling"; fail=$((fail + 1))
fi

fixture sites
fixture bad-room
"$cc" -o "$out/hello" "$src/hello.c"
"$cc" -o "$out/hello-sites" "$src/hello.c" "$out/sites.o"
"$cc" -o "$out/bad-room" "$src/hello.c" "$out/bad-room.o"
"$cc" -o "$out/fault" "$src/fault.c"

# Sites that the afterburn gas may add in hello.c itself are counted too:
# the check is on the wording and on "0 patched" (native patches nothing).
boot hello 1 'afterburn: platform native, 0 of [0-9]+ sites patched$' \
	'^hello from an afterburn guest$'
boot hello-sites 1 'afterburn: platform native, 0 of ([3-9]|[1-9][0-9]+) sites patched$' \
	'^hello from an afterburn guest$'
# TCG with the hypervisor CPUID bit set is still bare hardware to us.
cpu=max,hypervisor=on boot hello 1 'afterburn: platform native, 0 of [0-9]+ sites patched$'
addr=$(nm "$out/bad-room" | awk '$3 == "ab_bad_site" { print $1 }' | sed 's/^0*//')
boot bad-room 253 \
	"afterburn: panic: refusing to patch guest: record [0-9]+: site 0x$addr \\(cli\\): room 0 < instruction length 1" 
if grep -a -q '^hello' "$out/bad-room.log"; then
	echo "FAIL bad-room: guest_main ran after a refused table"; fail=$((fail + 1))
fi
boot fault 253 'afterburn: unexpected exception 6 \(#UD invalid opcode\) at rip 0x'

echo "runtime boot tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
