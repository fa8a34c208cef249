// SPDX-License-Identifier: GPL-2.0-only
/* libtsm unit tests: format names, detection, provider dispatch, nonce. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../tsm.h"
#include "fixtures.h"

static void names(void **state)
{
	enum tsm_format f;

	(void)state;
	assert_string_equal(tsm_format_name(TSM_FORMAT_SNP_REPORT), "snp-report");
	assert_string_equal(tsm_format_name(TSM_FORMAT_TDX_QUOTE), "tdx-quote");
	assert_string_equal(tsm_format_name(TSM_FORMAT_TDREPORT), "tdreport");
	assert_string_equal(tsm_format_name(TSM_FORMAT_AUTO), "auto");
	assert_string_equal(tsm_format_name((enum tsm_format)42), "unknown");
	assert_int_equal(tsm_format_from_name("snp", &f), 0);
	assert_int_equal(f, TSM_FORMAT_SNP_REPORT);
	assert_int_equal(tsm_format_from_name("tdx-quote", &f), 0);
	assert_int_equal(f, TSM_FORMAT_TDX_QUOTE);
	assert_int_equal(tsm_format_from_name("tdreport", &f), 0);
	assert_int_equal(f, TSM_FORMAT_TDREPORT);
	assert_int_equal(tsm_format_from_name("auto", &f), 0);
	assert_int_equal(f, TSM_FORMAT_AUTO);
	assert_int_equal(tsm_format_from_name("sgx", &f), -EINVAL);
	assert_int_equal(tsm_format_from_name(NULL, &f), -EINVAL);
}

static void providers(void **state)
{
	enum tsm_format f;

	(void)state;
	assert_int_equal(tsm_format_from_provider("sev_guest", &f), 0);
	assert_int_equal(f, TSM_FORMAT_SNP_REPORT);
	assert_int_equal(tsm_format_from_provider("tdx_guest\n", &f), 0);
	assert_int_equal(f, TSM_FORMAT_TDX_QUOTE);
	assert_int_equal(tsm_format_from_provider("tsm_wd_sim", &f), 0);
	assert_int_equal(f, TSM_FORMAT_AUTO);	/* SNP or TDX by platform */
	assert_int_equal(tsm_format_from_provider("tsm_wd_si", &f),
			 TSM_E_UNKNOWN_FORMAT);
	assert_int_equal(tsm_format_from_provider("sev_guest2", &f),
			 TSM_E_UNKNOWN_FORMAT);
	assert_int_equal(tsm_format_from_provider("", &f), TSM_E_UNKNOWN_FORMAT);
	assert_int_equal(tsm_format_from_provider(NULL, &f), -EINVAL);
}

static void detect_and_parse(void **state)
{
	uint8_t q[FX_QUOTE_MAX], s[FX_SNP_SIZE], r[FX_TDREPORT_SIZE];
	struct tsm_evidence ev;
	enum tsm_format f;
	size_t qlen;

	(void)state;
	fx_snp(s, 3, 0x19);
	assert_int_equal(tsm_format_detect(s, sizeof(s), &f), 0);
	assert_int_equal(f, TSM_FORMAT_SNP_REPORT);
	assert_int_equal(tsm_evidence_parse(s, sizeof(s), TSM_FORMAT_AUTO, &ev), 0);
	assert_string_equal(ev.tcb_text, "snp:d315000000000004");
	assert_int_equal(tsm_evidence_parse_provider("tsm_wd_sim", s, sizeof(s),
						     &ev), 0);
	assert_int_equal(ev.format, TSM_FORMAT_SNP_REPORT);
	/* the simulator on platform=tdx emits a TDX quote v5 (type 3) */
	qlen = fx_tdx_quote(q, 5, 3);
	assert_int_equal(tsm_evidence_parse_provider("tsm_wd_sim\n", q, qlen,
						     &ev), 0);
	assert_int_equal(ev.format, TSM_FORMAT_TDX_QUOTE);
	assert_string_equal(ev.tcb_text, FX_TDX_TCB_SVN2);
	/* ... and what is detected is then fully validated */
	assert_int_equal(tsm_evidence_parse_provider("tsm_wd_sim", q, 40, &ev),
			 TSM_E_TRUNCATED);
	assert_int_equal(tsm_evidence_parse_provider("tsm_wd_sim", "\xff\xff\xff\xff",
						     4, &ev), TSM_E_UNKNOWN_FORMAT);
	assert_int_equal(tsm_evidence_parse_provider("tdx_guest", s, sizeof(s),
						     &ev), TSM_E_VERSION);
	assert_int_equal(tsm_evidence_parse_provider("nope", s, sizeof(s), &ev),
			 TSM_E_UNKNOWN_FORMAT);
	assert_non_null(strstr(ev.why, "nope"));

	for (int k = 0; k < 3; k++) {
		qlen = fx_tdx_quote(q, k ? 5 : 4, k == 2 ? 3 : 2);
		assert_int_equal(tsm_format_detect(q, qlen, &f), 0);
		assert_int_equal(f, TSM_FORMAT_TDX_QUOTE);
		assert_int_equal(tsm_evidence_parse(q, qlen, TSM_FORMAT_AUTO,
						    &ev), 0);
		assert_int_equal(ev.format, TSM_FORMAT_TDX_QUOTE);
		assert_int_equal(tsm_evidence_parse_provider("tdx_guest", q,
							     qlen, &ev), 0);
	}
	/* forcing the wrong parser fails with a reason */
	assert_int_equal(tsm_evidence_parse(q, qlen, TSM_FORMAT_TDREPORT, &ev),
			 TSM_E_MALFORMED);
	assert_true(ev.why[0]);

	fx_tdreport(r, 0, false);
	assert_int_equal(tsm_format_detect(r, sizeof(r), &f), 0);
	assert_int_equal(f, TSM_FORMAT_TDREPORT);
	assert_int_equal(tsm_evidence_parse(r, sizeof(r), TSM_FORMAT_AUTO, &ev), 0);
	assert_int_equal(ev.format, TSM_FORMAT_TDREPORT);
	/* truncated blobs are still recognised, then refused as truncated */
	assert_int_equal(tsm_evidence_parse(r, 100, TSM_FORMAT_AUTO, &ev),
			 TSM_E_TRUNCATED);
	assert_int_equal(tsm_evidence_parse(s, 100, TSM_FORMAT_AUTO, &ev),
			 TSM_E_TRUNCATED);
	assert_int_equal(tsm_evidence_parse(q, 100, TSM_FORMAT_AUTO, &ev),
			 TSM_E_TRUNCATED);

	/* garbage */
	memset(q, 0xff, 2000);
	assert_int_equal(tsm_format_detect(q, 2000, &f), TSM_E_UNKNOWN_FORMAT);
	assert_int_equal(tsm_evidence_parse(q, 2000, TSM_FORMAT_AUTO, &ev),
			 TSM_E_UNKNOWN_FORMAT);
	assert_non_null(strstr(ev.why, "neither"));
	assert_int_equal(tsm_format_detect(q, 0, &f), TSM_E_UNKNOWN_FORMAT);
	assert_int_equal(tsm_format_detect(NULL, 0, &f), -EINVAL);
	assert_int_equal(tsm_evidence_parse(q, 10, (enum tsm_format)9, &ev),
			 -EINVAL);
	/* SGX quote v3 header is not TDX */
	memset(q, 0, 2000);
	fx_put16(q, 3);
	fx_put16(q + 2, 2);
	assert_int_equal(tsm_format_detect(q, 2000, &f), TSM_E_UNKNOWN_FORMAT);
}

static void nonce(void **state)
{
	uint8_t s[FX_SNP_SIZE], n[64];
	struct tsm_evidence ev;

	(void)state;
	fx_snp(s, 3, 0x19);
	memset(s + 0x50, 0, 64);
	memcpy(s + 0x50, "\x01\x02\x03\x04", 4);
	assert_int_equal(tsm_parse_snp_report(s, sizeof(s), &ev), 0);
	assert_int_equal(tsm_evidence_check_nonce(&ev, "\x01\x02\x03\x04", 4), 0);
	assert_int_equal(tsm_evidence_check_nonce(&ev, "\x01\x02\x03\x05", 4),
			 TSM_E_NONCE);
	assert_int_equal(tsm_evidence_check_nonce(&ev, "\x01\x02\x03", 3),
			 TSM_E_NONCE);	/* 0x04 after the nonce */
	assert_int_equal(tsm_evidence_check_nonce(&ev, "\x01\x02\x03\x04\x00", 5),
			 0);
	fx_fill(n, 64, 77);
	memcpy(s + 0x50, n, 64);
	assert_int_equal(tsm_parse_snp_report(s, sizeof(s), &ev), 0);
	assert_int_equal(tsm_evidence_check_nonce(&ev, n, 64), 0);
	n[63] ^= 1;
	assert_int_equal(tsm_evidence_check_nonce(&ev, n, 64), TSM_E_NONCE);
	assert_int_equal(tsm_evidence_check_nonce(&ev, n, 65), -EINVAL);
	assert_int_equal(tsm_evidence_check_nonce(&ev, n, 0), -EINVAL);
	assert_int_equal(tsm_evidence_check_nonce(NULL, n, 4), -EINVAL);
	memset(&ev, 0, sizeof(ev));
	assert_int_equal(tsm_evidence_check_nonce(&ev, n, 4), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names),
		cmocka_unit_test(providers),
		cmocka_unit_test(detect_and_parse),
		cmocka_unit_test(nonce),
	};

	return cmocka_run_group_tests_name("dispatch", tests, NULL, NULL);
}
