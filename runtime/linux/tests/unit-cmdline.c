// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Host unit test of the PVH command line (runtime/linux/pvh.c): copied from
 * hvm_start_info, then KEY=VALUE appended for the kernel (tsc_early_khz=,
 * tsc=reliable under Xen) unless the user gave KEY= already or there is no
 * room.  pvh.c is included so the test can read its static buffer; the
 * start_info sits in a page mapped below 4 GiB, as pvh.c requires.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include "../pvh.c"

/* vmlinux.lds's: _end for the default memory map, both for ab_fw_reserve */
const char _text[1], _end[1];

static int failures, checks;

static void check(int ok, const char *what)
{
	checks++;
	if (!ok)
		failures++;
	printf("%s %s\n", ok ? "ok  " : "FAIL", what);
}

static struct hvm_start_info *si;
static char *si_cmdline;

/* Build boot_params from a start_info carrying CMD (NULL: none). */
static void boot_with(const char *cmd)
{
	memset(si, 0, sizeof(*si));
	si->magic = XEN_HVM_START_MAGIC_VALUE;
	if (cmd) {
		if (cmd != si_cmdline)
			strcpy(si_cmdline, cmd);
		si->cmdline_paddr = (uintptr_t)si_cmdline;
	}
	afterburn_linux_pvh_params((uintptr_t)si);
}

int main(void)
{
	void *low = mmap((void *)0x20000000, 3 * 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	if (low != (void *)0x20000000) {
		perror("unit-cmdline: mmap below 4 GiB");
		return 2;
	}
	si = low;
	si_cmdline = (char *)low + 4096;

	boot_with("console=ttyS0 panic=-1");
	check(!strcmp(ab_cmdline, "console=ttyS0 panic=-1"), "command line copied from start_info");
	check(afterburn_linux_pvh_cmdline_add("tsc_early_khz", "2300000") == 0 &&
	      afterburn_linux_pvh_cmdline_add("tsc", "reliable") == 0 &&
	      !strcmp(ab_cmdline, "console=ttyS0 panic=-1 tsc_early_khz=2300000 tsc=reliable"),
	      "two parameters appended, space separated");

	boot_with("tsc=unstable  quiet");
	check(afterburn_linux_pvh_cmdline_add("tsc", "reliable") == 1 &&
	      !strcmp(ab_cmdline, "tsc=unstable  quiet"), "the user's own tsc= wins");
	check(afterburn_linux_pvh_cmdline_add("tsc_early_khz", "1") == 0,
	      "tsc= is not tsc_early_khz=");

	boot_with("quiet tsc_early_khz=1000");
	check(afterburn_linux_pvh_cmdline_add("tsc", "reliable") == 0,
	      "tsc_early_khz= is not tsc=");
	check(afterburn_linux_pvh_cmdline_add("tsc_early_khz", "5") == 1 &&
	      strstr(ab_cmdline, "tsc_early_khz=5") == NULL, "a later word is found too");

	boot_with("xtsc=1 tsc");
	check(afterburn_linux_pvh_cmdline_add("tsc", "reliable") == 0,
	      "only KEY= at a word's start counts");

	boot_with(NULL);
	check(afterburn_linux_pvh_cmdline_add("tsc", "reliable") == 0 &&
	      !strcmp(ab_cmdline, "tsc=reliable"), "no command line: no leading space");

	memset(si_cmdline, 'a', AB_BP_CMDLINE_SIZE - 8);
	si_cmdline[AB_BP_CMDLINE_SIZE - 8] = '\0';
	boot_with(si_cmdline);
	check(afterburn_linux_pvh_cmdline_add("tsc", "reliable") == -1 &&
	      strlen(ab_cmdline) == AB_BP_CMDLINE_SIZE - 8, "no room: refused, unchanged");

	memset(si_cmdline, 'b', 4000);
	si_cmdline[4000] = '\0';
	boot_with(si_cmdline);
	check(strlen(ab_cmdline) == AB_BP_CMDLINE_SIZE - 1, "an overlong command line is cut to fit");

	printf("pvh command line tests: %d passed, %d failed\n", checks - failures, failures);
	return failures != 0;
}
