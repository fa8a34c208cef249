// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libtsm: Intel TDX quote (v4, v5) and raw TDREPORT parsers.
 * Offsets: Intel TDX DCAP Quoting Library API (quote v4/v5 appendix) and
 * the DCAP headers sgx_quote_4.h / sgx_quote_5.h; TDREPORT_STRUCT from the
 * Intel TDX Module ABI specification; see LAYOUTS.md.
 *
 * The TCB is "tdx:" + the running TDX module's SVN (TEE_TCB_SVN2 where
 * present, else TEE_TCB_SVN) + CPUSVN. A quote's CPUSVN is the one of the
 * QE report inside the type-6 certification data, so that structure is
 * walked with every length checked against its container.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"

#define TEE_TYPE_TDX		0x81

/* Quote header (48 bytes) */
#define QH_VERSION		0
#define QH_ATT_KEY_TYPE		2
#define QH_TEE_TYPE		4
#define QH_QE_SVN		8	/* reserved in v4/v5 */
#define QH_PCE_SVN		10	/* reserved in v4/v5 */
#define QH_QE_VENDOR_ID		12
#define QH_USER_DATA		28
#define QH_SIZE			48

/* v5 body descriptor, right after the header */
#define Q5_BODY_TYPE		48
#define Q5_BODY_SIZE		50
#define Q5_BODY			54
#define Q5_TYPE_SGX		1
#define Q5_TYPE_TD10		2
#define Q5_TYPE_TD15		3

/* TD report body (TDX 1.0: 584 bytes, TDX 1.5: 648 bytes) */
#define TB_TEE_TCB_SVN		0
#define TB_MRSEAM		16
#define TB_MRSIGNERSEAM		64
#define TB_SEAM_ATTRIBUTES	112
#define TB_TD_ATTRIBUTES	120
#define TB_XFAM			128
#define TB_MRTD			136
#define TB_MRCONFIGID		184
#define TB_MROWNER		232
#define TB_MROWNERCONFIG	280
#define TB_RTMR			328
#define TB_REPORT_DATA		520
#define TB_TEE_TCB_SVN2		584	/* 1.5 */
#define TB_MRSERVICETD		600	/* 1.5 */
#define TB_SIZE_10		584
#define TB_SIZE_15		648

/* ECDSA signature data: sig[64], attest key[64], cert type u16, size u32 */
#define SIG_CERT_TYPE		128
#define SIG_CERT_SIZE		130
#define SIG_CERT_DATA		134
#define SIG_MIN			134

/* Certification data type 6: QE report certification data */
#define CERT_TYPE_QE_REPORT	6
#define QRC_QE_REPORT		0	/* SGX REPORT body, 384 bytes */
#define QRC_QE_REPORT_SIG	384	/* 64 bytes */
#define QRC_AUTH_SIZE		448	/* u16, then the auth data */
#define QRC_AUTH_DATA		450
#define QRC_MIN			450
#define QRC_INNER_HDR		6	/* inner cert type u16 + size u32 */

/* SGX REPORT body (the QE report) */
#define RB_CPUSVN		0
#define RB_ISV_PROD_ID		256
#define RB_ISV_SVN		258

/* TDREPORT_STRUCT (1024 bytes) */
#define TDR_SIZE		1024
#define TDR_REPORT_TYPE		0	/* type, subtype, version, rsvd */
#define TDR_CPUSVN		16
#define TDR_REPORT_DATA		128
#define TDR_TEE_TCB_INFO	256	/* 239 bytes */
#define TTI_VALID		0
#define TTI_TEE_TCB_SVN		8
#define TTI_MRSEAM		24
#define TTI_MRSIGNERSEAM	72
#define TTI_ATTRIBUTES		120
#define TTI_TEE_TCB_SVN2	128
/*
 * VALID: Intel's texts read both "bit i: the field at offset 8 * i" and
 * "bit i: the 8 bytes at offset 8 * i" (modules write 0x1ff, 0x301ff).
 * Bit 1 (TEE_TCB_SVN) and bit 16 (TEE_TCB_SVN2) are set under both, so
 * only they are tested, as the kernel's tdx_report.h does.
 */
#define TTI_VALID_BIT(off)	(1ull << ((off) / 8))
#define TTI_VALID_SVN		TTI_VALID_BIT(TTI_TEE_TCB_SVN)		/* 1 */
#define TTI_VALID_SVN2		TTI_VALID_BIT(TTI_TEE_TCB_SVN2)		/* 16 */
#define TDR_TDINFO		512
#define TDI_ATTRIBUTES		0
#define TDI_XFAM		8
#define TDI_MRTD		16
#define TDI_MRCONFIGID		64
#define TDI_MROWNER		112
#define TDI_MROWNERCONFIG	160
#define TDI_RTMR		208
#define TDI_SERVTD_HASH		400

#define COPY(dst, p)	memcpy((dst), (p), sizeof(dst))

static void set_tdx_tcb(struct tsm_evidence *ev)
{
	const struct tsm_tdx_evidence *t = &ev->tdx;
	int n;

	tsm_tcb_from_tdx(t->has_tee_tcb_svn2 ? t->tee_tcb_svn2 : t->tee_tcb_svn,
			 t->cpusvn, &ev->tcb);
	tsm_evidence_set_tcb_text(ev);
	n = tsm_tcb_components(&ev->tcb, TSM_SNP_LAYOUT_MILAN_GENOA,
			       ev->components, sizeof(ev->components));
	if (n < 0)
		ev->components[0] = '\0';
	memcpy(ev->report_data, ev->tdx.report_data, sizeof(ev->report_data));
}

/* @p points at a TD report body of @size (584 or 648) bytes, in bounds. */
static void parse_body(const uint8_t *p, uint32_t size,
		       struct tsm_tdx_evidence *t)
{
	COPY(t->tee_tcb_svn, p + TB_TEE_TCB_SVN);
	COPY(t->mrseam, p + TB_MRSEAM);
	COPY(t->mrsignerseam, p + TB_MRSIGNERSEAM);
	COPY(t->seam_attributes, p + TB_SEAM_ATTRIBUTES);
	COPY(t->td_attributes, p + TB_TD_ATTRIBUTES);
	COPY(t->xfam, p + TB_XFAM);
	COPY(t->mrtd, p + TB_MRTD);
	COPY(t->mrconfigid, p + TB_MRCONFIGID);
	COPY(t->mrowner, p + TB_MROWNER);
	COPY(t->mrownerconfig, p + TB_MROWNERCONFIG);
	COPY(t->rtmr, p + TB_RTMR);
	COPY(t->report_data, p + TB_REPORT_DATA);
	if (size >= TB_SIZE_15) {
		static const uint8_t zero[16];

		/* all zero: the module did not mark it valid (TDX 1.0 module) */
		COPY(t->tee_tcb_svn2, p + TB_TEE_TCB_SVN2);
		t->has_tee_tcb_svn2 = memcmp(t->tee_tcb_svn2, zero, 16) != 0;
		t->has_mrservicetd = true;
		COPY(t->mrservicetd, p + TB_MRSERVICETD);
	}
}

/*
 * QE report certification data (type 6) at @c, @size bytes, all inside
 * the blob: QE report (384), its signature (64), u16 auth data size + auth
 * data, then the inner certification data (u16 type, u32 size, data).
 */
static int parse_qe_report_cert(const uint8_t *c, uint32_t size,
				struct tsm_evidence *ev)
{
	struct tsm_tdx_evidence *t = &ev->tdx;
	size_t inner;

	if (size < QRC_MIN)
		return tsm_fail(ev, TSM_E_MALFORMED,
				"TDX quote QE report certification data is %u bytes, its QE report, signature and auth data size need %u",
				size, QRC_MIN);
	COPY(t->cpusvn, c + QRC_QE_REPORT + RB_CPUSVN);
	t->qe_isv_prod_id = get_le16(c + QRC_QE_REPORT + RB_ISV_PROD_ID);
	t->qe_isv_svn = get_le16(c + QRC_QE_REPORT + RB_ISV_SVN);
	t->qe_auth_data_size = get_le16(c + QRC_AUTH_SIZE);
	inner = (size_t)QRC_AUTH_DATA + t->qe_auth_data_size;
	if (inner > size || size - inner < QRC_INNER_HDR)
		return tsm_fail(ev, TSM_E_MALFORMED,
				"TDX quote QE authentication data (%u bytes) leaves no room for the certification data header in %u bytes",
				t->qe_auth_data_size, size);
	t->qe_cert_type = get_le16(c + inner);
	t->qe_cert_size = get_le32(c + inner + 2);
	if (t->qe_cert_size > size - inner - QRC_INNER_HDR)
		return tsm_fail(ev, TSM_E_MALFORMED,
				"TDX quote QE certification data size %u exceeds the %zu bytes left",
				t->qe_cert_size, size - inner - QRC_INNER_HDR);
	return 0;
}

/* Signature section at @off: u32 length + data, length-checked only. */
static int check_signature(const uint8_t *b, size_t len, size_t off,
			   struct tsm_evidence *ev)
{
	struct tsm_tdx_evidence *t = &ev->tdx;
	uint32_t sig_len;
	const uint8_t *sig;

	if (len < off || len - off < 4)
		return tsm_fail(ev, TSM_E_TRUNCATED,
				"TDX quote is %zu bytes, its signature data length field ends at %zu",
				len, off + 4);
	sig_len = get_le32(b + off);
	t->sig_data_len = sig_len;
	if (sig_len > len - off - 4)
		return tsm_fail(ev, TSM_E_TRUNCATED,
				"TDX quote signature data length %u exceeds the %zu bytes left",
				sig_len, len - off - 4);
	if (sig_len < SIG_MIN)
		return tsm_fail(ev, TSM_E_MALFORMED,
				"TDX quote signature data is %u bytes, an ECDSA signature section needs at least %u",
				sig_len, SIG_MIN);
	sig = b + off + 4;
	t->cert_type = get_le16(sig + SIG_CERT_TYPE);
	t->cert_size = get_le32(sig + SIG_CERT_SIZE);
	if (t->cert_size > sig_len - SIG_MIN)
		return tsm_fail(ev, TSM_E_MALFORMED,
				"TDX quote certification data size %u exceeds the %u bytes of signature data left",
				t->cert_size, sig_len - SIG_MIN);
	if (t->cert_type != CERT_TYPE_QE_REPORT)
		return tsm_fail(ev, TSM_E_MALFORMED,
				"TDX quote certification data type is %u, not 6 (QE report certification data): no QE report, no CPUSVN",
				t->cert_type);
	return parse_qe_report_cert(sig + SIG_CERT_DATA, t->cert_size, ev);
}

static int parse_quote(const uint8_t *b, size_t len, struct tsm_evidence *ev)
{
	struct tsm_tdx_evidence *t = &ev->tdx;
	size_t body_off;
	uint32_t body_size;

	if (!b)
		return tsm_fail(ev, -EINVAL, "no TDX quote buffer");
	if (len < QH_SIZE)
		return tsm_fail(ev, TSM_E_TRUNCATED,
				"TDX quote is %zu bytes, shorter than its %u-byte header",
				len, QH_SIZE);
	t->quote_version = get_le16(b + QH_VERSION);
	t->att_key_type = get_le16(b + QH_ATT_KEY_TYPE);
	t->tee_type = get_le32(b + QH_TEE_TYPE);
	t->qe_svn = get_le16(b + QH_QE_SVN);
	t->pce_svn = get_le16(b + QH_PCE_SVN);
	COPY(t->qe_vendor_id, b + QH_QE_VENDOR_ID);
	COPY(t->user_data, b + QH_USER_DATA);
	if (t->quote_version != 4 && t->quote_version != 5)
		return tsm_fail(ev, TSM_E_VERSION,
				"TDX quote version %u is not supported (4, 5 are)",
				t->quote_version);
	if (t->tee_type != TEE_TYPE_TDX)
		return tsm_fail(ev, TSM_E_VERSION,
				"quote TEE type 0x%x is not TDX (0x81)", t->tee_type);

	if (t->quote_version == 4) {
		t->body_type = Q5_TYPE_TD10;
		body_size = TB_SIZE_10;
		body_off = QH_SIZE;
	} else {
		if (len < Q5_BODY)
			return tsm_fail(ev, TSM_E_TRUNCATED,
					"TDX quote v5 is %zu bytes, its body descriptor ends at %u",
					len, Q5_BODY);
		t->body_type = get_le16(b + Q5_BODY_TYPE);
		body_size = get_le32(b + Q5_BODY_SIZE);
		body_off = Q5_BODY;
		if (t->body_type == Q5_TYPE_TD10 && body_size != TB_SIZE_10)
			return tsm_fail(ev, TSM_E_MALFORMED,
					"TDX quote v5 body type 2 (TD report 1.0) has size %u, not %u",
					body_size, TB_SIZE_10);
		if (t->body_type == Q5_TYPE_TD15 && body_size != TB_SIZE_15)
			return tsm_fail(ev, TSM_E_MALFORMED,
					"TDX quote v5 body type 3 (TD report 1.5) has size %u, not %u",
					body_size, TB_SIZE_15);
		if (t->body_type != Q5_TYPE_TD10 && t->body_type != Q5_TYPE_TD15)
			return tsm_fail(ev, TSM_E_VERSION,
					"TDX quote v5 body type %u is not a TD report (2, 3 are)",
					t->body_type);
	}
	t->body_size = body_size;
	if (len - body_off < body_size)
		return tsm_fail(ev, TSM_E_TRUNCATED,
				"TDX quote is %zu bytes, its %u-byte TD report body ends at %zu",
				len, body_size, body_off + body_size);
	parse_body(b + body_off, body_size, t);
	return check_signature(b, len, body_off + body_size, ev);
}

int tsm_parse_tdx_quote(const void *buf, size_t len, struct tsm_evidence *ev)
{
	int ret;

	if (!ev)
		return -EINVAL;
	memset(ev, 0, sizeof(*ev));
	ret = parse_quote(buf, len, ev);
	if (!ret) {
		ev->format = TSM_FORMAT_TDX_QUOTE;
		ev->version = ev->tdx.quote_version;
		set_tdx_tcb(ev);
	}
	return tsm_parse_finish(ev, ret);
}

static int parse_tdreport(const uint8_t *b, size_t len,
			  struct tsm_evidence *ev)
{
	struct tsm_tdx_evidence *t = &ev->tdx;
	const uint8_t *tti, *tdi;
	uint64_t valid;

	if (!b)
		return tsm_fail(ev, -EINVAL, "no TDREPORT buffer");
	tti = b + TDR_TEE_TCB_INFO;
	tdi = b + TDR_TDINFO;
	if (len < TDR_SIZE)
		return tsm_fail(ev, TSM_E_TRUNCATED,
				"TDREPORT is %zu bytes, not %u", len, TDR_SIZE);
	if (len > TDR_SIZE)
		return tsm_fail(ev, TSM_E_MALFORMED,
				"TDREPORT is %zu bytes, not %u", len, TDR_SIZE);
	COPY(t->report_type, b + TDR_REPORT_TYPE);
	if (t->report_type[0] != TEE_TYPE_TDX)
		return tsm_fail(ev, TSM_E_MALFORMED,
				"TDREPORT REPORTTYPE.TYPE is 0x%02x, not 0x81 (TDX)",
				t->report_type[0]);
	if (t->report_type[1] != 0 || t->report_type[2] > 1)
		return tsm_fail(ev, TSM_E_VERSION,
				"TDREPORT REPORTTYPE subtype %u version %u is not supported (0, 0..1 are)",
				t->report_type[1], t->report_type[2]);
	COPY(t->cpusvn, b + TDR_CPUSVN);
	COPY(t->report_data, b + TDR_REPORT_DATA);
	valid = get_le64(tti + TTI_VALID);
	t->tee_tcb_info_valid = valid;
	if (!(valid & TTI_VALID_SVN))
		return tsm_fail(ev, TSM_E_MALFORMED,
				"TDREPORT TEE_TCB_INFO.VALID 0x%llx does not mark TEE_TCB_SVN valid (bit 1)",
				(unsigned long long)valid);
	COPY(t->tee_tcb_svn, tti + TTI_TEE_TCB_SVN);
	COPY(t->mrseam, tti + TTI_MRSEAM);
	COPY(t->mrsignerseam, tti + TTI_MRSIGNERSEAM);
	COPY(t->seam_attributes, tti + TTI_ATTRIBUTES);
	if (valid & TTI_VALID_SVN2) {
		t->has_tee_tcb_svn2 = true;
		COPY(t->tee_tcb_svn2, tti + TTI_TEE_TCB_SVN2);
	}
	COPY(t->td_attributes, tdi + TDI_ATTRIBUTES);
	COPY(t->xfam, tdi + TDI_XFAM);
	COPY(t->mrtd, tdi + TDI_MRTD);
	COPY(t->mrconfigid, tdi + TDI_MRCONFIGID);
	COPY(t->mrowner, tdi + TDI_MROWNER);
	COPY(t->mrownerconfig, tdi + TDI_MROWNERCONFIG);
	COPY(t->rtmr, tdi + TDI_RTMR);
	if (t->report_type[2] >= 1) {
		t->has_mrservicetd = true;
		COPY(t->mrservicetd, tdi + TDI_SERVTD_HASH);
	}
	return 0;
}

int tsm_parse_tdreport(const void *buf, size_t len, struct tsm_evidence *ev)
{
	int ret;

	if (!ev)
		return -EINVAL;
	memset(ev, 0, sizeof(*ev));
	ret = parse_tdreport(buf, len, ev);
	if (!ret) {
		ev->format = TSM_FORMAT_TDREPORT;
		ev->version = ev->tdx.report_type[2];
		set_tdx_tcb(ev);
	}
	return tsm_parse_finish(ev, ret);
}
