// SPDX-License-Identifier: GPL-2.0-only
/*
 * The event queue read from /dev/tsm_watchdog, and the uevents that mirror
 * the important events.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kobject.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "tsm_wd.h"

const char *const tsm_wd_event_names[] = {
	[TSM_WD_EV_ARMED] = "armed",
	[TSM_WD_EV_ACKED] = "acked",
	[TSM_WD_EV_CHANGED] = "changed",
	[TSM_WD_EV_RENEWED] = "renewed",
	[TSM_WD_EV_REVERTED] = "reverted",
	[TSM_WD_EV_ROLLBACK] = "rollback",
	[TSM_WD_EV_PRETIMEOUT] = "pretimeout",
	[TSM_WD_EV_EXPIRED] = "expired",
	[TSM_WD_EV_FIRED] = "fired",
	[TSM_WD_EV_DISARMED] = "disarmed",
	[TSM_WD_EV_SOURCE_ERROR] = "source-error",
	[TSM_WD_EV_SOURCE_LOST] = "source-lost",
	[TSM_WD_EV_SOURCE_GONE] = "source-gone",
	[TSM_WD_EV_RESUMED] = "resumed",
};

static_assert(ARRAY_SIZE(tsm_wd_event_names) == TSM_WD_NR_EVENTS);

/* "<seq> <event> <tcb>\n" */
#define TSM_WD_LINE_MAX (20 + 1 + 16 + 1 + TSM_WD_TCB_TEXT_MAX + 1)

static bool tsm_wd_event_has_uevent(enum tsm_wd_event_type type)
{
	return type == TSM_WD_EV_CHANGED || type == TSM_WD_EV_RENEWED ||
	       type == TSM_WD_EV_REVERTED || type == TSM_WD_EV_ROLLBACK ||
	       type == TSM_WD_EV_FIRED || type == TSM_WD_EV_SOURCE_LOST ||
	       type == TSM_WD_EV_RESUMED;
}

static void tsm_wd_uevent(struct tsm_wd *wd, enum tsm_wd_event_type type,
			  const struct tsm_wd_tcb *tcb)
{
	char ev[40], tcbvar[24 + TSM_WD_TCB_TEXT_MAX];
	char *envp[3];
	int n;

	snprintf(ev, sizeof(ev), "TSM_WATCHDOG_EVENT=%s",
		 tsm_wd_event_names[type]);
	n = scnprintf(tcbvar, sizeof(tcbvar), "TSM_WATCHDOG_TCB=");
	if (tcb)
		tsm_wd_tcb_format(tcb, tcbvar + n, sizeof(tcbvar) - n);
	envp[0] = ev;
	envp[1] = tcbvar;
	envp[2] = NULL;
	kobject_uevent_env(&wd->misc.this_device->kobj, KOBJ_CHANGE, envp);
}

static void __tsm_wd_event(struct tsm_wd *wd, enum tsm_wd_event_type type,
			   const struct tsm_wd_tcb *tcb, bool has_num, u64 num)
{
	struct tsm_wd_event *e;

	lockdep_assert_held(&wd->lock);
	if (wd->ev_count == TSM_WATCHDOG_EVENTS_MAX) {
		wd->ev_drop_seq = wd->ev[wd->ev_head].seq;
		wd->ev_dropped++;
		wd->ev_head = (wd->ev_head + 1) % TSM_WATCHDOG_EVENTS_MAX;
		wd->ev_count--;
	}
	e = &wd->ev[(wd->ev_head + wd->ev_count) % TSM_WATCHDOG_EVENTS_MAX];
	e->seq = wd->seq++;
	e->type = type;
	e->has_tcb = tcb;
	if (tcb)
		e->tcb = *tcb;
	e->has_num = has_num;
	e->num = num;
	wd->ev_count++;
	wd->last_event = type;
	wake_up_interruptible(&wd->waitq);

	if (tsm_wd_event_has_uevent(type))
		tsm_wd_uevent(wd, type, tcb);
}

/**
 * tsm_wd_event() - queue an event, wake readers, send its uevent
 * @wd: the watchdog; caller holds ->lock
 * @type: what happened
 * @tcb: the TCB it concerns, or NULL
 *
 * A full queue drops its oldest event; the next read starts with an
 * "overflow" line counting the dropped events.
 */
void tsm_wd_event(struct tsm_wd *wd, enum tsm_wd_event_type type,
		  const struct tsm_wd_tcb *tcb)
{
	__tsm_wd_event(wd, type, tcb, false, 0);
}

/**
 * tsm_wd_event_num() - queue an event whose line carries a number
 * @wd: the watchdog; caller holds ->lock
 * @type: what happened
 * @tcb: the TCB its uevent names, or NULL
 * @num: the argument of its line ("resumed <ms>")
 */
void tsm_wd_event_num(struct tsm_wd *wd, enum tsm_wd_event_type type,
		      const struct tsm_wd_tcb *tcb, u64 num)
{
	__tsm_wd_event(wd, type, tcb, true, num);
}

/**
 * tsm_wd_events_pending() - is there anything to read
 * @wd: the watchdog
 *
 * Return: true when a read would return at least one line.
 */
bool tsm_wd_events_pending(struct tsm_wd *wd)
{
	guard(mutex)(&wd->lock);
	return wd->ev_count || wd->ev_dropped;
}

static int tsm_wd_event_line(const struct tsm_wd_event *e, char *buf)
{
	int n = scnprintf(buf, TSM_WD_LINE_MAX, "%llu %s", e->seq,
			  tsm_wd_event_names[e->type]);

	if (e->has_num) {
		n += scnprintf(buf + n, TSM_WD_LINE_MAX - n, " %llu", e->num);
	} else if (e->has_tcb) {
		buf[n++] = ' ';
		n += tsm_wd_tcb_format(&e->tcb, buf + n, TSM_WD_LINE_MAX - n);
	}
	buf[n++] = '\n';
	return n;
}

/*
 * Format the oldest pending line into @line; caller holds ->lock.
 * Returns its length, 0 when nothing is pending.
 */
static int tsm_wd_peek_line(struct tsm_wd *wd, char *line)
{
	if (wd->ev_dropped)
		return scnprintf(line, TSM_WD_LINE_MAX, "%llu overflow %u\n",
				 wd->ev_drop_seq, wd->ev_dropped);
	if (wd->ev_count)
		return tsm_wd_event_line(&wd->ev[wd->ev_head], line);
	return 0;
}

static void tsm_wd_pop_line(struct tsm_wd *wd)
{
	if (wd->ev_dropped) {
		wd->ev_dropped = 0;
		return;
	}
	wd->ev_head = (wd->ev_head + 1) % TSM_WATCHDOG_EVENTS_MAX;
	wd->ev_count--;
}

/**
 * tsm_wd_events_read() - copy whole event lines to userspace, oldest first
 * @wd: the watchdog
 * @buf: user buffer
 * @count: its size
 *
 * Consumes the lines it returns; never returns part of a line. The lines
 * are taken off the queue under ->lock and copied out after it is dropped,
 * so a reader stuck in a page fault can not hold up the timers.
 *
 * Return: bytes copied, 0 when no event is pending, -EINVAL when @count
 * can not hold the oldest line, -ENOMEM, -EFAULT (the lines are lost).
 */
ssize_t tsm_wd_events_read(struct tsm_wd *wd, char __user *buf, size_t count)
{
	size_t size = min_t(size_t, count,
			    (TSM_WATCHDOG_EVENTS_MAX + 1) * TSM_WD_LINE_MAX);
	char *kbuf __free(kvfree) = kvmalloc(size, GFP_KERNEL);
	char line[TSM_WD_LINE_MAX];
	size_t done = 0;
	int n;

	if (!kbuf)
		return -ENOMEM;
	scoped_guard(mutex, &wd->lock) {
		while ((n = tsm_wd_peek_line(wd, line)) > 0 && n <= size - done) {
			memcpy(kbuf + done, line, n);
			tsm_wd_pop_line(wd);
			done += n;
		}
		if (!done && n > 0)
			return -EINVAL;
	}
	if (done && copy_to_user(buf, kbuf, done))
		return -EFAULT;
	return done;
}
