/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * configfs-tsm report provider API across kernel versions.
 *
 * Linux 6.16 (commit 71ded61bee2a "configfs-tsm: Namespace TSM report
 * symbols") renamed struct tsm_ops to struct tsm_report_ops, struct
 * tsm_desc to struct tsm_report_desc, tsm_register()/tsm_unregister() to
 * tsm_report_register()/tsm_report_unregister() and TSM_*_MAX to
 * TSM_REPORT_*_MAX, and later reused tsm_register() for the TEE Security
 * Manager core. Provider code here is written against the new names; on
 * older kernels (6.7 to 6.15) they map to the old ones.
 *
 * The new API is recognised by TSM_REPORT_INBLOB_MAX, which the rename
 * introduced, rather than by LINUX_VERSION_CODE: distribution kernels that
 * backport the rename then build too.
 *
 * Kernels built and tested: Debian's 6.12 (old names) and Debian 13
 * backports' 7.3 (new names). Older kernels are refused by Kbuild and by
 * DKMS (BUILD_EXCLUSIVE_KERNEL): on 6.7 to 6.10 tsm_register() took a third
 * argument (the provider's extra configfs attributes), and nothing older
 * than 6.12 is ever built here.
 */
#ifndef _TSM_WD_TSM_COMPAT_H
#define _TSM_WD_TSM_COMPAT_H

#include <linux/tsm.h>

#ifndef TSM_REPORT_INBLOB_MAX
#define tsm_report_ops			tsm_ops
#define tsm_report_desc			tsm_desc
#define TSM_REPORT_INBLOB_MAX		TSM_INBLOB_MAX
#define TSM_REPORT_PRIVLEVEL_MAX	TSM_PRIVLEVEL_MAX

static inline int tsm_report_register(const struct tsm_report_ops *ops,
				      void *priv)
{
	return tsm_register(ops, priv);
}

static inline int tsm_report_unregister(const struct tsm_report_ops *ops)
{
	return tsm_unregister(ops);
}
#endif /* !TSM_REPORT_INBLOB_MAX */

/*
 * Linux 6.13 added hrtimer_setup() (init and callback in one call) and
 * later kernels removed hrtimer_init(); the core uses the new call. An
 * out-of-tree build defines TSM_WD_NO_HRTIMER_SETUP when the kernel's
 * <linux/hrtimer.h> lacks it (Kbuild).
 */
#include <linux/hrtimer.h>

#ifdef TSM_WD_NO_HRTIMER_SETUP
static inline void hrtimer_setup(struct hrtimer *timer,
				 enum hrtimer_restart (*function)(struct hrtimer *),
				 clockid_t clock_id, enum hrtimer_mode mode)
{
	hrtimer_init(timer, clock_id, mode);
	timer->function = function;
}
#endif

/*
 * Linux 6.17 added system_percpu_wq and system_dfl_wq as the new names of
 * system_wq and system_unbound_wq, and later kernels warn ("enqueued on
 * deprecated workqueue") when work is queued on the old ones. The poll work
 * sleeps in the source's read (an SNP guest request can stall for seconds)
 * and needs no particular CPU, so it runs unbound: system_dfl_wq. Stable
 * kernels got the new names too (Debian's 6.12 has them); an out-of-tree
 * build defines TSM_WD_NO_SYSTEM_DFL_WQ when the kernel's
 * <linux/workqueue.h> lacks system_dfl_wq (Kbuild).
 */
#include <linux/workqueue.h>

#ifdef TSM_WD_NO_SYSTEM_DFL_WQ
#define system_dfl_wq			system_unbound_wq
#endif

#endif /* _TSM_WD_TSM_COMPAT_H */
