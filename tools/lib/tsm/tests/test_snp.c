// SPDX-License-Identifier: GPL-2.0-only
/* libtsm unit tests: SEV-SNP ATTESTATION_REPORT parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../tsm.h"
#include "fixtures.h"

static void check_common(const struct tsm_evidence *ev, uint32_t version)
{
	const struct tsm_snp_report *r = &ev->snp;

	assert_int_equal(ev->format, TSM_FORMAT_SNP_REPORT);
	assert_int_equal(ev->version, version);
	assert_int_equal(r->version, version);
	assert_int_equal(r->guest_svn, FX_SNP_GUEST_SVN);
	assert_true(r->policy == FX_SNP_POLICY);
	assert_true(fx_check(r->family_id, 16, FXS_FAMILY_ID));
	assert_true(fx_check(r->image_id, 16, FXS_IMAGE_ID));
	assert_int_equal(r->vmpl, FX_SNP_VMPL);
	assert_int_equal(r->signature_algo, FX_SNP_SIG_ALGO);
	assert_true(r->platform_info == FX_SNP_PLATFORM_INFO);
	assert_int_equal(r->key_info, FX_SNP_KEY_INFO);
	assert_true(fx_check(r->report_data, 64, FXS_REPORT_DATA));
	assert_true(fx_check(ev->report_data, 64, FXS_REPORT_DATA));
	assert_true(fx_check(r->measurement, 48, FXS_MEASUREMENT));
	assert_true(fx_check(r->host_data, 32, FXS_HOST_DATA));
	assert_true(fx_check(r->id_key_digest, 48, FXS_ID_KEY));
	assert_true(fx_check(r->author_key_digest, 48, FXS_AUTHOR_KEY));
	assert_true(fx_check(r->report_id, 32, FXS_REPORT_ID));
	assert_true(fx_check(r->report_id_ma, 32, FXS_REPORT_ID_MA));
	assert_true(fx_check(r->chip_id, 64, FXS_CHIP_ID));
	assert_true(fx_check(r->signature, 512, FXS_SIGNATURE));
	assert_int_equal(r->current_build, FX_FW_BUILD);
	assert_int_equal(r->current_minor, FX_FW_MINOR);
	assert_int_equal(r->current_major, FX_FW_MAJOR);
	assert_int_equal(r->committed_build, FX_CFW_BUILD);
	assert_int_equal(r->committed_minor, FX_CFW_MINOR);
	assert_int_equal(r->committed_major, FX_CFW_MAJOR);
	assert_string_equal(ev->why, "");
}

static void check_milan_tcbs(const struct tsm_evidence *ev)
{
	assert_true(ev->snp.current_tcb == FX_MILAN_CURRENT);
	assert_true(ev->snp.reported_tcb == FX_MILAN_REPORTED);
	assert_true(ev->snp.committed_tcb == FX_MILAN_COMMITTED);
	assert_true(ev->snp.launch_tcb == FX_MILAN_LAUNCH);
	assert_int_equal(ev->snp.layout, TSM_SNP_LAYOUT_MILAN_GENOA);
	assert_string_equal(ev->tcb_text, "snp:d315000000000004");
	assert_string_equal(ev->components, "bl=4 tee=0 snp=21 ucode=211");
	assert_string_equal(ev->tcb.scheme, "snp");
	assert_int_equal(ev->tcb.len, 8);
}

static void check_turin_tcbs(const struct tsm_evidence *ev)
{
	assert_true(ev->snp.current_tcb == FX_TURIN_CURRENT);
	assert_true(ev->snp.reported_tcb == FX_TURIN_REPORTED);
	assert_true(ev->snp.committed_tcb == FX_TURIN_COMMITTED);
	assert_true(ev->snp.launch_tcb == FX_TURIN_LAUNCH);
	assert_int_equal(ev->snp.layout, TSM_SNP_LAYOUT_TURIN);
	assert_false(ev->snp.layout_assumed);
	assert_string_equal(ev->tcb_text, "snp:4800000015000401");
	assert_string_equal(ev->components,
			    "fmc=1 bl=4 tee=0 snp=21 ucode=72");
}

static void snp_v2(void **state)
{
	uint8_t b[FX_SNP_SIZE];
	struct tsm_evidence ev;

	(void)state;
	fx_snp(b, 2, 0);
	assert_int_equal(tsm_parse_snp_report(b, sizeof(b), &ev), 0);
	check_common(&ev, 2);
	check_milan_tcbs(&ev);
	assert_false(ev.snp.has_cpuid);
	assert_true(ev.snp.layout_assumed);
	assert_false(ev.snp.has_mit_vector);
	assert_true(ev.snp.launch_mit_vector == 0);
}

static void snp_v2_ignores_cpuid_bytes(void **state)
{
	uint8_t b[FX_SNP_SIZE];
	struct tsm_evidence ev;

	(void)state;
	/* v2 bytes 0x188.. are reserved: a Turin family there is not used */
	fx_snp(b, 2, 0);
	b[0x188] = 0x1a;
	assert_int_equal(tsm_parse_snp_report(b, sizeof(b), &ev), 0);
	assert_int_equal(ev.snp.layout, TSM_SNP_LAYOUT_MILAN_GENOA);
	assert_true(ev.snp.layout_assumed);
	assert_int_equal(ev.snp.cpuid_fam_id, 0);
}

static void snp_v3_milan(void **state)
{
	uint8_t b[FX_SNP_SIZE];
	struct tsm_evidence ev;

	(void)state;
	fx_snp(b, 3, 0x19);
	assert_int_equal(tsm_parse_snp_report(b, sizeof(b), &ev), 0);
	check_common(&ev, 3);
	check_milan_tcbs(&ev);
	assert_true(ev.snp.has_cpuid);
	assert_false(ev.snp.layout_assumed);
	assert_int_equal(ev.snp.cpuid_fam_id, 0x19);
	assert_int_equal(ev.snp.cpuid_mod_id, 0x11);
	assert_int_equal(ev.snp.cpuid_step, 0x01);
	assert_false(ev.snp.has_mit_vector);
}

static void snp_v3_turin(void **state)
{
	uint8_t b[FX_SNP_SIZE];
	struct tsm_evidence ev;

	(void)state;
	fx_snp(b, 3, 0x1a);
	assert_int_equal(tsm_parse_snp_report(b, sizeof(b), &ev), 0);
	check_common(&ev, 3);
	check_turin_tcbs(&ev);
	assert_int_equal(ev.snp.cpuid_fam_id, 0x1a);
}

static void snp_v5_turin(void **state)
{
	uint8_t b[FX_SNP_SIZE];
	struct tsm_evidence ev;

	(void)state;
	fx_snp(b, 5, 0x1a);
	assert_int_equal(tsm_parse_snp_report(b, sizeof(b), &ev), 0);
	check_common(&ev, 5);
	check_turin_tcbs(&ev);
	assert_true(ev.snp.has_mit_vector);
	assert_true(ev.snp.launch_mit_vector == FX_LAUNCH_MIT);
	assert_true(ev.snp.current_mit_vector == FX_CURRENT_MIT);
}

static void snp_v5_genoa(void **state)
{
	uint8_t b[FX_SNP_SIZE];
	struct tsm_evidence ev;

	(void)state;
	fx_snp(b, 5, 0x19);
	assert_int_equal(tsm_parse_snp_report(b, sizeof(b), &ev), 0);
	check_common(&ev, 5);
	check_milan_tcbs(&ev);
	assert_true(ev.snp.current_mit_vector == FX_CURRENT_MIT);
}

static void snp_unknown_family(void **state)
{
	static const uint8_t fams[] = { 0x00, 0x17, 0x18, 0x1b, 0xff };
	uint8_t b[FX_SNP_SIZE];
	struct tsm_evidence ev;

	(void)state;
	for (size_t i = 0; i < sizeof(fams); i++) {
		fx_snp(b, 3, fams[i]);
		assert_int_equal(tsm_parse_snp_report(b, sizeof(b), &ev),
				 TSM_E_MALFORMED);
		assert_non_null(strstr(ev.why, "CPUID_FAM_ID"));
		assert_int_equal(ev.format, TSM_FORMAT_AUTO);
		assert_string_equal(ev.tcb_text, "");
	}
}

static void snp_unknown_versions(void **state)
{
	static const uint32_t versions[] = { 0, 1, 4, 6, 7, 0x100, 0xffffffff };
	uint8_t b[FX_SNP_SIZE];
	struct tsm_evidence ev;

	(void)state;
	for (size_t i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
		fx_snp(b, versions[i], 0x19);
		assert_int_equal(tsm_parse_snp_report(b, sizeof(b), &ev),
				 TSM_E_VERSION);
		assert_non_null(strstr(ev.why, "version"));
	}
}

static void snp_truncated_every_length(void **state)
{
	static const uint32_t versions[] = { 2, 3, 5 };
	struct tsm_evidence ev;
	uint8_t full[FX_SNP_SIZE];

	(void)state;
	for (size_t v = 0; v < 3; v++) {
		fx_snp(full, versions[v], 0x19);
		for (size_t len = 0; len < FX_SNP_SIZE; len++) {
			/* exact-size heap copy: ASan sees any overread */
			uint8_t *p = malloc(len ? len : 1);

			assert_non_null(p);
			memcpy(p, full, len);
			assert_int_equal(tsm_parse_snp_report(p, len, &ev),
					 TSM_E_TRUNCATED);
			assert_int_equal(ev.format, TSM_FORMAT_AUTO);
			free(p);
		}
	}
}

static void snp_trailing_bytes(void **state)
{
	uint8_t b[FX_SNP_SIZE + 100];
	struct tsm_evidence ev;

	(void)state;
	fx_snp(b, 3, 0x19);
	memset(b + FX_SNP_SIZE, 0xee, 100);
	assert_int_equal(tsm_parse_snp_report(b, sizeof(b), &ev), 0);
	check_milan_tcbs(&ev);
}

static void snp_bad_args(void **state)
{
	uint8_t b[FX_SNP_SIZE];
	struct tsm_evidence ev;

	(void)state;
	fx_snp(b, 2, 0);
	assert_int_equal(tsm_parse_snp_report(b, sizeof(b), NULL), -EINVAL);
	assert_int_equal(tsm_parse_snp_report(NULL, sizeof(b), &ev), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(snp_v2),
		cmocka_unit_test(snp_v2_ignores_cpuid_bytes),
		cmocka_unit_test(snp_v3_milan),
		cmocka_unit_test(snp_v3_turin),
		cmocka_unit_test(snp_v5_turin),
		cmocka_unit_test(snp_v5_genoa),
		cmocka_unit_test(snp_unknown_family),
		cmocka_unit_test(snp_unknown_versions),
		cmocka_unit_test(snp_truncated_every_length),
		cmocka_unit_test(snp_trailing_bytes),
		cmocka_unit_test(snp_bad_args),
	};

	return cmocka_run_group_tests_name("snp", tests, NULL, NULL);
}
