// SPDX-License-Identifier: GPL-2.0-only
/*
 * The decision. A TCB is approved when
 *   - it is listed in approve or expect, or meets minimum component-wise
 *     (when none of the three is configured, the verifier alone decides),
 *   - and it is not below the floor (the highest TCB ever approved; with
 *     floor = committed on SNP, the highest COMMITTED_TCB of an approved
 *     report, which the report's own COMMITTED_TCB must not be below),
 *   - and the verifier hook, when configured, exits 0.
 * Evidence comes from a fresh configfs-tsm report whose REPORT_DATA must
 * carry the random nonce we wrote; anything less is an error, not a TCB.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/random.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "renewd.h"
#include "tsm-util.h"

#define NONCE_LEN	TSM_INBLOB_MAX

const char *rd_result_name(enum rd_result r)
{
	switch (r) {
	case RD_APPROVED:
		return "approved";
	case RD_DENIED:
		return "denied";
	default:
		return "error";
	}
}

const struct rd_reason_info rd_reasons[RD_R_COUNT] = {
	[RD_R_POLICY]		= { "policy", RD_APPROVED },
	[RD_R_NOT_APPROVED]	= { "not_approved", RD_DENIED },
	[RD_R_BELOW_FLOOR]	= { "below_floor", RD_DENIED },
	[RD_R_VERIFIER_DENIED]	= { "verifier_denied", RD_DENIED },
	[RD_R_VERIFIER_TIMEOUT]	= { "verifier_timeout", RD_DENIED },
	[RD_R_REPORT]		= { "report", RD_ERROR },
	[RD_R_EVIDENCE]		= { "evidence", RD_ERROR },
	[RD_R_NONCE]		= { "nonce", RD_ERROR },
	[RD_R_TDREPORT]		= { "tdreport", RD_ERROR },
	[RD_R_VERIFIER_FAILED]	= { "verifier_failed", RD_ERROR },
	[RD_R_INTERRUPTED]	= { "interrupted", RD_ERROR },
	[RD_R_OUT_OF_TIME]	= { "out_of_time", RD_ERROR },
	[RD_R_ACK_STALE]	= { "ack_stale", RD_ERROR },
	[RD_R_ACK_REFUSED]	= { "ack_refused", RD_ERROR },
	[RD_R_REJECT_REFUSED]	= { "reject_refused", RD_ERROR },
};

void rd_tcb_describe(const struct tsm_tcb *tcb, enum tsm_snp_layout layout,
		     char *buf, size_t size)
{
	char text[TSM_TCB_TEXT_MAX], comp[TSM_COMPONENTS_MAX];

	if (tsm_tcb_format(tcb, text, sizeof(text)) < 0) {
		snprintf(buf, size, "(invalid TCB)");
		return;
	}
	if (tsm_tcb_components(tcb, layout, comp, sizeof(comp)) < 0)
		snprintf(buf, size, "%s", text);
	else
		snprintf(buf, size, "%s (%s)", text, comp);
}

static bool in_list(const struct rd_tcb_list *l, const struct tsm_tcb *t)
{
	for (unsigned int i = 0; i < l->n; i++)
		if (tsm_tcb_equal(&l->v[i], t))
			return true;
	return false;
}

static bool meets_minimum(const struct tsm_tcb *min, const struct tsm_tcb *t)
{
	enum tsm_tcb_order o;

	if (tsm_tcb_compare(t, min, &o))
		return false;	/* other scheme: does not meet it */
	return o == TSM_TCB_EQUAL || o == TSM_TCB_NEWER;
}

/*
 * True when @tcb (@what names it in @why: "" or "COMMITTED_TCB ") is below
 * @floor in any component or not comparable with it; @committed: the
 * floor is the highest COMMITTED_TCB approved (floor = committed on SNP).
 */
static bool below_floor(const char *what, const struct tsm_tcb *tcb,
			const struct tsm_tcb *floor, bool committed,
			char *why, size_t len)
{
	char t[TSM_TCB_TEXT_MAX], f[TSM_TCB_TEXT_MAX];
	int r = tsm_tcb_is_rollback(tcb, floor);

	if (!r)
		return false;
	tsm_tcb_format(tcb, t, sizeof(t));
	tsm_tcb_format(floor, f, sizeof(f));
	snprintf(why, len, "%s%s is below the floor %s (highest %sTCB approved so far)%s",
		 what, t, f, committed ? "committed " : "",
		 r < 0 ? ": not comparable" : "");
	return true;
}

enum rd_result rd_policy_check(const struct rd_config *cfg,
			       const struct tsm_tcb *floor,
			       const struct tsm_tcb *tcb,
			       char *why, size_t len)
{
	char t[TSM_TCB_TEXT_MAX];
	const char *by;

	if (tsm_tcb_format(tcb, t, sizeof(t)) < 0) {
		snprintf(why, len, "invalid TCB");
		return RD_DENIED;
	}
	if (in_list(&cfg->approve, tcb))
		by = "listed in approve";
	else if (in_list(&cfg->expect, tcb))
		by = "listed in expect";
	else if (cfg->has_minimum && meets_minimum(&cfg->minimum, tcb))
		by = "meets minimum";
	else if (!cfg->approve.n && !cfg->expect.n && !cfg->has_minimum)
		by = "no static policy (verifier decides)";
	else {
		snprintf(why, len, "%s is not in approve or expect%s", t,
			 cfg->has_minimum ? " and does not meet minimum" : "");
		return RD_DENIED;
	}
	if (floor && below_floor("", tcb, floor,
				 cfg->floor_mode == RD_FLOOR_COMMITTED &&
				 !strcmp(tcb->scheme, "snp"), why, len))
		return RD_DENIED;
	snprintf(why, len, "%s", by);
	return RD_APPROVED;
}

bool rd_floor_raise(const struct tsm_tcb *floor, bool has_floor,
		    const struct tsm_tcb *tcb)
{
	enum tsm_tcb_order o;

	if (!has_floor)
		return true;
	return !tsm_tcb_compare(tcb, floor, &o) && o == TSM_TCB_NEWER;
}

static int get_nonce(uint8_t *nonce, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = getrandom(nonce + got, len - got, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		got += (size_t)n;
	}
	return 0;
}

int64_t rd_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

unsigned int rd_verify_budget_ms(const struct rd_config *cfg)
{
	return RD_ACK_ATTEMPTS * cfg->report_timeout_ms +
	       (cfg->verifier[0] ? cfg->verifier_timeout * 1000u : 0);
}

static const char *helper_path = RD_HELPER_DEFAULT;
static const char *systemd_run_path;
static const char *systemctl_path;

void rd_verifier_set_helper(const char *helper, const char *systemd_run,
			    const char *systemctl)
{
	helper_path = helper ? helper : RD_HELPER_DEFAULT;
	systemd_run_path = systemd_run;
	systemctl_path = systemctl;
}

/*
 * Report threads still running, abandoned ones included: before the
 * process exits, rd_reports_finish() waits for them, so that each one gets
 * to remove its configfs-tsm item (an exit would kill it mid-report).
 */
static pthread_mutex_t inflight_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned int inflight;

static void inflight_add(int n)
{
	pthread_mutex_lock(&inflight_lock);
	inflight += (unsigned int)n;
	pthread_mutex_unlock(&inflight_lock);
}

static unsigned int reports_drain(unsigned int timeout_ms)
{
	int64_t end = rd_mono_ms() + timeout_ms;
	unsigned int n;

	for (;;) {
		pthread_mutex_lock(&inflight_lock);
		n = inflight;
		pthread_mutex_unlock(&inflight_lock);
		if (!n || rd_mono_ms() >= end)
			return n;
		nanosleep(&(struct timespec){ .tv_nsec = 10 * 1000 * 1000 }, NULL);
	}
}

void rd_reports_finish(void)
{
	unsigned int left = reports_drain(RD_REPORT_DRAIN_MS);

	if (left)
		rd_log(LOG_WARNING, "%u report(s) still blocked in the kernel after %u ms: their configfs-tsm items stay behind",
		       left, RD_REPORT_DRAIN_MS);
}

/*
 * A report in a thread of its own: a configfs-tsm read can block in the
 * kernel (sev-guest retries a throttled request for about a minute), and
 * meanwhile the daemon must keep pinging systemd and answering signals. A
 * report slower than [report] timeout is abandoned: the thread finishes
 * (and frees its job) whenever the kernel lets it.
 */
struct fetch_job {
	pthread_mutex_t lock;
	int refs;
	int efd;
	char root[PATH_MAX];
	int log_prio;
	uint8_t nonce[NONCE_LEN];
	struct tsm_report *rep;
	int ret;
};

static void job_put(struct fetch_job *j)
{
	bool last;

	pthread_mutex_lock(&j->lock);
	last = --j->refs == 0;
	pthread_mutex_unlock(&j->lock);
	if (!last)
		return;
	tsm_report_unref(j->rep);
	close(j->efd);
	pthread_mutex_destroy(&j->lock);
	free(j);
}

static void *fetch_thread(void *arg)
{
	struct fetch_job *j = arg;
	struct tsm_ctx *ctx = NULL;
	uint64_t one = 1;
	int ret;

	ret = tsm_ctx_new(&ctx);
	if (!ret)
		ret = tsm_ctx_set_configfs_root(ctx, j->root);
	if (!ret) {
		tsm_ctx_set_log_fn(ctx, rd_log_tsm, NULL);
		tsm_ctx_set_log_priority(ctx, j->log_prio);
		ret = tsm_report_new(ctx, j->nonce, NONCE_LEN, NULL, &j->rep);
	}
	tsm_ctx_unref(ctx);
	j->ret = ret;
	if (write(j->efd, &one, sizeof(one)) < 0)
		j->ret = ret ? ret : -EIO;
	job_put(j);
	inflight_add(-1);
	return NULL;
}

/* Returns 0 (@rep set), a libtsm error, -ETIME or -EINTR (@wait). */
static int report_with_timeout(struct tsm_ctx *tsm, const uint8_t *nonce,
			       unsigned int timeout_ms,
			       const struct rd_wait *wait,
			       struct tsm_report **rep)
{
	struct fetch_job *j = calloc(1, sizeof(*j));
	pthread_attr_t attr;
	pthread_t t;
	int ret;

	*rep = NULL;
	if (!j)
		return -ENOMEM;
	j->efd = eventfd(0, EFD_CLOEXEC);
	if (j->efd < 0) {
		ret = -errno;
		free(j);
		return ret;
	}
	pthread_mutex_init(&j->lock, NULL);
	j->refs = 2;
	snprintf(j->root, sizeof(j->root), "%s", tsm_ctx_get_configfs_root(tsm));
	j->log_prio = tsm_ctx_get_log_priority(tsm);
	memcpy(j->nonce, nonce, NONCE_LEN);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	inflight_add(1);
	ret = -pthread_create(&t, &attr, fetch_thread, j);
	pthread_attr_destroy(&attr);
	if (ret) {
		inflight_add(-1);
		j->refs = 1;
		job_put(j);
		return ret;
	}
	ret = rd_wait_fd(j->efd, rd_mono_ms() + timeout_ms, wait);
	if (ret == 1) {
		ret = j->ret;
		if (!ret) {
			*rep = j->rep;
			j->rep = NULL;
		}
	} else if (ret == 0) {
		ret = -ETIME;
	}
	job_put(j);
	return ret;
}

/* Fresh evidence: report, parse, nonce. Returns 0 or fills v->why. */
static int fetch(struct tsm_ctx *tsm, const struct rd_config *cfg,
		 const struct rd_wait *wait, struct tsm_report **rep,
		 struct tsm_evidence *ev, uint8_t *nonce,
		 struct rd_verification *v)
{
	const uint8_t *blob;
	size_t len;
	int ret;

	v->reason = RD_REASON(RD_R_REPORT);
	ret = get_nonce(nonce, NONCE_LEN);
	if (ret) {
		snprintf(v->why, sizeof(v->why), "getrandom: %s", strerror(-ret));
		return ret;
	}
	ret = report_with_timeout(tsm, nonce, cfg->report_timeout_ms, wait, rep);
	if (ret == -ETIME) {
		snprintf(v->why, sizeof(v->why), "no report from %s within %u ms ([report] timeout)",
			 tsm_ctx_get_configfs_root(tsm), cfg->report_timeout_ms);
		return ret;
	}
	if (ret == -EINTR) {
		v->reason = RD_REASON(RD_R_INTERRUPTED);
		snprintf(v->why, sizeof(v->why), "report abandoned: the daemon must stop or reload");
		return ret;
	}
	if (ret) {
		snprintf(v->why, sizeof(v->why), "no report from %s: %s",
			 tsm_ctx_get_configfs_root(tsm), tsm_strerror(ret));
		return ret;
	}
	snprintf(v->provider, sizeof(v->provider), "%s",
		 tsm_report_get_provider(*rep));
	blob = tsm_report_get_outblob(*rep, &len);
	/* the simulator serves either platform's evidence: detect it */
	if (!strcmp(v->provider, "tsm_wd_sim"))
		ret = tsm_evidence_parse(blob, blob ? len : 0, TSM_FORMAT_AUTO, ev);
	else
		ret = tsm_evidence_parse_provider(v->provider, blob,
						  blob ? len : 0, ev);
	if (ret) {
		v->reason = RD_REASON(RD_R_EVIDENCE);
		snprintf(v->why, sizeof(v->why), "report from %s does not parse: %s%s%s",
			 v->provider, tsm_strerror(ret), ev->why[0] ? ": " : "",
			 ev->why);
		return ret;
	}
	ret = tsm_evidence_check_nonce(ev, nonce, NONCE_LEN);
	if (ret) {
		v->reason = RD_REASON(RD_R_NONCE);
		snprintf(v->why, sizeof(v->why), "report is not fresh: REPORT_DATA does not carry our nonce (%s)",
			 tsm_strerror(ret));
		return ret;
	}
	return 0;
}

static void run_hook(const struct rd_config *cfg, const char *tmpdir,
		     const struct rd_wait *wait, int64_t deadline,
		     struct tsm_report *rep, const uint8_t *nonce,
		     struct rd_verification *v)
{
	char nonce_hex[2 * NONCE_LEN + 1], why[RD_MSG_MAX];
	int64_t left = deadline - rd_mono_ms();
	unsigned int full = cfg->verifier_timeout * 1000u;
	struct rd_hook_input in = {
		.command = cfg->verifier,
		.user = cfg->verifier_user,
		.runner = rd_runner_resolve(cfg->runner),
		.helper = helper_path,
		.systemd_run = systemd_run_path,
		.systemctl = systemctl_path,
		.wait = wait,
		.timeout_ms = full,
		.tmpdir = tmpdir,
		.tcb_text = v->tcb_text,
		.provider = v->provider,
		.nonce_hex = nonce_hex,
	};
	bool clamped = false;
	int ret;

	if (left < (int64_t)full) {
		clamped = true;
		in.timeout_ms = left > 0 ? (unsigned int)left : 0;
	}
	if (!in.timeout_ms) {
		v->result = RD_ERROR;
		v->reason = RD_REASON(RD_R_OUT_OF_TIME);
		snprintf(v->why, sizeof(v->why), "no time left for the verifier (a verification takes at most %u ms)",
			 rd_verify_budget_ms(cfg));
		return;
	}
	tsm_hex_encode(nonce, NONCE_LEN, nonce_hex, sizeof(nonce_hex));
	in.report = tsm_report_get_outblob(rep, &in.report_len);
	ret = rd_verifier_run(&in, why, sizeof(why));
	if (ret == 1)
		return;
	if (ret == 0 || (ret == -ETIME && !clamped)) {
		v->result = RD_DENIED;
		v->reason = RD_REASON(ret ? RD_R_VERIFIER_TIMEOUT :
				      RD_R_VERIFIER_DENIED);
	} else if (ret == -ETIME) {
		v->result = RD_ERROR;
		v->reason = RD_REASON(RD_R_OUT_OF_TIME);
		snprintf(why + strlen(why), sizeof(why) - strlen(why),
			 ": the verification ran out of its %u ms", rd_verify_budget_ms(cfg));
	} else {
		v->result = RD_ERROR;
		v->reason = RD_REASON(ret == -EINTR ? RD_R_INTERRUPTED :
				      RD_R_VERIFIER_FAILED);
	}
	snprintf(v->why, sizeof(v->why), "%s", why);
}

/* "tdx:" + @a + @b in text form, "" when it does not parse. */
static void tdx_text(const uint8_t *a, const uint8_t *b, size_t blen,
		     char *out, size_t len)
{
	char hex[2 * 32 + 1];
	struct tsm_tcb t;
	char text[8 + sizeof(hex)];

	tsm_hex_encode(a, 16, hex, sizeof(hex));
	if (blen)
		tsm_hex_encode(b, blen, hex + 32, sizeof(hex) - 32);
	snprintf(text, sizeof(text), "tdx:%s", hex);
	if (tsm_tcb_parse(text, &t) || tsm_tcb_format(&t, out, len) < 0)
		out[0] = '\0';
}

static void snp_text(uint64_t v, char *out, size_t len)
{
	struct tsm_tcb t;

	tsm_tcb_from_snp(v, &t);
	if (tsm_tcb_format(&t, out, len) < 0)
		out[0] = '\0';
}

/* What the decision was made on: current, floor, launch, raw fields. */
static void describe_evidence(const struct tsm_evidence *ev,
			      struct rd_verification *v)
{
	struct rd_tcb_fields *f = &v->fields;

	memset(f, 0, sizeof(*f));
	f->format = ev->format;
	v->evidence = tsm_format_name(ev->format);
	v->floor_text[0] = v->launch_text[0] = '\0';
	if (ev->format == TSM_FORMAT_SNP_REPORT) {
		f->snp_current = ev->snp.current_tcb;
		f->snp_committed = ev->snp.committed_tcb;
		f->snp_reported = ev->snp.reported_tcb;
		f->snp_launch = ev->snp.launch_tcb;
		snp_text(f->snp_committed, v->floor_text, sizeof(v->floor_text));
		snp_text(f->snp_launch, v->launch_text, sizeof(v->launch_text));
	} else if (ev->format == TSM_FORMAT_TDREPORT ||
		   ev->format == TSM_FORMAT_TDX_QUOTE) {
		memcpy(f->tee_tcb_svn, ev->tdx.tee_tcb_svn, 16);
		memcpy(f->tee_tcb_svn2, ev->tdx.tee_tcb_svn2, 16);
		memcpy(f->cpusvn, ev->tdx.cpusvn, 16);
		f->has_svn2 = ev->tdx.has_tee_tcb_svn2;
		/* TDX has no floor; launch: TEE_TCB_SVN (and CPUSVN when the
		 * TCB form carries it) */
		tdx_text(f->tee_tcb_svn, f->cpusvn, ev->tcb.len > 16 ? 16 : 0,
			 v->launch_text, sizeof(v->launch_text));
	}
}

/* floor = committed and SNP evidence: @out = the report's COMMITTED_TCB. */
static bool committed_floor(const struct rd_config *cfg,
			    const struct rd_verification *v,
			    struct tsm_tcb *out)
{
	if (cfg->floor_mode != RD_FLOOR_COMMITTED ||
	    v->fields.format != TSM_FORMAT_SNP_REPORT)
		return false;
	tsm_tcb_from_snp(v->fields.snp_committed, out);
	return true;
}

void rd_floor_candidate(const struct rd_config *cfg,
			const struct rd_verification *v, struct tsm_tcb *out)
{
	if (!committed_floor(cfg, v, out))
		*out = v->tcb;
}

/*
 * floor = committed: the platform's own floor in the report must not be
 * below ours either (the host lowered COMMITTED_TCB: a rollback).
 */
static void check_committed(const struct rd_config *cfg,
			    const struct tsm_tcb *floor,
			    struct rd_verification *v)
{
	struct tsm_tcb committed;

	if (floor && committed_floor(cfg, v, &committed) &&
	    below_floor("COMMITTED_TCB ", &committed, floor, true, v->why,
			sizeof(v->why)))
		v->result = RD_DENIED;
}

void rd_fields_moved(const struct rd_tcb_fields *a, const struct rd_tcb_fields *b,
		     char *buf, size_t len)
{
	size_t n = 0;

#define MOVED(cond, name) do { \
	if ((cond) && n < len) \
		n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? "," : "", name); \
} while (0)
	buf[0] = '\0';
	if (a->format != b->format)
		return;
	if (a->format == TSM_FORMAT_SNP_REPORT) {
		MOVED(a->snp_current != b->snp_current, "current_tcb");
		MOVED(a->snp_committed != b->snp_committed, "committed_tcb");
		MOVED(a->snp_reported != b->snp_reported, "reported_tcb");
		MOVED(a->snp_launch != b->snp_launch, "launch_tcb");
	} else {
		MOVED(a->has_svn2 != b->has_svn2 ||
		      memcmp(a->tee_tcb_svn2, b->tee_tcb_svn2, 16), "tee_tcb_svn2");
		MOVED(memcmp(a->cpusvn, b->cpusvn, 16), "cpusvn");
		MOVED(memcmp(a->tee_tcb_svn, b->tee_tcb_svn, 16), "tee_tcb_svn");
	}
#undef MOVED
}

/*
 * TDX: the configfs-tsm report is a quote the host assembles (through its
 * quoting enclave) and the guest can not check; the TCB is decided on a
 * TDREPORT that the TDX module makes, with the same nonce. The quote still
 * goes to the verifier hook.
 */
static int tdreport(struct tsm_ctx *tsm, const struct rd_config *cfg,
		    const uint8_t *nonce, struct tsm_tdreport **td,
		    struct rd_verification *v)
{
	int ret = tsm_ctx_set_tdx_guest_path(tsm, cfg->tdx_guest);

	if (!ret)
		ret = tsm_tdreport_new(tsm, nonce, NONCE_LEN, td);
	if (ret) {
		v->reason = RD_REASON(ret == TSM_E_NONCE ? RD_R_NONCE :
				      RD_R_TDREPORT);
		snprintf(v->why, sizeof(v->why), "TDX: no TDREPORT from %.200s to decide on (the quote is assembled by the host): %s",
			 cfg->tdx_guest, tsm_strerror(ret));
	}
	return ret;
}

void rd_verify_until(struct tsm_ctx *tsm, const struct rd_config *cfg,
		     const struct tsm_tcb *floor, const char *tmpdir,
		     const struct rd_wait *wait, int64_t deadline,
		     struct rd_verification *v)
{
	struct tsm_report *rep = NULL;
	struct tsm_tdreport *td = NULL;
	const struct tsm_evidence *dec;
	struct tsm_evidence ev;
	uint8_t nonce[NONCE_LEN];

	memset(v, 0, sizeof(*v));
	v->result = RD_ERROR;
	if (fetch(tsm, cfg, wait, &rep, &ev, nonce, v))
		goto out;
	dec = &ev;
	if (ev.format == TSM_FORMAT_TDX_QUOTE) {
		if (tdreport(tsm, cfg, nonce, &td, v))
			goto out;
		dec = tsm_tdreport_get_evidence(td);
	}
	v->have_tcb = true;
	v->tcb = dec->tcb;
	v->layout = dec->format == TSM_FORMAT_SNP_REPORT ? dec->snp.layout :
		    TSM_SNP_LAYOUT_MILAN_GENOA;
	snprintf(v->tcb_text, sizeof(v->tcb_text), "%s", dec->tcb_text);
	snprintf(v->components, sizeof(v->components), "%s", dec->components);
	describe_evidence(dec, v);

	v->result = rd_policy_check(cfg, floor, &v->tcb, v->why,
				    sizeof(v->why));
	if (v->result == RD_APPROVED)
		check_committed(cfg, floor, v);
	v->reason = v->result == RD_APPROVED ? RD_REASON(RD_R_POLICY) :
		    strstr(v->why, "below the floor") ? RD_REASON(RD_R_BELOW_FLOOR) :
		    RD_REASON(RD_R_NOT_APPROVED);
	if (v->result == RD_APPROVED && cfg->verifier[0])
		run_hook(cfg, tmpdir, wait, deadline, rep, nonce, v);
	if (v->result == RD_APPROVED && cfg->verifier[0]) {
		size_t n = strlen(v->why);

		snprintf(v->why + n, sizeof(v->why) - n, ", verifier approved");
	}
out:
	tsm_tdreport_unref(td);
	tsm_report_unref(rep);
}

void rd_verify(struct tsm_ctx *tsm, const struct rd_config *cfg,
	       const struct tsm_tcb *floor, const char *tmpdir,
	       const struct rd_wait *wait, struct rd_verification *v)
{
	rd_verify_until(tsm, cfg, floor, tmpdir, wait,
			rd_mono_ms() + rd_verify_budget_ms(cfg), v);
}
