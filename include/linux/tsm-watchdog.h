/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tsm-watchdog: in-kernel API between the vendor-neutral watchdog core
 * (tsm_watchdog.ko) and the TCB sources that tell it the guest's current
 * TCB version (tdx, sim, ...).
 *
 * A TCB value is opaque bytes (at most TSM_WD_TCB_MAX) tagged with a scheme
 * ("snp", "tdx", ...). Its text form, used in every userspace ABI, is
 * "<scheme>:<lowercase hex of the bytes, in order>".
 */
#ifndef _LINUX_TSM_WATCHDOG_H
#define _LINUX_TSM_WATCHDOG_H

#include <linux/types.h>

struct module;

#define TSM_WD_TCB_MAX		64
#define TSM_WD_SCHEME_MAX	15
/* "scheme:" + two hex digits a byte + NUL */
#define TSM_WD_TCB_TEXT_MAX	(TSM_WD_SCHEME_MAX + 1 + 2 * TSM_WD_TCB_MAX + 1)

/**
 * struct tsm_wd_tcb - one TCB value
 * @scheme: NUL-terminated scheme name, [a-z0-9]{1,15}
 * @len: number of valid bytes in @bytes, 1..TSM_WD_TCB_MAX
 * @bytes: the value; hex of these bytes, in order, is the text form
 */
struct tsm_wd_tcb {
	char scheme[TSM_WD_SCHEME_MAX + 1];
	u8 len;
	u8 bytes[TSM_WD_TCB_MAX];
};

struct tsm_wd_source;

/**
 * struct tsm_wd_reading - what one read of a TCB source returned
 * @tcb: the TCB that runs now (SNP CURRENT_TCB; TDX running module SVN and
 *	CPUSVN); the value the watchdog tracks
 * @has_floor: @floor is valid
 * @floor: the platform's anti-rollback floor (SNP COMMITTED_TCB); TDX has
 *	none
 * @has_launch: @launch is valid
 * @launch: the TCB at launch (SNP LAUNCH_TCB; TDX TEE_TCB_SVN + CPUSVN)
 *
 * The core zeroes the structure before each read. Every valid TCB in it
 * must carry the source's scheme.
 */
struct tsm_wd_reading {
	struct tsm_wd_tcb tcb;
	bool has_floor;
	struct tsm_wd_tcb floor;
	bool has_launch;
	struct tsm_wd_tcb launch;
};

/* What a source says about runtime TCB changes (sysfs "tcb_static"). */
enum tsm_wd_tcb_static {
	TSM_WD_TCB_STATIC_UNKNOWN = -1,
	TSM_WD_TCB_DYNAMIC = 0,		/* the host can change it at runtime */
	TSM_WD_TCB_STATIC = 1,		/* fixed for the guest's lifetime */
};

/**
 * struct tsm_wd_source_ops - what a TCB source implements
 * @read_tcb: fill @r with the current TCB and, where the platform has them,
 *	its floor and launch TCB; may sleep. Returns 0 or a negative errno.
 *	-EBUSY and -EAGAIN mean the host is throttling or stalling the
 *	request (busy); any other errno is a failure. Either way the core
 *	keeps the last TCB (DESIGN rule 12) and reports a source-error.
 * @compare: optional; component-wise order of two TCBs of this source's
 *	scheme. Returns < 0 if @a is older than @b in any component (a
 *	rollback when @a is the current TCB and @b the floor or baseline), 0
 *	if equal, > 0 otherwise. Without it the core never reports a
 *	rollback.
 * @tcb_static: optional; whether the platform can change the TCB at
 *	runtime (enum tsm_wd_tcb_static). Called once, when the source
 *	registers; must not sleep. Without it: unknown.
 *
 * The core serialises read_tcb() calls and applies each reading in the
 * order the reads happened.
 */
struct tsm_wd_source_ops {
	int (*read_tcb)(struct tsm_wd_source *src, struct tsm_wd_reading *r);
	int (*compare)(struct tsm_wd_source *src, const struct tsm_wd_tcb *a,
		       const struct tsm_wd_tcb *b);
	int (*tcb_static)(struct tsm_wd_source *src);
};

/**
 * struct tsm_wd_source - a registered TCB source
 * @name: short name shown in sysfs "source"
 * @scheme: scheme of every TCB this source reports
 * @ops: operations; validated once at registration
 * @owner: module implementing @ops (THIS_MODULE); while the watchdog is
 *	not disarmed the core holds a reference on it, so the source can not
 *	be unloaded until "disarm"
 * @priv: for the source's own use
 */
struct tsm_wd_source {
	const char *name;
	const char *scheme;
	const struct tsm_wd_source_ops *ops;
	struct module *owner;
	void *priv;
};

int tsm_wd_register_source(struct tsm_wd_source *src);
void tsm_wd_unregister_source(struct tsm_wd_source *src);
void tsm_wd_source_notify(struct tsm_wd_source *src);

#endif /* _LINUX_TSM_WATCHDOG_H */
