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

#include "tsm_wd.h"
#include "tsm_wd_defaults.h"

static char *mode = TSM_WD_DEFAULT_MODE;
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "permissive|relaxed|strict (default "
		 TSM_WD_DEFAULT_MODE ")");

static char *action = TSM_WD_DEFAULT_ACTION;
module_param(action, charp, 0444);
MODULE_PARM_DESC(action, "log|warn|poweroff|reboot|panic (default "
		 TSM_WD_DEFAULT_ACTION ")");

static unsigned int timeout = CONFIG_TSM_WATCHDOG_TIMEOUT;
module_param(timeout, uint, 0444);
MODULE_PARM_DESC(timeout, "heartbeat timeout, 1..86400 s (default "
		 __stringify(CONFIG_TSM_WATCHDOG_TIMEOUT) ")");

static unsigned int grace = CONFIG_TSM_WATCHDOG_GRACE;
module_param(grace, uint, 0444);
MODULE_PARM_DESC(grace, "time to ack an unexpected TCB, 1..86400 s (default "
		 __stringify(CONFIG_TSM_WATCHDOG_GRACE) ")");

static unsigned int poll_ms = CONFIG_TSM_WATCHDOG_POLL_MS;
module_param(poll_ms, uint, 0444);
MODULE_PARM_DESC(poll_ms, "TCB poll interval, 50..600000 ms (default "
		 __stringify(CONFIG_TSM_WATCHDOG_POLL_MS) ")");

static bool nowayout = IS_ENABLED(CONFIG_TSM_WATCHDOG_NOWAYOUT);
module_param(nowayout, bool, 0444);
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
 * tsm_wd_kick_poll() - poll the source now instead of at the next period
 * @wd: the watchdog
 */
void tsm_wd_kick_poll(struct tsm_wd *wd)
{
	if (!READ_ONCE(wd->stopping))
		mod_delayed_work(system_wq, &wd->poll_work, 0);
}

/**
 * tsm_wd_read_current() - read the current TCB from the source
 * @wd: the watchdog; caller holds neither lock
 * @tcb: result
 *
 * Holds ->src_lock across the read, so a source that unregisters waits
 * for it to finish. May sleep as long as the source does.
 *
 * Return: 0, -ENODEV when no source is registered, -EPROTO when the source
 * returned a malformed value, or the source's negative errno.
 */
int tsm_wd_read_current(struct tsm_wd *wd, struct tsm_wd_tcb *tcb)
{
	struct tsm_wd_reading r = {};
	struct tsm_wd_source *src;
	int err;

	guard(mutex)(&wd->src_lock);
	src = wd->src;
	if (!src)
		return -ENODEV;
	err = src->ops->read_tcb(src, &r);
	if (err)
		return err == -ENODEV ? -EIO : err;
	*tcb = r.tcb;
	if (!tcb->len || tcb->len > TSM_WD_TCB_MAX ||
	    strcmp(tcb->scheme, src->scheme))
		return -EPROTO;
	return 0;
}

static void tsm_wd_poll_fn(struct work_struct *work)
{
	struct tsm_wd *wd = container_of(to_delayed_work(work), struct tsm_wd,
					 poll_work);
	struct tsm_wd_tcb tcb;
	int err = tsm_wd_read_current(wd, &tcb);

	guard(mutex)(&wd->lock);
	if (!wd->src)
		return;
	if (err)
		tsm_wd_source_failed(wd, err);
	else
		tsm_wd_tcb_observed(wd, &tcb);
	if (!wd->stopping)
		queue_delayed_work(system_wq, &wd->poll_work,
				   msecs_to_jiffies(wd->pol.poll_ms));
}

static void tsm_wd_timer_fn(struct work_struct *work)
{
	struct tsm_wd *wd = container_of(to_delayed_work(work), struct tsm_wd,
					 timer_work);

	guard(mutex)(&wd->lock);
	tsm_wd_timer_expired(wd);
}

static bool tsm_wd_source_valid(const struct tsm_wd_source *src)
{
	return src && src->name && src->scheme && src->ops &&
	       src->ops->read_tcb && tsm_wd_scheme_valid(src->scheme);
}

/**
 * tsm_wd_register_source() - make @src the watchdog's TCB source
 * @src: the source; must stay valid until tsm_wd_unregister_source()
 *
 * The core polls @src from now on. Only one source at a time.
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
	WRITE_ONCE(wd->src, src);
	wd->have_current = false;
	wd->have_reported = false;
	wd->source_failing = false;
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
 * operation of @src again. The watchdog goes on enforcing liveness.
 */
void tsm_wd_unregister_source(struct tsm_wd_source *src)
{
	struct tsm_wd *wd = tsm_wd_dev;

	guard(mutex)(&wd->src_lock);
	guard(mutex)(&wd->lock);
	if (wd->src != src)
		return;
	WRITE_ONCE(wd->src, NULL);
	wd->have_current = false;
	wd->source_failing = false;
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
		.mode = m, .action = a, .timeout = timeout, .grace = grace,
		.poll_ms = poll_ms,
	};
	if (tsm_wd_policy_check(pol)) {
		pr_err("timeout=%u grace=%u poll_ms=%u: want 1..86400 s, 1..86400 s, 50..600000 ms\n",
		       timeout, grace, poll_ms);
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
	wd->nowayout = nowayout;
	wd->last_event = TSM_WD_NR_EVENTS;
	mutex_init(&wd->src_lock);
	mutex_init(&wd->lock);
	init_waitqueue_head(&wd->waitq);
	mutex_init(&wd->read_lock);
	INIT_DELAYED_WORK(&wd->timer_work, tsm_wd_timer_fn);
	INIT_DELAYED_WORK(&wd->poll_work, tsm_wd_poll_fn);
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
	pr_info("mode=%s action=%s timeout=%us grace=%us poll_ms=%u nowayout=%d\n",
		tsm_wd_mode_names[pol.mode], tsm_wd_action_names[pol.action],
		pol.timeout, pol.grace, pol.poll_ms, wd->nowayout);
	return 0;
}

static void __exit tsm_wd_exit(void)
{
	struct tsm_wd *wd = tsm_wd_dev;

	scoped_guard(mutex, &wd->lock)
		WRITE_ONCE(wd->stopping, true);
	cancel_delayed_work_sync(&wd->poll_work);
	cancel_delayed_work_sync(&wd->timer_work);
	misc_deregister(&wd->misc);
	kfree(wd);
}

module_init(tsm_wd_init);
module_exit(tsm_wd_exit);

MODULE_DESCRIPTION("Confidential guest TCB watchdog");
MODULE_LICENSE("GPL");
