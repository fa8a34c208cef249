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
	K_DEVICE, K_HEARTBEAT, K_CONFIGFS, K_TDX_GUEST, K_REPORT_TIMEOUT, K_APPROVE,
	K_MINIMUM, K_EXPECT, K_ON_DENY, K_FLOOR, K_STATE, K_COMMAND, K_TIMEOUT,
	K_USER, K_RUNNER, K_TEXTFILE, K_COUNT
};

static const struct {
	const char *section;
	const char *key;
} keys[K_COUNT] = {
	[K_DEVICE]	= { "watchdog", "device" },
	[K_HEARTBEAT]	= { "watchdog", "heartbeat" },
	[K_CONFIGFS]	= { "report", "configfs" },
	[K_REPORT_TIMEOUT] = { "report", "timeout" },
	[K_TDX_GUEST]	= { "report", "tdx_guest" },
	[K_APPROVE]	= { "policy", "approve" },
	[K_MINIMUM]	= { "policy", "minimum" },
	[K_EXPECT]	= { "policy", "expect" },
	[K_ON_DENY]	= { "policy", "on_deny" },
	[K_FLOOR]	= { "policy", "floor" },
	[K_STATE]	= { "policy", "state" },
	[K_COMMAND]	= { "verifier", "command" },
	[K_TIMEOUT]	= { "verifier", "timeout" },
	[K_USER]	= { "verifier", "user" },
	[K_RUNNER]	= { "verifier", "runner" },
	[K_TEXTFILE]	= { "metrics", "textfile" },
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

/* node-exporter's textfile collector reads only *.prom files. */
static int set_textfile(struct parse *p, const char *key, const char *v,
			char *dst)
{
	static const char ext[] = ".prom";
	size_t n = strlen(v);
	int ret = set_path(p, key, v, dst);

	if (ret <= 0)
		return ret;
	if (n < strlen(ext) || strcmp(v + n - strlen(ext), ext)) {
		dst[0] = '\0';
		return fail(p, key, "'%s' does not end in %s (node-exporter's textfile collector reads only *%s files)",
			    v, ext, ext);
	}
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

/* "5", "0.5", "1.25": seconds with at most three decimals, into ms. */
static int set_ms(struct parse *p, const char *key, const char *v,
		  unsigned int min_ms, unsigned int max_ms, unsigned int *dst)
{
	unsigned long ms = 0;
	const char *c = v;
	int dec = -1;

	if (*c < '0' || *c > '9')
		goto bad;
	for (; *c; c++) {
		if (*c == '.' && dec < 0) {
			dec = 0;
			continue;
		}
		if (*c < '0' || *c > '9' || dec >= 3 || ms > max_ms)
			goto bad;
		ms = ms * 10 + (unsigned long)(*c - '0');
		if (dec >= 0)
			dec++;
	}
	if (dec == 0)
		goto bad;
	for (int i = dec < 0 ? 0 : dec; i < 3; i++)
		ms *= 10;
	if (ms < min_ms || ms > max_ms)
		goto bad;
	*dst = (unsigned int)ms;
	return 1;
bad:
	return fail(p, key, "'%s' is not a number of seconds in %u.%03u..%u (at most three decimals)",
		    v, min_ms / 1000, min_ms % 1000, max_ms / 1000);
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

/* A key that takes one of two words: @which = 0 for @a, 1 for @b. */
static int set_either(struct parse *p, const char *key, const char *v,
		      const char *a, const char *b, int *which)
{
	if (!strcmp(v, a))
		*which = 0;
	else if (!strcmp(v, b))
		*which = 1;
	else
		return fail(p, key, "'%s' is neither '%s' nor '%s'", v, a, b);
	return 1;
}

static int set_value(struct parse *p, enum key_id k, char *v)
{
	struct rd_config *c = p->cfg;
	const char *key = keys[k].key;
	int which = 0;

	switch (k) {
	case K_DEVICE:
		return set_path(p, key, v, c->device);
	case K_CONFIGFS:
		return set_path(p, key, v, c->configfs);
	case K_STATE:
		return set_path(p, key, v, c->state);
	case K_COMMAND:
		return set_path(p, key, v, c->verifier);
	case K_TEXTFILE:
		return set_textfile(p, key, v, c->metrics);
	case K_TDX_GUEST:
		return set_path(p, key, v, c->tdx_guest);
	case K_REPORT_TIMEOUT:
		return set_ms(p, key, v, 50, RD_REPORT_TIMEOUT_MAX_MS,
			      &c->report_timeout_ms);
	case K_USER:
		if (strlen(v) >= sizeof(c->verifier_user) ||
		    strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") != strlen(v) ||
		    v[0] == '-')
			return fail(p, key, "'%s' is not a user name", v);
		strcpy(c->verifier_user, v);
		return 1;
	case K_RUNNER:
		if (!strcmp(v, "auto"))
			c->runner = RD_RUNNER_AUTO;
		else if (!strcmp(v, "fork"))
			c->runner = RD_RUNNER_FORK;
		else if (!strcmp(v, "systemd"))
			c->runner = RD_RUNNER_SYSTEMD;
		else
			return fail(p, key, "'%s' is not one of auto, fork, systemd", v);
		return 1;
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
		if (!set_either(p, key, v, "reject", "withhold", &which))
			return 0;
		c->on_deny = which ? RD_DENY_WITHHOLD : RD_DENY_REJECT;
		return 1;
	case K_FLOOR:
		if (!set_either(p, key, v, "highest", "committed", &which))
			return 0;
		c->floor_mode = which ? RD_FLOOR_COMMITTED : RD_FLOOR_HIGHEST;
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

static const char *scheme_of(const struct tsm_tcb *t, char *buf, size_t len)
{
	char text[TSM_TCB_TEXT_MAX];

	if (tsm_tcb_format(t, text, sizeof(text)) < 0)
		return "";
	size_t n = strcspn(text, ":");

	if (n >= len)
		n = len - 1;
	memcpy(buf, text, n);
	buf[n] = '\0';
	return buf;
}

/* Every TCB the policy names is of one scheme: an snp approve next to a
 * tdx minimum can never both apply to one guest. */
static int check_schemes(struct parse *p)
{
	struct rd_config *c = p->cfg;
	const struct { enum key_id k; const struct rd_tcb_list *l; } lists[] = {
		{ K_APPROVE, &c->approve }, { K_EXPECT, &c->expect },
	};
	char first[TSM_SCHEME_MAX + 2] = "", s[TSM_SCHEME_MAX + 2];
	enum key_id first_key = K_COUNT;

	if (c->has_minimum) {
		scheme_of(&c->minimum, first, sizeof(first));
		first_key = K_MINIMUM;
	}
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		for (unsigned int j = 0; j < lists[i].l->n; j++) {
			scheme_of(&lists[i].l->v[j], s, sizeof(s));
			if (!first[0]) {
				strcpy(first, s);
				first_key = lists[i].k;
				continue;
			}
			if (strcmp(first, s)) {
				p->lineno = p->seen[lists[i].k];
				return fail(p, keys[lists[i].k].key,
					    "a %s TCB contradicts the %s TCB of %s (line %d): one guest has one TCB scheme",
					    s, first, keys[first_key].key,
					    p->seen[first_key]);
			}
		}
	}
	return 1;
}

/* Whole-file rules: what no single line can say. */
static int check_whole(struct parse *p)
{
	struct rd_config *c = p->cfg;
	char why[RD_MSG_MAX];

	for (enum key_id k = K_TIMEOUT; k <= K_RUNNER; k++) {
		if (!p->seen[k] || p->seen[K_COMMAND])
			continue;
		p->lineno = p->seen[k];
		return fail(p, keys[k].key,
			    "[verifier] %s without [verifier] command",
			    keys[k].key);
	}
	if (!c->approve.n && !c->expect.n && !c->has_minimum &&
	    !c->verifier[0]) {
		snprintf(p->err, p->errlen,
			 "%s: no policy: set at least one of [policy] approve, minimum, expect or [verifier] command",
			 p->path);
		p->failed = true;
		return 0;
	}
	if (!check_schemes(p))
		return 0;
	if (c->verifier[0] && rd_verifier_check_command(c->verifier, why, sizeof(why))) {
		p->lineno = p->seen[K_COMMAND];
		return fail(p, "command", "%s: a verifier must be an executable regular file",
			    why);
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
	c->report_timeout_ms = RD_REPORT_TIMEOUT_DEFAULT_MS;
	strcpy(c->tdx_guest, RD_TDX_GUEST_DEFAULT);
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

const char *rd_floor_mode_name(enum rd_floor_mode m)
{
	return m == RD_FLOOR_COMMITTED ? "committed" : "highest";
}

const char *rd_runner_name(enum rd_runner r)
{
	switch (r) {
	case RD_RUNNER_FORK:
		return "fork";
	case RD_RUNNER_SYSTEMD:
		return "systemd";
	default:
		return "auto";
	}
}

enum rd_runner rd_runner_resolve(enum rd_runner r)
{
	if (r != RD_RUNNER_AUTO)
		return r;
	if (getenv("INVOCATION_ID") && !access("/run/systemd/system", F_OK))
		return RD_RUNNER_SYSTEMD;
	return RD_RUNNER_FORK;
}
