// SPDX-License-Identifier: GPL-2.0-only
/*
 * tsm-watchdog core: module parameters, the TCB source API and the poll.
 *
 * The core knows no vendor: TCB sources (tdx, sim, ...) register a
 * struct tsm_wd_source; the core polls it, runs the state machine
 * (state.c) and owns everything userspace sees (dev.c, sysfs.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cleanup.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "tsm_compat.h"
#include "tsm_wd.h"
#include "tsm_wd_defaults.h"

/* The module parameters, in one place; read once, at load. */
static struct {
	char *mode;
	char *action;
	unsigned int timeout;
	unsigned int grace;
	unsigned int poll_ms;
	bool nowayout;
} tsm_wd_param = {
	.mode = TSM_WD_DEFAULT_MODE,
	.action = TSM_WD_DEFAULT_ACTION,
	.timeout = CONFIG_TSM_WATCHDOG_TIMEOUT,
	.grace = CONFIG_TSM_WATCHDOG_GRACE,
	.poll_ms = CONFIG_TSM_WATCHDOG_POLL_MS,
	.nowayout = IS_ENABLED(CONFIG_TSM_WATCHDOG_NOWAYOUT),
};

module_param_named(mode, tsm_wd_param.mode, charp, 0444);
MODULE_PARM_DESC(mode, "permissive|relaxed|strict (default "
		 TSM_WD_DEFAULT_MODE ")");
module_param_named(action, tsm_wd_param.action, charp, 0444);
MODULE_PARM_DESC(action, "log|warn|poweroff|reboot|panic (default "
		 TSM_WD_DEFAULT_ACTION ")");
module_param_named(timeout, tsm_wd_param.timeout, uint, 0444);
MODULE_PARM_DESC(timeout, "heartbeat timeout, 1..86400 s (default "
		 __stringify(CONFIG_TSM_WATCHDOG_TIMEOUT) ")");
module_param_named(grace, tsm_wd_param.grace, uint, 0444);
MODULE_PARM_DESC(grace, "time to ack an unexpected TCB, 1..86400 s (default "
		 __stringify(CONFIG_TSM_WATCHDOG_GRACE) ")");
module_param_named(poll_ms, tsm_wd_param.poll_ms, uint, 0444);
MODULE_PARM_DESC(poll_ms, "TCB poll interval, 50..600000 ms (default "
		 __stringify(CONFIG_TSM_WATCHDOG_POLL_MS) ")");
module_param_named(nowayout, tsm_wd_param.nowayout, bool, 0444);
MODULE_PARM_DESC(nowayout, "once armed: no disarm, no unload, no weaker policy (default "
		 TSM_WD_DEFAULT_NOWAYOUT ")");

/* The one instance; set before the device and the source API go live. */
static struct tsm_wd *tsm_wd_dev;

/**
 * tsm_wd_policy_check() - are all knobs of @pol in range
 * @pol: the policy
 *
 * Return: 0 or -EINVAL.
 */
int tsm_wd_policy_check(const struct tsm_wd_policy *pol)
{
	if (pol->mode >= TSM_WD_NR_MODES || pol->action >= TSM_WD_NR_ACTIONS)
		return -EINVAL;
	if (pol->timeout < TSM_WATCHDOG_TIMEOUT_MIN ||
	    pol->timeout > TSM_WATCHDOG_TIMEOUT_MAX)
		return -EINVAL;
	if (pol->grace < TSM_WATCHDOG_GRACE_MIN ||
	    pol->grace > TSM_WATCHDOG_GRACE_MAX)
		return -EINVAL;
	if (pol->poll_ms < TSM_WATCHDOG_POLL_MS_MIN ||
	    pol->poll_ms > TSM_WATCHDOG_POLL_MS_MAX)
		return -EINVAL;
	return 0;
}

/**
 * tsm_wd_kick_poll() - read the source now instead of at the next period
 * @wd: the watchdog
 *
 * The source is read even while nothing polls it (tsm_wd_polling()): a
 * push notification, a new poll_ms or an expectation asks for one read.
 * Safe from any context.
 */
void tsm_wd_kick_poll(struct tsm_wd *wd)
{
	if (READ_ONCE(wd->stopping))
		return;
	atomic_set(&wd->poll_kicked, 1);
	queue_work(system_dfl_wq, &wd->poll_work);
}

static bool tsm_wd_source_valid(const struct tsm_wd_source *src)
{
	return src && src->name && src->scheme && src->ops &&
	       src->ops->read_tcb && tsm_wd_scheme_valid(src->scheme);
}

static bool tsm_wd_tcb_valid(const struct tsm_wd_source *src,
			     const struct tsm_wd_tcb *tcb)
{
	return tcb->len && tcb->len <= TSM_WD_TCB_MAX &&
	       !strncmp(tcb->scheme, src->scheme, sizeof(tcb->scheme));
}

/* Every TCB in a reading is well formed and carries the source's scheme. */
static bool tsm_wd_reading_valid(const struct tsm_wd_source *src,
				 const struct tsm_wd_reading *r)
{
	return tsm_wd_tcb_valid(src, &r->tcb) &&
	       (!r->has_floor || tsm_wd_tcb_valid(src, &r->floor)) &&
	       (!r->has_launch || tsm_wd_tcb_valid(src, &r->launch));
}

/*
 * Read the source and apply what it returned. Caller holds ->src_lock
 * (so readings are applied in read order, and the source can not go
 * away meanwhile), not ->lock; may sleep as long as the source does.
 * Returns 0, -ENODEV without a source, -EPROTO for a malformed reading,
 * or the source's errno.
 */
static int tsm_wd_read_apply(struct tsm_wd *wd)
{
	struct tsm_wd_source *src = wd->src;
	struct tsm_wd_reading r = {};
	int err;

	lockdep_assert_held(&wd->src_lock);
	if (!src)
		return -ENODEV;
	err = src->ops->read_tcb(src, &r);
	if (!err && !tsm_wd_reading_valid(src, &r))
		err = -EPROTO;
	if (err == -ENODEV)
		err = -EIO;
	tsm_wd_fault_before_apply(wd);

	guard(mutex)(&wd->lock);
	if (err)
		tsm_wd_source_failed(wd, err);
	else
		tsm_wd_reading_observed(wd, &r);
	return err;
}

/**
 * tsm_wd_refresh() - read the source now and apply the reading
 * @wd: the watchdog; caller holds neither lock
 *
 * Return: 0, -ENODEV without a source, or the read's negative errno (the
 * failure is applied as rule 12 says).
 */
int tsm_wd_refresh(struct tsm_wd *wd)
{
	guard(mutex)(&wd->src_lock);
	return tsm_wd_read_apply(wd);
}

/**
 * tsm_wd_ack_current() - "ack <tcb>": check @tcb against the current TCB
 * @wd: the watchdog; caller holds neither lock
 * @tcb: the TCB userspace verified
 *
 * Reads the source first; what the read returned is applied before the
 * ack (a TCB new to the core goes through the poll rules first). When
 * the source can not report, the last TCB it reported stands in, but
 * only while that reading is younger than grace (rule 12).
 *
 * Return: 0, -ESTALE when @tcb is not the current TCB, or the source's
 * negative errno when the TCB can not be verified.
 */
int tsm_wd_ack_current(struct tsm_wd *wd, const struct tsm_wd_tcb *tcb)
{
	int err;

	guard(mutex)(&wd->src_lock);
	err = tsm_wd_read_apply(wd);

	guard(mutex)(&wd->lock);
	if (!wd->src)
		return tsm_wd_ack(wd, tcb, NULL);
	if (err && !tsm_wd_source_fresh(wd))
		return err;
	return tsm_wd_ack(wd, tcb, &wd->current_tcb);
}

/* The poll hrtimer hands over to the poll work. */
static enum hrtimer_restart tsm_wd_poll_timer_fn(struct hrtimer *t)
{
	struct tsm_wd *wd = container_of(t, struct tsm_wd, poll_timer);

	queue_work(system_dfl_wq, &wd->poll_work);
	return HRTIMER_NORESTART;
}

/*
 * Every poll_ms: read the source when anything needs the TCB
 * (tsm_wd_polling()), and notice a guest that did not run (rule 13).
 * Runs early when kicked; never concurrently with itself.
 */
static void tsm_wd_poll_fn(struct work_struct *work)
{
	struct tsm_wd *wd = container_of(work, struct tsm_wd, poll_work);
	ktime_t now = ktime_get(), due = READ_ONCE(wd->poll_due);
	bool kicked = atomic_xchg(&wd->poll_kicked, 0);
	bool read;

	scoped_guard(mutex, &wd->lock) {
		tsm_wd_resumed(wd, due, now);
		read = wd->src && (kicked || tsm_wd_polling(wd));
	}
	if (read)
		tsm_wd_refresh(wd);

	guard(mutex)(&wd->lock);
	if (wd->stopping)
		return;
	due = ktime_add_ms(ktime_get(), wd->pol.poll_ms);
	WRITE_ONCE(wd->poll_due, due);
	hrtimer_start(&wd->poll_timer, due, HRTIMER_MODE_ABS);
}

/* The deadline hrtimer hands over to the timer work. */
static enum hrtimer_restart tsm_wd_timer_fn(struct hrtimer *t)
{
	struct tsm_wd *wd = container_of(t, struct tsm_wd, timer);

	queue_work(system_highpri_wq, &wd->timer_work);
	return HRTIMER_NORESTART;
}

static void tsm_wd_timer_work_fn(struct work_struct *work)
{
	struct tsm_wd *wd = container_of(work, struct tsm_wd, timer_work);
	ktime_t now = ktime_get();

	guard(mutex)(&wd->lock);
	/* This run handles @timer_due (another path may have re-armed it). */
	wd->timer_armed = false;
	/* After a pause: poll at once, and userspace gets its grace first. */
	if (tsm_wd_resumed(wd, wd->timer_due, now))
		tsm_wd_kick_poll(wd);
	tsm_wd_timer_expired(wd);
}

/**
 * tsm_wd_register_source() - make @src the watchdog's TCB source
 * @src: the source; must stay valid until tsm_wd_unregister_source()
 *
 * The core polls @src from now on. Only one source at a time. Unless the
 * watchdog is disarmed, the core holds a reference on @src->owner from
 * now on (rule 14), so the source can not be unloaded until "disarm".
 * ops->tcb_static, if any, is called here, once.
 *
 * Return: 0, -EINVAL for an incomplete @src, -EBUSY when a source is
 * already registered, -ENODEV when the core is going away.
 */
int tsm_wd_register_source(struct tsm_wd_source *src)
{
	struct tsm_wd *wd = tsm_wd_dev;

	if (!tsm_wd_source_valid(src))
		return -EINVAL;
	guard(mutex)(&wd->src_lock);
	guard(mutex)(&wd->lock);
	if (wd->stopping)
		return -ENODEV;
	if (wd->src)
		return -EBUSY;
	tsm_wd_source_changed(wd, src);
	WRITE_ONCE(wd->src, src);
	pr_info("source %s (scheme %s) registered\n", src->name, src->scheme);
	tsm_wd_kick_poll(wd);
	return 0;
}
EXPORT_SYMBOL_GPL(tsm_wd_register_source);

/**
 * tsm_wd_unregister_source() - withdraw @src
 * @src: a source passed to tsm_wd_register_source()
 *
 * Waits for a read of @src in flight; once this returns the core calls no
 * operation of @src again. The watchdog goes on enforcing liveness and
 * reports the event "source-gone".
 */
void tsm_wd_unregister_source(struct tsm_wd_source *src)
{
	struct tsm_wd *wd = tsm_wd_dev;

	guard(mutex)(&wd->src_lock);
	guard(mutex)(&wd->lock);
	if (wd->src != src)
		return;
	tsm_wd_source_changed(wd, NULL);
	WRITE_ONCE(wd->src, NULL);
	pr_info("source %s unregistered\n", src->name);
}
EXPORT_SYMBOL_GPL(tsm_wd_unregister_source);

/**
 * tsm_wd_source_notify() - push notification: @src's TCB may have changed
 * @src: a registered source
 *
 * Makes the core poll at once. Safe from any sleepable or atomic context.
 */
void tsm_wd_source_notify(struct tsm_wd_source *src)
{
	struct tsm_wd *wd = tsm_wd_dev;

	if (READ_ONCE(wd->src) == src)
		tsm_wd_kick_poll(wd);
}
EXPORT_SYMBOL_GPL(tsm_wd_source_notify);

static int tsm_wd_params(struct tsm_wd_policy *pol)
{
	const char *mode = tsm_wd_param.mode ?: "";
	const char *action = tsm_wd_param.action ?: "";
	int m = tsm_wd_name_index(tsm_wd_mode_names, TSM_WD_NR_MODES, mode);
	int a = tsm_wd_name_index(tsm_wd_action_names, TSM_WD_NR_ACTIONS,
				  action);

	if (m < 0) {
		pr_err("mode=%s: want permissive, relaxed or strict\n", mode);
		return -EINVAL;
	}
	if (a < 0) {
		pr_err("action=%s: want log, warn, poweroff, reboot or panic\n",
		       action);
		return -EINVAL;
	}
	*pol = (struct tsm_wd_policy) {
		.mode = m, .action = a, .timeout = tsm_wd_param.timeout,
		.grace = tsm_wd_param.grace, .poll_ms = tsm_wd_param.poll_ms,
	};
	if (tsm_wd_policy_check(pol)) {
		pr_err("timeout=%u grace=%u poll_ms=%u: want 1..86400 s, 1..86400 s, 50..600000 ms\n",
		       pol->timeout, pol->grace, pol->poll_ms);
		return -EINVAL;
	}
	return 0;
}

static int __init tsm_wd_init(void)
{
	struct tsm_wd_policy pol;
	struct tsm_wd *wd;
	int err;

	err = tsm_wd_params(&pol);
	if (err)
		return err;
	wd = kzalloc(sizeof(*wd), GFP_KERNEL);
	if (!wd)
		return -ENOMEM;
	wd->pol = pol;
	wd->nowayout = tsm_wd_param.nowayout;
	wd->last_event = TSM_WD_NR_EVENTS;
	wd->tcb_static = TSM_WD_TCB_STATIC_UNKNOWN;
	mutex_init(&wd->src_lock);
	mutex_init(&wd->lock);
	init_waitqueue_head(&wd->waitq);
	mutex_init(&wd->read_lock);
	hrtimer_setup(&wd->timer, tsm_wd_timer_fn, CLOCK_MONOTONIC,
		      HRTIMER_MODE_ABS);
	INIT_WORK(&wd->timer_work, tsm_wd_timer_work_fn);
	hrtimer_setup(&wd->poll_timer, tsm_wd_poll_timer_fn, CLOCK_MONOTONIC,
		      HRTIMER_MODE_ABS);
	INIT_WORK(&wd->poll_work, tsm_wd_poll_fn);
	wd->poll_due = ktime_get();
	wd->misc = (struct miscdevice) {
		.minor = MISC_DYNAMIC_MINOR,
		.name = "tsm_watchdog",
		.fops = &tsm_wd_fops,
		.mode = 0600,
		.groups = tsm_wd_groups,
	};
	tsm_wd_dev = wd;
	err = misc_register(&wd->misc);
	if (err) {
		tsm_wd_dev = NULL;
		kfree(wd);
		return err;
	}
	tsm_wd_fault_init();
	pr_info("mode=%s action=%s timeout=%us grace=%us poll_ms=%u nowayout=%d\n",
		tsm_wd_mode_names[pol.mode], tsm_wd_action_names[pol.action],
		pol.timeout, pol.grace, pol.poll_ms, wd->nowayout);
	tsm_wd_kick_poll(wd);
	return 0;
}

static void __exit tsm_wd_exit(void)
{
	struct tsm_wd *wd = tsm_wd_dev;

	/* Unloading needs "disarmed" (rule 14): no source is pinned. */
	tsm_wd_fault_exit();
	scoped_guard(mutex, &wd->lock)
		WRITE_ONCE(wd->stopping, true);
	/* Neither work re-arms a timer once ->stopping is set. */
	cancel_work_sync(&wd->poll_work);
	hrtimer_cancel(&wd->poll_timer);
	cancel_work_sync(&wd->poll_work);
	hrtimer_cancel(&wd->timer);
	cancel_work_sync(&wd->timer_work);
	misc_deregister(&wd->misc);
	kfree(wd);
}

module_init(tsm_wd_init);
module_exit(tsm_wd_exit);

MODULE_DESCRIPTION("Confidential guest TCB watchdog");
MODULE_LICENSE("GPL");
