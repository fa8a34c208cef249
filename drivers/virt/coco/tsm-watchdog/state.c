// SPDX-License-Identifier: GPL-2.0-only
/*
 * The watchdog's state machine: acks, expectations, TCB readings, source
 * errors, guest pauses, deadlines, policy changes and the actions. Every
 * function here runs with wd->lock held; none of them sleeps on the TCB
 * source.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ktime.h>
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

static ktime_t tsm_wd_secs(unsigned int s, unsigned int permille)
{
	return ms_to_ktime((u64)s * permille);
}

/* The grace of a change counts from the change. */
static void tsm_wd_grace_start(struct tsm_wd *wd)
{
	wd->grace_deadline = ktime_add(wd->changed_at,
				       tsm_wd_secs(wd->pol.grace, 1000));
}

/*
 * Rule 14: unless disarmed, the core holds a reference on its own module
 * and on its source's, so that neither can be unloaded until "disarm"
 * (as softdog pins itself while running). A source module that is
 * already going can not be pinned; it unregisters right after.
 */
static void tsm_wd_pin(struct tsm_wd *wd, bool pin)
{
	if (pin == wd->pinned)
		return;
	wd->pinned = pin;
	if (pin) {
		__module_get(THIS_MODULE);
		wd->src_pinned = wd->src && try_module_get(wd->src->owner);
		return;
	}
	if (wd->src_pinned)
		module_put(wd->src->owner);
	wd->src_pinned = false;
	module_put(THIS_MODULE);
}

/*
 * Under nowayout, being armed binds for good: there is no way back to
 * "disarmed", so the pins of rule 14 stay. A reject before the first ack
 * fires but does not bind: nowayout only binds once armed.
 */
static void tsm_wd_set_state(struct tsm_wd *wd, enum tsm_wd_state state)
{
	if (state == TSM_WD_ARMED && wd->nowayout)
		wd->bound = true;
	tsm_wd_pin(wd, state != TSM_WD_DISARMED);
	if (state == TSM_WD_CHANGED && wd->state != TSM_WD_CHANGED) {
		wd->changed_at = ktime_get();
		tsm_wd_grace_start(wd);
	}
	wd->state = state;
}

/* A valid ack starts a new heartbeat period. */
static void tsm_wd_heartbeat(struct tsm_wd *wd)
{
	wd->last_ack = ktime_get();
	wd->hb_deadline = ktime_add(wd->last_ack,
				    tsm_wd_secs(wd->pol.timeout, 1000));
	wd->pretimeout_at = ktime_add(wd->last_ack,
				      tsm_wd_secs(wd->pol.timeout, 750));
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
 * @cur: the source's current TCB (its last reading, whose floor becomes
 *	the rollback bound), or NULL when there is no source
 *
 * Return: 0, or -ESTALE when @tcb is not the current TCB (nothing changes).
 */
int tsm_wd_ack(struct tsm_wd *wd, const struct tsm_wd_tcb *tcb,
	       const struct tsm_wd_tcb *cur)
{
	lockdep_assert_held(&wd->lock);
	if (cur && !tsm_wd_tcb_equal(tcb, cur))
		return -ESTALE;
	wd->have_ack_floor = cur && wd->have_floor;
	if (wd->have_ack_floor)
		wd->ack_floor = wd->floor_tcb;
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
 * Drops the module references of rule 14.
 *
 * Return: 0, or -EPERM once armed under nowayout.
 */
int tsm_wd_disarm(struct tsm_wd *wd)
{
	lockdep_assert_held(&wd->lock);
	if (wd->state == TSM_WD_DISARMED)
		return 0;
	if (wd->bound)
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
	if (wd->bound && tsm_wd_policy_weaker(pol, &wd->pol))
		return -EPERM;
	if (pol->poll_ms != wd->pol.poll_ms)
		tsm_wd_kick_poll(wd);
	/* A grace that starts only now: permissive had none running. */
	if (wd->pol.mode == TSM_WD_PERMISSIVE && pol->mode == TSM_WD_RELAXED)
		wd->changed_at = ktime_get();
	old_mode = wd->pol.mode;
	wd->pol = *pol;
	wd->hb_deadline = ktime_add(wd->last_ack,
				    tsm_wd_secs(pol->timeout, 1000));
	wd->pretimeout_at = ktime_add(wd->last_ack,
				      tsm_wd_secs(pol->timeout, 750));
	if (ktime_after(wd->pretimeout_at, ktime_get()))
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

/* compare() of the source, 0 (no order) without one. */
static int tsm_wd_compare(struct tsm_wd *wd, const struct tsm_wd_tcb *a,
			  const struct tsm_wd_tcb *b)
{
	const struct tsm_wd_source_ops *ops = wd->src ? wd->src->ops : NULL;

	if (!ops || !ops->compare || strcmp(a->scheme, b->scheme))
		return 0;
	return ops->compare(wd->src, a, b);
}

/*
 * Rule 4: a TCB older than the floor that held at the last ack, or a
 * floor older than that one, is a rollback; without a floor at the last
 * ack, a TCB older than the baseline is.
 */
static bool tsm_wd_is_rollback(struct tsm_wd *wd,
			       const struct tsm_wd_reading *r)
{
	if (!wd->have_ack_floor)
		return tsm_wd_compare(wd, &r->tcb, &wd->acked_tcb) < 0;
	return tsm_wd_compare(wd, &r->tcb, &wd->ack_floor) < 0 ||
	       (r->has_floor && tsm_wd_compare(wd, &r->floor, &wd->ack_floor) < 0);
}

/* Remember what was reported, so that the next polls do not repeat it. */
static void tsm_wd_reported(struct tsm_wd *wd, const struct tsm_wd_tcb *tcb,
			    bool rollback)
{
	wd->reported_tcb = *tcb;
	wd->have_reported = true;
	wd->reported_rollback = rollback;
}

static bool tsm_wd_already_reported(struct tsm_wd *wd,
				    const struct tsm_wd_tcb *tcb, bool rollback)
{
	return wd->have_reported && wd->reported_rollback == rollback &&
	       tsm_wd_tcb_equal(tcb, &wd->reported_tcb);
}

static void tsm_wd_rollback(struct tsm_wd *wd, const struct tsm_wd_tcb *tcb)
{
	if (tsm_wd_already_reported(wd, tcb, true))
		return;
	tsm_wd_reported(wd, tcb, true);
	tsm_wd_event(wd, TSM_WD_EV_ROLLBACK, tcb);
	if (!tsm_wd_running(wd))
		return;
	if (wd->pol.mode != TSM_WD_PERMISSIVE)
		tsm_wd_fire(wd, "TCB rollback", tcb);
	else
		tsm_wd_set_state(wd, TSM_WD_CHANGED);
	tsm_wd_schedule_timer(wd);
}

/* An expected TCB arrived: it becomes the baseline (rule 8). */
static void tsm_wd_renewal(struct tsm_wd *wd, const struct tsm_wd_tcb *tcb,
			   unsigned int i)
{
	tsm_wd_drop_expected(wd, i);
	wd->acked_tcb = *tcb;
	wd->have_reported = false;
	tsm_wd_event(wd, TSM_WD_EV_RENEWED, tcb);
	if (!tsm_wd_running(wd))
		return;
	tsm_wd_set_state(wd, TSM_WD_ARMED);
	tsm_wd_schedule_timer(wd);
}

/* A TCB neither acked nor expected: changed, per mode. */
static void tsm_wd_unexpected(struct tsm_wd *wd, const struct tsm_wd_tcb *tcb)
{
	tsm_wd_reported(wd, tcb, false);
	tsm_wd_event(wd, TSM_WD_EV_CHANGED, tcb);
	if (!tsm_wd_running(wd))
		return;
	if (wd->pol.mode == TSM_WD_STRICT)
		tsm_wd_fire(wd, "unexpected TCB (strict)", tcb);
	else
		tsm_wd_set_state(wd, TSM_WD_CHANGED);
	tsm_wd_schedule_timer(wd);
}

/* The reading equals the baseline: a change being reported is over. */
static void tsm_wd_back_to_baseline(struct tsm_wd *wd,
				    const struct tsm_wd_tcb *tcb)
{
	wd->have_reported = false;
	if (wd->state != TSM_WD_CHANGED)
		return;
	tsm_wd_set_state(wd, TSM_WD_ARMED);
	tsm_wd_event(wd, TSM_WD_EV_ARMED, tcb);
	tsm_wd_schedule_timer(wd);
}

/* Rules 3 and 4 against the baseline; events in every state. */
static void tsm_wd_classify(struct tsm_wd *wd, const struct tsm_wd_reading *r)
{
	const struct tsm_wd_tcb *tcb = &r->tcb;
	int i;

	if (tsm_wd_is_rollback(wd, r)) {
		tsm_wd_rollback(wd, tcb);
		return;
	}
	if (tsm_wd_tcb_equal(tcb, &wd->acked_tcb)) {
		tsm_wd_back_to_baseline(wd, tcb);
		return;
	}
	/* Above the floor but below the baseline: a provisional update
	 * backed out. Reported once, then handled as a change.
	 */
	if (tsm_wd_compare(wd, tcb, &wd->acked_tcb) < 0 &&
	    !tsm_wd_already_reported(wd, tcb, false))
		tsm_wd_event(wd, TSM_WD_EV_REVERTED, tcb);
	i = tsm_wd_find_expected(wd, tcb);
	if (i >= 0) {
		tsm_wd_renewal(wd, tcb, i);
		return;
	}
	if (!tsm_wd_already_reported(wd, tcb, false))
		tsm_wd_unexpected(wd, tcb);
}

/* The source is back after failing reads. */
static void tsm_wd_source_recovered(struct tsm_wd *wd)
{
	if (!wd->source_failing)
		return;
	pr_info("source %s recovered after %u failed reads\n",
		wd->src ? wd->src->name : "?", wd->failed_reads);
	wd->source_failing = false;
	wd->source_lost = false;
	wd->failed_reads = 0;
}

/**
 * tsm_wd_reading_observed() - the source was read: apply the poll rules
 * @wd: the watchdog
 * @r: what the read returned
 *
 * Every reading goes through here in the order it was read (the caller
 * holds ->src_lock across the read and this call). Without a baseline
 * (never acked), a TCB that differs from the previous reading is still
 * reported as "changed".
 */
void tsm_wd_reading_observed(struct tsm_wd *wd,
			     const struct tsm_wd_reading *r)
{
	bool had_current = wd->have_current;
	struct tsm_wd_tcb prev = wd->current_tcb;

	lockdep_assert_held(&wd->lock);
	wd->current_tcb = r->tcb;
	wd->have_current = true;
	wd->have_floor = r->has_floor;
	wd->floor_tcb = r->floor;
	wd->have_launch = r->has_launch;
	wd->launch_tcb = r->launch;
	wd->last_good = ktime_get();
	tsm_wd_source_recovered(wd);

	if (wd->have_acked)
		tsm_wd_classify(wd, r);
	else if (had_current && !tsm_wd_tcb_equal(&prev, &r->tcb))
		tsm_wd_event(wd, TSM_WD_EV_CHANGED, &r->tcb);
}

/**
 * tsm_wd_source_fresh() - is the last good reading within grace (rule 12)
 * @wd: the watchdog
 *
 * Return: true when the source produced a TCB less than @grace seconds
 * ago, so that the last TCB still stands for the current one.
 */
bool tsm_wd_source_fresh(struct tsm_wd *wd)
{
	ktime_t limit = ktime_add(wd->last_good,
				  tsm_wd_secs(wd->pol.grace, 1000));

	lockdep_assert_held(&wd->lock);
	return wd->have_current && ktime_before(ktime_get(), limit);
}

/**
 * tsm_wd_source_failed() - a source read failed or the source was busy
 * @wd: the watchdog
 * @err: the negative errno it returned
 *
 * Rule 12: the last TCB stands; one source-error event per run of
 * failures. Once the last good reading is older than @grace and at least
 * three reads in a row failed, the TCB is unverifiable: source-lost, and
 * relaxed and strict fire.
 */
void tsm_wd_source_failed(struct tsm_wd *wd, int err)
{
	lockdep_assert_held(&wd->lock);
	wd->source_errors++;
	wd->failed_reads++;
	if (!wd->source_failing) {
		wd->source_failing = true;
		pr_warn("source %s: reading the TCB failed: %d\n",
			wd->src ? wd->src->name : "?", err);
		tsm_wd_event(wd, TSM_WD_EV_SOURCE_ERROR, NULL);
	}
	if (wd->source_lost || wd->failed_reads < 3 ||
	    ktime_before(ktime_get(), ktime_add(wd->last_good,
						tsm_wd_secs(wd->pol.grace, 1000))))
		return;
	wd->source_lost = true;
	pr_warn("source %s: no TCB for %u s: TCB unverifiable\n",
		wd->src ? wd->src->name : "?", wd->pol.grace);
	tsm_wd_event(wd, TSM_WD_EV_SOURCE_LOST, tsm_wd_now_tcb(wd));
	if (tsm_wd_running(wd) && wd->pol.mode != TSM_WD_PERMISSIVE)
		tsm_wd_fire(wd, "TCB source lost", tsm_wd_now_tcb(wd));
}

/**
 * tsm_wd_source_changed() - a source registered or went away
 * @wd: the watchdog
 * @src: the new source, or NULL when the old one went away
 *
 * Caller holds ->src_lock and ->lock and has not yet changed ->src.
 * Moves the module reference of rule 14 to the new source; a source that
 * goes away is an event "source-gone".
 */
void tsm_wd_source_changed(struct tsm_wd *wd, struct tsm_wd_source *src)
{
	lockdep_assert_held(&wd->lock);
	if (wd->src_pinned)
		module_put(wd->src->owner);
	wd->src_pinned = wd->pinned && src && try_module_get(src->owner);
	if (!src)
		tsm_wd_event(wd, TSM_WD_EV_SOURCE_GONE, tsm_wd_now_tcb(wd));
	wd->have_current = false;
	wd->have_floor = false;
	wd->have_launch = false;
	wd->have_reported = false;
	wd->source_failing = false;
	wd->source_lost = false;
	wd->failed_reads = 0;
	wd->last_good = ktime_get();
	wd->tcb_static = TSM_WD_TCB_STATIC_UNKNOWN;
	if (src && src->ops->tcb_static)
		wd->tcb_static = src->ops->tcb_static(src);
}

/**
 * tsm_wd_resumed() - the core ran late: was the guest paused (rule 13)
 * @wd: the watchdog
 * @due: when the poll or deadline that runs now was due
 * @now: when it ran
 *
 * More than a second late is a pause (the host stopped the guest, or a
 * migration blacked it out, while its clocks ran on). Reported once per
 * pause as "resumed <ms>"; userspace, paused too, gets one @grace to ack
 * before a heartbeat or grace deadline fires. The caller polls the TCB at
 * once.
 *
 * Return: true when this is a pause not handled before.
 */
bool tsm_wd_resumed(struct tsm_wd *wd, ktime_t due, ktime_t now)
{
	s64 late = ktime_ms_delta(now, due);
	ktime_t extend = ktime_add(now, tsm_wd_secs(wd->pol.grace, 1000));

	lockdep_assert_held(&wd->lock);
	if (late <= MSEC_PER_SEC || !ktime_after(due, wd->resume_handled))
		return false;
	wd->resume_handled = now;
	pr_info("resumed: ran %lld ms late (guest paused?)\n", late);
	tsm_wd_event_num(wd, TSM_WD_EV_RESUMED, tsm_wd_now_tcb(wd), late);
	if (!tsm_wd_running(wd))
		return true;
	if (ktime_before(wd->hb_deadline, extend))
		wd->hb_deadline = extend;
	if (wd->state == TSM_WD_CHANGED &&
	    ktime_before(wd->grace_deadline, extend))
		wd->grace_deadline = extend;
	tsm_wd_schedule_timer(wd);
	return true;
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
	ktime_t now = ktime_get();

	lockdep_assert_held(&wd->lock);
	if (!tsm_wd_running(wd) || wd->pol.mode == TSM_WD_PERMISSIVE)
		return;
	if (!ktime_before(now, wd->hb_deadline)) {
		tsm_wd_event(wd, TSM_WD_EV_EXPIRED, tsm_wd_now_tcb(wd));
		tsm_wd_fire(wd, "heartbeat expired", tsm_wd_now_tcb(wd));
		return;
	}
	if (tsm_wd_grace_running(wd) && !ktime_before(now, wd->grace_deadline)) {
		tsm_wd_event(wd, TSM_WD_EV_EXPIRED, &wd->reported_tcb);
		tsm_wd_fire(wd, "unexpected TCB not acked within grace",
			    &wd->reported_tcb);
		return;
	}
	if (!wd->pretimeout_sent && !ktime_before(now, wd->pretimeout_at)) {
		wd->pretimeout_sent = true;
		tsm_wd_event(wd, TSM_WD_EV_PRETIMEOUT, tsm_wd_now_tcb(wd));
	}
	tsm_wd_schedule_timer(wd);
}

/**
 * tsm_wd_schedule_timer() - (re)arm the deadline hrtimer
 * @wd: the watchdog
 *
 * An hrtimer expires at the deadline itself, so the action fires on time
 * (the timer wheel would round a long delay up by up to 1/8 of it).
 */
void tsm_wd_schedule_timer(struct tsm_wd *wd)
{
	ktime_t next, now = ktime_get();

	lockdep_assert_held(&wd->lock);
	if (wd->stopping)
		return;
	/*
	 * A deadline whose checks have not run yet (timer queued, or its
	 * work pending, or running and waiting for ->lock behind us) more
	 * than a second overdue means the guest did not run: handle the
	 * pause before the new deadline hides it (rule 13). Re-entry from
	 * tsm_wd_resumed() finds the pause handled.
	 */
	if (wd->timer_armed && tsm_wd_resumed(wd, wd->timer_due, now))
		tsm_wd_kick_poll(wd);
	if (!tsm_wd_running(wd) || wd->pol.mode == TSM_WD_PERMISSIVE) {
		wd->timer_armed = false;
		hrtimer_try_to_cancel(&wd->timer);
		return;
	}
	next = wd->hb_deadline;
	if (!wd->pretimeout_sent && ktime_before(wd->pretimeout_at, next))
		next = wd->pretimeout_at;
	if (tsm_wd_grace_running(wd) && ktime_before(wd->grace_deadline, next))
		next = wd->grace_deadline;
	/* A deadline a new policy put in the past is due now, not late. */
	wd->timer_due = ktime_before(next, now) ? now : next;
	wd->timer_armed = true;
	hrtimer_start(&wd->timer, wd->timer_due, HRTIMER_MODE_ABS);
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
	ktime_t next;
	s64 ms;

	lockdep_assert_held(&wd->lock);
	if (!tsm_wd_running(wd) || wd->pol.mode == TSM_WD_PERMISSIVE)
		return 0;
	next = wd->hb_deadline;
	if (tsm_wd_grace_running(wd) && ktime_before(wd->grace_deadline, next))
		next = wd->grace_deadline;
	ms = ktime_ms_delta(next, ktime_get());
	return ms > 0 ? DIV_ROUND_UP_ULL(ms, MSEC_PER_SEC) : 0;
}

/**
 * tsm_wd_polling() - does anything need the TCB read every poll_ms
 * @wd: the watchdog
 *
 * The periodic poll reads the source (a TDCALL, or a guest request the
 * host relays and throttles) only while something needs the TCB: the
 * watchdog is not disarmed, or /dev/tsm_watchdog is open (its reader
 * follows the events: every event in every state). A disarmed, closed
 * watchdog reads the source only on demand: for an ack, a sysfs
 * current_tcb read, or a kick (a push notification from the source, a
 * new poll_ms, an expectation).
 *
 * Return: true when the poll reads the source.
 */
bool tsm_wd_polling(struct tsm_wd *wd)
{
	lockdep_assert_held(&wd->lock);
	return wd->state != TSM_WD_DISARMED || atomic_read(&wd->open);
}
