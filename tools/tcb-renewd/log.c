// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logging: one line per message on stderr. Under systemd (JOURNAL_STREAM
 * set) each line starts with the "<N>" priority prefix journald
 * understands; elsewhere with "tcb-renewd: " and a level word.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <sys/stat.h>
#include <unistd.h>

#include "renewd.h"

static int log_level = LOG_INFO;

void rd_log_set_level(int level)
{
	log_level = level;
}

int rd_log_get_level(void)
{
	return log_level;
}

static const char *level_word(int prio)
{
	switch (prio) {
	case LOG_EMERG: case LOG_ALERT: case LOG_CRIT: case LOG_ERR:
		return "error: ";
	case LOG_WARNING:
		return "warning: ";
	case LOG_DEBUG:
		return "debug: ";
	default:
		return "";
	}
}

/*
 * systemd sets JOURNAL_STREAM=DEV:INO for the stream it connected to
 * stderr; the variable is inherited by children whose stderr may be
 * something else entirely, so it counts only when stderr is that stream.
 */
static bool stderr_is_journal(void)
{
	static int cached = -1;
	unsigned long long dev, ino;
	const char *e;
	struct stat st;
	char tail;

	if (cached >= 0)
		return cached;
	e = getenv("JOURNAL_STREAM");
	cached = e && sscanf(e, "%llu:%llu%c", &dev, &ino, &tail) == 2 &&
		 !fstat(STDERR_FILENO, &st) &&
		 (unsigned long long)st.st_dev == dev &&
		 (unsigned long long)st.st_ino == ino;
	return cached;
}

static void rd_vlog(int prio, const char *fmt, va_list ap)
{
	char line[1024];

	if (prio > log_level)
		return;
	vsnprintf(line, sizeof(line), fmt, ap);
	for (size_t n = strlen(line); n && (line[n - 1] == '\n'); n--)
		line[n - 1] = '\0';
	/* one event, one line: never let a message span lines */
	for (char *p = line; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	if (stderr_is_journal())
		fprintf(stderr, "<%d>%s\n", prio, line);
	else
		fprintf(stderr, "tcb-renewd: %s%s\n", level_word(prio), line);
	fflush(stderr);
}

void rd_log(int prio, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rd_vlog(prio, fmt, ap);
	va_end(ap);
}

void rd_log_tsm(void *data, int prio, const char *file, int line,
		const char *fn, const char *fmt, va_list ap)
{
	char msg[768];

	(void)data;
	(void)file;
	(void)line;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	rd_log(prio, "libtsm: %s: %s", fn, msg);
}
