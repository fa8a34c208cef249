// SPDX-License-Identifier: GPL-2.0-only
/*
 * The configuration file, read with inih (Debian's libinih): the library
 * does the INI syntax (sections, "key = value", ';' and '#' comments,
 * inline "; comment"), this file checks every section, key and value and
 * the file as a whole. Errors name the file, the line and the key.
 *
 * inih's handler does not get the line number in Debian's build, so the
 * file is fed through our own line reader, which counts lines, refuses
 * NUL bytes and lines longer than RD_LINE_MAX instead of letting inih
 * split them.
 */
#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "renewd.h"

#define RD_LINE_MAX	4096
#define RD_FILE_MAX	(1024 * 1024)	/* a configuration is never larger */

enum key_id {
	K_DEVICE, K_HEARTBEAT, K_CONFIGFS, K_APPROVE, K_MINIMUM, K_EXPECT,
	K_ON_DENY, K_STATE, K_COMMAND, K_TIMEOUT, K_COUNT
};

static const struct {
	const char *section;
	const char *key;
} keys[K_COUNT] = {
	[K_DEVICE]	= { "watchdog", "device" },
	[K_HEARTBEAT]	= { "watchdog", "heartbeat" },
	[K_CONFIGFS]	= { "report", "configfs" },
	[K_APPROVE]	= { "policy", "approve" },
	[K_MINIMUM]	= { "policy", "minimum" },
	[K_EXPECT]	= { "policy", "expect" },
	[K_ON_DENY]	= { "policy", "on_deny" },
	[K_STATE]	= { "policy", "state" },
	[K_COMMAND]	= { "verifier", "command" },
	[K_TIMEOUT]	= { "verifier", "timeout" },
};

struct parse {
	struct rd_config *cfg;
	const char *path;
	FILE *f;
	char *line;
	size_t cap;
	int lineno;
	int seen[K_COUNT];	/* line a key was set on, 0 = not set */
	bool failed;
	char *err;
	size_t errlen;
};

__attribute__((format(printf, 3, 4)))
static int fail(struct parse *p, const char *key, const char *fmt, ...)
{
	char msg[RD_MSG_MAX];
	va_list ap;

	if (p->failed)
		return 0;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (key)
		snprintf(p->err, p->errlen, "%s:%d: %s: %s", p->path,
			 p->lineno, key, msg);
	else
		snprintf(p->err, p->errlen, "%s:%d: %s", p->path, p->lineno,
			 msg);
	p->failed = true;
	return 0;
}

/* fgets()-style reader for ini_parse_stream(): whole lines or nothing. */
static char *read_line(char *str, int num, void *stream)
{
	struct parse *p = stream;
	ssize_t n;

	if (p->failed)
		return NULL;
	n = getline(&p->line, &p->cap, p->f);
	if (n < 0)
		return NULL;
	p->lineno++;
	if (memchr(p->line, '\0', (size_t)n)) {
		fail(p, NULL, "NUL byte in line");
		return NULL;
	}
	if (n >= num - 1 || n >= RD_LINE_MAX) {
		fail(p, NULL, "line longer than %d characters", RD_LINE_MAX - 2);
		return NULL;
	}
	memcpy(str, p->line, (size_t)n + 1);
	return str;
}

static int parse_uint(const char *v, unsigned int min, unsigned int max,
		      unsigned int *out)
{
	unsigned long n;
	char *end;

	if (*v < '0' || *v > '9')
		return -EINVAL;
	errno = 0;
	n = strtoul(v, &end, 10);
	if (errno || *end || n < min || n > max)
		return -ERANGE;
	*out = (unsigned int)n;
	return 0;
}

static int set_path(struct parse *p, const char *key, const char *v,
		    char *dst)
{
	if (v[0] != '/')
		return fail(p, key, "'%s' is not an absolute path", v);
	if (strlen(v) >= PATH_MAX)
		return fail(p, key, "path too long");
	if (strpbrk(v, " \t"))
		return fail(p, key, "'%s': paths with blanks are not supported", v);
	strcpy(dst, v);
	return 1;
}

static int set_uint(struct parse *p, const char *key, const char *v,
		    unsigned int max, unsigned int *dst)
{
	if (parse_uint(v, 1, max, dst))
		return fail(p, key, "'%s' is not a whole number of seconds in 1..%u",
			    v, max);
	return 1;
}

static int parse_tcb(struct parse *p, const char *key, const char *word,
		     struct tsm_tcb *out)
{
	if (tsm_tcb_parse(word, out))
		return fail(p, key, "'%s' is not a TCB (<scheme>:<lowercase hex>, snp:<16 hex digits>, tdx:<64 hex digits>)",
			    word);
	return 1;
}

static int set_list(struct parse *p, const char *key, char *v,
		    struct rd_tcb_list *list, unsigned int max)
{
	char *save = NULL;

	for (char *w = strtok_r(v, " \t,", &save); w;
	     w = strtok_r(NULL, " \t,", &save)) {
		struct tsm_tcb t;

		if (!parse_tcb(p, key, w, &t))
			return 0;
		for (unsigned int i = 0; i < list->n; i++)
			if (tsm_tcb_equal(&list->v[i], &t))
				return fail(p, key, "%s listed twice", w);
		if (list->n >= max)
			return fail(p, key, "more than %u TCBs%s", max,
				    max == RD_EXPECT_MAX ?
				    " (the kernel holds at most 8 expected TCBs)" : "");
		list->v[list->n++] = t;
	}
	return 1;
}

static int set_value(struct parse *p, enum key_id k, char *v)
{
	struct rd_config *c = p->cfg;
	const char *key = keys[k].key;

	switch (k) {
	case K_DEVICE:
		return set_path(p, key, v, c->device);
	case K_CONFIGFS:
		return set_path(p, key, v, c->configfs);
	case K_STATE:
		return set_path(p, key, v, c->state);
	case K_COMMAND:
		return set_path(p, key, v, c->verifier);
	case K_HEARTBEAT:
		return set_uint(p, key, v, RD_HEARTBEAT_MAX, &c->heartbeat);
	case K_TIMEOUT:
		return set_uint(p, key, v, RD_VERIFIER_TIMEOUT_MAX,
				&c->verifier_timeout);
	case K_APPROVE:
		return set_list(p, key, v, &c->approve, RD_APPROVE_MAX);
	case K_EXPECT:
		return set_list(p, key, v, &c->expect, RD_EXPECT_MAX);
	case K_MINIMUM:
		if (strpbrk(v, " \t,"))
			return fail(p, key, "takes exactly one TCB");
		if (!parse_tcb(p, key, v, &c->minimum))
			return 0;
		c->has_minimum = true;
		return 1;
	case K_ON_DENY:
		if (!strcmp(v, "reject"))
			c->on_deny = RD_DENY_REJECT;
		else if (!strcmp(v, "withhold"))
			c->on_deny = RD_DENY_WITHHOLD;
		else
			return fail(p, key, "'%s' is neither 'reject' nor 'withhold'", v);
		return 1;
	default:
		return fail(p, key, "internal error");
	}
}

static int handler(void *user, const char *section, const char *name,
		   const char *value)
{
	struct parse *p = user;
	bool known_section = false;
	char v[RD_LINE_MAX];

	if (p->failed)
		return 0;
	for (int k = 0; k < K_COUNT; k++) {
		if (strcmp(section, keys[k].section))
			continue;
		known_section = true;
		if (strcmp(name, keys[k].key))
			continue;
		if (p->seen[k])
			return fail(p, name, "set twice (first on line %d)",
				    p->seen[k]);
		p->seen[k] = p->lineno;
		if (!value || !*value)
			return fail(p, name, "empty value");
		snprintf(v, sizeof(v), "%s", value);
		return set_value(p, (enum key_id)k, v);
	}
	if (!*section)
		return fail(p, name, "key outside of any section");
	if (!known_section)
		return fail(p, name, "unknown section [%s]", section);
	return fail(p, name, "unknown key in section [%s]", section);
}

/* Whole-file rules: what no single line can say. */
static int check_whole(struct parse *p)
{
	struct rd_config *c = p->cfg;

	if (p->seen[K_TIMEOUT] && !p->seen[K_COMMAND]) {
		p->lineno = p->seen[K_TIMEOUT];
		return fail(p, "timeout",
			    "[verifier] timeout without [verifier] command");
	}
	if (!c->approve.n && !c->expect.n && !c->has_minimum &&
	    !c->verifier[0]) {
		snprintf(p->err, p->errlen,
			 "%s: no policy: set at least one of [policy] approve, minimum, expect or [verifier] command",
			 p->path);
		p->failed = true;
		return 0;
	}
	return 1;
}

static void set_defaults(struct rd_config *c, const char *path)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->path, sizeof(c->path), "%s", path);
	strcpy(c->device, RD_DEVICE_DEFAULT);
	strcpy(c->configfs, TSM_CONFIGFS_DEFAULT);
	strcpy(c->state, RD_STATE_DEFAULT);
	c->heartbeat = RD_HEARTBEAT_DEFAULT;
	c->verifier_timeout = RD_VERIFIER_TIMEOUT_DEFAULT;
	c->on_deny = RD_DENY_REJECT;
}

int rd_config_load(const char *path, struct rd_config **out,
		   char *err, size_t errlen)
{
	struct parse p = { .path = path, .err = err, .errlen = errlen };
	int fd, rc, ret = -EINVAL;
	struct stat st;

	*out = NULL;
	err[0] = '\0';
	if (strlen(path) >= PATH_MAX) {
		snprintf(err, errlen, "%s: path too long", path);
		return -ENAMETOOLONG;
	}
	/* O_NONBLOCK: a FIFO put in its place must not hang us in open() */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		ret = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return ret;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size > RD_FILE_MAX) {
		snprintf(err, errlen, "%s: not a regular file of at most %d bytes",
			 path, RD_FILE_MAX);
		close(fd);
		return -EINVAL;
	}
	p.f = fdopen(fd, "re");
	if (!p.f) {
		close(fd);
		snprintf(err, errlen, "%s: out of memory", path);
		return -ENOMEM;
	}
	p.cfg = malloc(sizeof(*p.cfg));
	if (!p.cfg) {
		fclose(p.f);
		snprintf(err, errlen, "%s: out of memory", path);
		return -ENOMEM;
	}
	set_defaults(p.cfg, path);

	/* Debian's inih makes these run-time settings (global, set each time) */
	ini_allow_multiline = false;
	ini_allow_no_value = false;
	ini_stop_on_first_error = true;
	ini_use_stack = false;
	ini_allow_realloc = false;
	ini_max_line = RD_LINE_MAX;
	ini_initial_alloc = RD_LINE_MAX;

	rc = ini_parse_stream(read_line, &p, handler, &p);
	if (!p.failed && ferror(p.f)) {
		snprintf(err, errlen, "%s: read error", path);
		p.failed = true;
		ret = -EIO;
	}
	if (!p.failed && rc > 0) {
		p.lineno = rc;
		fail(&p, NULL, "syntax error: expected '[section]' or 'key = value'");
	} else if (!p.failed && rc < 0) {
		snprintf(err, errlen, "%s: out of memory", path);
		p.failed = true;
		ret = -ENOMEM;
	}
	if (!p.failed)
		check_whole(&p);
	free(p.line);
	fclose(p.f);
	if (p.failed) {
		free(p.cfg);
		return ret;
	}
	*out = p.cfg;
	return 0;
}

void rd_config_free(struct rd_config *cfg)
{
	free(cfg);
}

const char *rd_on_deny_name(enum rd_on_deny d)
{
	return d == RD_DENY_WITHHOLD ? "withhold" : "reject";
}
