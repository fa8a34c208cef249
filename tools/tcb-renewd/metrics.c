// SPDX-License-Identifier: GPL-2.0-only
/*
 * [metrics] textfile: a Prometheus text-format file (exposition format
 * 0.0.4) for node-exporter's textfile collector, rewritten after every
 * verification and replaced atomically (PATH.tmp, rename), so the
 * collector never reads half a file. Names follow Prometheus' conventions:
 * base units (seconds), _total for counters, _info for the TCB labels.
 *
 *   tsm_watchdog_state{state="..."}              1 for the current state
 *   tsm_watchdog_time_left_seconds               sysfs timeleft
 *   tsm_watchdog_fires_total                     sysfs fire_count
 *   tsm_watchdog_source_errors_total             sysfs source_errors
 *   tsm_watchdog_tcb_info{current,acked,platform_floor,launch,floor} 1
 *   tcb_renewd_last_verification_timestamp_seconds
 *   tcb_renewd_last_verification_result{result="..."}  1 for the last one
 *   tcb_renewd_verifications_total{result="..."}
 *   tcb_renewd_denials_total{reason="..."}      every denial in rd_reasons[]
 *   tcb_renewd_errors_total{reason="..."}        every error in rd_reasons[]
 *   tcb_renewd_kernel_refusals_total             acks/rejects refused
 *   tcb_renewd_floor_saved                       0 while a save is retried
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "renewd.h"

static const char *const states[] = { "disarmed", "armed", "changed", "fired" };
static const char *const results[] = { "approved", "denied", "error" };
#define N(a) (sizeof(a) / sizeof((a)[0]))

struct out {
	char *buf;
	size_t size, len;
	bool full;
};

__attribute__((format(printf, 2, 3)))
static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= o->size - o->len) {
		o->full = true;
		return;
	}
	o->len += (size_t)n;
}

/* A label value: \, " and newline escaped as the format wants. */
static void put_label(struct out *o, const char *name, const char *v,
		      bool comma)
{
	put(o, "%s%s=\"", comma ? "," : "", name);
	for (; *v; v++) {
		if (*v == '\\' || *v == '"')
			put(o, "\\%c", *v);
		else if (*v == '\n')
			put(o, "\\n");
		else
			put(o, "%c", *v);
	}
	put(o, "\"");
}

static void head(struct out *o, const char *name, const char *type,
		 const char *help)
{
	put(o, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static unsigned long reason_count(const struct rd_snapshot *s,
				  const char *reason)
{
	for (int i = 0; i < RD_REASONS_MAX && s->reasons && s->reasons[i].name; i++)
		if (!strcmp(s->reasons[i].name, reason))
			return s->reasons[i].n;
	return 0;
}

/* One sample per reason token of @result (rd_reasons[]), 0 if unseen. */
static void put_reasons(struct out *o, const char *name, enum rd_result result,
			const struct rd_snapshot *s)
{
	for (size_t i = 0; i < RD_R_COUNT; i++)
		if (rd_reasons[i].result == result)
			put(o, "%s{reason=\"%s\"} %lu\n", name, rd_reasons[i].name,
			    reason_count(s, rd_reasons[i].name));
}

static void sysfs_or(const char *sysfs, const char *attr, char *buf,
		     size_t len, const char *dflt)
{
	if (!sysfs || rd_read_sysfs(sysfs, attr, buf, len))
		snprintf(buf, len, "%s", dflt);
}

static bool is_number(const char *v)
{
	return *v && strspn(v, "0123456789") == strlen(v);
}

int rd_metrics_render(const char *sysfs, const struct rd_snapshot *s,
		      char *buf, size_t size)
{
	char state[32], left[32], fires[32], serr[32], cur[160], acked[160];
	char pfloor[160], launch[160], floor[TSM_TCB_TEXT_MAX] = "";
	struct out o = { .buf = buf, .size = size };
	bool have_kernel;

	have_kernel = sysfs && !rd_read_sysfs(sysfs, "state", state, sizeof(state));
	sysfs_or(sysfs, "timeleft", left, sizeof(left), "");
	sysfs_or(sysfs, "fire_count", fires, sizeof(fires), "");
	sysfs_or(sysfs, "source_errors", serr, sizeof(serr), "");
	sysfs_or(sysfs, "current_tcb", cur, sizeof(cur), "");
	sysfs_or(sysfs, "acked_tcb", acked, sizeof(acked), "");
	sysfs_or(sysfs, "floor_tcb", pfloor, sizeof(pfloor), "");
	sysfs_or(sysfs, "launch_tcb", launch, sizeof(launch), "");
	if (s->has_floor && tsm_tcb_format(&s->floor, floor, sizeof(floor)) < 0)
		floor[0] = '\0';

	if (have_kernel) {
		head(&o, "tsm_watchdog_state", "gauge",
		     "State of the TSM watchdog: 1 for the state it is in.");
		for (size_t i = 0; i < N(states); i++)
			put(&o, "tsm_watchdog_state{state=\"%s\"} %d\n", states[i],
			    !strcmp(state, states[i]));
		if (is_number(left)) {
			head(&o, "tsm_watchdog_time_left_seconds", "gauge",
			     "Seconds until the watchdog's action fires on its own (0 when nothing runs).");
			put(&o, "tsm_watchdog_time_left_seconds %s\n", left);
		}
		if (is_number(fires)) {
			head(&o, "tsm_watchdog_fires_total", "counter",
			     "Times the watchdog's action fired since the module loaded.");
			put(&o, "tsm_watchdog_fires_total %s\n", fires);
		}
		if (is_number(serr)) {
			head(&o, "tsm_watchdog_source_errors_total", "counter",
			     "Failed or busy TCB reads of the watchdog's TCB source.");
			put(&o, "tsm_watchdog_source_errors_total %s\n", serr);
		}
	}
	head(&o, "tsm_watchdog_tcb_info", "gauge",
	     "The guest's TCBs as labels: current, acked, the platform's floor and launch TCB (kernel), the daemon's persisted floor.");
	put(&o, "tsm_watchdog_tcb_info{");
	put_label(&o, "current", cur, false);
	put_label(&o, "acked", acked, true);
	put_label(&o, "platform_floor", pfloor, true);
	put_label(&o, "launch", launch, true);
	put_label(&o, "floor", floor, true);
	put(&o, "} 1\n");

	head(&o, "tcb_renewd_last_verification_timestamp_seconds", "gauge",
	     "Unix time of tcb-renewd's last verification (0: none yet).");
	put(&o, "tcb_renewd_last_verification_timestamp_seconds %lld\n",
	    s->have_last ? (long long)s->last_time : 0LL);
	head(&o, "tcb_renewd_last_verification_result", "gauge",
	     "Outcome of the last verification: 1 for the result it had.");
	for (size_t i = 0; i < N(results); i++)
		put(&o, "tcb_renewd_last_verification_result{result=\"%s\"} %d\n",
		    results[i], s->have_last && s->last &&
		    (size_t)s->last->result == i);
	head(&o, "tcb_renewd_verifications_total", "counter",
	     "Verifications since tcb-renewd started, by result.");
	put(&o, "tcb_renewd_verifications_total{result=\"approved\"} %lu\n",
	    s->n_approved);
	put(&o, "tcb_renewd_verifications_total{result=\"denied\"} %lu\n",
	    s->n_denied);
	put(&o, "tcb_renewd_verifications_total{result=\"error\"} %lu\n",
	    s->n_error);
	head(&o, "tcb_renewd_denials_total", "counter",
	     "Denied verifications by reason.");
	put_reasons(&o, "tcb_renewd_denials_total", RD_DENIED, s);
	head(&o, "tcb_renewd_errors_total", "counter",
	     "Verifications that decided nothing (no ack, no reject), by reason.");
	put_reasons(&o, "tcb_renewd_errors_total", RD_ERROR, s);
	head(&o, "tcb_renewd_acks_total", "counter",
	     "Acks the kernel accepted.");
	put(&o, "tcb_renewd_acks_total %lu\n", s->n_acks);
	head(&o, "tcb_renewd_kernel_refusals_total", "counter",
	     "Acks and rejects the kernel refused (EPERM, EBUSY, ...; ESTALE not included).");
	put(&o, "tcb_renewd_kernel_refusals_total %lu\n", s->n_refused);
	head(&o, "tcb_renewd_floor_saved", "gauge",
	     "1 when the daemon's floor is on disk, 0 while saving it is retried.");
	put(&o, "tcb_renewd_floor_saved %d\n", s->floor_saved);
	return o.full ? -ENOSPC : (int)o.len;
}

int rd_metrics_write(const char *path, const char *sysfs,
		     const struct rd_snapshot *s, char *err, size_t len)
{
	char *buf = malloc(16384);
	int n, ret;

	if (!buf) {
		snprintf(err, len, "%s: out of memory", path);
		return -ENOMEM;
	}
	n = rd_metrics_render(sysfs, s, buf, 16384);
	if (n < 0) {
		free(buf);
		snprintf(err, len, "%s: metrics do not fit", path);
		return n;
	}
	ret = rd_write_file_atomic(path, buf, (size_t)n, false);
	free(buf);
	if (ret)
		snprintf(err, len, "cannot write the metrics file %s: %s", path,
			 strerror(-ret));
	return ret;
}
