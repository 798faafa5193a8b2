# runtime/tests/build.mk: the runtime's checks.
#   check-runtime-unit   host build of the core: validator/patch engine unit tests,
#                        and the Linux glue's PVH command line
#   check-runtime-fuzz   libFuzzer run of the validator (bounded: RT_FUZZ_SECONDS)
#   check-runtime-boot   test guests booted natively in QEMU TCG

RT_HOST := $(RT_OUT)/host
RT_HOST_CORE := $(addprefix $(TOP)/,$(filter runtime/core/%.c,$(RT_SRCS)))
RT_HOST_SRCS := $(RT_HOST_CORE) $(TOP)/runtime/tests/host-shim.c
RT_HOST_DEPS := $(RT_HOST_SRCS) $(RT_HEADERS) $(TOP)/runtime/tests/host-shim.h \
	$(TOP)/runtime/core/internal.h
RT_HOST_FLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Wno-unused-parameter \
	-fno-sanitize-recover=all $(RT_INCLUDES)
RT_FUZZ_SECONDS ?= 20

# A small index so the capacity refusal is testable with a small text.
$(RT_HOST)/unit-validate: $(TOP)/runtime/tests/unit-validate.c $(RT_HOST_DEPS)
	@mkdir -p $(@D)
	gcc $(RT_HOST_FLAGS) -fsanitize=address,undefined -DAFTERBURN_MAX_SITES=64 \
		-o $@ $< $(RT_HOST_SRCS)

# The Linux glue's PVH command line (runtime/linux/pvh.c, included by the test).
$(RT_HOST)/unit-cmdline: $(TOP)/runtime/linux/tests/unit-cmdline.c $(RT_HOST_DEPS) \
		$(TOP)/runtime/linux/pvh.c $(TOP)/runtime/linux/linux.h $(TOP)/runtime/linux/bootparams.h
	@mkdir -p $(@D)
	gcc $(RT_HOST_FLAGS) -fsanitize=address,undefined -o $@ $< $(RT_HOST_SRCS)

$(RT_HOST)/fuzz-validate: $(TOP)/runtime/tests/fuzz-validate.c $(RT_HOST_DEPS)
	@mkdir -p $(@D)
	clang $(RT_HOST_FLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< $(RT_HOST_SRCS)

.PHONY: check-runtime-unit check-runtime-fuzz check-runtime-boot
check-runtime-unit: $(RT_HOST)/unit-validate $(RT_HOST)/unit-cmdline
	$(RT_HOST)/unit-validate
	$(RT_HOST)/unit-cmdline

# Seeds are regenerated each run; the corpus the fuzzer grows is scratch.
check-runtime-fuzz: $(RT_HOST)/fuzz-validate
	rm -rf $(RT_HOST)/fuzz-corpus $(RT_HOST)/fuzz-artifacts
	mkdir -p $(RT_HOST)/fuzz-artifacts
	python3 $(TOP)/runtime/tests/fuzz-seeds.py $(RT_HOST)/fuzz-corpus
	$< -max_total_time=$(RT_FUZZ_SECONDS) -max_len=4096 -print_final_stats=1 \
		-artifact_prefix=$(RT_HOST)/fuzz-artifacts/ $(RT_HOST)/fuzz-corpus
	@echo "fuzz-validate: no failure in $(RT_FUZZ_SECONDS) s"

check-runtime-boot: toolchain-as toolchain-runtime
	TOP=$(TOP) BUILD=$(BUILD) TOOLCHAIN=$(TOOLCHAIN) $(TOP)/runtime/tests/check-runtime-boot

CHECKS += check-runtime-unit check-runtime-fuzz check-runtime-boot

# The installed libraries keep the runtime's promises: assembled with
# marking off (no .afterburn section from any runtime object: it never
# patches itself), the kernel flavour needs no libc symbol (Linux's
# memcpy & co. are not ours to call before the kernel runs), and every
# global either defines starts with afterburn_ or ab_ (runtime.h), except
# the libc names the guest flavour provides for gcc (guest/libc.c).
RT_LIBC_NAMES := memcpy memset memmove memcmp strlen __stack_chk_fail
.PHONY: check-runtime-libs
check-runtime-libs: toolchain-as runtime-libs
	@set -e; fail=0; \
	for lib in $(RT_LIBDIR)/libafterburn-guest.a $(RT_LIBDIR)/libafterburn-kernel.a; do \
		bad=$$(nm --defined-only $$lib | awk 'NF == 3 && $$2 ~ /^[A-Z]$$/ {print $$3}' | \
			grep -v -E '^(afterburn_|ab_)' | grep -v -x -E '$(subst $(space),|,$(RT_LIBC_NAMES))' | \
			sort -u | tr '\n' ' '); \
		if [ -n "$$bad" ]; then echo "FAIL $$(basename $$lib): globals without afterburn_/ab_: $$bad"; fail=1; \
		else echo "ok   $$(basename $$lib): every global is afterburn_* or ab_*"; fi; \
	done; \
	for lib in $(RT_LIBDIR)/libafterburn-guest.a $(RT_LIBDIR)/libafterburn-kernel.a; do \
		n=$$(readelf -S --wide $$lib | grep -c '\] \(\.discard\)\?\.afterburn ' || true); \
		if [ "$$n" != 0 ]; then echo "FAIL $$lib: $$n objects carry .afterburn"; fail=1; \
		else echo "ok   $$(basename $$lib): no .afterburn section"; fi; \
	done; \
	bad=$$(nm -u $(RT_LIBDIR)/libafterburn-kernel.a | awk '{print $$2}' | \
		grep -x -E '$(subst $(space),|,$(RT_LIBC_NAMES))' | sort -u | tr '\n' ' '); \
	if [ -n "$$bad" ]; then echo "FAIL libafterburn-kernel.a calls libc: $$bad"; fail=1; \
	else echo "ok   libafterburn-kernel.a: no libc calls"; fi; \
	[ $$fail = 0 ] && echo "runtime library checks passed"
space := $(subst ,, )
CHECKS += check-runtime-libs

help::
	@echo "runtime/tests/"
	@echo "  check-runtime-unit     [check] validator, patch engine and Linux glue on the host (ASan)"
	@echo "  check-runtime-fuzz     [check] libFuzzer on the validator, RT_FUZZ_SECONDS=$(RT_FUZZ_SECONDS)"
	@echo "  check-runtime-boot     [check] test guests booted natively in QEMU TCG"
	@echo "  check-runtime-libs     [check] the installed libraries: no .afterburn, no libc, prefixed globals"
