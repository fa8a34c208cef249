// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/tsm_watchdog: one opener at a time, newline-terminated text
 * commands on write(), event lines on read(), POLLIN when events wait.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/cleanup.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "tsm_wd.h"

static struct tsm_wd *tsm_wd_from_file(struct file *file)
{
	return container_of(file->private_data, struct tsm_wd, misc);
}

static int tsm_wd_open(struct inode *inode, struct file *file)
{
	struct tsm_wd *wd = tsm_wd_from_file(file);

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (atomic_cmpxchg(&wd->open, 0, 1))
		return -EBUSY;
	return stream_open(inode, file);
}

/* Closing never disarms: there is no magic close. */
static int tsm_wd_release(struct inode *inode, struct file *file)
{
	atomic_set(&tsm_wd_from_file(file)->open, 0);
	return 0;
}

/* An ack is checked against the TCB the source reports now (core.c). */
static int tsm_wd_cmd_ack(struct tsm_wd *wd, const struct tsm_wd_tcb *tcb)
{
	return tsm_wd_ack_current(wd, tcb);
}

static int tsm_wd_cmd_set(struct tsm_wd *wd, const char *key, const char *val)
{
	struct tsm_wd_policy pol;
	unsigned int num = 0;
	int idx = -EINVAL;

	if (!strcmp(key, "mode"))
		idx = tsm_wd_name_index(tsm_wd_mode_names, TSM_WD_NR_MODES, val);
	else if (!strcmp(key, "action"))
		idx = tsm_wd_name_index(tsm_wd_action_names, TSM_WD_NR_ACTIONS,
					val);
	else
		idx = kstrtouint(val, 10, &num) ? -EINVAL : 0;
	if (idx < 0)
		return idx;

	guard(mutex)(&wd->lock);
	pol = wd->pol;
	if (!strcmp(key, "mode"))
		pol.mode = idx;
	else if (!strcmp(key, "action"))
		pol.action = idx;
	else if (!strcmp(key, "timeout"))
		pol.timeout = num;
	else if (!strcmp(key, "grace"))
		pol.grace = num;
	else if (!strcmp(key, "poll_ms"))
		pol.poll_ms = num;
	else
		return -EINVAL;
	return tsm_wd_set_policy(wd, &pol);
}

/* Split @s at blanks into at most @max words. Returns the count or -EINVAL. */
static int tsm_wd_split(char *s, char **argv, int max)
{
	char *word;
	int n = 0;

	while ((word = strsep(&s, " \t"))) {
		if (!*word)
			continue;
		if (n == max)
			return -EINVAL;
		argv[n++] = word;
	}
	return n;
}

static int tsm_wd_cmd_tcb(struct tsm_wd *wd, const char *cmd, const char *arg)
{
	bool all = !strcmp(cmd, "unexpect") && !strcmp(arg, "all");
	struct tsm_wd_tcb tcb;
	int err;

	if (!all && tsm_wd_tcb_parse(arg, &tcb))
		return -EINVAL;
	if (!strcmp(cmd, "ack"))
		return tsm_wd_cmd_ack(wd, &tcb);

	scoped_guard(mutex, &wd->lock) {
		if (!strcmp(cmd, "unexpect"))
			return tsm_wd_unexpect(wd, all ? NULL : &tcb);
		if (strcmp(cmd, "expect"))
			return -EINVAL;
		err = tsm_wd_expect(wd, &tcb);
		if (err)
			return err;
	}
	/* The TCB may be current already: a renewal, seen at the next poll. */
	tsm_wd_kick_poll(wd);
	return 0;
}

/**
 * tsm_wd_command() - run one command line
 * @wd: the watchdog
 * @line: the command, NUL-terminated, without its newline
 *
 * Return: 0 or the command's negative errno; a failed command changes
 * nothing.
 */
static int tsm_wd_command(struct tsm_wd *wd, char *line)
{
	char *argv[3];
	int argc = tsm_wd_split(line, argv, ARRAY_SIZE(argv));

	if (argc <= 0)
		return -EINVAL;
	if (argc == 1 && !strcmp(argv[0], "reject")) {
		guard(mutex)(&wd->lock);
		tsm_wd_reject(wd);
		return 0;
	}
	if (argc == 1 && !strcmp(argv[0], "disarm")) {
		guard(mutex)(&wd->lock);
		return tsm_wd_disarm(wd);
	}
	if (argc == 2)
		return tsm_wd_cmd_tcb(wd, argv[0], argv[1]);
	if (argc == 3 && !strcmp(argv[0], "set"))
		return tsm_wd_cmd_set(wd, argv[1], argv[2]);
	return -EINVAL;
}

static ssize_t tsm_wd_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	struct tsm_wd *wd = tsm_wd_from_file(file);
	char *line, *next;
	int err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (!count)
		return 0;
	if (count > TSM_WATCHDOG_WRITE_MAX)
		return -EINVAL;

	char *buf __free(kfree) = memdup_user_nul(ubuf, count);

	if (IS_ERR(buf))
		return PTR_ERR(no_free_ptr(buf));
	if (strlen(buf) != count)
		return -EINVAL;

	for (line = buf; *line; line = next) {
		next = strchrnul(line, '\n');
		if (next - line > TSM_WATCHDOG_CMD_MAX)
			return -EINVAL;
		if (*next)
			*next++ = '\0';
		err = tsm_wd_command(wd, line);
		if (err)
			return err;
	}
	return count;
}

static ssize_t tsm_wd_read(struct file *file, char __user *buf, size_t count,
			   loff_t *ppos)
{
	ssize_t n = tsm_wd_events_read(tsm_wd_from_file(file), buf, count);

	if (!n && (file->f_flags & O_NONBLOCK))
		return -EAGAIN;
	return n;
}

static __poll_t tsm_wd_poll(struct file *file, poll_table *wait)
{
	struct tsm_wd *wd = tsm_wd_from_file(file);
	__poll_t mask = EPOLLOUT | EPOLLWRNORM;

	poll_wait(file, &wd->waitq, wait);
	if (tsm_wd_events_pending(wd))
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask;
}

const struct file_operations tsm_wd_fops = {
	.owner = THIS_MODULE,
	.open = tsm_wd_open,
	.release = tsm_wd_release,
	.read = tsm_wd_read,
	.write = tsm_wd_write,
	.poll = tsm_wd_poll,
};
