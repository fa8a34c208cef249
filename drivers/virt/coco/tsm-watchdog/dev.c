// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/tsm_watchdog: one opener at a time, newline-terminated text
 * commands on write() (parsed by cmd.h), the event stream on read()
 * (events.c), POLLIN when events wait.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/cleanup.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/user_namespace.h>

#include "cmd.h"
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
	struct tsm_wd *wd = tsm_wd_from_file(file);

	tsm_wd_events_release(wd);
	atomic_set(&wd->open, 0);
	return 0;
}

/* An ack is checked against the TCB the source reports now (core.c). */
static int tsm_wd_cmd_ack(struct tsm_wd *wd, const struct tsm_wd_tcb *tcb)
{
	return tsm_wd_ack_current(wd, tcb);
}

static int tsm_wd_cmd_set(struct tsm_wd *wd, const struct tsm_wd_cmd *cmd)
{
	struct tsm_wd_policy pol;
	int idx = 0;

	if (cmd->op == TSM_WD_CMD_SET_MODE)
		idx = tsm_wd_name_index(tsm_wd_mode_names, TSM_WD_NR_MODES,
					cmd->name);
	else if (cmd->op == TSM_WD_CMD_SET_ACTION)
		idx = tsm_wd_name_index(tsm_wd_action_names, TSM_WD_NR_ACTIONS,
					cmd->name);
	if (idx < 0)
		return idx;

	guard(mutex)(&wd->lock);
	pol = wd->pol;
	switch (cmd->op) {
	case TSM_WD_CMD_SET_MODE:
		pol.mode = idx;
		break;
	case TSM_WD_CMD_SET_ACTION:
		pol.action = idx;
		break;
	case TSM_WD_CMD_SET_TIMEOUT:
		pol.timeout = cmd->num;
		break;
	case TSM_WD_CMD_SET_GRACE:
		pol.grace = cmd->num;
		break;
	case TSM_WD_CMD_SET_POLL_MS:
		pol.poll_ms = cmd->num;
		break;
	default:
		return -EINVAL;
	}
	return tsm_wd_set_policy(wd, &pol);
}

static int tsm_wd_cmd_expect(struct tsm_wd *wd, const struct tsm_wd_tcb *tcb)
{
	int err;

	scoped_guard(mutex, &wd->lock) {
		err = tsm_wd_expect(wd, tcb);
		if (err)
			return err;
	}
	/* The TCB may be current already: a renewal, seen at the next poll. */
	tsm_wd_kick_poll(wd);
	return 0;
}

/**
 * tsm_wd_cmd_run() - run one parsed command
 * @wd: the watchdog
 * @cmd: the command
 *
 * Return: 0 or the command's negative errno; a failed command changes
 * nothing.
 */
static int tsm_wd_cmd_run(struct tsm_wd *wd, const struct tsm_wd_cmd *cmd)
{
	switch (cmd->op) {
	case TSM_WD_CMD_BLANK:
		return 0;
	case TSM_WD_CMD_ACK:
		return tsm_wd_cmd_ack(wd, &cmd->tcb);
	case TSM_WD_CMD_EXPECT:
		return tsm_wd_cmd_expect(wd, &cmd->tcb);
	case TSM_WD_CMD_UNEXPECT:
	case TSM_WD_CMD_UNEXPECT_ALL: {
		bool all = cmd->op == TSM_WD_CMD_UNEXPECT_ALL;

		guard(mutex)(&wd->lock);
		return tsm_wd_unexpect(wd, all ? NULL : &cmd->tcb);
	}
	case TSM_WD_CMD_REJECT: {
		guard(mutex)(&wd->lock);
		tsm_wd_reject(wd);
		return 0;
	}
	case TSM_WD_CMD_DISARM: {
		guard(mutex)(&wd->lock);
		return tsm_wd_disarm(wd);
	}
	default:
		return tsm_wd_cmd_set(wd, cmd);
	}
}

/*
 * Runs the commands in order and stops at the first that fails: the
 * bytes of the commands before it are the return value, so the caller
 * learns which were applied, and writing the rest again reports the
 * error. The credentials are the opener's (file->f_cred), as for any
 * file: a privileged process may hand the open file to a helper.
 */
static ssize_t tsm_wd_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	struct tsm_wd *wd = tsm_wd_from_file(file);
	struct tsm_wd_cmd cmd;
	size_t done = 0;
	int n;

	if (!file_ns_capable(file, &init_user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	if (!count)
		return 0;
	if (count > TSM_WATCHDOG_WRITE_MAX)
		return -EINVAL;

	char *buf __free(kfree) = memdup_user_nul(ubuf, count);

	if (IS_ERR(buf))
		return PTR_ERR(buf);
	while (done < count) {
		n = tsm_wd_cmd_next(buf + done, count - done, &cmd);
		if (n >= 0) {
			int err = tsm_wd_cmd_run(wd, &cmd);

			if (err)
				n = err;
		}
		if (n < 0)
			return done ? done : n;
		done += n;
	}
	return done;
}

static ssize_t tsm_wd_read(struct file *file, char __user *buf, size_t count,
			   loff_t *ppos)
{
	return tsm_wd_events_read(tsm_wd_from_file(file), buf, count,
				  file->f_flags & O_NONBLOCK);
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
