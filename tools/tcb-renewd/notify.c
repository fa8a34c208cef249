// SPDX-License-Identifier: GPL-2.0-only
/*
 * systemd's notify protocol through libsystemd's sd_notify(), which does
 * nothing when NOTIFY_SOCKET is unset. Debian ships no static libsystemd,
 * so the static guest build (HAVE_LIBSYSTEMD=0) compiles these to no-ops
 * and says so in --version.
 */
#include <stdarg.h>
#include <stdio.h>

#include "renewd.h"

#ifndef HAVE_LIBSYSTEMD
#define HAVE_LIBSYSTEMD 1
#endif

#if HAVE_LIBSYSTEMD
#include <systemd/sd-daemon.h>

void rd_notify(const char *text)
{
	sd_notify(0, text);
}

uint64_t rd_notify_watchdog_usec(void)
{
	uint64_t usec = 0;

	return sd_watchdog_enabled(0, &usec) > 0 ? usec : 0;
}

const char *rd_notify_backend(void)
{
	return "libsystemd";
}
#else
void rd_notify(const char *text)
{
	(void)text;
}

uint64_t rd_notify_watchdog_usec(void)
{
	return 0;
}

const char *rd_notify_backend(void)
{
	return "none (static build: sd_notify is a no-op)";
}
#endif

void rd_notifyf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	rd_notify(buf);
}
