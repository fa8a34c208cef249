// SPDX-License-Identifier: GPL-2.0-only
/* libtsm unit tests: TDX quote v4/v5 and TDREPORT parsers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../tsm.h"
#include "fixtures.h"

/* The TD report body fields every fixture carries, and the TCB @tcb. */
static void check_body_tcb(const struct tsm_evidence *ev, const char *tcb)
{
	const struct tsm_tdx_evidence *t = &ev->tdx;

	assert_memory_equal(t->tee_tcb_svn, fx_tee_tcb_svn, 16);
	assert_true(fx_check(t->mrseam, 48, FXS_MRSEAM));
	assert_true(fx_check(t->mrsignerseam, 48, FXS_MRSIGNERSEAM));
	assert_true(fx_check(t->seam_attributes, 8, FXS_SEAM_ATTR));
	assert_true(fx_check(t->td_attributes, 8, FXS_TD_ATTR));
	assert_true(fx_check(t->xfam, 8, FXS_XFAM));
	assert_true(fx_check(t->mrtd, 48, FXS_MRTD));
	assert_true(fx_check(t->mrconfigid, 48, FXS_MRCONFIGID));
	assert_true(fx_check(t->mrowner, 48, FXS_MROWNER));
	assert_true(fx_check(t->mrownerconfig, 48, FXS_MROWNERCONFIG));
	assert_true(fx_check(t->rtmr[0], 48, FXS_RTMR0));
	assert_true(fx_check(t->rtmr[1], 48, FXS_RTMR1));
	assert_true(fx_check(t->rtmr[2], 48, FXS_RTMR2));
	assert_true(fx_check(t->rtmr[3], 48, FXS_RTMR3));
	assert_true(fx_check(t->report_data, 64, FXS_TD_REPORT_DATA));
	assert_true(fx_check(ev->report_data, 64, FXS_TD_REPORT_DATA));
	assert_string_equal(ev->tcb_text, tcb);
	assert_memory_equal(t->cpusvn, fx_cpusvn, 16);
	assert_string_equal(ev->tcb.scheme, "tdx");
	assert_int_equal(ev->tcb.len, 32);
	assert_memory_equal(ev->tcb.bytes + 16, fx_cpusvn, 16);
	assert_string_equal(ev->why, "");
}

/* Evidence whose running module SVN is TEE_TCB_SVN (no valid SVN2). */
static void check_body(const struct tsm_evidence *ev)
{
	check_body_tcb(ev, FX_TDX_TCB_SVN);
	assert_false(ev->tdx.has_tee_tcb_svn2);
	assert_string_equal(ev->components,
			    "module_minor=3 module_major=1 seamldr=2 "
			    "cpusvn=" FX_CPUSVN_HEX);
}

/* The QE report certification data fields of a fixture quote. */
static void check_cert(const struct tsm_evidence *ev)
{
	assert_int_equal(ev->tdx.cert_type, 6);
	assert_int_equal(ev->tdx.cert_size, FX_CERT_DATA);
	assert_int_equal(ev->tdx.qe_isv_prod_id, FX_QE_ISV_PROD_ID);
	assert_int_equal(ev->tdx.qe_isv_svn, FX_QE_ISV_SVN);
	assert_int_equal(ev->tdx.qe_auth_data_size, FX_QE_AUTH);
	assert_int_equal(ev->tdx.qe_cert_type, 5);
	assert_int_equal(ev->tdx.qe_cert_size, FX_PCK_CHAIN);
}

static void check_header(const struct tsm_evidence *ev, uint16_t version)
{
	assert_int_equal(ev->format, TSM_FORMAT_TDX_QUOTE);
	assert_int_equal(ev->version, version);
	assert_int_equal(ev->tdx.quote_version, version);
	assert_int_equal(ev->tdx.att_key_type, 2);
	assert_int_equal(ev->tdx.tee_type, 0x81);
	assert_true(fx_check(ev->tdx.qe_vendor_id, 16, FXS_QE_VENDOR));
	assert_true(fx_check(ev->tdx.user_data, 20, FXS_USER_DATA));
	assert_int_equal(ev->tdx.sig_data_len, 134 + FX_CERT_DATA);
}

static void quote_v4(void **state)
{
	uint8_t b[FX_QUOTE_MAX];
	struct tsm_evidence ev;
	size_t len = fx_tdx_quote(b, 4, 0);

	(void)state;
	assert_int_equal(len, 48 + 584 + 4 + 134 + FX_CERT_DATA);
	assert_int_equal(tsm_parse_tdx_quote(b, len, &ev), 0);
	check_header(&ev, 4);
	check_body(&ev);
	check_cert(&ev);
	assert_int_equal(ev.tdx.body_type, 2);
	assert_int_equal(ev.tdx.body_size, 584);
	assert_false(ev.tdx.has_tee_tcb_svn2);
	assert_false(ev.tdx.has_mrservicetd);
}

static void quote_v5_td10(void **state)
{
	uint8_t b[FX_QUOTE_MAX];
	struct tsm_evidence ev;
	size_t len = fx_tdx_quote(b, 5, 2);

	(void)state;
	assert_int_equal(tsm_parse_tdx_quote(b, len, &ev), 0);
	check_header(&ev, 5);
	check_body(&ev);
	check_cert(&ev);
	assert_int_equal(ev.tdx.body_type, 2);
	assert_int_equal(ev.tdx.body_size, 584);
	assert_false(ev.tdx.has_tee_tcb_svn2);
}

static void quote_v5_td15(void **state)
{
	uint8_t b[FX_QUOTE_MAX];
	struct tsm_evidence ev;
	size_t len = fx_tdx_quote(b, 5, 3);

	(void)state;
	assert_int_equal(len, 54 + 648 + 4 + 134 + FX_CERT_DATA);
	assert_int_equal(tsm_parse_tdx_quote(b, len, &ev), 0);
	check_header(&ev, 5);
	/* TD report 1.5: the running module's SVN is TEE_TCB_SVN2 */
	check_body_tcb(&ev, FX_TDX_TCB_SVN2);
	check_cert(&ev);
	assert_string_equal(ev.components,
			    "module_minor=5 module_major=1 seamldr=2 svn15=9 "
			    "cpusvn=" FX_CPUSVN_HEX);
	assert_int_equal(ev.tdx.body_type, 3);
	assert_int_equal(ev.tdx.body_size, 648);
	assert_true(ev.tdx.has_tee_tcb_svn2);
	assert_memory_equal(ev.tdx.tee_tcb_svn2, fx_tee_tcb_svn2, 16);
	assert_true(ev.tdx.has_mrservicetd);
	assert_true(fx_check(ev.tdx.mrservicetd, 48, FXS_MRSERVICETD));
}

/* Type 3 with an all-zero TEE_TCB_SVN2 (a module that did not mark it
 * valid): the running SVN is TEE_TCB_SVN. */
static void quote_v5_td15_svn2_zero(void **state)
{
	uint8_t b[FX_QUOTE_MAX];
	struct tsm_evidence ev;
	size_t len = fx_tdx_quote(b, 5, 3);

	(void)state;
	memset(b + 54 + 584, 0, 16);
	assert_int_equal(tsm_parse_tdx_quote(b, len, &ev), 0);
	check_body(&ev);
	assert_int_equal(ev.tdx.body_type, 3);
	assert_true(ev.tdx.has_mrservicetd);
	/* one non-zero byte anywhere makes it present */
	b[54 + 584 + 15] = 1;
	assert_int_equal(tsm_parse_tdx_quote(b, len, &ev), 0);
	assert_true(ev.tdx.has_tee_tcb_svn2);
	assert_string_equal(ev.tcb_text, "tdx:00000000000000000000000000000001"
			    FX_CPUSVN_HEX);
}

/*
 * The type-6 certification data at every declared size below the
 * complete structure: the outer lengths are consistent (the quote is not
 * truncated), the inner structure does not fit. Refused, never read past.
 */
static void quote_cert_every_size(void **state)
{
	static const uint16_t kinds[][2] = { { 4, 2 }, { 5, 2 }, { 5, 3 } };
	uint8_t full[FX_QUOTE_MAX];
	struct tsm_evidence ev;

	(void)state;
	for (size_t k = 0; k < 3; k++) {
		uint16_t v = kinds[k][0], bt = kinds[k][1];
		size_t off = fx_tdx_sig_off(v, bt);

		for (uint32_t cs = 0; cs < FX_CERT_DATA; cs++) {
			size_t len = fx_tdx_quote(full, v, bt) - FX_CERT_DATA + cs;
			uint8_t *p = malloc(len);

			assert_non_null(p);
			fx_put32(full + off, 134 + cs);	/* sig data length */
			fx_put32(full + off + 4 + 130, cs);	/* cert size */
			memcpy(p, full, len);
			assert_int_equal(tsm_parse_tdx_quote(p, len, &ev),
					 TSM_E_MALFORMED);
			assert_non_null(strstr(ev.why, "certification data"));
			assert_int_equal(ev.format, TSM_FORMAT_AUTO);
			free(p);
		}
	}
}

static void quote_cert_hostile(void **state)
{
	uint8_t b[FX_QUOTE_MAX];
	struct tsm_evidence ev;
	size_t len = fx_tdx_quote(b, 4, 2);
	size_t sig = fx_tdx_sig_off(4, 2), c = fx_tdx_cert_off(4, 2);
	static const uint16_t types[] = { 0, 1, 5, 7, 0xffff };

	(void)state;
	/* certification data that is not a QE report: no CPUSVN */
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		fx_tdx_quote(b, 4, 2);
		fx_put16(b + sig + 4 + 128, types[i]);
		assert_int_equal(tsm_parse_tdx_quote(b, len, &ev),
				 TSM_E_MALFORMED);
		assert_non_null(strstr(ev.why, "type"));
	}
	/* QE auth data size beyond the certification data */
	static const uint16_t auth[] = { 0xffff, FX_CERT_DATA - 450,
					 FX_CERT_DATA - 455, FX_QE_AUTH + 1 };
	for (size_t i = 0; i < sizeof(auth) / sizeof(auth[0]); i++) {
		fx_tdx_quote(b, 4, 2);
		fx_put16(b + c + 448, auth[i]);
		assert_int_equal(tsm_parse_tdx_quote(b, len, &ev),
				 TSM_E_MALFORMED);
	}
	/* a shorter auth data: the inner size no longer matches the rest */
	fx_tdx_quote(b, 4, 2);
	fx_put16(b + c + 448, FX_QE_AUTH - 6);
	assert_int_equal(tsm_parse_tdx_quote(b, len, &ev), TSM_E_MALFORMED);
	/* inner certification data size beyond the outer */
	static const uint32_t inner[] = { 0xffffffff, 0x80000000,
					  FX_PCK_CHAIN + 1 };
	for (size_t i = 0; i < sizeof(inner) / sizeof(inner[0]); i++) {
		fx_tdx_quote(b, 4, 2);
		fx_put32(b + c + 452 + FX_QE_AUTH, inner[i]);
		assert_int_equal(tsm_parse_tdx_quote(b, len, &ev),
				 TSM_E_MALFORMED);
		assert_non_null(strstr(ev.why, "QE certification data size"));
	}
	/* a shorter inner size leaves bytes over inside: accepted */
	fx_tdx_quote(b, 4, 2);
	fx_put32(b + c + 452 + FX_QE_AUTH, FX_PCK_CHAIN - 1);
	assert_int_equal(tsm_parse_tdx_quote(b, len, &ev), 0);
	assert_int_equal(ev.tdx.qe_cert_size, FX_PCK_CHAIN - 1);
	/* empty auth data and empty inner data, sizes consistent */
	fx_tdx_quote(b, 4, 2);
	fx_put32(b + sig, 134 + 456);
	fx_put32(b + sig + 4 + 130, 456);
	fx_put16(b + c + 448, 0);
	fx_put16(b + c + 450, 5);
	fx_put32(b + c + 452, 0);
	assert_int_equal(tsm_parse_tdx_quote(b, sig + 4 + 134 + 456, &ev), 0);
	assert_string_equal(ev.tcb_text, FX_TDX_TCB_SVN);
	assert_int_equal(tsm_parse_tdx_quote(b, sig + 4 + 134 + 455, &ev),
			 TSM_E_TRUNCATED);
}

static void quote_truncated_every_length(void **state)
{
	static const uint16_t kinds[][2] = { { 4, 0 }, { 5, 2 }, { 5, 3 } };
	uint8_t full[FX_QUOTE_MAX];
	struct tsm_evidence ev;

	(void)state;
	for (size_t k = 0; k < 3; k++) {
		size_t n = fx_tdx_quote(full, kinds[k][0], kinds[k][1]);

		for (size_t len = 0; len < n; len++) {
			uint8_t *p = malloc(len ? len : 1);

			assert_non_null(p);
			memcpy(p, full, len);
			assert_int_equal(tsm_parse_tdx_quote(p, len, &ev),
					 TSM_E_TRUNCATED);
			assert_int_equal(ev.format, TSM_FORMAT_AUTO);
			assert_true(ev.why[0] != '\0');
			free(p);
		}
	}
}

static void quote_trailing_bytes(void **state)
{
	uint8_t b[FX_QUOTE_MAX];
	struct tsm_evidence ev;
	size_t len = fx_tdx_quote(b, 4, 0);

	(void)state;
	memset(b + len, 0xaa, 64);
	assert_int_equal(tsm_parse_tdx_quote(b, len + 64, &ev), 0);
	check_body(&ev);
}

static void quote_bad_version_and_tee(void **state)
{
	static const uint16_t versions[] = { 0, 1, 2, 3, 6, 0xffff };
	uint8_t b[FX_QUOTE_MAX];
	struct tsm_evidence ev;
	size_t len;

	(void)state;
	for (size_t i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
		len = fx_tdx_quote(b, 4, 0);
		fx_put16(b, versions[i]);
		assert_int_equal(tsm_parse_tdx_quote(b, len, &ev),
				 TSM_E_VERSION);
	}
	len = fx_tdx_quote(b, 4, 0);
	fx_put32(b + 4, 0);		/* SGX */
	assert_int_equal(tsm_parse_tdx_quote(b, len, &ev), TSM_E_VERSION);
	assert_non_null(strstr(ev.why, "TEE type"));
	len = fx_tdx_quote(b, 5, 3);
	fx_put32(b + 4, 0x80);
	assert_int_equal(tsm_parse_tdx_quote(b, len, &ev), TSM_E_VERSION);
}

static void quote_v5_bad_body(void **state)
{
	uint8_t b[FX_QUOTE_MAX];
	struct tsm_evidence ev;
	size_t len;

	(void)state;
	/* SGX enclave report body and unknown types */
	static const uint16_t types[] = { 0, 1, 4, 0xffff };
	for (size_t i = 0; i < 4; i++) {
		len = fx_tdx_quote(b, 5, 2);
		fx_put16(b + 48, types[i]);
		assert_int_equal(tsm_parse_tdx_quote(b, len, &ev),
				 TSM_E_VERSION);
		assert_non_null(strstr(ev.why, "body type"));
	}
	/* sizes that contradict the type */
	static const uint32_t sizes[] = { 0, 583, 585, 648, 0x7fffffff, 0xffffffff };
	for (size_t i = 0; i < 6; i++) {
		len = fx_tdx_quote(b, 5, 2);
		fx_put32(b + 50, sizes[i]);
		assert_int_equal(tsm_parse_tdx_quote(b, len, &ev),
				 TSM_E_MALFORMED);
		assert_non_null(strstr(ev.why, "size"));
	}
	len = fx_tdx_quote(b, 5, 3);
	fx_put32(b + 50, 584);
	assert_int_equal(tsm_parse_tdx_quote(b, len, &ev), TSM_E_MALFORMED);
	fx_put32(b + 50, 0xffffffff);
	assert_int_equal(tsm_parse_tdx_quote(b, len, &ev), TSM_E_MALFORMED);
}

static void quote_hostile_sig_len(void **state)
{
	uint8_t b[FX_QUOTE_MAX];
	struct tsm_evidence ev;
	size_t len = fx_tdx_quote(b, 4, 0), off = fx_tdx_sig_off(4, 0);
	uint32_t left = (uint32_t)(len - off - 4);
	static const uint32_t too_big[] = { 0xffffffff, 0x80000000, 0x10000 };

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		fx_put32(b + off, too_big[i]);
		assert_int_equal(tsm_parse_tdx_quote(b, len, &ev),
				 TSM_E_TRUNCATED);
	}
	fx_put32(b + off, left + 1);
	assert_int_equal(tsm_parse_tdx_quote(b, len, &ev), TSM_E_TRUNCATED);
	fx_put32(b + off, left);
	assert_int_equal(tsm_parse_tdx_quote(b, len, &ev), 0);
	/* shorter than sig + key + cert header */
	for (uint32_t s = 0; s < 134; s += 7) {
		fx_put32(b + off, s);
		assert_int_equal(tsm_parse_tdx_quote(b, len, &ev),
				 TSM_E_MALFORMED);
	}
	/* a signature section with no room for the QE report: refused */
	fx_put32(b + off, 134);
	fx_put32(b + off + 4 + 130, 0);
	assert_int_equal(tsm_parse_tdx_quote(b, len, &ev), TSM_E_MALFORMED);
	/* a valid signature section, then trailing bytes inside the blob */
	fx_put32(b + off, left);
	fx_put32(b + off + 4 + 130, FX_CERT_DATA);
	assert_int_equal(tsm_parse_tdx_quote(b, len, &ev), 0);
	fx_put32(b + off, left - 10);
	fx_put32(b + off + 4 + 130, FX_CERT_DATA - 10);
	assert_int_equal(tsm_parse_tdx_quote(b, len, &ev), TSM_E_MALFORMED);
}

static void quote_hostile_cert_size(void **state)
{
	uint8_t b[FX_QUOTE_MAX];
	struct tsm_evidence ev;
	size_t len = fx_tdx_quote(b, 5, 3), off = fx_tdx_sig_off(5, 3);

	(void)state;
	fx_put32(b + off + 4 + 130, FX_CERT_DATA + 1);
	assert_int_equal(tsm_parse_tdx_quote(b, len, &ev), TSM_E_MALFORMED);
	assert_non_null(strstr(ev.why, "certification"));
	fx_put32(b + off + 4 + 130, 0xffffffff);
	assert_int_equal(tsm_parse_tdx_quote(b, len, &ev), TSM_E_MALFORMED);
	/* one byte short of the type-6 structure it declares */
	fx_put32(b + off + 4 + 130, FX_CERT_DATA - 1);
	assert_int_equal(tsm_parse_tdx_quote(b, len, &ev), TSM_E_MALFORMED);
	/* the outer data may be longer than the structure: accepted */
	fx_put32(b + off, 134 + FX_CERT_DATA + 0);
	fx_put32(b + off + 4 + 130, FX_CERT_DATA);
	assert_int_equal(tsm_parse_tdx_quote(b, len, &ev), 0);
}

static void tdreport_v0(void **state)
{
	uint8_t b[FX_TDREPORT_SIZE];
	struct tsm_evidence ev;

	(void)state;
	fx_tdreport(b, 0, false);
	assert_int_equal(tsm_parse_tdreport(b, sizeof(b), &ev), 0);
	assert_int_equal(ev.format, TSM_FORMAT_TDREPORT);
	assert_int_equal(ev.version, 0);
	check_body(&ev);
	assert_int_equal(ev.tdx.report_type[0], 0x81);
	assert_true(ev.tdx.tee_tcb_info_valid == 0x1ff);
	assert_false(ev.tdx.has_mrservicetd);
	assert_int_equal(ev.tdx.quote_version, 0);
}

static void tdreport_v1_svn2(void **state)
{
	uint8_t b[FX_TDREPORT_SIZE];
	struct tsm_evidence ev;

	(void)state;
	fx_tdreport(b, 1, true);
	assert_int_equal(tsm_parse_tdreport(b, sizeof(b), &ev), 0);
	assert_int_equal(ev.version, 1);
	check_body_tcb(&ev, FX_TDX_TCB_SVN2);
	assert_true(ev.tdx.tee_tcb_info_valid == 0x301ff);
	assert_true(ev.tdx.has_tee_tcb_svn2);
	assert_memory_equal(ev.tdx.tee_tcb_svn2, fx_tee_tcb_svn2, 16);
	assert_true(ev.tdx.has_mrservicetd);
	assert_true(fx_check(ev.tdx.mrservicetd, 48, FXS_MRSERVICETD));
}

/* TEE_TCB_INFO.VALID decides whether TEE_TCB_SVN2 is the running SVN. */
static void tdreport_valid_bits(void **state)
{
	uint8_t b[FX_TDREPORT_SIZE];
	struct tsm_evidence ev;
	/* the kernel's tests/unit/test_tdx_report.c checks each of these
	 * values too, with the same verdict */
	static const uint64_t bad[] = {
		0x301f9,		/* TEE_TCB_SVN not valid (bits 1, 2) */
		0x301fd,		/* bit 2 only */
		1ull << 16,		/* bit 16 only */
		0,
	};
	/* bit 16 alone decides TEE_TCB_SVN2 (set under both readings of
	 * VALID: field at offset 8i, or 8-byte chunk at 8i) */
	static const uint64_t with2[] = { 0x101ff, 0x301fb, 0x3ffff, 0x10002 };
	static const uint64_t without2[] = { 0x201ff, 0x1fb, 0xffff, 2 };

	(void)state;
	/* TDX 1.0 module: SVN2 bytes there but not marked valid: ignored */
	fx_tdreport(b, 1, true);
	fx_put64(b + 256, 0x1ff);
	assert_int_equal(tsm_parse_tdreport(b, sizeof(b), &ev), 0);
	check_body(&ev);
	/* every bit set is fine */
	fx_put64(b + 256, ~0ull);
	assert_int_equal(tsm_parse_tdreport(b, sizeof(b), &ev), 0);
	check_body_tcb(&ev, FX_TDX_TCB_SVN2);
	/* the VALID bit is what counts, not the bytes being non-zero */
	fx_tdreport(b, 1, false);
	fx_put64(b + 256, 0x301ff);
	assert_int_equal(tsm_parse_tdreport(b, sizeof(b), &ev), 0);
	assert_true(ev.tdx.has_tee_tcb_svn2);
	assert_string_equal(ev.tcb_text, "tdx:00000000000000000000000000000000"
			    FX_CPUSVN_HEX);
	for (size_t i = 0; i < sizeof(with2) / sizeof(with2[0]); i++) {
		fx_tdreport(b, 1, true);
		fx_put64(b + 256, with2[i]);
		assert_int_equal(tsm_parse_tdreport(b, sizeof(b), &ev), 0);
		assert_true(ev.tdx.has_tee_tcb_svn2);
		check_body_tcb(&ev, FX_TDX_TCB_SVN2);
	}
	for (size_t i = 0; i < sizeof(without2) / sizeof(without2[0]); i++) {
		fx_tdreport(b, 1, true);
		fx_put64(b + 256, without2[i]);
		assert_int_equal(tsm_parse_tdreport(b, sizeof(b), &ev), 0);
		assert_false(ev.tdx.has_tee_tcb_svn2);
		check_body(&ev);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fx_tdreport(b, 1, true);
		fx_put64(b + 256, bad[i]);
		assert_int_equal(tsm_parse_tdreport(b, sizeof(b), &ev),
				 TSM_E_MALFORMED);
		assert_non_null(strstr(ev.why, "VALID"));
		assert_int_equal(ev.format, TSM_FORMAT_AUTO);
	}
	/* a CPUSVN (microcode) change moves only the CPUSVN half */
	fx_tdreport(b, 1, true);
	b[16 + 5] = 0x02;
	assert_int_equal(tsm_parse_tdreport(b, sizeof(b), &ev), 0);
	assert_string_equal(ev.tcb_text, "tdx:05010200000000000000000000000009"
			    "0b0b0202ff0203000000000000000000");
}

static void tdreport_bad(void **state)
{
	uint8_t b[FX_TDREPORT_SIZE + 1];
	struct tsm_evidence ev;

	(void)state;
	fx_tdreport(b, 0, false);
	b[FX_TDREPORT_SIZE] = 0;
	assert_int_equal(tsm_parse_tdreport(b, sizeof(b), &ev), TSM_E_MALFORMED);
	b[0] = 0x00;			/* SGX REPORTTYPE */
	assert_int_equal(tsm_parse_tdreport(b, FX_TDREPORT_SIZE, &ev),
			 TSM_E_MALFORMED);
	assert_non_null(strstr(ev.why, "REPORTTYPE"));
	fx_tdreport(b, 2, false);
	assert_int_equal(tsm_parse_tdreport(b, FX_TDREPORT_SIZE, &ev),
			 TSM_E_VERSION);
	fx_tdreport(b, 0, false);
	b[1] = 1;			/* subtype */
	assert_int_equal(tsm_parse_tdreport(b, FX_TDREPORT_SIZE, &ev),
			 TSM_E_VERSION);
	for (size_t len = 0; len < FX_TDREPORT_SIZE; len++) {
		uint8_t *p = malloc(len ? len : 1);

		assert_non_null(p);
		fx_tdreport(b, 1, true);
		memcpy(p, b, len);
		assert_int_equal(tsm_parse_tdreport(p, len, &ev),
				 TSM_E_TRUNCATED);
		free(p);
	}
	assert_int_equal(tsm_parse_tdreport(NULL, 1024, &ev), -EINVAL);
	assert_int_equal(tsm_parse_tdreport(b, 1024, NULL), -EINVAL);
	assert_int_equal(tsm_parse_tdx_quote(NULL, 1024, &ev), -EINVAL);
	assert_int_equal(tsm_parse_tdx_quote(b, 1024, NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quote_v4),
		cmocka_unit_test(quote_v5_td10),
		cmocka_unit_test(quote_v5_td15),
		cmocka_unit_test(quote_v5_td15_svn2_zero),
		cmocka_unit_test(quote_cert_every_size),
		cmocka_unit_test(quote_cert_hostile),
		cmocka_unit_test(quote_truncated_every_length),
		cmocka_unit_test(quote_trailing_bytes),
		cmocka_unit_test(quote_bad_version_and_tee),
		cmocka_unit_test(quote_v5_bad_body),
		cmocka_unit_test(quote_hostile_sig_len),
		cmocka_unit_test(quote_hostile_cert_size),
		cmocka_unit_test(tdreport_v0),
		cmocka_unit_test(tdreport_v1_svn2),
		cmocka_unit_test(tdreport_valid_bits),
		cmocka_unit_test(tdreport_bad),
	};

	return cmocka_run_group_tests_name("tdx", tests, NULL, NULL);
}
