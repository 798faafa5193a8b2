// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * afterburn-run GUEST [ARGS...]: run an afterburn test guest on the
 * usermode platform, as an ordinary Linux process.
 *
 * The guest image is already a valid static Linux executable: guest.ld
 * links it at its physical address (0x400000, fine for a process too) with
 * page-aligned PT_LOAD segments and e_entry = afterburn_usermode_start, the
 * usermode runtime entry.  So rather than re-implement an ELF loader, we
 * check the image thoroughly (clear messages for what would otherwise be a
 * bare "Exec format error" or a crash) and execve() it: the kernel maps the
 * segments at their linked addresses (refusing overlaps), zero-fills .bss,
 * and builds the stack.  The runtime then makes its text writable only
 * while patching (mprotect).  The exit status is what the guest decides:
 * (v << 1) | 1 for a write of v to port 0xf4, 1 when guest_main returns.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *prog = "afterburn-run";

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s [OPTION]... GUEST [ARGS...]\n"
		"Run an afterburn test guest (built with afterburn-cc) as a Linux\n"
		"process on the usermode platform: every sensitive instruction is\n"
		"emulated by the in-place VMM, COM1 output goes to stdout, and a\n"
		"write of V to port 0xf4 exits with status (V << 1) | 1.\n"
		"  --poison       overwrite every register and flag a site's live mask\n"
		"                 calls dead at each emulation exit (afterburn.poison=1)\n"
		"  --no-liveness  ignore the live masks: preserve everything\n"
		"                 (afterburn.liveness=0)\n"
		"  -h, --help     this text\n"
		"The options become the runtime's command line, which the guest reads\n"
		"from AFTERBURN_CMDLINE (kept, and added to, if already set).\n", prog);
}

static int die(const char *file, const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: %s: ", prog, file);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return 127;
}

/* Check what the kernel and the usermode runtime need of the image. */
static int check_image(const char *path)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	Elf64_Shdr sh, strsh;
	char name[32];
	int fd, i, loads = 0, have_table = 0, have_entry = 0;
	struct stat st;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return die(path, "%s", strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return die(path, "%s", "not a regular file");
	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG))
		return die(path, "%s", "not an ELF file");
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_machine != EM_X86_64)
		return die(path, "%s", "not an x86-64 ELF64 image");
	if (eh.e_type != ET_EXEC)
		return die(path, "%s", "not a linked executable image (ET_EXEC): build it with afterburn-cc");
	for (i = 0; i < eh.e_phnum; i++) {
		if (pread(fd, &ph, sizeof(ph), eh.e_phoff + (off_t)i * eh.e_phentsize) != sizeof(ph))
			return die(path, "%s", "truncated program headers");
		if (ph.p_type == PT_INTERP)
			return die(path, "%s", "dynamically linked: not an afterburn guest");
		if (ph.p_type != PT_LOAD)
			continue;
		loads++;
		if ((ph.p_vaddr - ph.p_offset) % 4096)
			return die(path, "%s", "PT_LOAD segment not page-aligned in the file");
		if (ph.p_vaddr < 0x10000)
			return die(path, "%s", "PT_LOAD below 64 KiB: Linux will not map it");
		if (ph.p_vaddr <= eh.e_entry && eh.e_entry < ph.p_vaddr + ph.p_memsz &&
		    (ph.p_flags & PF_X))
			have_entry = 1;
	}
	if (!loads)
		return die(path, "%s", "no PT_LOAD segments");
	if (!have_entry)
		return die(path, "%s", "entry point is not in an executable segment");
	/* the .afterburn table, if the section headers are there */
	if (eh.e_shoff && eh.e_shstrndx != SHN_UNDEF &&
	    pread(fd, &strsh, sizeof(strsh), eh.e_shoff + (off_t)eh.e_shstrndx * eh.e_shentsize) == sizeof(strsh)) {
		for (i = 0; i < eh.e_shnum; i++) {
			if (pread(fd, &sh, sizeof(sh), eh.e_shoff + (off_t)i * eh.e_shentsize) != sizeof(sh))
				break;
			memset(name, 0, sizeof(name));
			if (pread(fd, name, sizeof(name) - 1, strsh.sh_offset + sh.sh_name) > 0 &&
			    !strcmp(name, ".afterburn") && (sh.sh_flags & SHF_ALLOC))
				have_table = 1;
		}
		if (!have_table)
			fprintf(stderr, "%s: %s: warning: no .afterburn table: nothing will be emulated\n",
				prog, path);
	}
	close(fd);
	if (access(path, X_OK) < 0)
		return die(path, "%s", "not executable (chmod +x it)");
	return 0;
}

/* Add WORD to the runtime's command line in AFTERBURN_CMDLINE. */
static void cmdline_add(const char *word)
{
	const char *old = getenv("AFTERBURN_CMDLINE");
	char *buf;

	if (old && *old) {
		buf = malloc(strlen(old) + strlen(word) + 2);
		if (!buf)
			exit(127);
		sprintf(buf, "%s %s", old, word);
	} else {
		buf = strdup(word);
	}
	setenv("AFTERBURN_CMDLINE", buf, 1);
	free(buf);
}

int main(int argc, char **argv)
{
	int rc;

	while (argc >= 2 && argv[1][0] == '-') {
		if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(argv[1], "--poison")) {
			cmdline_add("afterburn.poison=1");
		} else if (!strcmp(argv[1], "--no-liveness")) {
			cmdline_add("afterburn.liveness=0");
		} else if (!strcmp(argv[1], "--")) {
			argv++;
			argc--;
			break;
		} else {
			fprintf(stderr, "%s: unknown option %s (try --help)\n", prog, argv[1]);
			return 2;
		}
		argv++;
		argc--;
	}
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	rc = check_image(argv[1]);
	if (rc)
		return rc;
	fflush(NULL);
	execv(argv[1], argv + 1);
	return die(argv[1], "cannot execute: %s", strerror(errno));
}
