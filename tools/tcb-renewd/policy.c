// SPDX-License-Identifier: GPL-2.0-only
/*
 * The decision. A TCB is approved when
 *   - it is listed in approve or expect, or meets minimum component-wise
 *     (when none of the three is configured, the verifier alone decides),
 *   - and it is not below the floor (the highest TCB ever approved),
 *   - and the verifier hook, when configured, exits 0.
 * Evidence comes from a fresh configfs-tsm report whose REPORT_DATA must
 * carry the random nonce we wrote; anything less is an error, not a TCB.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "renewd.h"

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

enum rd_result rd_policy_check(const struct rd_config *cfg,
			       const struct tsm_tcb *floor,
			       const struct tsm_tcb *tcb,
			       char *why, size_t len)
{
	char t[TSM_TCB_TEXT_MAX], f[TSM_TCB_TEXT_MAX];
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
	if (floor) {
		int r = tsm_tcb_is_rollback(tcb, floor);

		tsm_tcb_format(floor, f, sizeof(f));
		if (r != 0) {
			snprintf(why, len, "%s is below the floor %s (highest TCB approved so far)%s",
				 t, f, r < 0 ? ": not comparable" : "");
			return RD_DENIED;
		}
	}
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

static void hex(const uint8_t *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
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

/* Fresh evidence: report, parse, nonce. Returns 0 or fills v->why. */
static int fetch(struct tsm_ctx *tsm, struct tsm_report **rep,
		 struct tsm_evidence *ev, uint8_t *nonce,
		 struct rd_verification *v)
{
	const uint8_t *blob;
	size_t len;
	int ret;

	ret = get_nonce(nonce, NONCE_LEN);
	if (ret) {
		snprintf(v->why, sizeof(v->why), "getrandom: %s", strerror(-ret));
		return ret;
	}
	ret = tsm_report_new(tsm, nonce, NONCE_LEN, NULL, rep);
	if (ret) {
		snprintf(v->why, sizeof(v->why), "no report from %s: %s",
			 tsm_ctx_get_configfs_root(tsm), tsm_strerror(ret));
		return ret;
	}
	snprintf(v->provider, sizeof(v->provider), "%s",
		 tsm_report_get_provider(*rep));
	blob = tsm_report_get_outblob(*rep, &len);
	ret = tsm_evidence_parse_provider(v->provider, blob, blob ? len : 0, ev);
	if (ret) {
		snprintf(v->why, sizeof(v->why), "report from %s does not parse: %s%s%s",
			 v->provider, tsm_strerror(ret), ev->why[0] ? ": " : "",
			 ev->why);
		return ret;
	}
	ret = tsm_evidence_check_nonce(ev, nonce, NONCE_LEN);
	if (ret) {
		snprintf(v->why, sizeof(v->why), "report is not fresh: REPORT_DATA does not carry our nonce (%s)",
			 tsm_strerror(ret));
		return ret;
	}
	return 0;
}

static void run_hook(const struct rd_config *cfg, const char *tmpdir,
		     const struct rd_hook_tick *tick, struct tsm_report *rep,
		     const uint8_t *nonce, struct rd_verification *v)
{
	char nonce_hex[2 * NONCE_LEN + 1], why[RD_MSG_MAX];
	struct rd_hook_input in = {
		.command = cfg->verifier,
		.tick = tick,
		.timeout_ms = cfg->verifier_timeout * 1000u,
		.tmpdir = tmpdir,
		.tcb_text = v->tcb_text,
		.provider = v->provider,
		.nonce_hex = nonce_hex,
	};
	int ret;

	hex(nonce, NONCE_LEN, nonce_hex);
	in.report = tsm_report_get_outblob(rep, &in.report_len);
	ret = rd_verifier_run(&in, why, sizeof(why));
	if (ret == 1)
		return;
	v->result = RD_DENIED;
	snprintf(v->why, sizeof(v->why), "%s", why);
}

void rd_verify(struct tsm_ctx *tsm, const struct rd_config *cfg,
	       const struct tsm_tcb *floor, const char *tmpdir,
	       const struct rd_hook_tick *tick, struct rd_verification *v)
{
	struct tsm_report *rep = NULL;
	struct tsm_evidence ev;
	uint8_t nonce[NONCE_LEN];

	memset(v, 0, sizeof(*v));
	v->result = RD_ERROR;
	if (fetch(tsm, &rep, &ev, nonce, v))
		goto out;
	v->have_tcb = true;
	v->tcb = ev.tcb;
	v->layout = ev.format == TSM_FORMAT_SNP_REPORT ? ev.snp.layout :
		    TSM_SNP_LAYOUT_MILAN_GENOA;
	snprintf(v->tcb_text, sizeof(v->tcb_text), "%s", ev.tcb_text);
	snprintf(v->components, sizeof(v->components), "%s", ev.components);

	v->result = rd_policy_check(cfg, floor, &v->tcb, v->why,
				    sizeof(v->why));
	if (v->result == RD_APPROVED && cfg->verifier[0])
		run_hook(cfg, tmpdir, tick, rep, nonce, v);
	if (v->result == RD_APPROVED && cfg->verifier[0]) {
		size_t n = strlen(v->why);

		snprintf(v->why + n, sizeof(v->why) - n, ", verifier approved");
	}
out:
	tsm_report_unref(rep);
}
