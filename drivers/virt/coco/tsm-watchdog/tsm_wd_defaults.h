/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kconfig defaults of the module parameters. In a kernel tree Kconfig sets
 * the CONFIG_ symbols; an out-of-tree build against a distro kernel has
 * none of them and gets the Kconfig defaults from here.
 */
#ifndef _TSM_WD_DEFAULTS_H
#define _TSM_WD_DEFAULTS_H

#ifndef CONFIG_TSM_WATCHDOG_TIMEOUT
#define CONFIG_TSM_WATCHDOG_TIMEOUT 60
#endif
#ifndef CONFIG_TSM_WATCHDOG_GRACE
#define CONFIG_TSM_WATCHDOG_GRACE 30
#endif
#ifndef CONFIG_TSM_WATCHDOG_POLL_MS
#define CONFIG_TSM_WATCHDOG_POLL_MS 1000
#endif

#if IS_ENABLED(CONFIG_TSM_WATCHDOG_MODE_STRICT)
#define TSM_WD_DEFAULT_MODE "strict"
#elif IS_ENABLED(CONFIG_TSM_WATCHDOG_MODE_PERMISSIVE)
#define TSM_WD_DEFAULT_MODE "permissive"
#else
#define TSM_WD_DEFAULT_MODE "relaxed"
#endif

#if IS_ENABLED(CONFIG_TSM_WATCHDOG_ACTION_LOG)
#define TSM_WD_DEFAULT_ACTION "log"
#elif IS_ENABLED(CONFIG_TSM_WATCHDOG_ACTION_POWEROFF)
#define TSM_WD_DEFAULT_ACTION "poweroff"
#elif IS_ENABLED(CONFIG_TSM_WATCHDOG_ACTION_REBOOT)
#define TSM_WD_DEFAULT_ACTION "reboot"
#elif IS_ENABLED(CONFIG_TSM_WATCHDOG_ACTION_PANIC)
#define TSM_WD_DEFAULT_ACTION "panic"
#else
#define TSM_WD_DEFAULT_ACTION "warn"
#endif

#if IS_ENABLED(CONFIG_TSM_WATCHDOG_NOWAYOUT)
#define TSM_WD_DEFAULT_NOWAYOUT "1"
#else
#define TSM_WD_DEFAULT_NOWAYOUT "0"
#endif

#endif /* _TSM_WD_DEFAULTS_H */
