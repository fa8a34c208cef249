// SPDX-License-Identifier: GPL-2.0-only
/*
 * tsm_wd_tdx: TCB source "tdx" for the TSM watchdog.
 *
 * Each read asks the TDX module for a fresh TDREPORT (TDG.MR.REPORT through
 * tdx_mcall_get_report0()) and reports, decoded by tdx_report.h:
 * - current: the running TDX module's SVN (TEE_TCB_INFO.TEE_TCB_SVN2 where
 *   TEE_TCB_INFO.VALID marks it, else TEE_TCB_SVN) and CPUSVN; a TDX module
 *   runtime update moves the first, a microcode update the second;
 * - launch: TEE_TCB_SVN (the module's SVN at TD launch) and CPUSVN;
 * - no floor: TDX has no anti-rollback floor a guest can read.
 *
 * Sharing TDG.MR.REPORT with the tdx-guest driver: every read uses its own
 * buffers, so nothing is shared with tdx-guest's. Inside the TDX module,
 * TDG.MR.REPORT holds the TD's RTMR lock shared and TDG.MR.RTMR.EXTEND
 * holds it exclusive; a collision fails one of them with
 * TDX_OPERAND_BUSY instead of corrupting anything. Two reports never
 * collide, so tdx-guest's TDX_CMD_GET_REPORT0 and quotes never fail
 * because of this source. From Linux 6.16 tdx_mcall_get_report0() returns
 * -EBUSY for TDX_OPERAND_BUSY: this read is then busy and the core retries
 * at the next poll (DESIGN rule 12). The one effect on tdx-guest's users is
 * that an RTMR extend (6.16 and later) that lands inside this source's
 * TDG.MR.REPORT, a window of microseconds once per poll, fails with -EBUSY
 * and is retried by its caller; tdx-guest's lock that would prevent it is
 * private to that driver.
 *
 * A kernel may export tdx_mcall_get_report0() to named modules only
 * (EXPORT_SYMBOL_FOR_MODULES). The build finds that in the kernel's
 * Module.symvers (Kbuild defines TSM_WD_TDX_EXPORT_NS) and the module then
 * refuses to load with a message that says so.
 *
 * Loads automatically on TDX guests (x86cpu modalias on X86_FEATURE_TDX_GUEST)
 * and refuses to load anywhere else.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cleanup.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/tsm-watchdog.h>

#include <asm/cpu_device_id.h>
#include <asm/tdx.h>
#include <uapi/linux/tdx-guest.h>

#include "tdx_report.h"

/* written once in init, before the source is registered */
static bool tdx_wd_svn2_valid;

#ifdef TSM_WD_TDX_EXPORT_NS
static int tdx_wd_get_report0(u8 *reportdata, u8 *tdreport)
{
	return -EPERM;
}
#else
static int tdx_wd_get_report0(u8 *reportdata, u8 *tdreport)
{
	return tdx_mcall_get_report0(reportdata, tdreport);
}
#endif

static int tdx_wd_read_report(struct tdx_report_tcb *info)
{
	/* kmalloc() keeps these naturally aligned, as TDG.MR.REPORT needs */
	u8 *reportdata __free(kfree) = kzalloc(TDX_REPORTDATA_LEN, GFP_KERNEL);
	u8 *tdreport __free(kfree) = kzalloc(TDX_REPORT_LEN, GFP_KERNEL);
	int ret;

	if (!reportdata || !tdreport)
		return -ENOMEM;

	ret = tdx_wd_get_report0(reportdata, tdreport);
	if (ret == -EBUSY)
		return ret;	/* busy: the core retries at the next poll */
	if (ret) {
		pr_warn_ratelimited("TDG.MR.REPORT failed: %d\n", ret);
		return ret;
	}
	return tdx_report_decode(tdreport, TDX_REPORT_LEN, info);
}

static int tdx_wd_read_tcb(struct tsm_wd_source *src,
			   struct tsm_wd_reading *r)
{
	struct tdx_report_tcb info;
	int ret;

	ret = tdx_wd_read_report(&info);
	if (ret)
		return ret;
	tdx_wd_tcb_from_report(&info, &r->tcb, &r->launch);
	r->has_launch = true;
	return 0;
}

static int tdx_wd_compare(struct tsm_wd_source *src,
			  const struct tsm_wd_tcb *a,
			  const struct tsm_wd_tcb *b)
{
	return tdx_wd_tcb_compare(a, b);
}

/*
 * A module that marks TEE_TCB_SVN2 valid supports TD-preserving runtime
 * update: the TCB can change under the TD. A TDX 1.0 module can not be
 * updated under a running TD, but microcode (CPUSVN) may still be: unknown.
 */
static int tdx_wd_tcb_static(struct tsm_wd_source *src)
{
	return tdx_wd_svn2_valid ? TSM_WD_TCB_DYNAMIC :
				   TSM_WD_TCB_STATIC_UNKNOWN;
}

static const struct tsm_wd_source_ops tdx_wd_ops = {
	.read_tcb = tdx_wd_read_tcb,
	.compare = tdx_wd_compare,
	.tcb_static = tdx_wd_tcb_static,
};

static struct tsm_wd_source tdx_wd_source = {
	.name = "tdx",
	.scheme = TDX_TCB_SCHEME,
	.ops = &tdx_wd_ops,
	.owner = THIS_MODULE,
};

static const struct x86_cpu_id tdx_wd_ids[] = {
	X86_MATCH_FEATURE(X86_FEATURE_TDX_GUEST, NULL),
	{}
};
MODULE_DEVICE_TABLE(x86cpu, tdx_wd_ids);

static int __init tdx_wd_init(void)
{
	struct tdx_report_tcb info;
	struct tsm_wd_tcb cur;
	int ret;

	if (!x86_match_cpu(tdx_wd_ids))
		return -ENODEV;

#ifdef TSM_WD_TDX_EXPORT_NS
	pr_err("this kernel exports tdx_mcall_get_report0() only to %s, not to this module: the tdx TCB source can not read a TDREPORT here\n",
	       TSM_WD_TDX_EXPORT_NS);
	return -EPERM;
#endif

	/* fail early, and visibly, if the TDX module can not report */
	ret = tdx_wd_read_report(&info);
	if (ret) {
		pr_err("reading a TDREPORT failed: %d\n", ret);
		return ret;
	}
	tdx_wd_svn2_valid = info.svn2_valid;
	tdx_wd_tcb_from_report(&info, &cur, NULL);

	ret = tsm_wd_register_source(&tdx_wd_source);
	if (ret) {
		pr_err("registering TCB source failed: %d\n", ret);
		return ret;
	}
	pr_info("source \"%s\" registered, tcb tdx:%*phN, TEE_TCB_SVN %*phN, SVN2 %s\n",
		tdx_wd_source.name, (int)cur.len, cur.bytes,
		TDX_TEE_TCB_SVN_LEN, info.tee_tcb_svn,
		info.svn2_valid ? "valid" : "not valid (TDX 1.0 module)");
	return 0;
}
module_init(tdx_wd_init);

static void __exit tdx_wd_exit(void)
{
	tsm_wd_unregister_source(&tdx_wd_source);
}
module_exit(tdx_wd_exit);

MODULE_AUTHOR("tsm-watchdog developers");
MODULE_DESCRIPTION("TDX TCB source (TDREPORT running module SVN and CPUSVN) for the TSM watchdog");
MODULE_LICENSE("GPL");
