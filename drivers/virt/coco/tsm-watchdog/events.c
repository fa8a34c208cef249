// SPDX-License-Identifier: GPL-2.0-only
/*
 * The event queue read from /dev/tsm_watchdog, and the uevents that mirror
 * the important events.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cleanup.h>
#include <linux/kobject.h>
#include <linux/minmax.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

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
		WRITE_ONCE(wd->ev_dropped, wd->ev_dropped + 1);
		wd->ev_head = (wd->ev_head + 1) % TSM_WATCHDOG_EVENTS_MAX;
		WRITE_ONCE(wd->ev_count, wd->ev_count - 1);
	}
	e = &wd->ev[(wd->ev_head + wd->ev_count) % TSM_WATCHDOG_EVENTS_MAX];
	e->seq = wd->seq++;
	e->type = type;
	e->has_tcb = tcb;
	if (tcb)
		e->tcb = *tcb;
	e->has_num = has_num;
	e->num = num;
	WRITE_ONCE(wd->ev_count, wd->ev_count + 1);
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
 * @wd: the watchdog; no lock needed (poll() and the wait in read())
 *
 * Return: true when a read would return at least one byte.
 */
bool tsm_wd_events_pending(struct tsm_wd *wd)
{
	return READ_ONCE(wd->ev_count) || READ_ONCE(wd->ev_dropped) ||
	       READ_ONCE(wd->rd_off) != READ_ONCE(wd->rd_len);
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
 * Take the oldest pending line off the queue into ->rd_line: an overflow
 * line first if events were dropped. Caller holds ->read_lock and ->lock.
 * Returns false when nothing is pending.
 */
static bool tsm_wd_take_line(struct tsm_wd *wd)
{
	int n;

	lockdep_assert_held(&wd->read_lock);
	lockdep_assert_held(&wd->lock);
	if (wd->ev_dropped) {
		n = scnprintf(wd->rd_line, TSM_WD_LINE_MAX, "%llu overflow %u\n",
			      wd->ev_drop_seq, wd->ev_dropped);
		WRITE_ONCE(wd->ev_dropped, 0);
	} else if (wd->ev_count) {
		n = tsm_wd_event_line(&wd->ev[wd->ev_head], wd->rd_line);
		wd->ev_head = (wd->ev_head + 1) % TSM_WATCHDOG_EVENTS_MAX;
		WRITE_ONCE(wd->ev_count, wd->ev_count - 1);
	} else {
		return false;
	}
	WRITE_ONCE(wd->rd_off, 0);
	WRITE_ONCE(wd->rd_len, n);
	return true;
}

/*
 * Copy the next bytes of the line being read, taking a new line off the
 * queue if the last one is done; caller holds ->read_lock. The bytes stay
 * in ->rd_line until userspace has them, so a fault loses nothing.
 * Returns bytes copied, 0 when nothing is pending, -EFAULT when not even
 * one byte could be copied.
 */
static ssize_t tsm_wd_read_some(struct tsm_wd *wd, char __user *buf,
				size_t count)
{
	size_t n, left;

	lockdep_assert_held(&wd->read_lock);
	scoped_guard(mutex, &wd->lock) {
		if (wd->rd_off == wd->rd_len && !tsm_wd_take_line(wd))
			return 0;
	}
	n = min_t(size_t, count, wd->rd_len - wd->rd_off);
	left = copy_to_user(buf, wd->rd_line + wd->rd_off, n);
	if (left == n)
		return -EFAULT;
	WRITE_ONCE(wd->rd_off, wd->rd_off + n - left);
	return n - left;
}

/* As tsm_wd_events_read(), without waiting. */
static ssize_t tsm_wd_read_pending(struct tsm_wd *wd, char __user *buf,
				   size_t count)
{
	size_t done = 0;
	ssize_t n;

	scoped_cond_guard(mutex_intr, return -ERESTARTSYS, &wd->read_lock) {
		while (done < count) {
			n = tsm_wd_read_some(wd, buf + done, count - done);
			if (n < 0)
				return done ? done : n;
			if (!n)
				break;
			done += n;
		}
	}
	return done;
}

/**
 * tsm_wd_events_read() - read the event stream, oldest byte first
 * @wd: the watchdog
 * @buf: user buffer
 * @count: its size; any size works, a line may be read in pieces
 * @nonblock: do not wait for an event (O_NONBLOCK)
 *
 * Returns what is pending, up to @count bytes, waiting for an event first
 * unless @nonblock. Only the bytes userspace got are consumed: the rest of
 * a line stays for the next read, and a fault loses nothing. ->lock is
 * never held across the copy, so a reader stuck in a page fault can not
 * hold up the timers.
 *
 * Return: bytes copied; 0 for @count 0; -EAGAIN when @nonblock and nothing
 * is pending; -ERESTARTSYS on a signal; -EFAULT when not one byte could be
 * copied.
 */
ssize_t tsm_wd_events_read(struct tsm_wd *wd, char __user *buf, size_t count,
			   bool nonblock)
{
	ssize_t n;

	if (!count)
		return 0;
	for (;;) {
		if (!nonblock &&
		    wait_event_interruptible(wd->waitq,
					     tsm_wd_events_pending(wd)))
			return -ERESTARTSYS;
		n = tsm_wd_read_pending(wd, buf, count);
		if (n)
			return n;
		/* Another reader of this file took the events first. */
		if (nonblock)
			return -EAGAIN;
	}
}

/**
 * tsm_wd_events_release() - the device was closed
 * @wd: the watchdog
 *
 * A line read in part is given whole to the next opener, which could
 * not make sense of its tail.
 */
void tsm_wd_events_release(struct tsm_wd *wd)
{
	guard(mutex)(&wd->read_lock);
	if (wd->rd_off != wd->rd_len)
		WRITE_ONCE(wd->rd_off, 0);
}
