/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * tsm-watchdog userspace ABI constants.
 *
 * The device speaks text: see Documentation/ABI/testing/dev-tsm_watchdog.
 * These limits are shared by the kernel driver and its userspace tools.
 */
#ifndef _UAPI_LINUX_TSM_WATCHDOG_H
#define _UAPI_LINUX_TSM_WATCHDOG_H

#define TSM_WATCHDOG_DEVICE		"/dev/tsm_watchdog"
#define TSM_WATCHDOG_SYSFS		"/sys/class/misc/tsm_watchdog"

/* Longest command, newline excluded. */
#define TSM_WATCHDOG_CMD_MAX		256
/* Longest single write(): several commands may share one write. */
#define TSM_WATCHDOG_WRITE_MAX		4096
/* How many pre-approved ("expect") TCBs the kernel holds. */
#define TSM_WATCHDOG_EXPECT_MAX		8
/* Depth of the event queue read from the device. */
#define TSM_WATCHDOG_EVENTS_MAX		256
/* Longest TCB value in bytes, and its scheme name in characters. */
#define TSM_WATCHDOG_TCB_MAX		64
#define TSM_WATCHDOG_SCHEME_MAX		15

/* Ranges of the policy knobs ("set" commands and module parameters). */
#define TSM_WATCHDOG_TIMEOUT_MIN	1
#define TSM_WATCHDOG_TIMEOUT_MAX	86400
#define TSM_WATCHDOG_GRACE_MIN		1
#define TSM_WATCHDOG_GRACE_MAX		86400
#define TSM_WATCHDOG_POLL_MS_MIN	50
#define TSM_WATCHDOG_POLL_MS_MAX	600000

#endif /* _UAPI_LINUX_TSM_WATCHDOG_H */
