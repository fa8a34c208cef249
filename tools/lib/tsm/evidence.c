// SPDX-License-Identifier: LGPL-2.1-or-later
/* libtsm: evidence format names, detection, provider dispatch, nonce. */
#include <errno.h>
#include <string.h>

#include "internal.h"

static const char *const format_names[] = {
	[TSM_FORMAT_AUTO] = "auto",
	[TSM_FORMAT_SNP_REPORT] = "snp-report",
	[TSM_FORMAT_TDX_QUOTE] = "tdx-quote",
	[TSM_FORMAT_TDREPORT] = "tdreport",
};

const char *tsm_format_name(enum tsm_format fmt)
{
	if ((unsigned int)fmt >= sizeof(format_names) / sizeof(format_names[0]))
		return "unknown";
	return format_names[fmt];
}

int tsm_format_from_name(const char *name, enum tsm_format *fmt)
{
	if (!name || !fmt)
		return -EINVAL;
	for (unsigned int i = 0;
	     i < sizeof(format_names) / sizeof(format_names[0]); i++) {
		if (!strcmp(name, format_names[i])) {
			*fmt = (enum tsm_format)i;
			return 0;
		}
	}
	if (!strcmp(name, "snp")) {
		*fmt = TSM_FORMAT_SNP_REPORT;
		return 0;
	}
	return -EINVAL;
}

static const struct {
	const char *name;
	enum tsm_format fmt;
} providers[] = {
	{ "sev_guest", TSM_FORMAT_SNP_REPORT },
	{ "tdx_guest", TSM_FORMAT_TDX_QUOTE },
	/* platform=snp: SNP report v3; platform=tdx: TDX quote v5 */
	{ "tsm_wd_sim", TSM_FORMAT_AUTO },
};

int tsm_format_from_provider(const char *provider, enum tsm_format *fmt)
{
	size_t n;

	if (!provider || !fmt)
		return -EINVAL;
	n = strlen(provider);
	if (n && provider[n - 1] == '\n')
		n--;
	for (size_t i = 0; i < sizeof(providers) / sizeof(providers[0]); i++) {
		if (strlen(providers[i].name) == n &&
		    !memcmp(providers[i].name, provider, n)) {
			*fmt = providers[i].fmt;
			return 0;
		}
	}
	return TSM_E_UNKNOWN_FORMAT;
}

int tsm_format_detect(const void *buf, size_t len, enum tsm_format *fmt)
{
	const uint8_t *b = buf;
	uint32_t v32;

	if (!buf || !fmt)
		return -EINVAL;
	/* TDX quote: u16 version 4/5, TEE type 0x81 at offset 4. */
	if (len >= 8) {
		uint16_t v16 = get_le16(b);

		if ((v16 == 4 || v16 == 5) && get_le32(b + 4) == 0x81) {
			*fmt = TSM_FORMAT_TDX_QUOTE;
			return 0;
		}
	}
	/* TDREPORT: REPORTTYPE.TYPE 0x81, SUBTYPE 0. */
	if (len >= 2 && b[0] == 0x81 && b[1] == 0) {
		*fmt = TSM_FORMAT_TDREPORT;
		return 0;
	}
	/* SNP report: small u32 version (the parser refuses unknown ones). */
	if (len >= 4) {
		v32 = get_le32(b);
		if (v32 >= 1 && v32 <= 31) {
			*fmt = TSM_FORMAT_SNP_REPORT;
			return 0;
		}
	}
	return TSM_E_UNKNOWN_FORMAT;
}

int tsm_evidence_parse(const void *buf, size_t len, enum tsm_format fmt,
		       struct tsm_evidence *ev)
{
	int ret;

	if (!ev)
		return -EINVAL;
	if (fmt == TSM_FORMAT_AUTO) {
		memset(ev, 0, sizeof(*ev));
		if (!buf)
			return tsm_fail(ev, -EINVAL, "no evidence buffer");
		ret = tsm_format_detect(buf, len, &fmt);
		if (ret)
			return tsm_fail(ev, ret,
					"%zu bytes are neither an SNP report, a TDX quote nor a TDREPORT",
					len);
	}
	switch (fmt) {
	case TSM_FORMAT_SNP_REPORT:
		return tsm_parse_snp_report(buf, len, ev);
	case TSM_FORMAT_TDX_QUOTE:
		return tsm_parse_tdx_quote(buf, len, ev);
	case TSM_FORMAT_TDREPORT:
		return tsm_parse_tdreport(buf, len, ev);
	default:
		memset(ev, 0, sizeof(*ev));
		return tsm_fail(ev, -EINVAL, "unknown evidence format %d", fmt);
	}
}

int tsm_evidence_parse_provider(const char *provider, const void *buf,
				size_t len, struct tsm_evidence *ev)
{
	enum tsm_format fmt;
	int ret;

	if (!ev)
		return -EINVAL;
	ret = tsm_format_from_provider(provider, &fmt);
	if (ret) {
		memset(ev, 0, sizeof(*ev));
		return tsm_fail(ev, ret, "unknown configfs-tsm provider '%s'",
				provider ? provider : "(null)");
	}
	return tsm_evidence_parse(buf, len, fmt, ev);
}

int tsm_evidence_check_nonce(const struct tsm_evidence *ev, const void *nonce,
			     size_t nonce_len)
{
	if (!ev || !nonce || nonce_len == 0 || nonce_len > TSM_REPORT_DATA_LEN)
		return -EINVAL;
	if (ev->format == TSM_FORMAT_AUTO)
		return -EINVAL;
	if (memcmp(ev->report_data, nonce, nonce_len))
		return TSM_E_NONCE;
	for (size_t i = nonce_len; i < TSM_REPORT_DATA_LEN; i++)
		if (ev->report_data[i])
			return TSM_E_NONCE;
	return 0;
}

int tsm_parse_finish(struct tsm_evidence *ev, int ret)
{
	char why[TSM_WHY_MAX];

	if (!ret)
		return 0;
	memcpy(why, ev->why, sizeof(why));
	memset(ev, 0, sizeof(*ev));
	memcpy(ev->why, why, sizeof(why));
	return ret;
}
