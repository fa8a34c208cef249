/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The command language of /dev/tsm_watchdog: cutting the bytes of a
 * write() into lines and a line into a struct tsm_wd_cmd. dev.c runs the
 * commands; Documentation/ABI/testing/dev-tsm_watchdog describes them.
 *
 * Pure functions on byte buffers, no kernel-only calls: tests/unit builds
 * this header on the host for the parser's fuzz target and its regression
 * corpus, with a small shim for <linux/...> headers.
 */
#ifndef _TSM_WD_CMD_H
#define _TSM_WD_CMD_H

#include <linux/errno.h>
#include <linux/kstrtox.h>
#include <linux/string.h>
#include <linux/tsm-watchdog.h>
#include <linux/types.h>
#include <uapi/linux/tsm-watchdog.h>

#include "tcb_text.h"

enum tsm_wd_cmd_op {
	TSM_WD_CMD_BLANK,	/* empty or only blanks: nothing to do */
	TSM_WD_CMD_ACK,
	TSM_WD_CMD_EXPECT,
	TSM_WD_CMD_UNEXPECT,
	TSM_WD_CMD_UNEXPECT_ALL,
	TSM_WD_CMD_REJECT,
	TSM_WD_CMD_DISARM,
	TSM_WD_CMD_SET_MODE,
	TSM_WD_CMD_SET_ACTION,
	TSM_WD_CMD_SET_TIMEOUT,
	TSM_WD_CMD_SET_GRACE,
	TSM_WD_CMD_SET_POLL_MS,
	TSM_WD_NR_CMDS,
};

/**
 * struct tsm_wd_cmd - one parsed command
 * @op: what to do
 * @tcb: ack, expect, unexpect: the TCB
 * @num: set timeout, grace, poll_ms: the number, its range not checked
 * @name: set mode, set action: the word naming it, not checked; points
 *	into the parsed line
 */
struct tsm_wd_cmd {
	enum tsm_wd_cmd_op op;
	struct tsm_wd_tcb tcb;
	unsigned int num;
	const char *name;
};

/* The most words a command has: "set <knob> <value>". */
#define TSM_WD_CMD_WORDS	3

static inline bool tsm_wd_cmd_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Split @s at blanks, in place, into at most TSM_WD_CMD_WORDS words.
 * Returns the number of words, or -EINVAL when there are more.
 */
static inline int tsm_wd_cmd_split(char *s, char **argv)
{
	int n = 0;

	for (;;) {
		while (tsm_wd_cmd_blank(*s))
			s++;
		if (!*s)
			return n;
		if (n == TSM_WD_CMD_WORDS)
			return -EINVAL;
		argv[n++] = s;
		while (*s && !tsm_wd_cmd_blank(*s))
			s++;
		if (*s)
			*s++ = '\0';
	}
}

/* "set <knob> <value>": @cmd->op from the knob, and its value. */
static inline int tsm_wd_cmd_parse_set(const char *knob, const char *val,
				       struct tsm_wd_cmd *cmd)
{
	if (!strcmp(knob, "mode"))
		cmd->op = TSM_WD_CMD_SET_MODE;
	else if (!strcmp(knob, "action"))
		cmd->op = TSM_WD_CMD_SET_ACTION;
	else if (!strcmp(knob, "timeout"))
		cmd->op = TSM_WD_CMD_SET_TIMEOUT;
	else if (!strcmp(knob, "grace"))
		cmd->op = TSM_WD_CMD_SET_GRACE;
	else if (!strcmp(knob, "poll_ms"))
		cmd->op = TSM_WD_CMD_SET_POLL_MS;
	else
		return -EINVAL;
	if (cmd->op == TSM_WD_CMD_SET_MODE || cmd->op == TSM_WD_CMD_SET_ACTION) {
		cmd->name = val;
		return 0;
	}
	/* kstrtouint() also says -ERANGE: every bad number is EINVAL here */
	return kstrtouint(val, 10, &cmd->num) ? -EINVAL : 0;
}

/* "<verb> <tcb>", or "unexpect all". */
static inline int tsm_wd_cmd_parse_tcb(const char *verb, const char *arg,
				       struct tsm_wd_cmd *cmd)
{
	if (!strcmp(verb, "unexpect") && !strcmp(arg, "all")) {
		cmd->op = TSM_WD_CMD_UNEXPECT_ALL;
		return 0;
	}
	if (!strcmp(verb, "ack"))
		cmd->op = TSM_WD_CMD_ACK;
	else if (!strcmp(verb, "expect"))
		cmd->op = TSM_WD_CMD_EXPECT;
	else if (!strcmp(verb, "unexpect"))
		cmd->op = TSM_WD_CMD_UNEXPECT;
	else
		return -EINVAL;
	return tsm_wd_tcb_text_parse(arg, &cmd->tcb);
}

/**
 * tsm_wd_cmd_parse() - parse one command line
 * @line: NUL-terminated, without its newline; split into words in place
 * @cmd: the result, pointing into @line; undefined on error
 *
 * Words are separated by blanks (space, tab); a line of blanks only is
 * TSM_WD_CMD_BLANK.
 *
 * Return: 0, or -EINVAL when the line is not a well-formed command.
 */
static inline int tsm_wd_cmd_parse(char *line, struct tsm_wd_cmd *cmd)
{
	char *argv[TSM_WD_CMD_WORDS];
	int argc = tsm_wd_cmd_split(line, argv);

	memset(cmd, 0, sizeof(*cmd));
	switch (argc) {
	case 0:
		cmd->op = TSM_WD_CMD_BLANK;
		return 0;
	case 1:
		if (!strcmp(argv[0], "reject"))
			cmd->op = TSM_WD_CMD_REJECT;
		else if (!strcmp(argv[0], "disarm"))
			cmd->op = TSM_WD_CMD_DISARM;
		else
			return -EINVAL;
		return 0;
	case 2:
		return tsm_wd_cmd_parse_tcb(argv[0], argv[1], cmd);
	case 3:
		if (strcmp(argv[0], "set"))
			return -EINVAL;
		return tsm_wd_cmd_parse_set(argv[1], argv[2], cmd);
	default:
		return -EINVAL;
	}
}

/**
 * tsm_wd_cmd_next() - parse the first command line of what was written
 * @buf: the bytes not parsed yet; @buf[@len] must be a NUL byte
 * @len: their number, at least 1
 * @cmd: the result, pointing into @buf; undefined on error
 *
 * The line ends at the first newline or, for the last line of a write,
 * at @len. It is cut off @buf in place (its newline becomes a NUL).
 *
 * Return: the bytes the line took, its newline included; -EINVAL when it
 * is longer than TSM_WATCHDOG_CMD_MAX, holds a NUL byte or is not a
 * well-formed command.
 */
static inline int tsm_wd_cmd_next(char *buf, size_t len, struct tsm_wd_cmd *cmd)
{
	char *nl = memchr(buf, '\n', len);
	size_t n = nl ? (size_t)(nl - buf) : len;
	int err;

	if (n > TSM_WATCHDOG_CMD_MAX || memchr(buf, '\0', n))
		return -EINVAL;
	buf[n] = '\0';
	err = tsm_wd_cmd_parse(buf, cmd);
	if (err)
		return err;
	return nl ? n + 1 : n;
}

#endif /* _TSM_WD_CMD_H */
