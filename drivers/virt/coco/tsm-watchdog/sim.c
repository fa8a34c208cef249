// SPDX-License-Identifier: GPL-2.0-only
/*
 * tsm_wd_sim: a simulated confidential-computing host, for tests and demos.
 *
 * It simulates the host of one platform, chosen at load by the module
 * parameter "platform" (snp, the default, or tdx):
 * - a configfs-tsm report provider "tsm_wd_sim": snp outblob an SEV-SNP
 *   ATTESTATION_REPORT (version 3, zero signature; snp_report.h), tdx
 *   outblob an unsigned TDX quote v5 (tdx_report.h);
 * - a TCB source "sim" for the watchdog core: snp reports CURRENT_TCB,
 *   COMMITTED_TCB as the floor and LAUNCH_TCB; tdx builds a TDREPORT and
 *   reads it back through tdx_report.h, as the real tdx source does;
 * - tdx only: a misc device "tdx_guest" answering TDX_CMD_GET_REPORT0 as
 *   Linux's tdx-guest driver does, so userspace's TDREPORT path runs;
 * - debugfs knobs under /sys/kernel/debug/tsm_wd_sim/ through which tests
 *   act as the host (Documentation/ABI/testing/debugfs-tsm_wd_sim). Each
 *   knob's comment says which real host or firmware behaviour it mirrors.
 *
 * The module has no link-time dependency on tsm_watchdog.ko: it may load
 * before it, after it, or alone (configfs-tsm only). The source is
 * registered through symbol_get() when the core is live and dropped when
 * the core goes away; see "Binding to the watchdog core" below.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cleanup.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/jiffies.h>
#include <linux/kstrtox.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/nmi.h>
#include <linux/notifier.h>
#include <linux/slab.h>
#include <linux/stop_machine.h>
#include <linux/string.h>
#include <linux/tsm-watchdog.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <uapi/linux/tdx-guest.h>

#include "snp_report.h"
#include "tdx_report.h"
#include "tsm_compat.h"

#define SIM_CORE_MODULE		"tsm_watchdog"
#define SIM_ERRNO_MAX		4095
#define SIM_DELAY_MS_MAX	60000
#define SIM_BUSY_MAX		1000000
/* "tdx:" + 64 hex digits + newline + NUL; the longest text a knob takes */
#define SIM_TEXT_MAX		(4 + 2 * TDX_TCB_BYTES + 2)

/* A Genoa host running SNP firmware 1.55: the DESIGN's example TCB */
#define SIM_SNP_TCB_DEFAULT	"snp:d315000000000004"
/*
 * A TDX Module 1.5.06 (TEE_TCB_SVN minor 0b, major 01, SEAM loader 04), and
 * a CPUSVN as Sapphire Rapids microcode reports one.
 */
#define SIM_TDX_TCB_DEFAULT	"tdx:0b010400000000000000000000000000" \
				"0505020200ff00000000000000000000"

static char *platform = "snp";
module_param(platform, charp, 0444);
MODULE_PARM_DESC(platform, "Simulated platform: snp (default) or tdx");

static char *tcb;
module_param(tcb, charp, 0444);
MODULE_PARM_DESC(tcb, "TCB at load: snp:<16 hex> or tdx:<64 hex> (default: the platform's)");

enum sim_platform {
	SIM_SNP,
	SIM_TDX,
};

/* written once in init */
static enum sim_platform sim_platform;

/*
 * The simulated host.
 *
 * sim_lock protects sim_host. sim_errno (0 or -1..-4095) and sim_delay_ms
 * (0..60000) are single words written with WRITE_ONCE() by debugfs and
 * read with READ_ONCE(); a reader sees either the old or the new value.
 * sim_exiting is set once at exit; it cuts every injected delay short
 * (sim_exit_wq is woken), so unloading never waits for a long delay.
 */
static DEFINE_MUTEX(sim_lock);
static struct sim_host {
	/* snp: the four TCB_VERSIONs of an ATTESTATION_REPORT */
	u64 current_tcb;
	u64 committed_tcb;
	u64 reported_tcb;
	u64 launch_tcb;
	/* tdx: TEE_TCB_INFO and REPORTMACSTRUCT.CPUSVN */
	u8 tee_tcb_svn[TDX_TEE_TCB_SVN_LEN];
	u8 tee_tcb_svn2[TDX_TEE_TCB_SVN_LEN];
	bool svn2_valid;
	u8 cpusvn[TDX_CPUSVN_LEN];
	/* busy: all but one in busy_n reads -EBUSY, every busy_m-th stalls */
	unsigned int busy_n;
	unsigned int busy_m;
	unsigned long reads;
	unsigned long answers;
	int tcb_static;
} sim_host;
static int sim_errno;
static unsigned int sim_delay_ms;
static bool sim_exiting;
static DECLARE_WAIT_QUEUE_HEAD(sim_exit_wq);

static struct dentry *sim_debugfs;

static bool sim_is_tdx(void)
{
	return sim_platform == SIM_TDX;
}

/* what the host lets the guest see now, for a TDREPORT or quote */
static void sim_tdx_params(struct tdx_sim_params *p, const u8 *data,
			   size_t len)
{
	guard(mutex)(&sim_lock);
	memcpy(p->tee_tcb_svn, sim_host.tee_tcb_svn, TDX_TEE_TCB_SVN_LEN);
	memcpy(p->tee_tcb_svn2, sim_host.tee_tcb_svn2, TDX_TEE_TCB_SVN_LEN);
	p->svn2_valid = sim_host.svn2_valid;
	memcpy(p->cpusvn, sim_host.cpusvn, TDX_CPUSVN_LEN);
	p->report_data = data;
	p->report_data_len = len;
}

static void sim_snp_params(struct snp_sim_report_params *p)
{
	guard(mutex)(&sim_lock);
	p->current_tcb = sim_host.current_tcb;
	p->committed_tcb = sim_host.committed_tcb;
	p->reported_tcb = sim_host.reported_tcb;
	p->launch_tcb = sim_host.launch_tcb;
}

/*
 * Injected latency and fault, applied to report generation and TCB reads.
 * @delay: apply delay_ms (every request, or only a stalled one while
 * "busy" is set).
 * Return: 0, the injected negative errno, -EINTR if a signal cut the delay
 * short, or -ENODEV if unloading the module did.
 */
static int sim_inject(bool delay)
{
	unsigned int ms = delay ? READ_ONCE(sim_delay_ms) : 0;
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

/*
 * The host's throttling of TCB reads ("busy"): an SNP host passes guest
 * requests to the PSP about once a second and answers the rest -EBUSY
 * (the guest driver sees -EAGAIN and retries), and some requests stall for
 * seconds. Return: -EBUSY, or sim_inject() with the delay applied to every
 * busy_m-th answer (to every answer while busy is off).
 */
static int sim_read_gate(void)
{
	bool stall = true;

	scoped_guard(mutex, &sim_lock) {
		if (sim_host.busy_n) {
			sim_host.reads++;
			if (sim_host.reads % sim_host.busy_n)
				return -EBUSY;
			sim_host.answers++;
			stall = sim_host.busy_m &&
				!(sim_host.answers % sim_host.busy_m);
		}
	}
	return sim_inject(stall);
}

/* configfs-tsm provider */

static int sim_snp_report(struct tsm_report *report)
{
	struct tsm_report_desc *desc = &report->desc;
	struct snp_sim_report_params p = {
		.vmpl = desc->privlevel,
		.report_data = desc->inblob,
		.report_data_len = desc->inblob_len,
	};
	u8 *buf;
	int ret;

	buf = kvzalloc(SNP_REPORT_LEN, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	sim_snp_params(&p);
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

/* as tdx-guest: REPORTDATA is exactly 64 bytes, the outblob a quote */
static int sim_tdx_report(struct tsm_report *report)
{
	struct tsm_report_desc *desc = &report->desc;
	struct tdx_sim_params p;
	size_t len;
	long ret;
	u8 *buf;

	if (desc->inblob_len != TDX_REPORTDATA_LEN)
		return -EINVAL;
	sim_tdx_params(&p, desc->inblob, desc->inblob_len);
	len = tdx_sim_quote_len(p.svn2_valid);
	buf = kvzalloc(len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	ret = tdx_sim_build_quote(buf, len, &p);
	if (ret < 0) {
		kvfree(buf);
		return ret;
	}
	report->outblob = buf;
	report->outblob_len = ret;
	return 0;
}

static int sim_report_new(struct tsm_report *report, void *data)
{
	int ret;

	ret = sim_inject(true);
	if (ret)
		return ret;
	return sim_is_tdx() ? sim_tdx_report(report) : sim_snp_report(report);
}

static const struct tsm_report_ops sim_report_ops = {
	.name = KBUILD_MODNAME,
	.report_new = sim_report_new,
};

/* TDREPORT: what TDG.MR.REPORT returns on the simulated TDX host */
static int sim_tdx_tdreport(u8 *tdreport, const u8 *reportdata)
{
	struct tdx_sim_params p;

	sim_tdx_params(&p, reportdata, TDX_REPORTDATA_LEN);
	return tdx_sim_build_tdreport(tdreport, TDX_REPORT_LEN, &p);
}

/* TCB source */

static int sim_tdx_read_tcb(struct tsm_wd_reading *r)
{
	u8 *reportdata __free(kfree) = kzalloc(TDX_REPORTDATA_LEN, GFP_KERNEL);
	u8 *tdreport __free(kfree) = kzalloc(TDX_REPORT_LEN, GFP_KERNEL);
	struct tdx_report_tcb info;
	int ret;

	if (!reportdata || !tdreport)
		return -ENOMEM;
	ret = sim_tdx_tdreport(tdreport, reportdata);
	if (ret)
		return ret;
	/* the real source's decoder */
	ret = tdx_report_decode(tdreport, TDX_REPORT_LEN, &info);
	if (ret)
		return ret;
	tdx_wd_tcb_from_report(&info, &r->tcb, &r->launch);
	r->has_launch = true;
	return 0;
}

static int sim_snp_read_tcb(struct tsm_wd_reading *r)
{
	u8 *buf __free(kvfree) = kvzalloc(SNP_REPORT_LEN, GFP_KERNEL);
	struct snp_sim_report_params p = {};
	struct snp_report_tcb t;
	int ret;

	if (!buf)
		return -ENOMEM;
	sim_snp_params(&p);
	ret = snp_sim_build_report(buf, SNP_REPORT_LEN, &p);
	if (ret)
		return ret;
	/* the real source's decoder */
	ret = snp_report_decode(buf, SNP_REPORT_LEN, &t);
	if (ret)
		return ret;
	snp_wd_tcb_set(&r->tcb, t.current_tcb);
	snp_wd_tcb_set(&r->floor, t.committed_tcb);
	r->has_floor = true;
	snp_wd_tcb_set(&r->launch, t.launch_tcb);
	r->has_launch = true;
	return 0;
}

static int sim_read_tcb(struct tsm_wd_source *src, struct tsm_wd_reading *r)
{
	int ret;

	ret = sim_read_gate();
	if (ret)
		return ret;
	return sim_is_tdx() ? sim_tdx_read_tcb(r) : sim_snp_read_tcb(r);
}

static int sim_compare(struct tsm_wd_source *src, const struct tsm_wd_tcb *a,
		       const struct tsm_wd_tcb *b)
{
	if (sim_is_tdx())
		return tdx_wd_tcb_compare(a, b);
	/* the simulated part is a Genoa (snp_report.h) */
	return snp_wd_tcb_compare(a, b);
}

static int sim_tcb_static(struct tsm_wd_source *src)
{
	guard(mutex)(&sim_lock);
	return sim_host.tcb_static;
}

static const struct tsm_wd_source_ops sim_source_ops = {
	.read_tcb = sim_read_tcb,
	.compare = sim_compare,
	.tcb_static = sim_tcb_static,
};

/* .scheme is set in init, before registration, from the platform */
static struct tsm_wd_source sim_source = {
	.name = "sim",
	.scheme = SNP_TCB_SCHEME,
	.ops = &sim_source_ops,
	.owner = THIS_MODULE,
};

/*
 * The tdx_guest misc device (platform=tdx): Linux's tdx-guest driver's
 * TDX_CMD_GET_REPORT0, with the same request structure, order of steps and
 * errors: -ENOMEM, -EFAULT on either copy, the TDCALL's error (here the
 * injected errno), -ENOTTY for any other command.
 */
static long sim_tdx_get_report0(struct tdx_report_req __user *req)
{
	u8 *reportdata __free(kfree) = kmalloc(TDX_REPORTDATA_LEN, GFP_KERNEL);
	u8 *tdreport __free(kfree) = NULL;
	int ret;

	if (!reportdata)
		return -ENOMEM;
	tdreport = kzalloc(TDX_REPORT_LEN, GFP_KERNEL);
	if (!tdreport)
		return -ENOMEM;
	if (copy_from_user(reportdata, req->reportdata, TDX_REPORTDATA_LEN))
		return -EFAULT;

	ret = sim_inject(true);
	if (ret)
		return ret;
	ret = sim_tdx_tdreport(tdreport, reportdata);
	if (ret)
		return ret;

	if (copy_to_user(req->tdreport, tdreport, TDX_REPORT_LEN))
		return -EFAULT;
	return 0;
}

static long sim_tdx_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	switch (cmd) {
	case TDX_CMD_GET_REPORT0:
		return sim_tdx_get_report0((struct tdx_report_req __user *)arg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations sim_tdx_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = sim_tdx_ioctl,
};

static struct miscdevice sim_tdx_dev = {
	.name = "tdx_guest",
	.minor = MISC_DYNAMIC_MINOR,
	.fops = &sim_tdx_fops,
};

static bool sim_tdx_dev_registered;

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

/*
 * debugfs: the host's controls
 *
 * Every knob that changes what the guest would read makes the core poll at
 * once (sim_core_notify()), as a host update is seen at the next poll.
 */

/* copy a knob's text in, NUL-terminated; Return: 0 or -EINVAL, -EFAULT */
static int sim_text_in(const char __user *ubuf, size_t count, loff_t *ppos,
		       char *buf, size_t size)
{
	if (*ppos || !count || count >= size)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	return 0;
}

static int sim_tcb_text(char *buf, size_t size)
{
	guard(mutex)(&sim_lock);
	if (!sim_is_tdx())
		return scnprintf(buf, size, SNP_TCB_SCHEME ":%016llx\n",
				 sim_host.current_tcb);
	return scnprintf(buf, size, TDX_TCB_SCHEME ":%*phN%*phN\n",
			 TDX_TEE_TCB_SVN_LEN,
			 sim_host.svn2_valid ? sim_host.tee_tcb_svn2 :
					       sim_host.tee_tcb_svn,
			 TDX_CPUSVN_LEN, sim_host.cpusvn);
}

static ssize_t sim_tcb_read(struct file *file, char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	char text[SIM_TEXT_MAX];
	int len = sim_tcb_text(text, sizeof(text));

	return simple_read_from_buffer(ubuf, count, ppos, text, len);
}

/*
 * "tcb": a host runtime update. snp: firmware hot-load, CURRENT_TCB rises
 * provisionally and COMMITTED_TCB stays until "commit". tdx: a TDX module
 * runtime update moves TEE_TCB_SVN2 (not TEE_TCB_SVN, the launch value), a
 * microcode update moves CPUSVN; the value carries both.
 */
static ssize_t sim_tcb_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	u8 svn[TDX_TEE_TCB_SVN_LEN], cpusvn[TDX_CPUSVN_LEN];
	char text[SIM_TEXT_MAX];
	u64 val;
	int ret;

	ret = sim_text_in(ubuf, count, ppos, text, sizeof(text));
	if (ret)
		return ret;
	if (sim_is_tdx())
		ret = tdx_tcb_parse(text, count, svn, cpusvn);
	else
		ret = snp_tcb_parse(text, count, &val);
	if (ret)
		return ret;

	scoped_guard(mutex, &sim_lock) {
		if (sim_is_tdx()) {
			memcpy(sim_host.tee_tcb_svn2, svn, sizeof(svn));
			memcpy(sim_host.cpusvn, cpusvn, sizeof(cpusvn));
		} else {
			sim_host.current_tcb = val;
		}
	}
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

/*
 * "committed", "reported", "launch" (snp): COMMITTED_TCB, REPORTED_TCB and
 * LAUNCH_TCB set directly, as a buggy or hostile host (or firmware) could;
 * the file's private data points at the field.
 */
static ssize_t sim_snp_field_read(struct file *file, char __user *ubuf,
				  size_t count, loff_t *ppos)
{
	const u64 *field = file->private_data;
	char text[SNP_TCB_TEXT_LEN + 2];
	int len;

	scoped_guard(mutex, &sim_lock)
		len = scnprintf(text, sizeof(text), SNP_TCB_SCHEME ":%016llx\n",
				*field);
	return simple_read_from_buffer(ubuf, count, ppos, text, len);
}

static ssize_t sim_snp_field_write(struct file *file, const char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	u64 *field = file->private_data;
	char text[SNP_TCB_TEXT_LEN + 2];
	u64 val;
	int ret;

	ret = sim_text_in(ubuf, count, ppos, text, sizeof(text));
	if (ret)
		return ret;
	ret = snp_tcb_parse(text, count, &val);
	if (ret)
		return ret;
	scoped_guard(mutex, &sim_lock) {
		*field = val;
	}
	sim_core_notify();
	return count;
}

static const struct file_operations sim_snp_field_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = sim_snp_field_read,
	.write = sim_snp_field_write,
	.llseek = default_llseek,
};

/*
 * "commit" (snp): the host's SNP_COMMIT: COMMITTED_TCB := CURRENT_TCB, and
 * the host publishes the matching VCEK (REPORTED_TCB := CURRENT_TCB).
 */
static int sim_commit_set(void *data, u64 val)
{
	if (val != 1)
		return -EINVAL;
	scoped_guard(mutex, &sim_lock) {
		sim_host.committed_tcb = sim_host.current_tcb;
		sim_host.reported_tcb = sim_host.current_tcb;
	}
	sim_core_notify();
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(sim_commit_fops, NULL, sim_commit_set, "%llu\n");

/*
 * "revert" (snp): the host backs out an uncommitted firmware update
 * (reloads the committed image): CURRENT_TCB := COMMITTED_TCB.
 */
static int sim_revert_set(void *data, u64 val)
{
	if (val != 1)
		return -EINVAL;
	scoped_guard(mutex, &sim_lock)
		sim_host.current_tcb = sim_host.committed_tcb;
	sim_core_notify();
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(sim_revert_fops, NULL, sim_revert_set, "%llu\n");

/*
 * "tee_tcb_svn" (tdx): TEE_TCB_INFO.TEE_TCB_SVN, 32 hex digits: the module's
 * SVN at TD launch, which no runtime update changes; a hostile host may.
 */
static ssize_t sim_tee_tcb_svn_read(struct file *file, char __user *ubuf,
				    size_t count, loff_t *ppos)
{
	char text[2 * TDX_TEE_TCB_SVN_LEN + 2];
	int len;

	scoped_guard(mutex, &sim_lock)
		len = scnprintf(text, sizeof(text), "%*phN\n",
				TDX_TEE_TCB_SVN_LEN, sim_host.tee_tcb_svn);
	return simple_read_from_buffer(ubuf, count, ppos, text, len);
}

static ssize_t sim_tee_tcb_svn_write(struct file *file,
				     const char __user *ubuf, size_t count,
				     loff_t *ppos)
{
	char text[2 * TDX_TEE_TCB_SVN_LEN + 2];
	u8 svn[TDX_TEE_TCB_SVN_LEN];
	int ret;

	ret = sim_text_in(ubuf, count, ppos, text, sizeof(text));
	if (ret)
		return ret;
	ret = tdx_hex_parse(text, count, svn, sizeof(svn));
	if (ret)
		return ret;
	scoped_guard(mutex, &sim_lock)
		memcpy(sim_host.tee_tcb_svn, svn, sizeof(svn));
	sim_core_notify();
	return count;
}

static const struct file_operations sim_tee_tcb_svn_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = sim_tee_tcb_svn_read,
	.write = sim_tee_tcb_svn_write,
	.llseek = default_llseek,
};

/*
 * "svn2_valid" (tdx): 1, a TDX Module 1.5 or later, whose TEE_TCB_INFO.VALID
 * marks TEE_TCB_SVN2; 0, a TDX 1.0 module, which leaves it zero.
 */
static int sim_svn2_valid_get(void *data, u64 *val)
{
	guard(mutex)(&sim_lock);
	*val = sim_host.svn2_valid;
	return 0;
}

static int sim_svn2_valid_set(void *data, u64 val)
{
	if (val > 1)
		return -EINVAL;
	scoped_guard(mutex, &sim_lock)
		sim_host.svn2_valid = val;
	sim_core_notify();
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(sim_svn2_valid_fops, sim_svn2_valid_get,
			 sim_svn2_valid_set, "%llu\n");

/* "errno": the provider fails (firmware error, a guest driver's -EIO) */
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

/* "delay_ms": request latency (a loaded host, a slow PSP or quote service) */
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
 * "busy" ("N M"): an SNP host throttling guest requests (about one a
 * second reaches the PSP, the rest are answered -EBUSY; some stall for
 * ~10 s): TCB reads get -EBUSY but one in N, and every M-th answer waits
 * delay_ms. "0 0" (the default) turns it off; writing restarts the counts.
 */
static ssize_t sim_busy_read(struct file *file, char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	char text[24];
	int len;

	scoped_guard(mutex, &sim_lock)
		len = scnprintf(text, sizeof(text), "%u %u\n", sim_host.busy_n,
				sim_host.busy_m);
	return simple_read_from_buffer(ubuf, count, ppos, text, len);
}

static ssize_t sim_busy_write(struct file *file, const char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	char text[24], *m;
	unsigned int n, every;
	int ret;

	ret = sim_text_in(ubuf, count, ppos, text, sizeof(text));
	if (ret)
		return ret;
	m = strchr(text, ' ');
	if (!m)
		return -EINVAL;
	*m = '\0';
	m++;
	if (kstrtouint(text, 10, &n) || kstrtouint(m, 10, &every) ||
	    n > SIM_BUSY_MAX || every > SIM_BUSY_MAX)
		return -EINVAL;

	guard(mutex)(&sim_lock);
	sim_host.busy_n = n;
	sim_host.busy_m = every;
	sim_host.reads = 0;
	sim_host.answers = 0;
	return count;
}

static const struct file_operations sim_busy_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = sim_busy_read,
	.write = sim_busy_write,
	.llseek = default_llseek,
};

/*
 * "tcb_static": what the source says about runtime TCB changes, "0" (the
 * host can update the TCB under the guest: the default), "1" (the
 * platform promises it never does) or "unknown".
 */
static ssize_t sim_tcb_static_read(struct file *file, char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	const char *text;
	int v;

	scoped_guard(mutex, &sim_lock)
		v = sim_host.tcb_static;
	text = v == TSM_WD_TCB_STATIC ? "1\n" :
	       v == TSM_WD_TCB_DYNAMIC ? "0\n" : "unknown\n";
	return simple_read_from_buffer(ubuf, count, ppos, text, strlen(text));
}

static ssize_t sim_tcb_static_write(struct file *file,
				    const char __user *ubuf, size_t count,
				    loff_t *ppos)
{
	char text[12];
	int ret, v;

	ret = sim_text_in(ubuf, count, ppos, text, sizeof(text));
	if (ret)
		return ret;
	if (sysfs_streq(text, "0"))
		v = TSM_WD_TCB_DYNAMIC;
	else if (sysfs_streq(text, "1"))
		v = TSM_WD_TCB_STATIC;
	else if (sysfs_streq(text, "unknown"))
		v = TSM_WD_TCB_STATIC_UNKNOWN;
	else
		return -EINVAL;
	scoped_guard(mutex, &sim_lock)
		sim_host.tcb_static = v;
	return count;
}

static const struct file_operations sim_tcb_static_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = sim_tcb_static_read,
	.write = sim_tcb_static_write,
	.llseek = default_llseek,
};

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

static void sim_debugfs_snp(struct dentry *d)
{
	debugfs_create_file_unsafe("commit", 0200, d, NULL, &sim_commit_fops);
	debugfs_create_file_unsafe("revert", 0200, d, NULL, &sim_revert_fops);
	debugfs_create_file("committed", 0600, d, &sim_host.committed_tcb,
			    &sim_snp_field_fops);
	debugfs_create_file("reported", 0600, d, &sim_host.reported_tcb,
			    &sim_snp_field_fops);
	debugfs_create_file("launch", 0600, d, &sim_host.launch_tcb,
			    &sim_snp_field_fops);
}

static void sim_debugfs_tdx(struct dentry *d)
{
	debugfs_create_file("tee_tcb_svn", 0600, d, NULL,
			    &sim_tee_tcb_svn_fops);
	debugfs_create_file_unsafe("svn2_valid", 0600, d, NULL,
				   &sim_svn2_valid_fops);
}

static void sim_debugfs_init(void)
{
	struct dentry *d = debugfs_create_dir(KBUILD_MODNAME, NULL);

	sim_debugfs = d;
	debugfs_create_file("tcb", 0600, d, NULL, &sim_tcb_fops);
	debugfs_create_file_unsafe("errno", 0600, d, NULL, &sim_errno_fops);
	debugfs_create_file_unsafe("delay_ms", 0600, d, NULL, &sim_delay_fops);
	debugfs_create_file("busy", 0600, d, NULL, &sim_busy_fops);
	debugfs_create_file("tcb_static", 0600, d, NULL, &sim_tcb_static_fops);
	debugfs_create_file_unsafe("freeze_ms", 0600, d, NULL,
				   &sim_freeze_fops);
	if (sim_is_tdx())
		sim_debugfs_tdx(d);
	else
		sim_debugfs_snp(d);
}

/* platform and tcb module parameters into the simulated host */
static int __init sim_host_init(void)
{
	const char *t;
	u64 v;

	if (!platform || !strcmp(platform, "snp")) {
		sim_platform = SIM_SNP;
	} else if (!strcmp(platform, "tdx")) {
		sim_platform = SIM_TDX;
	} else {
		pr_err("platform=%s: not snp or tdx\n", platform);
		return -EINVAL;
	}
	sim_host.tcb_static = TSM_WD_TCB_DYNAMIC;

	if (sim_is_tdx()) {
		t = tcb ?: SIM_TDX_TCB_DEFAULT;
		sim_source.scheme = TDX_TCB_SCHEME;
		sim_host.svn2_valid = true;
		if (tdx_tcb_parse(t, strlen(t), sim_host.tee_tcb_svn,
				  sim_host.cpusvn))
			goto bad_tcb;
		memcpy(sim_host.tee_tcb_svn2, sim_host.tee_tcb_svn,
		       TDX_TEE_TCB_SVN_LEN);
		return 0;
	}
	t = tcb ?: SIM_SNP_TCB_DEFAULT;
	if (snp_tcb_parse(t, strlen(t), &v))
		goto bad_tcb;
	sim_host.current_tcb = v;
	sim_host.committed_tcb = v;
	sim_host.reported_tcb = v;
	sim_host.launch_tcb = v;
	return 0;

bad_tcb:
	pr_err("tcb=%s is not %s\n", t, sim_is_tdx() ?
	       "tdx:<64 lowercase hex digits>" : "snp:<16 lowercase hex digits>");
	return -EINVAL;
}

static int __init sim_init(void)
{
	char text[SIM_TEXT_MAX];
	int ret;

	ret = sim_host_init();
	if (ret)
		return ret;

	ret = tsm_report_register(&sim_report_ops, NULL);
	if (ret) {
		pr_err("configfs-tsm provider registration failed: %d\n", ret);
		return ret;
	}
	if (sim_is_tdx()) {
		ret = misc_register(&sim_tdx_dev);
		if (ret) {
			pr_err("misc device %s: %d (is tdx-guest loaded?)\n",
			       sim_tdx_dev.name, ret);
			tsm_report_unregister(&sim_report_ops);
			return ret;
		}
		sim_tdx_dev_registered = true;
	}
	sim_debugfs_init();

	/* notifier first, so a core loading right now is not missed */
	ret = register_module_notifier(&sim_module_nb);
	if (ret) {
		debugfs_remove_recursive(sim_debugfs);
		if (sim_tdx_dev_registered)
			misc_deregister(&sim_tdx_dev);
		tsm_report_unregister(&sim_report_ops);
		return ret;
	}
	sim_core_register();

	sim_tcb_text(text, sizeof(text));
	pr_info("platform %s, provider %s, source %s, tcb %.*s, %s\n",
		sim_is_tdx() ? "tdx" : "snp", sim_report_ops.name,
		sim_source.name, (int)strcspn(text, "\n"), text,
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

	if (sim_tdx_dev_registered)
		misc_deregister(&sim_tdx_dev);
	/* waits for report generation in progress */
	tsm_report_unregister(&sim_report_ops);
}
module_exit(sim_exit);

MODULE_AUTHOR("tsm-watchdog developers");
MODULE_DESCRIPTION("Simulated confidential-computing host (SEV-SNP or TDX) for the TSM watchdog (tests only)");
MODULE_LICENSE("GPL");
