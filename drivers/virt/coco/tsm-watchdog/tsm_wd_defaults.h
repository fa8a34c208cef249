/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The module parameters' defaults as text, from the Kconfig choices. The
 * values themselves live in Kconfig only: in a kernel tree Kconfig sets
 * the CONFIG_ symbols, and an out-of-tree build takes them from Kconfig
 * through Kbuild.
 */
#ifndef _TSM_WD_DEFAULTS_H
#define _TSM_WD_DEFAULTS_H

#include <linux/kconfig.h>

#if IS_ENABLED(CONFIG_TSM_WATCHDOG_MODE_STRICT)
#define TSM_WD_DEFAULT_MODE "strict"
#elif IS_ENABLED(CONFIG_TSM_WATCHDOG_MODE_PERMISSIVE)
#define TSM_WD_DEFAULT_MODE "permissive"
#elif IS_ENABLED(CONFIG_TSM_WATCHDOG_MODE_RELAXED)
#define TSM_WD_DEFAULT_MODE "relaxed"
#else
#error "no CONFIG_TSM_WATCHDOG_MODE_* choice set"
#endif

#if IS_ENABLED(CONFIG_TSM_WATCHDOG_ACTION_LOG)
#define TSM_WD_DEFAULT_ACTION "log"
#elif IS_ENABLED(CONFIG_TSM_WATCHDOG_ACTION_WARN)
#define TSM_WD_DEFAULT_ACTION "warn"
#elif IS_ENABLED(CONFIG_TSM_WATCHDOG_ACTION_POWEROFF)
#define TSM_WD_DEFAULT_ACTION "poweroff"
#elif IS_ENABLED(CONFIG_TSM_WATCHDOG_ACTION_REBOOT)
#define TSM_WD_DEFAULT_ACTION "reboot"
#elif IS_ENABLED(CONFIG_TSM_WATCHDOG_ACTION_PANIC)
#define TSM_WD_DEFAULT_ACTION "panic"
#else
#error "no CONFIG_TSM_WATCHDOG_ACTION_* choice set"
#endif

#if IS_ENABLED(CONFIG_TSM_WATCHDOG_NOWAYOUT)
#define TSM_WD_DEFAULT_NOWAYOUT "1"
#else
#define TSM_WD_DEFAULT_NOWAYOUT "0"
#endif

#endif /* _TSM_WD_DEFAULTS_H */
