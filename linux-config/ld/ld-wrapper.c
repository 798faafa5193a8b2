// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * build/toolchain/bin/ld: the afterburn linker wrapper.
 *
 * gcc (through collect2) and Kbuild run `ld' from PATH, so with the
 * toolchain's bin/ first in PATH every link of a kernel build passes through
 * here.  We exec the real linker with the ORIGINAL arguments, in order, and
 * only append to them -- with one exception for the vmlinux link:
 *
 *  - the vmlinux link (a -T / --script naming .../arch/x86/kernel/vmlinux.lds;
 *    scripts/link-vmlinux.sh runs it up to three times for kallsyms, and we
 *    add the same things every time so the passes agree on the layout):
 *	-T FILE -> --default-script FILE   the same, unmodified kernel script;
 *				    needed because ld's INSERT only reaches
 *				    output sections of the default script
 *	-T LIB/vmlinux-afterburn.ld INSERTs .afterburn and the runtime's data
 *				    inside the image
 *	LIB/afterburn-vmlinux.o     the kernel-flavour runtime, prelinked
 *	-e afterburn_linux_entry64_phys   so the bzImage decompressor (which
 *				    jumps to vmlinux's ELF entry) runs us first
 *	-Map=OUTPUT.map		    ld's own account of every input section's
 *				    place: the bytes in none of them are the
 *				    linker's fill, which the vmlinux census
 *				    (afterburn-scan --linker-map) accepts as
 *				    data on that evidence, never by guessing
 *  - any other link with a -T script (setup.elf, realmode.elf, the
 *    decompressor's vmlinux, the vDSO): LIB/info-afterburn.ld, which keeps
 *    .afterburn as a non-allocated (INFO) section: recorded for inspection,
 *    outside the loaded image, no orphan warning;
 *  - relocatable links (-r: vmlinux.o, modules) and links without a script
 *    (host programs): nothing.
 *
 * A C program rather than a script so that arguments reach the real linker
 * byte for byte (no word splitting, no quoting rules).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef REAL_LD
#define REAL_LD "/usr/bin/x86_64-linux-gnu-ld"
#endif

#define VMLINUX_LDS "arch/x86/kernel/vmlinux.lds"

static const char *prog = "ld (afterburn)";

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix) &&
	       (n == m || s[n - m - 1] == '/');
}

/* Same file as ourselves (through any symlink or hard link)? */
static int is_self(const char *path, const struct stat *self)
{
	struct stat st;

	if (stat(path, &st))
		return 1;	/* unusable counts as "not a candidate" */
	return st.st_dev == self->st_dev && st.st_ino == self->st_ino;
}

static int usable(const char *path, const struct stat *self)
{
	return !access(path, X_OK) && !is_self(path, self);
}

/*
 * The real linker: $AFTERBURN_REAL_LD, else the compiled-in default
 * (Debian's binutils), else the first `ld' on PATH that is not us.
 */
static const char *find_real_ld(const struct stat *self)
{
	static char buf[PATH_MAX];
	const char *env = getenv("AFTERBURN_REAL_LD");
	const char *fixed[] = { REAL_LD, "/usr/bin/x86_64-linux-gnu-ld",
				"/usr/bin/ld", "/usr/bin/ld.bfd" };
	char *path, *dir, *save;
	size_t i;

	if (env && *env) {
		if (!usable(env, self)) {
			fprintf(stderr, "%s: AFTERBURN_REAL_LD=%s is not an "
				"executable linker other than this wrapper\n",
				prog, env);
			exit(127);
		}
		return env;
	}
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (usable(fixed[i], self))
			return fixed[i];
	path = strdup(getenv("PATH") ? getenv("PATH") : "");
	for (dir = strtok_r(path, ":", &save); dir;
	     dir = strtok_r(NULL, ":", &save)) {
		snprintf(buf, sizeof(buf), "%s/ld", *dir ? dir : ".");
		if (usable(buf, self))
			return buf;
	}
	fprintf(stderr, "%s: cannot find the real ld (tried %s, PATH); "
		"set AFTERBURN_REAL_LD\n", prog, REAL_LD);
	exit(127);
}

/* <prefix>/lib/afterburn for <prefix>/bin/ld, found from /proc/self/exe. */
static char *lib_dir(void)
{
	const char *env = getenv("AFTERBURN_LIBDIR");
	char exe[PATH_MAX];
	ssize_t n;
	char *slash;

	char *out;

	if (env && *env)
		return (char *)env;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n < 0) {
		fprintf(stderr, "%s: /proc/self/exe: %s\n", prog, strerror(errno));
		exit(127);
	}
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash)
		*slash = '\0';
	if (asprintf(&out, "%s/../lib/afterburn", exe) < 0)
		exit(127);
	return out;
}

static const char *need_file(const char *dir, const char *name)
{
	char *p;

	if (asprintf(&p, "%s/%s", dir, name) < 0)
		exit(127);
	if (access(p, R_OK)) {
		fprintf(stderr, "%s: %s: %s (build it with `make toolchain')\n",
			prog, p, strerror(errno));
		exit(127);
	}
	return p;
}

/* -Ttext=, -Tdata, -Tbss, -Ttext-segment, -Trodata-segment ...: not scripts. */
static int is_section_addr(const char *a)
{
	static const char *const opts[] = { "text", "data", "bss",
		"rodata-segment", "ldata-segment" };
	size_t i, m;

	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		m = strlen(opts[i]);
		if (!strncmp(a + 2, opts[i], m) &&
		    (a[2 + m] == '\0' || a[2 + m] == '=' || a[2 + m] == '-'))
			return 1;
	}
	return 0;
}

enum link_kind { LINK_PLAIN, LINK_VMLINUX, LINK_SCRIPTED };

/* The output file (-o FILE, -oFILE, --output FILE, --output=FILE), or NULL. */
static const char *output_file(int argc, char **argv)
{
	const char *out = NULL;
	int i;

	for (i = 1; i < argc; i++) {
		if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) &&
		    i + 1 < argc)
			out = argv[++i];
		else if (!strncmp(argv[i], "--output=", 9))
			out = argv[i] + 9;
		else if (!strncmp(argv[i], "-o", 2) && argv[i][2])
			out = argv[i] + 2;
	}
	return out;
}

/*
 * What kind of link is this?  Scripts come as -T FILE, -TFILE, --script FILE,
 * --script=FILE, -T=FILE is not accepted by ld so not handled.  -r/-Ur/
 * --relocatable wins: a partial link keeps .afterburn as an ordinary
 * allocated section for the final link to place.
 */
static enum link_kind classify(int argc, char **argv, int *script_arg,
			       int *script_split)
{
	enum link_kind kind = LINK_PLAIN;
	const char *script;
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-r") || !strcmp(a, "-Ur") ||
		    !strcmp(a, "--relocatable") || !strcmp(a, "-i"))
			return LINK_PLAIN;
		script = NULL;
		*script_split = 0;
		if ((!strcmp(a, "-T") || !strcmp(a, "--script")) && i + 1 < argc) {
			script = argv[++i];
			*script_split = 1;
		}
		else if (!strncmp(a, "--script=", 9))
			script = a + 9;
		else if (!strncmp(a, "-T", 2) && a[2] && !is_section_addr(a))
			script = a + 2;
		if (!script)
			continue;
		if (ends_with(script, VMLINUX_LDS)) {
			*script_arg = *script_split ? i : -i;
			return LINK_VMLINUX;
		}
		if (kind == LINK_PLAIN)
			kind = LINK_SCRIPTED;
	}
	return kind;
}

int main(int argc, char **argv)
{
	struct stat self;
	const char *real;
	char *lib;
	char **args;
	enum link_kind kind;
	int n = 0, i, script_arg = 0, split = 0;

	if (stat("/proc/self/exe", &self)) {
		fprintf(stderr, "%s: /proc/self/exe: %s\n", prog, strerror(errno));
		return 127;
	}
	real = find_real_ld(&self);
	args = calloc(argc + 8, sizeof(*args));
	if (!args)
		return 127;
	args[n++] = (char *)real;
	kind = classify(argc, argv, &script_arg, &split);
	for (i = 1; i < argc; i++)
		args[n++] = argv[i];

	switch (kind) {
	case LINK_VMLINUX:
		/*
		 * GNU ld's INSERT only reaches output sections of the DEFAULT
		 * script (ldlang.c: process_insert_statements skips every
		 * output section statement before the INSERT, and -T scripts
		 * come first).  So the kernel's own, unmodified vmlinux.lds
		 * becomes the default script (--default-script, same file,
		 * same meaning: with -T ld would not use its built-in one
		 * either) and our INSERT script is the -T one.
		 */
		if (script_arg > 0) {		/* -T FILE / --script FILE */
			args[script_arg - 1] = "--default-script";
		} else {			/* -TFILE / --script=FILE */
			const char *a = argv[-script_arg];
			const char *file = a[1] == 'T' ? a + 2 : a + 9;

			if (asprintf(&args[-script_arg], "--default-script=%s",
				     file) < 0)
				return 127;
		}
		lib = lib_dir();
		args[n++] = (char *)need_file(lib, "afterburn-vmlinux.o");
		args[n++] = "-T";
		args[n++] = (char *)need_file(lib, "vmlinux-afterburn.ld");
		args[n++] = "-e";
		args[n++] = "afterburn_linux_entry64_phys";
		if (output_file(argc, argv) &&
		    asprintf(&args[n++], "-Map=%s.map", output_file(argc, argv)) < 0)
			return 127;
		break;
	case LINK_SCRIPTED:
		lib = lib_dir();
		/* A second -T: its SECTIONS are appended to the main script's. */
		args[n++] = "-T";
		args[n++] = (char *)need_file(lib, "info-afterburn.ld");
		break;
	case LINK_PLAIN:
		break;
	}
	args[n] = NULL;
	if (getenv("AFTERBURN_LD_VERBOSE")) {
		fprintf(stderr, "%s:", prog);
		for (i = 0; i < n; i++)
			fprintf(stderr, " %s", args[i]);
		fputc('\n', stderr);
	}
	execv(real, args);
	fprintf(stderr, "%s: exec %s: %s\n", prog, real, strerror(errno));
	return 127;
}
