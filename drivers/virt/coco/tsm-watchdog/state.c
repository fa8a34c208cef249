// SPDX-License-Identifier: GPL-2.0-only
/*
 * The watchdog's state machine: acks, expectations, TCB changes, timers,
 * policy changes and the actions. Every function here runs with wd->lock
 * held; none of them sleeps on the TCB source.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/panic.h>
#include <linux/reboot.h>

#include "tsm_wd.h"

const char *const tsm_wd_state_names[] = {
	[TSM_WD_DISARMED] = "disarmed",
	[TSM_WD_ARMED] = "armed",
	[TSM_WD_CHANGED] = "changed",
	[TSM_WD_FIRED] = "fired",
};

const char *const tsm_wd_mode_names[] = {
	[TSM_WD_PERMISSIVE] = "permissive",
	[TSM_WD_RELAXED] = "relaxed",
	[TSM_WD_STRICT] = "strict",
};

static_assert(ARRAY_SIZE(tsm_wd_mode_names) == TSM_WD_NR_MODES);

const char *const tsm_wd_action_names[] = {
	[TSM_WD_ACT_LOG] = "log",
	[TSM_WD_ACT_WARN] = "warn",
	[TSM_WD_ACT_REBOOT] = "reboot",
	[TSM_WD_ACT_POWEROFF] = "poweroff",
	[TSM_WD_ACT_PANIC] = "panic",
};

static_assert(ARRAY_SIZE(tsm_wd_action_names) == TSM_WD_NR_ACTIONS);

static bool tsm_wd_running(struct tsm_wd *wd)
{
	return wd->state == TSM_WD_ARMED || wd->state == TSM_WD_CHANGED;
}

static unsigned long tsm_wd_secs(unsigned int s, unsigned int permille)
{
	return msecs_to_jiffies(s * permille);
}

/* The grace of a change counts from the change. */
static void tsm_wd_grace_start(struct tsm_wd *wd)
{
	wd->grace_deadline = wd->changed_at + tsm_wd_secs(wd->pol.grace, 1000);
}

/*
 * Under nowayout, being armed pins the module for good (there is no way
 * back to "disarmed"); without it the module may go while running, as its
 * exit stops every timer. A reject before the first ack fires but does not
 * arm: nowayout only binds once armed.
 */
static void tsm_wd_set_state(struct tsm_wd *wd, enum tsm_wd_state state)
{
	if (state == TSM_WD_ARMED && wd->nowayout && !wd->pinned) {
		__module_get(THIS_MODULE);
		wd->pinned = true;
	} else if (state == TSM_WD_DISARMED && wd->pinned) {
		module_put(THIS_MODULE);
		wd->pinned = false;
	}
	if (state == TSM_WD_CHANGED && wd->state != TSM_WD_CHANGED) {
		wd->changed_at = jiffies;
		tsm_wd_grace_start(wd);
	}
	wd->state = state;
}

/* A valid ack starts a new heartbeat period. */
static void tsm_wd_heartbeat(struct tsm_wd *wd)
{
	wd->last_ack = jiffies;
	wd->hb_deadline = wd->last_ack + tsm_wd_secs(wd->pol.timeout, 1000);
	wd->pretimeout_at = wd->last_ack + tsm_wd_secs(wd->pol.timeout, 750);
	wd->pretimeout_sent = false;
}

/* The TCB to name in an event about the guest as a whole. */
static const struct tsm_wd_tcb *tsm_wd_now_tcb(struct tsm_wd *wd)
{
	if (wd->have_current)
		return &wd->current_tcb;
	return wd->have_acked ? &wd->acked_tcb : NULL;
}

static void tsm_wd_fire(struct tsm_wd *wd, const char *why,
			const struct tsm_wd_tcb *tcb)
{
	char text[TSM_WD_TCB_TEXT_MAX] = "none";

	if (tcb)
		tsm_wd_tcb_format(tcb, text, sizeof(text));
	tsm_wd_set_state(wd, TSM_WD_FIRED);
	wd->fire_count++;
	tsm_wd_event(wd, TSM_WD_EV_FIRED, tcb);
	tsm_wd_schedule_timer(wd);

	switch (wd->pol.action) {
	case TSM_WD_ACT_LOG:
		pr_warn("fired: %s (tcb %s, action log)\n", why, text);
		break;
	case TSM_WD_ACT_WARN:
		WARN(1, "tsm_watchdog: fired: %s (tcb %s)\n", why, text);
		break;
	case TSM_WD_ACT_REBOOT:
		pr_emerg("fired: %s (tcb %s): rebooting\n", why, text);
		orderly_reboot();
		break;
	case TSM_WD_ACT_POWEROFF:
		pr_emerg("fired: %s (tcb %s): powering off\n", why, text);
		orderly_poweroff(true);
		break;
	case TSM_WD_ACT_PANIC:
		panic("tsm_watchdog: fired: %s (tcb %s)\n", why, text);
	default:
		break;
	}
}

/**
 * tsm_wd_ack() - userspace verified @tcb: heartbeat, arm, re-arm
 * @wd: the watchdog
 * @tcb: the TCB userspace names
 * @cur: the source's current TCB, or NULL when there is no source
 *
 * Return: 0, or -ESTALE when @tcb is not the current TCB (nothing changes).
 */
int tsm_wd_ack(struct tsm_wd *wd, const struct tsm_wd_tcb *tcb,
	       const struct tsm_wd_tcb *cur)
{
	lockdep_assert_held(&wd->lock);
	if (cur && !tsm_wd_tcb_equal(tcb, cur))
		return -ESTALE;
	if (cur) {
		wd->current_tcb = *cur;
		wd->have_current = true;
	}
	wd->acked_tcb = *tcb;
	wd->have_acked = true;
	wd->have_reported = false;
	tsm_wd_heartbeat(wd);
	if (wd->state == TSM_WD_ARMED) {
		tsm_wd_event(wd, TSM_WD_EV_ACKED, tcb);
	} else {
		tsm_wd_set_state(wd, TSM_WD_ARMED);
		tsm_wd_event(wd, TSM_WD_EV_ARMED, tcb);
	}
	tsm_wd_schedule_timer(wd);
	return 0;
}

static int tsm_wd_find_expected(struct tsm_wd *wd, const struct tsm_wd_tcb *tcb)
{
	unsigned int i;

	for (i = 0; i < wd->n_expected; i++)
		if (tsm_wd_tcb_equal(&wd->expected[i], tcb))
			return i;
	return -ENOENT;
}

static void tsm_wd_drop_expected(struct tsm_wd *wd, unsigned int i)
{
	wd->n_expected--;
	memmove(&wd->expected[i], &wd->expected[i + 1],
		(wd->n_expected - i) * sizeof(wd->expected[0]));
}

/**
 * tsm_wd_expect() - pre-approve a future TCB
 * @wd: the watchdog
 * @tcb: the TCB; approving one already held is a no-op
 *
 * Return: 0, -EINVAL when its scheme is not the source's, -ENOSPC when
 * TSM_WATCHDOG_EXPECT_MAX are held.
 */
int tsm_wd_expect(struct tsm_wd *wd, const struct tsm_wd_tcb *tcb)
{
	lockdep_assert_held(&wd->lock);
	if (wd->src && strcmp(tcb->scheme, wd->src->scheme))
		return -EINVAL;
	if (tsm_wd_find_expected(wd, tcb) >= 0)
		return 0;
	if (wd->n_expected == TSM_WATCHDOG_EXPECT_MAX)
		return -ENOSPC;
	wd->expected[wd->n_expected++] = *tcb;
	return 0;
}

/**
 * tsm_wd_unexpect() - withdraw a pre-approval
 * @wd: the watchdog
 * @tcb: the TCB, or NULL for all of them
 *
 * Return: 0, or -ENOENT when @tcb is not held.
 */
int tsm_wd_unexpect(struct tsm_wd *wd, const struct tsm_wd_tcb *tcb)
{
	int i;

	lockdep_assert_held(&wd->lock);
	if (!tcb) {
		wd->n_expected = 0;
		return 0;
	}
	i = tsm_wd_find_expected(wd, tcb);
	if (i < 0)
		return i;
	tsm_wd_drop_expected(wd, i);
	return 0;
}

/**
 * tsm_wd_reject() - userspace's verifier said no: fire now, in every mode
 * @wd: the watchdog
 */
void tsm_wd_reject(struct tsm_wd *wd)
{
	lockdep_assert_held(&wd->lock);
	tsm_wd_fire(wd, "rejected by userspace", tsm_wd_now_tcb(wd));
}

/**
 * tsm_wd_disarm() - stop the watchdog
 * @wd: the watchdog
 *
 * Return: 0, or -EPERM once armed under nowayout.
 */
int tsm_wd_disarm(struct tsm_wd *wd)
{
	lockdep_assert_held(&wd->lock);
	if (wd->state == TSM_WD_DISARMED)
		return 0;
	if (wd->pinned)
		return -EPERM;
	tsm_wd_set_state(wd, TSM_WD_DISARMED);
	wd->have_reported = false;
	tsm_wd_event(wd, TSM_WD_EV_DISARMED, NULL);
	tsm_wd_schedule_timer(wd);
	return 0;
}

static bool tsm_wd_policy_weaker(const struct tsm_wd_policy *n,
				 const struct tsm_wd_policy *o)
{
	return n->mode < o->mode || n->action < o->action ||
	       n->timeout > o->timeout || n->grace > o->grace ||
	       n->poll_ms > o->poll_ms;
}

/**
 * tsm_wd_set_policy() - replace the policy
 * @wd: the watchdog
 * @pol: the new policy
 *
 * A new timeout counts from the last ack: "set" is not a heartbeat.
 *
 * Return: 0, -EINVAL when a value is out of range, -EPERM when the policy
 * is weaker than the current one once armed under nowayout.
 */
int tsm_wd_set_policy(struct tsm_wd *wd, const struct tsm_wd_policy *pol)
{
	int err = tsm_wd_policy_check(pol);
	enum tsm_wd_mode old_mode;

	lockdep_assert_held(&wd->lock);
	if (err)
		return err;
	if (wd->pinned && tsm_wd_policy_weaker(pol, &wd->pol))
		return -EPERM;
	if (pol->poll_ms != wd->pol.poll_ms)
		tsm_wd_kick_poll(wd);
	/* A grace that starts only now: permissive had none running. */
	if (wd->pol.mode == TSM_WD_PERMISSIVE && pol->mode == TSM_WD_RELAXED)
		wd->changed_at = jiffies;
	old_mode = wd->pol.mode;
	wd->pol = *pol;
	wd->hb_deadline = wd->last_ack + tsm_wd_secs(pol->timeout, 1000);
	wd->pretimeout_at = wd->last_ack + tsm_wd_secs(pol->timeout, 750);
	if (time_after(wd->pretimeout_at, jiffies))
		wd->pretimeout_sent = false;
	tsm_wd_grace_start(wd);
	if (wd->state == TSM_WD_CHANGED && old_mode == TSM_WD_PERMISSIVE &&
	    pol->mode != TSM_WD_PERMISSIVE && wd->reported_rollback) {
		tsm_wd_fire(wd, "TCB rollback", &wd->reported_tcb);
		return 0;
	}
	if (wd->state == TSM_WD_CHANGED && pol->mode == TSM_WD_STRICT) {
		tsm_wd_fire(wd, "unexpected TCB (strict)", &wd->reported_tcb);
		return 0;
	}
	tsm_wd_schedule_timer(wd);
	return 0;
}

/* A TCB neither acked nor expected: changed or rollback, per mode. */
static void tsm_wd_unexpected(struct tsm_wd *wd, const struct tsm_wd_tcb *tcb)
{
	const struct tsm_wd_source_ops *ops = wd->src ? wd->src->ops : NULL;
	bool rollback = ops && ops->compare &&
			ops->compare(wd->src, tcb, &wd->acked_tcb) < 0;

	wd->reported_tcb = *tcb;
	wd->have_reported = true;
	wd->reported_rollback = rollback;
	tsm_wd_event(wd, rollback ? TSM_WD_EV_ROLLBACK : TSM_WD_EV_CHANGED,
		     tcb);
	if (wd->pol.mode != TSM_WD_PERMISSIVE && rollback)
		tsm_wd_fire(wd, "TCB rollback", tcb);
	else if (wd->pol.mode == TSM_WD_STRICT)
		tsm_wd_fire(wd, "unexpected TCB (strict)", tcb);
	else
		tsm_wd_set_state(wd, TSM_WD_CHANGED);
	tsm_wd_schedule_timer(wd);
}

/**
 * tsm_wd_tcb_observed() - the source reported @tcb: apply the poll rules
 * @wd: the watchdog
 * @tcb: the current TCB
 */
void tsm_wd_tcb_observed(struct tsm_wd *wd, const struct tsm_wd_tcb *tcb)
{
	int i;

	lockdep_assert_held(&wd->lock);
	wd->current_tcb = *tcb;
	wd->have_current = true;
	if (wd->source_failing) {
		wd->source_failing = false;
		pr_info("source %s recovered\n", wd->src ? wd->src->name : "?");
	}
	if (!tsm_wd_running(wd) || !wd->have_acked)
		return;

	if (tsm_wd_tcb_equal(tcb, &wd->acked_tcb)) {
		if (wd->state == TSM_WD_CHANGED) {
			wd->have_reported = false;
			tsm_wd_set_state(wd, TSM_WD_ARMED);
			tsm_wd_event(wd, TSM_WD_EV_ARMED, tcb);
			tsm_wd_schedule_timer(wd);
		}
		return;
	}
	i = tsm_wd_find_expected(wd, tcb);
	if (i >= 0) {
		tsm_wd_drop_expected(wd, i);
		wd->acked_tcb = *tcb;
		wd->have_reported = false;
		tsm_wd_set_state(wd, TSM_WD_ARMED);
		tsm_wd_event(wd, TSM_WD_EV_RENEWED, tcb);
		tsm_wd_schedule_timer(wd);
		return;
	}
	if (wd->have_reported && tsm_wd_tcb_equal(tcb, &wd->reported_tcb))
		return;
	tsm_wd_unexpected(wd, tcb);
}

/**
 * tsm_wd_source_failed() - a source read failed
 * @wd: the watchdog
 * @err: the negative errno it returned
 *
 * One source-error event per run of failures; the next good read ends it.
 */
void tsm_wd_source_failed(struct tsm_wd *wd, int err)
{
	lockdep_assert_held(&wd->lock);
	if (wd->source_failing)
		return;
	wd->source_failing = true;
	pr_warn("source %s: reading the TCB failed: %d\n",
		wd->src ? wd->src->name : "?", err);
	tsm_wd_event(wd, TSM_WD_EV_SOURCE_ERROR, NULL);
}

static bool tsm_wd_grace_running(struct tsm_wd *wd)
{
	return wd->state == TSM_WD_CHANGED && wd->pol.mode == TSM_WD_RELAXED;
}

/**
 * tsm_wd_timer_expired() - a deadline passed: pretimeout, expiry, grace
 * @wd: the watchdog
 */
void tsm_wd_timer_expired(struct tsm_wd *wd)
{
	unsigned long now = jiffies;

	lockdep_assert_held(&wd->lock);
	if (!tsm_wd_running(wd) || wd->pol.mode == TSM_WD_PERMISSIVE)
		return;
	if (time_after_eq(now, wd->hb_deadline)) {
		tsm_wd_event(wd, TSM_WD_EV_EXPIRED, tsm_wd_now_tcb(wd));
		tsm_wd_fire(wd, "heartbeat expired", tsm_wd_now_tcb(wd));
		return;
	}
	if (tsm_wd_grace_running(wd) &&
	    time_after_eq(now, wd->grace_deadline)) {
		tsm_wd_event(wd, TSM_WD_EV_EXPIRED, &wd->reported_tcb);
		tsm_wd_fire(wd, "unexpected TCB not acked within grace",
			    &wd->reported_tcb);
		return;
	}
	if (!wd->pretimeout_sent && time_after_eq(now, wd->pretimeout_at)) {
		wd->pretimeout_sent = true;
		tsm_wd_event(wd, TSM_WD_EV_PRETIMEOUT, tsm_wd_now_tcb(wd));
	}
	tsm_wd_schedule_timer(wd);
}

/**
 * tsm_wd_schedule_timer() - (re)arm timer_work for the next deadline
 * @wd: the watchdog
 */
void tsm_wd_schedule_timer(struct tsm_wd *wd)
{
	unsigned long next, delay, now = jiffies;

	lockdep_assert_held(&wd->lock);
	if (wd->stopping)
		return;
	if (!tsm_wd_running(wd) || wd->pol.mode == TSM_WD_PERMISSIVE) {
		cancel_delayed_work(&wd->timer_work);
		return;
	}
	next = wd->hb_deadline;
	if (!wd->pretimeout_sent && time_before(wd->pretimeout_at, next))
		next = wd->pretimeout_at;
	if (tsm_wd_grace_running(wd) && time_before(wd->grace_deadline, next))
		next = wd->grace_deadline;
	delay = time_after(next, now) ? next - now : 0;
	/*
	 * The timer wheel rounds a delay of 64 jiffies or more up by less
	 * than 1/8 of it: wake up that much early and re-arm from there, so
	 * the deadline is met within a jiffy instead of seconds late.
	 */
	if (delay >= 64)
		delay -= delay / 8;
	mod_delayed_work(system_highpri_wq, &wd->timer_work, delay);
}

/**
 * tsm_wd_timeleft() - seconds until the action fires on its own
 * @wd: the watchdog
 *
 * Return: seconds (rounded up) to the heartbeat or grace deadline,
 * whichever is first; 0 when nothing is due to fire.
 */
unsigned int tsm_wd_timeleft(struct tsm_wd *wd)
{
	unsigned long next, now = jiffies;

	lockdep_assert_held(&wd->lock);
	if (!tsm_wd_running(wd) || wd->pol.mode == TSM_WD_PERMISSIVE)
		return 0;
	next = wd->hb_deadline;
	if (tsm_wd_grace_running(wd) && time_before(wd->grace_deadline, next))
		next = wd->grace_deadline;
	if (!time_after(next, now))
		return 0;
	return DIV_ROUND_UP(jiffies_to_msecs(next - now), MSEC_PER_SEC);
}
