// SPDX-License-Identifier: GPL-2.0-only
/*
 * tsm-watchdog fault injection (CONFIG_TSM_WATCHDOG_FAULT_INJECTION, tests
 * only): debugfs knobs under /sys/kernel/debug/tsm_watchdog/ that widen
 * race windows inside the core, so that a test can force an interleaving
 * userspace alone can not. Every knob is inert until written.
 *
 * poll_apply_delay_ms: the poll work sleeps this long between its source
 * read and applying the reading (tsm_wd_read_apply()), so that an "ack"
 * racing it reads and applies a newer TCB inside that gap unless the core
 * orders the two (issue 12, defect 1).
 * poll_apply_delays: how many times that delay was injected.
 * poll_apply_gap: 1 while a poll sleeps in that gap, so that a test can
 * act exactly inside it.
 */
#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/minmax.h>

#include "tsm_wd.h"

/* Caps an injected delay, so that module unload never waits longer. */
#define TSM_WD_FAULT_DELAY_MAX_MS	10000U

static struct dentry *tsm_wd_fault_dir;
/* Written by debugfs, read locklessly by the poll work. */
static u32 tsm_wd_poll_apply_delay_ms;
static atomic_t tsm_wd_poll_apply_delays = ATOMIC_INIT(0);
static atomic_t tsm_wd_poll_apply_gap = ATOMIC_INIT(0);

/**
 * tsm_wd_fault_init() - create the fault injection knobs
 *
 * A debugfs failure leaves the knobs absent and the core unaffected.
 */
void tsm_wd_fault_init(void)
{
	tsm_wd_fault_dir = debugfs_create_dir("tsm_watchdog", NULL);
	debugfs_create_u32("poll_apply_delay_ms", 0600, tsm_wd_fault_dir,
			   &tsm_wd_poll_apply_delay_ms);
	debugfs_create_atomic_t("poll_apply_delays", 0400, tsm_wd_fault_dir,
				&tsm_wd_poll_apply_delays);
	debugfs_create_atomic_t("poll_apply_gap", 0400, tsm_wd_fault_dir,
				&tsm_wd_poll_apply_gap);
}

/**
 * tsm_wd_fault_exit() - remove the fault injection knobs
 */
void tsm_wd_fault_exit(void)
{
	debugfs_remove_recursive(tsm_wd_fault_dir);
}

/**
 * tsm_wd_fault_before_apply() - between a source read and applying it
 * @wd: the watchdog; the caller holds ->src_lock, not ->lock
 *
 * In the poll work only: sleeps poll_apply_delay_ms (at most 10 s).
 */
void tsm_wd_fault_before_apply(struct tsm_wd *wd)
{
	u32 ms = READ_ONCE(tsm_wd_poll_apply_delay_ms);

	if (!ms || current_work() != &wd->poll_work)
		return;
	atomic_inc(&tsm_wd_poll_apply_delays);
	atomic_set(&tsm_wd_poll_apply_gap, 1);
	msleep(min(ms, TSM_WD_FAULT_DELAY_MAX_MS));
	atomic_set(&tsm_wd_poll_apply_gap, 0);
}
