// SPDX-License-Identifier: GPL-2.0-only
/*
 * The event loop: one epoll set over
 *   - a timerfd: the heartbeat (verify, then ack);
 *   - the device: kernel events (a `changed` TCB is verified at once);
 *   - a signalfd: SIGHUP reloads, SIGTERM / SIGINT stop;
 *   - a second timerfd when systemd asks for watchdog pings.
 * Work happens only in the loop, never in a signal handler; nothing sleeps
 * except in epoll_wait() and while a verifier hook runs (bounded by its
 * timeout).
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "renewd.h"

struct rd_daemon {
	struct rd_paths paths;
	struct rd_config *cfg;
	struct rd_dev *dev;
	struct tsm_ctx *tsm;
	int epfd, hbfd, sigfd, wdfd;
	int lockfd;			/* RUNDIR/pid, flocked while running */
	bool signals_blocked;
	sigset_t oldmask;

	bool has_floor;
	struct tsm_tcb floor;
	bool floor_unsaved;		/* raised, not yet on disk: retried */
	bool layout_known;		/* evidence seen: @layout is real */
	enum tsm_snp_layout layout;	/* of the last evidence, for logs */

	bool have_last;			/* last verification */
	struct rd_verification last;
	bool have_fields;		/* TCB fields of the last evidence */
	struct rd_tcb_fields fields;
	char moved[128];		/* fields that moved since the one before */
	time_t last_time;
	bool acked_ok;			/* last verification was acked */
	struct tsm_tcb acked;
	bool have_rejected;		/* `reject` sent for this TCB */
	struct tsm_tcb rejected;
	bool have_denied;		/* last verification denied this TCB */
	struct tsm_tcb denied;

	unsigned long n_verify, n_approved, n_denied, n_error;
	unsigned long n_acks, n_stale, n_refused, n_events, n_reloads;
	unsigned long n_save_failed;
	struct rd_counter reasons[RD_REASONS_MAX];	/* denials + errors */
	char last_event[RD_CMD_MAX];

	uint64_t wd_usec;		/* systemd WATCHDOG_USEC, 0 = none */
	int64_t wd_last_ms;		/* last WATCHDOG=1 */
	struct rd_wait wait;

	bool verify_pending;
	const char *verify_reason;
	bool reload_pending;
	bool stop;
	bool oneshot;			/* `once`: no loop, no status file */
	int exit_status;
};

int rd_read_sysfs(const char *dir, const char *attr, char *buf, size_t len)
{
	char path[PATH_MAX];
	ssize_t n;
	int fd, ret = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, attr);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	if (n < 0)
		ret = -errno;
	close(fd);
	if (ret)
		return ret;
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return 0;
}

int rd_check_timing(const struct rd_config *cfg, const struct rd_kernel_timing *k,
		    char *err, size_t len)
{
	unsigned int budget = rd_verify_budget_ms(cfg);
	char parts[160];

	if (cfg->verifier[0])
		snprintf(parts, sizeof(parts), "%u reports of at most %u ms ([report] timeout) and the verifier's %u s",
			 RD_ACK_ATTEMPTS, cfg->report_timeout_ms,
			 cfg->verifier_timeout);
	else
		snprintf(parts, sizeof(parts), "%u reports of at most %u ms ([report] timeout)",
			 RD_ACK_ATTEMPTS, cfg->report_timeout_ms);
	if (k->timeout < 2) {
		snprintf(err, len, "%s: the kernel watchdog's timeout (%u s) is too short for any heartbeat (at least 2 s needed)",
			 cfg->path, k->timeout);
		return -ERANGE;
	}
	if (2 * cfg->heartbeat > k->timeout) {
		snprintf(err, len, "%s: heartbeat = %u s cannot keep the kernel watchdog fed: its timeout is %u s; use heartbeat <= %u (at most half the timeout)",
			 cfg->path, cfg->heartbeat, k->timeout, k->timeout / 2);
		return -ERANGE;
	}
	if ((uint64_t)cfg->heartbeat * 1000 + budget > (uint64_t)k->timeout * 1000) {
		snprintf(err, len, "%s: heartbeat (%u s) + one whole verification (%u ms: %s) must fit the kernel watchdog's timeout (%u s), or a slow verification lets it expire",
			 cfg->path, cfg->heartbeat, budget, parts, k->timeout);
		return -ERANGE;
	}
	if (k->relaxed && budget > (uint64_t)k->grace * 1000) {
		snprintf(err, len, "%s: a verification after a 'changed' event takes up to %u ms (%s) but the kernel's grace is %u s: lower [report] timeout or [verifier] timeout, or raise grace",
			 cfg->path, budget, parts, k->grace);
		return -ERANGE;
	}
	return 0;
}

static int read_uint_attr(const char *dir, const char *attr, unsigned int *out)
{
	unsigned long v;
	char buf[32], *end;

	if (rd_read_sysfs(dir, attr, buf, sizeof(buf)))
		return -ENOENT;
	errno = 0;
	v = strtoul(buf, &end, 10);
	if (errno || *end || end == buf || !v || v > UINT_MAX)
		return -EINVAL;
	*out = (unsigned int)v;
	return 0;
}

int rd_kernel_timing_read(const char *sysfs, struct rd_kernel_timing *k)
{
	char mode[32];

	k->relaxed = true;
	if (read_uint_attr(sysfs, "timeout", &k->timeout))
		return -ENOENT;
	if (read_uint_attr(sysfs, "grace", &k->grace))
		k->grace = k->timeout;
	if (!rd_read_sysfs(sysfs, "mode", mode, sizeof(mode)))
		k->relaxed = !strcmp(mode, "relaxed");
	return 0;
}

/* Returns 0, or -ERANGE with @err set (the caller logs it). */
static int check_kernel_timeout(struct rd_daemon *d, const struct rd_config *cfg,
				char *err, size_t len)
{
	struct rd_kernel_timing k;

	if (rd_kernel_timing_read(d->paths.sysfs, &k)) {
		rd_log(LOG_WARNING, "cannot read %s/timeout: heartbeat %u s not checked against the kernel's timeout",
		       d->paths.sysfs, cfg->heartbeat);
		return 0;
	}
	return rd_check_timing(cfg, &k, err, len);
}

static const char *tcb_text(const struct tsm_tcb *t, char *buf, size_t len)
{
	if (tsm_tcb_format(t, buf, len) < 0)
		snprintf(buf, len, "(invalid)");
	return buf;
}

#define mono_ms rd_mono_ms

static void on_signal(struct rd_daemon *d);

/*
 * While a report or a hook is waited for: WATCHDOG=1 when half of
 * WATCHDOG_USEC passed since the last one, and signals now: SIGTERM stops
 * and SIGHUP reloads, both abandoning the verification in progress.
 */
static int wait_tick(void *data)
{
	struct rd_daemon *d = data;
	int64_t now = mono_ms();

	if (d->wd_usec && now - d->wd_last_ms >= (int64_t)(d->wd_usec / 2000)) {
		rd_notify("WATCHDOG=1");
		d->wd_last_ms = now;
	}
	if (d->sigfd >= 0)
		on_signal(d);
	return d->stop || d->reload_pending;
}

/* ---- status file and metrics ------------------------------------------ */

static void count_reason(struct rd_daemon *d, const char *reason)
{
	for (int i = 0; i < RD_REASONS_MAX; i++) {
		if (!d->reasons[i].name) {
			d->reasons[i].name = reason;
			d->reasons[i].n = 1;
			return;
		}
		if (!strcmp(d->reasons[i].name, reason)) {
			d->reasons[i].n++;
			return;
		}
	}
}

/* "denied.not_approved=2 error.report=1" for the status file */
static void reasons_text(const struct rd_daemon *d, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < RD_REASONS_MAX && d->reasons[i].name && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s=%lu", n ? " " : "",
				      d->reasons[i].name, d->reasons[i].n);
}

void rd_daemon_snapshot(const struct rd_daemon *d, struct rd_snapshot *s)
{
	memset(s, 0, sizeof(*s));
	s->cfg = d->cfg;
	s->has_floor = d->has_floor;
	s->floor = d->floor;
	s->floor_saved = !d->floor_unsaved;
	s->have_last = d->have_last;
	s->last = &d->last;
	s->last_time = d->last_time;
	s->n_verify = d->n_verify;
	s->n_approved = d->n_approved;
	s->n_denied = d->n_denied;
	s->n_error = d->n_error;
	s->n_acks = d->n_acks;
	s->n_stale = d->n_stale;
	s->n_refused = d->n_refused;
	s->reasons = d->reasons;
}

static void write_status(struct rd_daemon *d, const char *state)
{
	char path[PATH_MAX], floor[TSM_TCB_TEXT_MAX] = "";
	char text[RD_STATUS_FILE_MAX], reasons[1024], err[RD_MSG_MAX];
	struct rd_snapshot snap;
	int n;

	if (!d->paths.rundir || d->oneshot)
		return;
	if (d->has_floor)
		tcb_text(&d->floor, floor, sizeof(floor));
	reasons_text(d, reasons, sizeof(reasons));
	n = snprintf(text, sizeof(text),
		     "pid=%d\nstate=%s\nconfig=%s\ndevice=%s\nheartbeat=%u\non_deny=%s\nverifier=%s\nfloor=%s\nfloor_saved=%s\n"
		     "last_result=%s\nlast_reason_code=%s\nlast_tcb=%s\nlast_components=%s\nlast_reason=%s\nlast_verification=%lld\n"
		     "verifications=%lu\napproved=%lu\ndenied=%lu\nerrors=%lu\nacks=%lu\nstale_acks=%lu\nrefused=%lu\nevents=%lu\nreloads=%lu\n"
		     "reasons=%s\nlast_event=%s\nnotify=%s\n"
		     "evidence=%s\ncurrent_tcb=%s\nplatform_floor=%s\nlaunch_tcb=%s\nmoved=%s\n",
		     (int)getpid(), state, d->cfg->path, d->cfg->device,
		     d->cfg->heartbeat, rd_on_deny_name(d->cfg->on_deny),
		     d->cfg->verifier, floor, d->floor_unsaved ? "no" : "yes",
		     d->have_last ? rd_result_name(d->last.result) : "",
		     d->have_last && d->last.reason ? d->last.reason : "",
		     d->have_last ? d->last.tcb_text : "",
		     d->have_last ? d->last.components : "",
		     d->have_last ? d->last.why : "",
		     (long long)d->last_time, d->n_verify, d->n_approved,
		     d->n_denied, d->n_error, d->n_acks, d->n_stale,
		     d->n_refused, d->n_events, d->n_reloads, reasons,
		     d->last_event, rd_notify_backend(),
		     d->have_fields && d->last.evidence ? d->last.evidence : "",
		     d->have_fields ? d->last.tcb_text : "",
		     d->have_fields ? d->last.floor_text : "",
		     d->have_fields ? d->last.launch_text : "", d->moved);
	snprintf(path, sizeof(path), "%s/status", d->paths.rundir);
	if (n > 0 && n < (int)sizeof(text))
		rd_write_file_atomic(path, text, (size_t)n, false);
	if (!d->cfg->metrics[0])
		return;
	rd_daemon_snapshot(d, &snap);
	if (rd_metrics_write(d->cfg->metrics, d->paths.sysfs, &snap, err,
			     sizeof(err)))
		rd_log(LOG_WARNING, "%s", err);
}

/* ---- kernel commands --------------------------------------------------- */

static void send_expectations(struct rd_daemon *d)
{
	char t[TSM_TCB_TEXT_MAX];
	int ret;

	ret = rd_dev_send(d->dev, RD_CMD_UNEXPECT_ALL, NULL);
	if (ret && ret != -ENOENT)
		rd_log(LOG_WARNING, "unexpect all: %s", strerror(-ret));
	for (unsigned int i = 0; i < d->cfg->expect.n; i++) {
		const struct tsm_tcb *e = &d->cfg->expect.v[i];

		tcb_text(e, t, sizeof(t));
		if (d->has_floor && tsm_tcb_is_rollback(e, &d->floor) != 0) {
			rd_log(LOG_WARNING, "not expecting %s: below the floor, it would never be approved",
			       t);
			continue;
		}
		ret = rd_dev_send(d->dev, RD_CMD_EXPECT, e);
		if (ret)
			rd_log(LOG_ERR, "expect %s: %s", t, strerror(-ret));
		else
			rd_log(LOG_INFO, "expect %s: pre-approved for renewal", t);
	}
}

/* The floor only with components once evidence told the SNP layout. */
static void describe(const struct rd_daemon *d, const struct tsm_tcb *tcb,
		     char *buf, size_t len)
{
	if (d->layout_known || tcb->scheme[0] != 's')
		rd_tcb_describe(tcb, d->layout, buf, len);
	else
		tcb_text(tcb, buf, len);
}

/* A floor raised in memory but not on disk is saved again, every time. */
static void save_floor(struct rd_daemon *d)
{
	char err[RD_MSG_MAX];

	if (!d->floor_unsaved)
		return;
	if (rd_state_save(d->cfg->state, &d->floor, err, sizeof(err))) {
		d->n_save_failed++;
		rd_log(LOG_ERR, "%s (floor kept in memory, retried at the next verification)",
		       err);
		return;
	}
	if (d->n_save_failed)
		rd_log(LOG_NOTICE, "floor saved to %s after %lu failed attempts",
		       d->cfg->state, d->n_save_failed);
	d->floor_unsaved = false;
	d->n_save_failed = 0;
}

static void raise_floor(struct rd_daemon *d, const struct tsm_tcb *tcb)
{
	char desc[512];

	if (!rd_floor_raise(&d->floor, d->has_floor, tcb))
		return;
	d->floor = *tcb;
	d->has_floor = true;
	d->floor_unsaved = true;
	describe(d, tcb, desc, sizeof(desc));
	rd_log(LOG_INFO, "floor raised to %s", desc);
	save_floor(d);
}

static void refused(struct rd_daemon *d, struct rd_verification *v,
		    const char *cmd, int err, const char *reason)
{
	size_t n = strlen(v->why);

	d->n_refused++;
	v->result = RD_ERROR;
	v->reason = reason;
	snprintf(v->why + n, sizeof(v->why) - n, "; but the kernel refused %s: %s",
		 cmd, strerror(-err));
	rd_log(LOG_ERR, "%s %s refused by the kernel: %s", cmd, v->tcb_text,
	       strerror(-err));
}

static void deny(struct rd_daemon *d, struct rd_verification *v,
		 const char *desc)
{
	/* the same denial again on the next heartbeat is no news */
	int prio = d->have_denied && tsm_tcb_equal(&d->denied, &v->tcb) ?
		   LOG_DEBUG : LOG_WARNING;
	int ret;

	rd_log(prio, "denied %s: %s", desc, v->why);
	d->acked_ok = false;
	d->have_denied = true;
	d->denied = v->tcb;
	if (d->cfg->on_deny == RD_DENY_WITHHOLD) {
		rd_log(prio, "on_deny = withhold: no ack for %s, the kernel watchdog will expire",
		       v->tcb_text);
		return;
	}
	if (d->have_rejected && tsm_tcb_equal(&d->rejected, &v->tcb)) {
		rd_log(LOG_DEBUG, "%s already rejected", v->tcb_text);
		return;
	}
	ret = rd_dev_send(d->dev, RD_CMD_REJECT, NULL);
	if (ret) {
		refused(d, v, "reject", ret, RD_REASON(RD_R_REJECT_REFUSED));
		return;
	}
	d->have_rejected = true;
	d->rejected = v->tcb;
	rd_log(LOG_WARNING, "on_deny = reject: sent reject for %s, the kernel watchdog's action fires now",
	       v->tcb_text);
}

/* Returns 0, or -ESTALE when the kernel says the TCB moved on. */
static int approve(struct rd_daemon *d, struct rd_verification *v,
		   const char *desc)
{
	bool routine = d->acked_ok && tsm_tcb_equal(&d->acked, &v->tcb);
	struct tsm_tcb floor;
	int ret;

	rd_floor_candidate(d->cfg, v, &floor);
	raise_floor(d, &floor);
	ret = rd_dev_send(d->dev, RD_CMD_ACK, &v->tcb);
	if (ret == -ESTALE) {
		d->n_stale++;
		rd_log(LOG_NOTICE, "ack %s refused (ESTALE): the TCB changed meanwhile, verifying again",
		       v->tcb_text);
		d->acked_ok = false;
		return ret;
	}
	if (ret) {
		d->acked_ok = false;
		refused(d, v, "ack", ret, RD_REASON(RD_R_ACK_REFUSED));
		return 0;
	}
	d->n_acks++;
	d->acked_ok = true;
	d->have_denied = false;
	d->acked = v->tcb;
	d->have_rejected = false;
	rd_log(routine ? LOG_DEBUG : LOG_INFO, "approved and acked %s: %s",
	       desc, v->why);
	return 0;
}

/* Which TCB field of the evidence moved since the last one (logged once). */
static void note_moved(struct rd_daemon *d, const struct rd_verification *v)
{
	char moved[sizeof(d->moved)];

	if (d->have_fields) {
		rd_fields_moved(&d->fields, &v->fields, moved, sizeof(moved));
		if (moved[0]) {
			snprintf(d->moved, sizeof(d->moved), "%s", moved);
			rd_log(LOG_NOTICE, "%s: %s moved (now %s%s%s)",
			       v->evidence ? v->evidence : "evidence", moved,
			       v->tcb_text, v->launch_text[0] ? ", launch " : "",
			       v->launch_text);
		}
	}
	d->fields = v->fields;
	d->have_fields = true;
}

enum rd_result rd_daemon_verify_now(struct rd_daemon *d, const char *reason)
{
	struct rd_verification *v = &d->last;
	int64_t deadline = mono_ms() + rd_verify_budget_ms(d->cfg);
	bool stale = false;
	char desc[512];

	save_floor(d);
	for (int attempt = 0; attempt < RD_ACK_ATTEMPTS; attempt++) {
		stale = false;
		rd_log(LOG_DEBUG, "verifying (%s)", reason);
		rd_verify_until(d->tsm, d->cfg, d->has_floor ? &d->floor : NULL,
				d->paths.rundir, &d->wait, deadline, v);
		d->have_last = true;
		d->last_time = time(NULL);
		if (v->have_tcb) {
			d->layout = v->layout;
			d->layout_known = true;
			note_moved(d, v);
		}
		snprintf(desc, sizeof(desc), "%s (%s)", v->tcb_text,
			 v->components);
		if (v->result == RD_APPROVED) {
			if (approve(d, v, desc) == -ESTALE) {
				reason = "ack was stale";
				stale = true;
				continue;
			}
		} else if (v->result == RD_DENIED) {
			deny(d, v, desc);
		} else {
			d->acked_ok = false;
			d->have_denied = false;
			rd_log(LOG_WARNING, "verification failed, no ack sent: %s",
			       v->why);
		}
		break;
	}
	if (stale) {
		v->result = RD_ERROR;
		v->reason = RD_REASON(RD_R_ACK_STALE);
		snprintf(v->why, sizeof(v->why),
			 "ack refused three times (ESTALE): the TCB keeps changing");
		rd_log(LOG_WARNING, "%s", v->why);
	}
	d->n_verify++;
	if (v->result == RD_APPROVED)
		d->n_approved++;
	else if (v->result == RD_DENIED)
		d->n_denied++;
	else
		d->n_error++;
	if (v->result != RD_APPROVED && v->reason)
		count_reason(d, v->reason);
	rd_notifyf("STATUS=%s %s%s", rd_result_name(v->result),
		   v->have_tcb ? v->tcb_text : "",
		   v->result == RD_ERROR ? v->why : "");
	write_status(d, "running");
	return v->result;
}

/* ---- kernel events ----------------------------------------------------- */

static void on_event(void *data, const struct rd_event *ev, const char *line)
{
	struct rd_daemon *d = data;
	char desc[512] = "", action[32] = "?";

	d->n_events++;
	snprintf(d->last_event, sizeof(d->last_event), "%s", line);
	if (ev->has_tcb)
		describe(d, &ev->tcb, desc, sizeof(desc));
	else
		snprintf(desc, sizeof(desc), "%s", ev->arg);

	switch (ev->type) {
	case RD_EV_ACKED:
		rd_log(LOG_DEBUG, "kernel: event %llu acked %s",
		       (unsigned long long)ev->seq, desc);
		return;
	case RD_EV_ARMED:
	case RD_EV_DISARMED:
		rd_log(LOG_NOTICE, "kernel: event %llu %s %s",
		       (unsigned long long)ev->seq, ev->name, desc);
		return;
	case RD_EV_RESUMED:	/* rule 13: one grace to ack after a pause */
	case RD_EV_CHANGED:
	case RD_EV_RENEWED:
	case RD_EV_REVERTED:
	case RD_EV_ROLLBACK:
	case RD_EV_PRETIMEOUT:
		rd_log(ev->type == RD_EV_RENEWED ? LOG_NOTICE : LOG_WARNING,
		       "kernel: event %llu %s %s: verifying now",
		       (unsigned long long)ev->seq, ev->name, desc);
		d->verify_pending = true;
		d->verify_reason = rd_event_type_name(ev->type);
		return;
	case RD_EV_EXPIRED:
	case RD_EV_FIRED:
		rd_read_sysfs(d->paths.sysfs, "action", action, sizeof(action));
		rd_log(LOG_ERR, "kernel: event %llu %s %s (action %s)",
		       (unsigned long long)ev->seq, ev->name, desc, action);
		return;
	case RD_EV_SOURCE_ERROR:
	case RD_EV_SOURCE_GONE:
		rd_log(LOG_WARNING, "kernel: event %llu %s %s",
		       (unsigned long long)ev->seq, ev->name, desc);
		return;
	case RD_EV_SOURCE_LOST:
		rd_log(LOG_ERR, "kernel: event %llu source-lost %s: the kernel can not read the TCB (acks are refused until it can)",
		       (unsigned long long)ev->seq, desc);
		return;
	case RD_EV_OVERFLOW:
		rd_log(LOG_WARNING, "kernel: event %llu overflow: %llu events lost, verifying now",
		       (unsigned long long)ev->seq,
		       (unsigned long long)ev->count);
		d->verify_pending = true;
		d->verify_reason = "event overflow";
		return;
	default:
		rd_log(LOG_NOTICE, "kernel: unrecognised event line '%s'", line);
		return;
	}
}

static int drain_device(struct rd_daemon *d)
{
	int n = rd_dev_read_events(d->dev, on_event, d);

	if (n < 0)
		rd_log(LOG_ERR, "reading %s: %s", d->cfg->device, strerror(-n));
	return n;
}

/* ---- setup ------------------------------------------------------------- */

int rd_daemon_new(const struct rd_paths *paths, struct rd_config *cfg,
		  struct rd_dev *dev, struct rd_daemon **out)
{
	struct rd_daemon *d = calloc(1, sizeof(*d));
	int ret;

	*out = NULL;
	if (!d)
		return -ENOMEM;
	d->paths = *paths;
	d->cfg = cfg;
	d->dev = dev;
	d->epfd = d->hbfd = d->sigfd = d->wdfd = d->lockfd = -1;
	d->wait.fd = -1;
	d->wait.fn = wait_tick;
	d->wait.data = d;
	ret = tsm_ctx_new(&d->tsm);
	if (!ret)
		ret = tsm_ctx_set_configfs_root(d->tsm, cfg->configfs);
	if (ret) {
		tsm_ctx_unref(d->tsm);
		free(d);
		return ret;
	}
	tsm_ctx_set_log_fn(d->tsm, rd_log_tsm, NULL);
	tsm_ctx_set_log_priority(d->tsm, rd_log_get_level() >= LOG_DEBUG ?
				 LOG_DEBUG : LOG_WARNING);
	*out = d;
	return 0;
}

void rd_daemon_free(struct rd_daemon *d)
{
	if (!d)
		return;
	int fds[] = { d->epfd, d->hbfd, d->sigfd, d->wdfd, d->lockfd };

	/* an abandoned report removes its configfs item when it ends */
	rd_reports_finish();

	for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++)
		if (fds[i] >= 0)
			close(fds[i]);
	if (d->signals_blocked)
		sigprocmask(SIG_SETMASK, &d->oldmask, NULL);
	tsm_ctx_unref(d->tsm);
	rd_dev_free(d->dev);
	rd_config_free(d->cfg);
	free(d);
}

static int arm_timer(int fd, uint64_t usec)
{
	struct itimerspec its = {
		.it_interval = { (time_t)(usec / 1000000),
				 (long)(usec % 1000000) * 1000 },
	};

	its.it_value = its.it_interval;
	return timerfd_settime(fd, 0, &its, NULL) ? -errno : 0;
}

static int epoll_add(int epfd, int fd)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = fd };

	return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) ? -errno : 0;
}

static int setup_loop(struct rd_daemon *d)
{
	uint64_t wd_usec = rd_notify_watchdog_usec();
	sigset_t mask;
	int ret;

	sigemptyset(&mask);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	if (sigprocmask(SIG_BLOCK, &mask, &d->oldmask))
		return -errno;
	d->signals_blocked = true;
	signal(SIGPIPE, SIG_IGN);

	d->epfd = epoll_create1(EPOLL_CLOEXEC);
	d->sigfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	d->hbfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (d->epfd < 0 || d->sigfd < 0 || d->hbfd < 0)
		return -errno;
	d->wait.fd = d->sigfd;
	ret = arm_timer(d->hbfd, (uint64_t)d->cfg->heartbeat * 1000000);
	if (!ret)
		ret = epoll_add(d->epfd, d->sigfd);
	if (!ret)
		ret = epoll_add(d->epfd, d->hbfd);
	if (!ret)
		ret = epoll_add(d->epfd, rd_dev_fd(d->dev));
	if (ret || !wd_usec)
		return ret;
	d->wdfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (d->wdfd < 0)
		return -errno;
	d->wd_usec = wd_usec;
	d->wd_last_ms = mono_ms();
	rd_log(LOG_INFO, "systemd watchdog: pinging every %llu ms",
	       (unsigned long long)(wd_usec / 2000));
	ret = arm_timer(d->wdfd, wd_usec / 2);
	return ret ? ret : epoll_add(d->epfd, d->wdfd);
}

/* RUNDIR/pid: our pid, flocked while we run (`status` tests the lock). */
static int take_lock(struct rd_daemon *d)
{
	char path[PATH_MAX], pid[32];
	int n;

	snprintf(path, sizeof(path), "%s/pid", d->paths.rundir);
	d->lockfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (d->lockfd < 0) {
		rd_log(LOG_ERR, "%s: %s", path, strerror(errno));
		return -errno;
	}
	if (flock(d->lockfd, LOCK_EX | LOCK_NB)) {
		int ret = -errno;

		rd_log(LOG_ERR, "%s: %s", path, ret == -EWOULDBLOCK ?
		       "another tcb-renewd runs with this run directory" :
		       strerror(-ret));
		return ret;
	}
	n = snprintf(pid, sizeof(pid), "%d\n", (int)getpid());
	if (fchmod(d->lockfd, 0644) || ftruncate(d->lockfd, 0) ||
	    pwrite(d->lockfd, pid, (size_t)n, 0) != n)
		rd_log(LOG_WARNING, "%s: %s", path, strerror(errno));
	return 0;
}

static int prepare_dirs(struct rd_daemon *d)
{
	char copy[PATH_MAX];
	int ret;

	if (d->paths.rundir) {
		ret = rd_mkdir_p(d->paths.rundir);
		if (ret) {
			rd_log(LOG_ERR, "cannot create %s: %s", d->paths.rundir,
			       strerror(-ret));
			return ret;
		}
	}
	if (d->paths.rundir && !d->oneshot) {
		ret = take_lock(d);
		if (ret)
			return ret;
	}
	snprintf(copy, sizeof(copy), "%s", d->cfg->state);
	ret = rd_mkdir_p(dirname(copy));
	if (ret)
		rd_log(LOG_ERR, "cannot create the directory of %s: %s",
		       d->cfg->state, strerror(-ret));
	return ret;
}

static int load_floor(struct rd_daemon *d, const char *path)
{
	char err[RD_MSG_MAX], desc[512];
	int ret;

	ret = rd_state_load(path, &d->floor, &d->has_floor, err, sizeof(err));
	if (ret) {
		rd_log(LOG_ERR, "%s", err);
		return ret;
	}
	if (d->has_floor) {
		describe(d, &d->floor, desc, sizeof(desc));
		rd_log(LOG_INFO, "floor %s (from %s)", desc, path);
	}
	return 0;
}

static void log_config(const struct rd_config *c)
{
	rd_log(LOG_INFO, "config %s: device %s, heartbeat %u s, configfs %s, %u approved, %u expected, minimum %s, on_deny %s, floor %s, verifier %s, state %s",
	       c->path, c->device, c->heartbeat, c->configfs, c->approve.n,
	       c->expect.n, c->has_minimum ? "set" : "none",
	       rd_on_deny_name(c->on_deny), rd_floor_mode_name(c->floor_mode),
	       c->verifier[0] ? c->verifier : "none", c->state);
}

/* What `run` and `once` share: dirs, floor, expectations, first check. */
static int prepare(struct rd_daemon *d)
{
	char err[RD_MSG_MAX];
	int ret;

	log_config(d->cfg);
	ret = prepare_dirs(d);
	if (!ret)
		ret = load_floor(d, d->cfg->state);
	if (!ret && access(d->cfg->configfs, F_OK)) {
		ret = -errno;
		rd_log(LOG_ERR, "%s: %s: no configfs-tsm here (is tsm.ko loaded and configfs mounted?)",
		       d->cfg->configfs, strerror(-ret));
	}
	if (!ret && check_kernel_timeout(d, d->cfg, err, sizeof(err))) {
		rd_log(LOG_ERR, "%s", err);
		ret = -ERANGE;
	}
	if (ret)
		return ret;
	if (drain_device(d) < 0)
		return -EIO;
	d->verify_pending = false;
	send_expectations(d);
	return 0;
}

int rd_daemon_start(struct rd_daemon *d)
{
	int ret = prepare(d);

	if (ret)
		return ret;
	ret = setup_loop(d);
	if (ret) {
		rd_log(LOG_ERR, "event loop setup: %s", strerror(-ret));
		return ret;
	}
	rd_daemon_verify_now(d, "start");
	rd_notify("READY=1");
	rd_log(LOG_INFO, "running: heartbeat every %u s (sd_notify: %s)",
	       d->cfg->heartbeat, rd_notify_backend());
	return 0;
}

int rd_daemon_once(struct rd_daemon *d)
{
	int ret;

	d->oneshot = true;
	ret = prepare(d);

	if (ret)
		return ret;
	return (int)rd_daemon_verify_now(d, "once");
}

/* ---- reload ------------------------------------------------------------ */

int rd_daemon_reload(struct rd_daemon *d)
{
	struct rd_config *cfg = NULL;
	char err[RD_MSG_MAX];
	int ret;

	ret = rd_config_load(d->paths.config, &cfg, err, sizeof(err));
	if (ret) {
		rd_log(LOG_ERR, "reload refused, keeping the running configuration: %s",
		       err);
		return -EINVAL;
	}
	if (strcmp(cfg->device, d->cfg->device) ||
	    strcmp(cfg->state, d->cfg->state)) {
		rd_log(LOG_ERR, "reload refused, keeping the running configuration: %s: device and state cannot change on reload (restart tcb-renewd)",
		       cfg->path);
		rd_config_free(cfg);
		return -EINVAL;
	}
	if (check_kernel_timeout(d, cfg, err, sizeof(err)) ||
	    tsm_ctx_set_configfs_root(d->tsm, cfg->configfs)) {
		rd_log(LOG_ERR, "reload refused, keeping the running configuration: %s",
		       err);
		tsm_ctx_set_configfs_root(d->tsm, d->cfg->configfs);
		rd_config_free(cfg);
		return -EINVAL;
	}
	rd_config_free(d->cfg);
	d->cfg = cfg;
	d->n_reloads++;
	if (d->hbfd >= 0)
		arm_timer(d->hbfd, (uint64_t)cfg->heartbeat * 1000000);
	rd_log(LOG_NOTICE, "configuration reloaded from %s", cfg->path);
	log_config(cfg);
	d->have_rejected = false;
	d->have_denied = false;
	send_expectations(d);
	rd_daemon_verify_now(d, "reload");
	return 0;
}

/* ---- the loop ---------------------------------------------------------- */

static void on_signal(struct rd_daemon *d)
{
	struct signalfd_siginfo si;

	while (read(d->sigfd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo == SIGHUP) {
			rd_log(LOG_NOTICE, "SIGHUP: reloading %s", d->paths.config);
			d->reload_pending = true;
		} else {
			rd_log(LOG_NOTICE, "signal %u: stopping", si.ssi_signo);
			d->stop = true;
		}
	}
}

static void on_timer(int fd)
{
	uint64_t ticks;

	if (read(fd, &ticks, sizeof(ticks)) < 0 && errno != EAGAIN)
		rd_log(LOG_WARNING, "timerfd: %s", strerror(errno));
}

int rd_daemon_step(struct rd_daemon *d, int timeout_ms)
{
	struct epoll_event evs[8];
	int n;

	/* a signal taken while a verification waited: act on it now */
	if (d->stop)
		return 0;
	if (d->reload_pending || d->verify_pending)
		timeout_ms = 0;
	n = epoll_wait(d->epfd, evs, 8, timeout_ms);

	if (n < 0)
		return errno == EINTR ? 1 : -errno;
	for (int i = 0; i < n; i++) {
		int fd = evs[i].data.fd;

		if (fd == d->sigfd) {
			on_signal(d);
		} else if (fd == d->hbfd) {
			on_timer(fd);
			d->verify_pending = true;
			d->verify_reason = "heartbeat";
		} else if (fd == d->wdfd) {
			on_timer(fd);
			rd_notify("WATCHDOG=1");
			d->wd_last_ms = mono_ms();
		} else if (fd == rd_dev_fd(d->dev)) {
			int r = (evs[i].events & EPOLLIN) ? drain_device(d) : 0;

			if (r < 0 || (r == 0 && (evs[i].events & (EPOLLHUP | EPOLLERR)))) {
				rd_log(LOG_ERR, "%s: device error or hang-up, exiting",
				       d->cfg->device);
				d->exit_status = 1;
				d->stop = true;
			}
		}
	}
	if (d->stop)
		return 0;
	if (d->reload_pending) {
		d->reload_pending = false;
		if (!rd_daemon_reload(d))
			d->verify_pending = false;	/* reload verified */
	}
	if (d->stop)
		return 0;
	if (d->verify_pending && !d->reload_pending) {
		d->verify_pending = false;
		rd_daemon_verify_now(d, d->verify_reason ? d->verify_reason :
				     "event");
	}
	return 1;
}

int rd_daemon_run(struct rd_daemon *d)
{
	int r;

	while ((r = rd_daemon_step(d, -1)) > 0)
		;
	if (r < 0) {
		rd_log(LOG_ERR, "event loop: %s", strerror(-r));
		d->exit_status = 1;
	}
	rd_notify("STOPPING=1");
	write_status(d, "stopped");
	rd_log(LOG_NOTICE, "stopped; the kernel watchdog keeps its state (closing the device never disarms it)");
	return d->exit_status;
}
