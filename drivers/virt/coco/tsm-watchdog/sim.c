// SPDX-License-Identifier: GPL-2.0-only
/*
 * tsm_wd_sim: a simulated confidential-computing host, for tests and demos.
 *
 * - A configfs-tsm report provider "tsm_wd_sim" whose outblob is an AMD
 *   SEV-SNP ATTESTATION_REPORT (version 3, zero signature; snp_report.h),
 *   so userspace parsers run against the real configfs-tsm path.
 * - A TCB source "sim" (scheme "snp") for the watchdog core.
 * - debugfs knobs under /sys/kernel/debug/tsm_wd_sim/ through which tests
 *   act as the host: "tcb" (a write is a runtime TCB update), "errno"
 *   (fault injection) and "delay_ms" (latency injection).
 *
 * The module has no link-time dependency on tsm_watchdog.ko: it may load
 * before it, after it, or alone (configfs-tsm only). The source is
 * registered through symbol_get() when the core is live and dropped when
 * the core goes away; see "Binding to the watchdog core" below.
 *
 * Documentation/ABI/testing/debugfs-tsm_wd_sim describes the knobs.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cleanup.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/nmi.h>
#include <linux/slab.h>
#include <linux/stop_machine.h>
#include <linux/string.h>
#include <linux/tsm-watchdog.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "snp_report.h"
#include "tsm_compat.h"

#define SIM_CORE_MODULE		"tsm_watchdog"
#define SIM_ERRNO_MAX		4095
#define SIM_DELAY_MS_MAX	60000

static char *tcb = "snp:d315000000000004";
module_param(tcb, charp, 0444);
MODULE_PARM_DESC(tcb, "TCB at load, text form snp:<16 hex digits> (default snp:d315000000000004)");

/*
 * Simulated host state.
 *
 * sim_lock protects sim_tcb. sim_launch_tcb is written once in init.
 * sim_errno (0 or -1..-4095) and sim_delay_ms (0..60000) are single words
 * written with WRITE_ONCE() by debugfs and read with READ_ONCE(); a reader
 * sees either the old or the new value.
 * sim_exiting is set once at exit; it cuts every injected delay short
 * (sim_exit_wq is woken), so unloading never waits for a long delay.
 */
static DEFINE_MUTEX(sim_lock);
static u64 sim_tcb;
static u64 sim_launch_tcb;
static int sim_errno;
static unsigned int sim_delay_ms;
static bool sim_exiting;
static DECLARE_WAIT_QUEUE_HEAD(sim_exit_wq);

static struct dentry *sim_debugfs;

static u64 sim_get_tcb(void)
{
	guard(mutex)(&sim_lock);
	return sim_tcb;
}

/*
 * Injected latency and fault, applied to report generation and TCB reads.
 * Return: 0, the injected negative errno, -EINTR if a signal cut the delay
 * short, or -ENODEV if unloading the module did.
 */
static int sim_inject(void)
{
	unsigned int ms = READ_ONCE(sim_delay_ms);
	long left;

	if (ms) {
		left = wait_event_interruptible_timeout(sim_exit_wq,
							READ_ONCE(sim_exiting),
							msecs_to_jiffies(ms));
		if (left < 0)
			return -EINTR;
		if (left > 0)
			return -ENODEV;	/* cut short by unloading */
	}
	return READ_ONCE(sim_errno);
}

/* configfs-tsm provider */

static int sim_report_new(struct tsm_report *report, void *data)
{
	struct tsm_report_desc *desc = &report->desc;
	struct snp_sim_report_params p = {
		.launch_tcb = sim_launch_tcb,
		.vmpl = desc->privlevel,
		.report_data = desc->inblob,
		.report_data_len = desc->inblob_len,
	};
	u8 *buf;
	int ret;

	ret = sim_inject();
	if (ret)
		return ret;

	buf = kvzalloc(SNP_REPORT_LEN, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	p.current_tcb = sim_get_tcb();
	ret = snp_sim_build_report(buf, SNP_REPORT_LEN, &p);
	if (ret) {
		kvfree(buf);
		return ret;
	}
	/* the tsm core owns the outblob from here and kvfree()s it */
	report->outblob = buf;
	report->outblob_len = SNP_REPORT_LEN;
	return 0;
}

static const struct tsm_report_ops sim_report_ops = {
	.name = KBUILD_MODNAME,
	.report_new = sim_report_new,
};

/* TCB source */

static int sim_read_tcb(struct tsm_wd_source *src, struct tsm_wd_reading *r)
{
	int ret;

	ret = sim_inject();
	if (ret)
		return ret;
	snp_wd_tcb_set(&r->tcb, sim_get_tcb());
	return 0;
}

static int sim_compare(struct tsm_wd_source *src, const struct tsm_wd_tcb *a,
		       const struct tsm_wd_tcb *b)
{
	return snp_wd_tcb_compare(a, b);
}

static const struct tsm_wd_source_ops sim_source_ops = {
	.read_tcb = sim_read_tcb,
	.compare = sim_compare,
};

static struct tsm_wd_source sim_source = {
	.name = "sim",
	.scheme = SNP_TCB_SCHEME,
	.ops = &sim_source_ops,
	.owner = THIS_MODULE,
};

/*
 * Binding to the watchdog core.
 *
 * tsm_watchdog.ko may load after this module and may unload while it stays.
 * Every call into it goes through symbol_get(), which pins the core for
 * that call only and fails once the core is going; so the core can always
 * be unloaded, and no stale function pointer is kept.
 *
 * sim_core_lock protects sim_registered. Lock order: sim_core_lock, then
 * the core's locks. The source callbacks never take sim_core_lock, so
 * tsm_wd_unregister_source() may wait for a poll in progress under it.
 *
 * When the core unloads, its exit drops the source and no callback runs
 * after it returns; the MODULE_STATE_GOING notification (sent after the
 * core's exit) clears sim_registered and wakes sim_core_wq.
 */
static DEFINE_MUTEX(sim_core_lock);
static bool sim_registered;
static DECLARE_WAIT_QUEUE_HEAD(sim_core_wq);

static void sim_core_register(void)
{
	int (*reg)(struct tsm_wd_source *src);
	int ret;

	guard(mutex)(&sim_core_lock);
	if (sim_registered || READ_ONCE(sim_exiting))
		return;
	reg = symbol_get(tsm_wd_register_source);
	if (!reg)
		return;		/* core not loaded, or going */
	ret = reg(&sim_source);
	symbol_put(tsm_wd_register_source);
	if (ret) {
		pr_warn("%s refused TCB source \"%s\": %d\n", SIM_CORE_MODULE,
			sim_source.name, ret);
		return;
	}
	WRITE_ONCE(sim_registered, true);
	pr_info("TCB source \"%s\" registered with %s\n", sim_source.name,
		SIM_CORE_MODULE);
}

static void sim_core_unregister(void)
{
	void (*unreg)(struct tsm_wd_source *src);

	scoped_guard(mutex, &sim_core_lock) {
		if (!sim_registered)
			return;
		unreg = symbol_get(tsm_wd_unregister_source);
		if (unreg) {
			unreg(&sim_source);
			symbol_put(tsm_wd_unregister_source);
			WRITE_ONCE(sim_registered, false);
			return;
		}
	}
	/*
	 * The core is unloading and may still be calling the source from its
	 * exit: wait until its GOING notification says it is done.
	 */
	wait_event(sim_core_wq, !READ_ONCE(sim_registered));
}

static void sim_core_notify(void)
{
	void (*notify)(struct tsm_wd_source *src);

	guard(mutex)(&sim_core_lock);
	if (!sim_registered)
		return;
	notify = symbol_get(tsm_wd_source_notify);
	if (!notify)
		return;
	notify(&sim_source);
	symbol_put(tsm_wd_source_notify);
}

static void sim_bind_fn(struct work_struct *work)
{
	sim_core_register();
}

static DECLARE_WORK(sim_bind_work, sim_bind_fn);

static int sim_module_event(struct notifier_block *nb, unsigned long action,
			    void *data)
{
	struct module *mod = data;

	if (strcmp(mod->name, SIM_CORE_MODULE))
		return NOTIFY_DONE;

	switch (action) {
	case MODULE_STATE_LIVE:
		/* register outside the module notifier chain */
		schedule_work(&sim_bind_work);
		break;
	case MODULE_STATE_GOING:
		scoped_guard(mutex, &sim_core_lock) {
			if (sim_registered)
				pr_info("%s unloaded, TCB source \"%s\" dropped\n",
					SIM_CORE_MODULE, sim_source.name);
			WRITE_ONCE(sim_registered, false);
		}
		wake_up_all(&sim_core_wq);
		break;
	}
	return NOTIFY_OK;
}

static struct notifier_block sim_module_nb = {
	.notifier_call = sim_module_event,
};

/* debugfs: the host's controls */

static ssize_t sim_tcb_read(struct file *file, char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	char text[SNP_TCB_TEXT_LEN + 2];
	int len;

	len = scnprintf(text, sizeof(text), SNP_TCB_SCHEME ":%016llx\n",
			sim_get_tcb());
	return simple_read_from_buffer(ubuf, count, ppos, text, len);
}

static ssize_t sim_tcb_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	char text[SNP_TCB_TEXT_LEN + 1];	/* text and optional newline */
	u64 val;
	int ret;

	if (*ppos || !count || count > sizeof(text))
		return -EINVAL;
	if (copy_from_user(text, ubuf, count))
		return -EFAULT;
	ret = snp_tcb_parse(text, count, &val);
	if (ret)
		return ret;

	scoped_guard(mutex, &sim_lock)
		sim_tcb = val;
	/* a host runtime update: make the core poll now */
	sim_core_notify();
	return count;
}

static const struct file_operations sim_tcb_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = sim_tcb_read,
	.write = sim_tcb_write,
	.llseek = default_llseek,
};

static int sim_errno_get(void *data, u64 *val)
{
	*val = (u64)(s64)READ_ONCE(sim_errno);
	return 0;
}

static int sim_errno_set(void *data, u64 val)
{
	s64 v = (s64)val;

	if (v < -SIM_ERRNO_MAX || v > SIM_ERRNO_MAX)
		return -EINVAL;
	WRITE_ONCE(sim_errno, (int)(v > 0 ? -v : v));
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE_SIGNED(sim_errno_fops, sim_errno_get, sim_errno_set,
				"%lld\n");

static int sim_delay_get(void *data, u64 *val)
{
	*val = READ_ONCE(sim_delay_ms);
	return 0;
}

static int sim_delay_set(void *data, u64 val)
{
	if (val > SIM_DELAY_MS_MAX)
		return -EINVAL;
	WRITE_ONCE(sim_delay_ms, (unsigned int)val);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(sim_delay_fops, sim_delay_get, sim_delay_set,
			 "%llu\n");

/*
 * freeze_ms: a host pause (or migration blackout) as the guest sees it:
 * no vCPU runs guest code for N ms while the clocks (TSC) keep counting.
 * stop_machine() spins every other CPU with interrupts off while this
 * one spins here, interrupts off too; timers and works run late after it.
 */
#define SIM_FREEZE_MS_MAX	10000

static int sim_freeze_fn(void *data)
{
	u64 end = ktime_get_mono_fast_ns() + *(u64 *)data * NSEC_PER_MSEC;

	while (ktime_get_mono_fast_ns() < end) {
		touch_nmi_watchdog();
		cpu_relax();
	}
	return 0;
}

static int sim_freeze_get(void *data, u64 *val)
{
	*val = 0;
	return 0;
}

static int sim_freeze_set(void *data, u64 val)
{
	if (val > SIM_FREEZE_MS_MAX)
		return -EINVAL;
	pr_info("host pause: freezing every CPU for %llu ms\n", val);
	return stop_machine(sim_freeze_fn, &val, NULL);
}

DEFINE_DEBUGFS_ATTRIBUTE(sim_freeze_fops, sim_freeze_get, sim_freeze_set,
			 "%llu\n");

static void sim_debugfs_init(void)
{
	sim_debugfs = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("tcb", 0600, sim_debugfs, NULL, &sim_tcb_fops);
	debugfs_create_file_unsafe("errno", 0600, sim_debugfs, NULL,
				   &sim_errno_fops);
	debugfs_create_file_unsafe("delay_ms", 0600, sim_debugfs, NULL,
				   &sim_delay_fops);
	debugfs_create_file_unsafe("freeze_ms", 0600, sim_debugfs, NULL,
				   &sim_freeze_fops);
}

static int __init sim_init(void)
{
	int ret;

	if (!tcb || snp_tcb_parse(tcb, strlen(tcb), &sim_tcb)) {
		pr_err("tcb=%s is not snp:<16 lowercase hex digits>\n",
		       tcb ?: "");
		return -EINVAL;
	}
	sim_launch_tcb = sim_tcb;

	ret = tsm_report_register(&sim_report_ops, NULL);
	if (ret) {
		pr_err("configfs-tsm provider registration failed: %d\n", ret);
		return ret;
	}
	sim_debugfs_init();

	/* notifier first, so a core loading right now is not missed */
	ret = register_module_notifier(&sim_module_nb);
	if (ret) {
		debugfs_remove_recursive(sim_debugfs);
		tsm_report_unregister(&sim_report_ops);
		return ret;
	}
	sim_core_register();

	pr_info("provider %s, source %s, tcb " SNP_TCB_SCHEME ":%016llx, %s\n",
		sim_report_ops.name, sim_source.name, sim_tcb,
		READ_ONCE(sim_registered) ? "registered with " SIM_CORE_MODULE :
				 "waiting for " SIM_CORE_MODULE);
	return 0;
}
module_init(sim_init);

static void __exit sim_exit(void)
{
	/* no more host updates, and no more notify calls from them */
	debugfs_remove_recursive(sim_debugfs);

	WRITE_ONCE(sim_exiting, true);
	wake_up_all(&sim_exit_wq);

	/* the GOING notification may be needed here: notifier still on */
	sim_core_unregister();
	unregister_module_notifier(&sim_module_nb);
	cancel_work_sync(&sim_bind_work);

	/* waits for report generation in progress */
	tsm_report_unregister(&sim_report_ops);
}
module_exit(sim_exit);

MODULE_AUTHOR("tsm-watchdog developers");
MODULE_DESCRIPTION("Simulated confidential-computing host for the TSM watchdog (tests only)");
MODULE_LICENSE("GPL");
