// SPDX-License-Identifier: GPL-2.0-only
/*
 * tsm_wd_snp: TCB source "snp" for the TSM watchdog, on SEV-SNP guests.
 *
 * Each request asks the AMD Secure Processor for a fresh ATTESTATION_REPORT
 * (MSG_REPORT_REQ over the guest's VMPCK channel, through the kernel's SEV
 * guest-message API: snp_msg_alloc(), snp_msg_init(),
 * snp_send_guest_request()) and reports CURRENT_TCB, COMMITTED_TCB as the
 * floor and LAUNCH_TCB. Request and response handling live in
 * snp_msg_report.h, the report layout in snp_report.h.
 *
 * The host relays every guest request and throttles them (about one a
 * second, with stalls of about 10 s; the kernel retries a throttled
 * request for up to SNP_REQ_MAX_RETRY_DURATION, 60 s). So this source sends
 * at most one request every "poll_ms" milliseconds, whatever the core's
 * poll interval, and answers the core's reads in between with the last
 * answer. See Documentation/ABI/testing/sysfs-module-tsm_wd_snp.
 *
 * Built only where <asm/sev.h> declares that API (Kbuild checks the
 * header). Loads automatically on SEV-SNP guests (alias of the
 * "sev-guest" platform device, which the kernel registers on those only)
 * and refuses to load anywhere else.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cc_platform.h>
#include <linux/cleanup.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/tsm-watchdog.h>

#include <asm/sev.h>
#include <asm/svm.h>

#include "snp_msg_report.h"

#define SNP_WD_POLL_MS_MIN	1000
#define SNP_WD_POLL_MS_MAX	600000
/* MSG_REPORT_REQ message version 1 */
#define SNP_WD_MSG_VERSION	1

static unsigned int poll_ms = 5000;
module_param(poll_ms, uint, 0444);
MODULE_PARM_DESC(poll_ms,
		 "at most one report request to the PSP every poll_ms ms (1000..600000, default 5000)");

/**
 * struct snp_wd - the source's state
 * @lock: serialises reads; protects @state, @req and @rsp
 * @mdesc: the guest-message channel (VMPCK of the guest's VMPL)
 * @state: rate limit and last answer (snp_msg_report.h)
 * @req: MSG_REPORT_REQ buffer (linear mapping, as the API requires)
 * @rsp: MSG_REPORT_RSP buffer, with room for the authentication tag
 * @layout: TCB_VERSION layout, set once before registration
 */
struct snp_wd {
	struct mutex lock;	/* serialises reads: @state, @req, @rsp */
	struct snp_msg_desc *mdesc;
	struct snp_wd_state state;
	u8 *req;
	u8 *rsp;
	enum snp_tcb_layout layout;
};

static struct snp_wd snp_wd;

/* caller holds snp_wd.lock */
static int snp_wd_send(void *ctx, const u8 *req, u8 *rsp)
{
	struct snp_wd *wd = ctx;
	struct snp_guest_req greq = {
		.req_buf = (void *)req,
		.req_sz = SNP_MSG_REPORT_REQ_LEN,
		.resp_buf = rsp,
		.resp_sz = SNP_MSG_REPORT_RSP_LEN + MAX_AUTHTAG_LEN,
		.exit_code = SVM_VMGEXIT_GUEST_REQUEST,
		.vmpck_id = wd->mdesc->vmpck_id,
		.msg_version = SNP_WD_MSG_VERSION,
		.msg_type = SNP_MSG_REPORT_REQ,
	};
	int rc;

	lockdep_assert_held(&wd->lock);
	rc = snp_send_guest_request(wd->mdesc, &greq);
	if (rc)
		pr_debug("report request failed: %d, exitinfo2 %#llx\n", rc,
			 greq.exitinfo2);
	return rc;
}

static u64 snp_wd_now_ms(void *ctx)
{
	return jiffies64_to_msecs(get_jiffies_64());
}

static int snp_wd_read_tcb(struct tsm_wd_source *src, struct tsm_wd_reading *r)
{
	struct snp_wd *wd = src->priv;
	const struct snp_wd_transport t = {
		.send = snp_wd_send,
		.now_ms = snp_wd_now_ms,
		.ctx = wd,
	};

	guard(mutex)(&wd->lock);
	return snp_wd_read(&wd->state, &t, wd->req, wd->rsp,
			   wd->mdesc->vmpck_id, r);
}

static int snp_wd_compare(struct tsm_wd_source *src,
			  const struct tsm_wd_tcb *a,
			  const struct tsm_wd_tcb *b)
{
	struct snp_wd *wd = src->priv;

	return snp_wd_tcb_compare_layout(a, b, wd->layout);
}

/* SNP firmware hot load and microcode updates change it at runtime */
static int snp_wd_tcb_static(struct tsm_wd_source *src)
{
	return TSM_WD_TCB_DYNAMIC;
}

static const struct tsm_wd_source_ops snp_wd_ops = {
	.read_tcb = snp_wd_read_tcb,
	.compare = snp_wd_compare,
	.tcb_static = snp_wd_tcb_static,
};

static struct tsm_wd_source snp_wd_source = {
	.name = "snp",
	.scheme = SNP_TCB_SCHEME,
	.ops = &snp_wd_ops,
	.owner = THIS_MODULE,
	.priv = &snp_wd,
};

static void snp_wd_free(struct snp_wd *wd)
{
	kfree_sensitive(wd->rsp);
	kfree(wd->req);
	if (!IS_ERR_OR_NULL(wd->mdesc))
		snp_msg_free(wd->mdesc);
}

static int snp_wd_setup(struct snp_wd *wd)
{
	int ret;

	mutex_init(&wd->lock);
	wd->state.interval_ms = poll_ms;
	wd->req = kzalloc(SNP_MSG_REPORT_REQ_LEN, GFP_KERNEL);
	wd->rsp = kzalloc(SNP_MSG_REPORT_RSP_LEN + MAX_AUTHTAG_LEN, GFP_KERNEL);
	if (!wd->req || !wd->rsp)
		return -ENOMEM;
	wd->mdesc = snp_msg_alloc();
	if (IS_ERR_OR_NULL(wd->mdesc))
		return wd->mdesc ? PTR_ERR(wd->mdesc) : -ENOMEM;
	/* -1: the VMPCK of the VMPL the guest runs at, as sev-guest does */
	ret = snp_msg_init(wd->mdesc, -1);
	if (ret) {
		pr_err("no usable VMPCK to talk to the PSP (%d)\n", ret);
		return ret;
	}
	return 0;
}

/* the first request: fail early and visibly; learn the TCB layout */
static int snp_wd_first_read(struct snp_wd *wd, struct tsm_wd_reading *r)
{
	int ret = snp_wd_read_tcb(&snp_wd_source, r);

	if (ret) {
		pr_err("report request to the PSP failed: %d%s\n", ret,
		       ret == -EBUSY ? " (the host is throttling requests)" : "");
		return ret;
	}
	wd->layout = wd->state.tcbs.layout;
	return 0;
}

static int __init snp_wd_init(void)
{
	struct tsm_wd_reading r = {};
	int ret;

	if (poll_ms < SNP_WD_POLL_MS_MIN || poll_ms > SNP_WD_POLL_MS_MAX) {
		pr_err("poll_ms=%u out of range %u..%u\n", poll_ms,
		       SNP_WD_POLL_MS_MIN, SNP_WD_POLL_MS_MAX);
		return -EINVAL;
	}
	if (!cc_platform_has(CC_ATTR_GUEST_SEV_SNP)) {
		pr_info("not an SEV-SNP guest: no TCB to read, not loading\n");
		return -ENODEV;
	}
	ret = snp_wd_setup(&snp_wd);
	if (!ret)
		ret = snp_wd_first_read(&snp_wd, &r);
	if (!ret)
		ret = tsm_wd_register_source(&snp_wd_source);
	if (ret) {
		snp_wd_free(&snp_wd);
		return ret;
	}
	pr_info("TCB source \"%s\" registered: tcb snp:%*phN floor snp:%*phN launch snp:%*phN (%s), at most one PSP request every %u ms\n",
		snp_wd_source.name, (int)r.tcb.len, r.tcb.bytes,
		(int)r.floor.len, r.floor.bytes, (int)r.launch.len,
		r.launch.bytes,
		snp_wd.layout == SNP_TCB_LAYOUT_TURIN ? "Turin" : "Milan/Genoa",
		poll_ms);
	return 0;
}
module_init(snp_wd_init);

static void __exit snp_wd_exit(void)
{
	tsm_wd_unregister_source(&snp_wd_source);
	snp_wd_free(&snp_wd);
}
module_exit(snp_wd_exit);

/* The kernel registers the "sev-guest" platform device on SEV-SNP guests only */
MODULE_ALIAS("platform:sev-guest");
MODULE_AUTHOR("tsm-watchdog developers");
MODULE_DESCRIPTION("SEV-SNP TCB source (ATTESTATION_REPORT CURRENT_TCB) for the TSM watchdog");
MODULE_LICENSE("GPL");
