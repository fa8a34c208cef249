// SPDX-License-Identifier: GPL-2.0-only
/*
 * tsm_wd_tdx: TCB source "tdx" for the TSM watchdog.
 *
 * Each read asks the TDX module for a fresh TDREPORT (TDG.MR.REPORT through
 * tdx_mcall_get_report0()) and reports TEE_TCB_INFO.TEE_TCB_SVN, the SVNs of
 * the TDX module and its loaders, which change when the host updates the
 * TDX module at runtime. Decoding lives in tdx_report.h.
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

static int tdx_wd_read_tcb(struct tsm_wd_source *src,
			   struct tsm_wd_reading *r)
{
	/* kmalloc() keeps these naturally aligned, as TDG.MR.REPORT needs */
	u8 *reportdata __free(kfree) = kzalloc(TDX_REPORTDATA_LEN, GFP_KERNEL);
	u8 *tdreport __free(kfree) = kzalloc(TDX_REPORT_LEN, GFP_KERNEL);
	struct tdx_report_tcb info;
	int ret;

	if (!reportdata || !tdreport)
		return -ENOMEM;

	ret = tdx_mcall_get_report0(reportdata, tdreport);
	if (ret)
		return ret;

	ret = tdx_report_decode(tdreport, TDX_REPORT_LEN, &info);
	if (ret)
		return ret;

	tdx_wd_tcb_set(&r->tcb, info.tee_tcb_svn);
	return 0;
}

static int tdx_wd_compare(struct tsm_wd_source *src,
			  const struct tsm_wd_tcb *a,
			  const struct tsm_wd_tcb *b)
{
	return tdx_wd_tcb_compare(a, b);
}

static const struct tsm_wd_source_ops tdx_wd_ops = {
	.read_tcb = tdx_wd_read_tcb,
	.compare = tdx_wd_compare,
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
	struct tsm_wd_reading r = {};
	int ret;

	if (!x86_match_cpu(tdx_wd_ids))
		return -ENODEV;

	/* fail early, and visibly, if the TDX module can not report */
	ret = tdx_wd_read_tcb(&tdx_wd_source, &r);
	if (ret) {
		pr_err("reading TEE_TCB_SVN failed: %d\n", ret);
		return ret;
	}

	ret = tsm_wd_register_source(&tdx_wd_source);
	if (ret) {
		pr_err("registering TCB source failed: %d\n", ret);
		return ret;
	}
	pr_info("TCB source \"%s\" registered, tcb " TDX_TCB_SCHEME ":%*phN\n",
		tdx_wd_source.name, (int)r.tcb.len, r.tcb.bytes);
	return 0;
}
module_init(tdx_wd_init);

static void __exit tdx_wd_exit(void)
{
	tsm_wd_unregister_source(&tdx_wd_source);
}
module_exit(tdx_wd_exit);

MODULE_AUTHOR("tsm-watchdog developers");
MODULE_DESCRIPTION("TDX TCB source (TDREPORT TEE_TCB_SVN) for the TSM watchdog");
MODULE_LICENSE("GPL");
