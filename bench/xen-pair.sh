# xen-pair.sh: sourced by bench/xen-guest and bench/xen-io, the two benches
# that compare the same pair of Xen PVH domU kernels under ci/boot-xen:
#   pre-virt   our afterburned vmlinux of the config (build/linux[-full][-V])
#   para-virt  the config's yardstick (ci/xen/build-yardstick)
# The caller sets top, bench (its name, for messages), die(), and config,
# linux, previrt, paravirt, initrd, rounds, timeout from its options.

# Which kernels take part (kfile[pre|para]), why a missing one is missing
# (why[...]), each one's console (kcmd[...]); resolves the default initrd.
pair_choose() {
	declare -gA kfile=() why=() kcmd=()
	local tag= mkvar= kdir target k
	# The paths of ci/linux.mk (LINUX_SMALL, LINUX_FULL): no tag for 6.1.
	[ "$linux" = 6.1 ] || { tag=-$linux mkvar=" LINUX=$linux"; }
	case "$config" in
	small) kdir=$top/build/linux$tag target=kernel$mkvar ;;
	full) kdir=$top/build/linux-full$tag target=kernel-full$mkvar ;;
	*) die "--config wants small or full, got '$config'" ;;
	esac
	if [ -z "$previrt" ]; then
		previrt=$kdir/vmlinux
		[ -f "$previrt" ] || { why[pre]="no $previrt (make $target)"; previrt=none; }
	fi
	[ "$previrt" = none ] && why[pre]=${why[pre]:-skipped (--previrt none)} || kfile[pre]=$previrt
	if [ -z "$paravirt" ]; then
		echo "$bench: building the Linux $linux para-virtualized yardstick of the $config config (cached)"
		paravirt=$("$top/ci/xen/build-yardstick" --config "$config" --linux "$linux") || die "yardstick build failed"
	fi
	[ "$paravirt" = none ] && why[para]="skipped (--paravirt none)" || kfile[para]=$paravirt
	# Each guest's console: ours is the emulated 8250, Linux's PVH guest hvc0.
	kcmd=([pre]="console=ttyS0 earlyprintk=serial panic=-1" [para]="console=hvc0 panic=-1")
	for k in "${!kfile[@]}"; do [ -r "${kfile[$k]}" ] || die "$k-virt kernel ${kfile[$k]} not found"; done
	[ "${#kfile[@]}" -gt 0 ] || die "no kernel to run"
	if [ -z "$initrd" ]; then
		initrd=$("$top/linux-config/initramfs/build-initramfs")
	fi
	[ -r "$initrd" ] || die "initrd $initrd not found"
}

# Boot copies in $logs: build-kernel prunes cached builds, so a build
# elsewhere on the machine can delete build/linux's target mid-run.  The
# System.map goes along (ci/boot-xen ships the one beside the kernel).
pair_copy() {
	local k m
	for k in "${!kfile[@]}"; do
		mkdir -p "$logs/kernel-$k"
		cp "${kfile[$k]}" "$logs/kernel-$k/vmlinux" || die "cannot copy ${kfile[$k]}"
		m=$(dirname "${kfile[$k]}")/System.map
		[ ! -r "$m" ] || cp "$m" "$logs/kernel-$k/System.map"
		echo "$bench: $k-virt: ${kfile[$k]} (booted from a copy in $logs/kernel-$k)"
		kfile[$k]=$logs/kernel-$k/vmlinux
	done
	for k in pre para; do
		[ -n "${kfile[$k]:-}" ] || echo "$bench: $k-virt: n/a (${why[$k]})"
	done
}

pair_boot() {  # kind log [more ci/boot-xen options]: verdict in log.result
	local k=$1 log=$2
	shift 2
	"$top/ci/boot-xen" --quiet --kernel "${kfile[$k]}" --timeout "$timeout" \
		--cmdline "${kcmd[$k]}" --log "$log" "$@" > "$log.result"
}

# The timed boots, logs $logs/KIND-ROUND.log: rounds boot both kernels back
# to back, alternating which goes first (each ratio is taken within a
# round: the machine is shared and TCG timing drifts).
pair_rounds() {  # [ci/boot-xen options]
	local r k order log
	for r in $(seq 1 "$rounds"); do
		order="para pre"; [ $((r % 2)) = 0 ] && order="pre para"
		for k in $order; do
			[ -n "${kfile[$k]:-}" ] || continue
			log=$logs/$k-$r.log
			if pair_boot "$k" "$log" "$@"; then
				echo "  round $r $k-virt: $(grep -o 'dom0_s=.*' "$log.result")"
			else
				# A kernel that does not boot has no numbers: say so, stop.
				cat "$log.result"
				die "$k-virt boot failed in round $r (log $log)"
			fi
		done
	done
}

# One more boot of each kernel under xentrace, logs $logs/KIND-counts.log:
# HOOK and POST are dom0 hooks that start xentrace and report its counts
# (bench/xen-trace-start, bench/xen-trace-report, or files that include
# them); dom0 gets bench/xen-trace-count, a static helper (dom0 has no
# compiler) that reads the trace.
pair_counts() {  # hook post [ci/boot-xen options]
	local hook=$1 post=$2 counter=$top/build/bench/xen-trace-count k log
	shift 2
	mkdir -p "$top/build/bench"
	gcc -static -O2 -Wall -Werror -o "$counter" "$top/bench/xen-trace-count.c" ||
		die "compiling bench/xen-trace-count.c failed (needs libxen-dev)"
	for k in para pre; do
		[ -n "${kfile[$k]:-}" ] || continue
		log=$logs/$k-counts.log
		if pair_boot "$k" "$log" "$@" --dom0-hook "$hook" --dom0-post "$post" --dom0-file "$counter"; then
			echo "  traced boot $k-virt: $(grep -o 'dom0_s=.*' "$log.result")"
		else
			# Seen here: while xentrace runs, dom0 processes (xl, sh) sometimes
			# die of memory corruption (segfault, malloc abort) under QEMU TCG.
			# Counts from a boot that did not finish cleanly are not reported.
			echo "  traced boot $k-virt FAILED, its counts are n/a: $(tail -n 1 "$log.result")"
			[ ! -f "$log" ] || mv "$log" "$log.failed"
		fi
	done
}
