/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * objdump is the reference disassembler: afterburn-scan trusts its
 * instruction boundaries and classifies the bytes it prints itself.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "objdump.h"

const char *ab_intern(const char *s)
{
	static char **pool;
	static size_t n;

	for (size_t i = n; i-- > 0;)
		if (!strcmp(pool[i], s))
			return pool[i];
	pool = realloc(pool, (n + 1) * sizeof(*pool));
	return pool[n++] = strdup(s);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int ab_objdump_parse(FILE *f, int mode, struct ab_insns *out)
{
	char *line = NULL;
	size_t cap = 0;
	const char *section = ab_intern("?");
	const char *sym = NULL;
	uint64_t symaddr = 0;
	ssize_t n;

	while ((n = getline(&line, &cap, f)) > 0) {
		char *p = line, *end;
		struct ab_insn in;
		unsigned long long addr;

		if (line[n - 1] == '\n')
			line[--n] = 0;
		if (!strncmp(line, "Disassembly of section ", 23)) {
			char *colon = strrchr(line, ':');

			if (colon)
				*colon = 0;
			section = ab_intern(line + 23);
			sym = NULL;
			continue;
		}
		/* "0000000000000010 <name>:" starts the code of a symbol; local
		   .L labels (kept by -L) are not stable names. */
		if (n > 4 && line[n - 1] == ':' && line[n - 2] == '>') {
			char *lt = strchr(line, '<');

			if (lt && strncmp(lt + 1, ".L", 2)) {
				line[n - 2] = 0;
				sym = strdup(lt + 1);
				symaddr = strtoull(line, NULL, 16);
			}
			continue;
		}
		/* "   addr:\tb1 b2 ... \tmnemonic operands" */
		while (*p == ' ')
			p++;
		addr = strtoull(p, &end, 16);
		if (end == p || end[0] != ':' || end[1] != '\t')
			continue;
		p = end + 2;
		memset(&in, 0, sizeof(in));
		in.section = section;
		in.addr = addr;
		in.sym = sym;
		in.symaddr = symaddr;
		in.mode = mode;
		while (hexval(p[0]) >= 0 && hexval(p[1]) >= 0 && (p[2] == ' ' || p[2] == '\t' || !p[2])) {
			if (in.len < AB_INSN_MAX)
				in.bytes[in.len] = hexval(p[0]) << 4 | hexval(p[1]);
			in.len++;
			p += 2;
			while (*p == ' ')
				p++;
		}
		if (!in.len)
			continue;
		if (*p == '\t')
			p++;
		in.text = strdup(p);
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 4096;
			out->v = realloc(out->v, out->cap * sizeof(*out->v));
		}
		out->v[out->n++] = in;
	}
	free(line);
	return 0;
}

int ab_objdump_run(const char *file, int mode, const char *section,
		   uint64_t start, uint64_t stop, struct ab_insns *out)
{
	const char *objdump = getenv("OBJDUMP") ? getenv("OBJDUMP") : "objdump";
	char startarg[64], stoparg[64];
	const char *argv[16];
	int fds[2], argc = 0, status;
	pid_t pid;
	FILE *f;

	argv[argc++] = objdump;
	argv[argc++] = "-d";
	argv[argc++] = "-w";
	if (mode == 16)
		argv[argc++] = "-Mi8086";
	else if (mode == 32)
		argv[argc++] = "-Mi386";
	else if (mode == 64)
		argv[argc++] = "-Mx86-64";
	if (section) {
		argv[argc++] = "-j";
		argv[argc++] = section;
		snprintf(startarg, sizeof(startarg), "--start-address=0x%llx", (unsigned long long)start);
		snprintf(stoparg, sizeof(stoparg), "--stop-address=0x%llx", (unsigned long long)stop);
		argv[argc++] = startarg;
		argv[argc++] = stoparg;
	}
	argv[argc++] = file;
	argv[argc] = NULL;
	if (pipe(fds) < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execvp(objdump, (char **)argv);
		fprintf(stderr, "afterburn-scan: cannot run %s: %s\n", objdump, strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	f = fdopen(fds[0], "r");
	ab_objdump_parse(f, mode, out);
	fclose(f);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "afterburn-scan: %s -d failed on %s\n", objdump, file);
		return -1;
	}
	return 0;
}
