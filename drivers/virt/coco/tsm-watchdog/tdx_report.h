/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TDX evidence for the tdx TCB source and tsm_wd_sim: TDREPORT_STRUCT
 * decoding, the "tdx" TCB value and its compare(), and the simulator's
 * TDREPORT and (unsigned) quote v5 builders.
 *
 * Pure functions on byte buffers, no kernel-only calls: tests/unit builds
 * this header on the host. A TDREPORT comes from the TDX module
 * (TDG.MR.REPORT), but it is decoded bounds-checked anyway.
 *
 * Sources:
 * [ABI] Intel TDX Module ABI specification (TDX Module 1.5), section
 *	"TDREPORT_STRUCT", with REPORTMACSTRUCT and TEE_TCB_INFO; the same
 *	definitions as Intel's TDX Module source, include/tdx_api_defs.h
 *	(td_report_t, report_mac_struct_t, tee_tcb_info_t, whose static
 *	asserts fix the sizes: 1024, 256 and 239 bytes).
 * [VALID] TEE_TCB_INFO.VALID, same sources: "1 in the i-th significant
 *	bit reflects that the field starting at offset (8 * i)" is valid, 0
 *	that no field starts there or it is not populated and is zero. So
 *	TEE_TCB_SVN (offset 8) is bit 1, MRSEAM (24) bit 3, MRSIGNERSEAM (72)
 *	bit 9, ATTRIBUTES (120) bit 15 and TEE_TCB_SVN2 (128) bit 16. Bits 1
 *	and 16 are also set under the older reading (every valid 8-byte
 *	chunk: bits 1-2 and 16-17; Intel's modules write 0x1ff or 0x301ff),
 *	so only they are tested, and libtsm's tdx.c applies the same rule:
 *	bit 1 clear is not a TDREPORT, bit 16 alone decides TEE_TCB_SVN2.
 * [LINUX] Documentation/arch/x86/tdx.rst, "TDX module Runtime Update":
 *	TEE_TCB_SVN2 is the TCB of the running TDX module and changes after
 *	an update; TEE_TCB_SVN is the TCB at TD launch and does not.
 *	include/uapi/linux/tdx-guest.h: TDX_REPORT_LEN 1024,
 *	TDX_REPORTDATA_LEN 64.
 * [QUOTE] Intel SGX/TDX DCAP "Quote Format" (Intel TDX DCAP Quoting
 *	Library API, appendix "TD Quote Format"; DCAP
 *	QuoteGeneration/quote_wrapper/common/inc/sgx_quote_4.h and
 *	sgx_quote_5.h): header, v5 body descriptor, TD report bodies
 *	(sgx_report2_body_t / _v1_5_t), signature data, certification data
 *	type 6 holding the QE report (sgx_report_body_t, CPUSVN first).
 *
 * TDREPORT_STRUCT (1024 bytes)
 *   0    REPORTMACSTRUCT (256)
 *          0  REPORTTYPE (4): TYPE (0x81 = TDX), SUBTYPE (0), VERSION,
 *             reserved
 *          4  reserved (12)
 *         16  CPUSVN (16)
 *         32  TEE_TCB_INFO_HASH (48)
 *         80  TEE_INFO_HASH (48)
 *        128  REPORTDATA (64)
 *        192  reserved (32)
 *        224  MAC (32)
 *   256    TEE_TCB_INFO (239)
 *          0  VALID (8)
 *          8  TEE_TCB_SVN (16)
 *         24  MRSEAM (48)
 *         72  MRSIGNERSEAM (48)
 *        120  ATTRIBUTES (8)
 *        128  TEE_TCB_SVN2 (16, TDX Module 1.5 and later; else reserved)
 *        144  reserved (95)
 *   495    reserved (17)
 *   512    TDINFO_STRUCT (512): ATTRIBUTES (8), XFAM (8), MRTD (48), ...
 *
 * The "tdx" TCB value (DESIGN, Vocabulary) is 32 bytes: the running TDX
 * module's SVN (TEE_TCB_SVN2 where VALID bit 16 marks it, else
 * TEE_TCB_SVN), then REPORTMACSTRUCT.CPUSVN.
 */
#ifndef _TSM_WD_TDX_REPORT_H
#define _TSM_WD_TDX_REPORT_H

#include <linux/errno.h>
#include <linux/string.h>
#include <linux/tsm-watchdog.h>
#include <linux/types.h>

#define TDX_TDREPORT_LEN		1024
#define TDX_REPORTDATA_BYTES		64

#define TDX_RPT_REPORTTYPE_TYPE		0
#define TDX_RPT_REPORTTYPE_SUBTYPE	1
#define TDX_RPT_REPORTTYPE_VERSION	2
#define TDX_RPT_CPUSVN			16
#define TDX_RPT_TEE_TCB_INFO_HASH	32
#define TDX_RPT_TEE_INFO_HASH		80
#define TDX_RPT_REPORTDATA		128
#define TDX_RPT_MAC			224
#define TDX_RPT_TEE_TCB_INFO		256
#define TDX_RPT_TEE_TCB_INFO_LEN	239
#define TDX_RPT_TDINFO			512

/* Offsets inside TEE_TCB_INFO */
#define TDX_TCBI_VALID			0
#define TDX_TCBI_TEE_TCB_SVN		8
#define TDX_TCBI_MRSEAM			24
#define TDX_TCBI_MRSIGNERSEAM		72
#define TDX_TCBI_ATTRIBUTES		120
#define TDX_TCBI_TEE_TCB_SVN2		128

/* Offsets inside TDINFO_STRUCT */
#define TDX_TDI_ATTRIBUTES		0
#define TDX_TDI_XFAM			8
#define TDX_TDI_MRTD			16

/* TEE_TCB_INFO.VALID: bit i marks the field at offset 8 * i [VALID] */
#define TDX_TCBI_VALID_BIT(off)		(1ULL << ((off) / 8))
#define TDX_VALID_TEE_TCB_SVN		TDX_TCBI_VALID_BIT(TDX_TCBI_TEE_TCB_SVN)
#define TDX_VALID_MRSEAM		TDX_TCBI_VALID_BIT(TDX_TCBI_MRSEAM)
#define TDX_VALID_MRSIGNERSEAM		TDX_TCBI_VALID_BIT(TDX_TCBI_MRSIGNERSEAM)
#define TDX_VALID_ATTRIBUTES		TDX_TCBI_VALID_BIT(TDX_TCBI_ATTRIBUTES)
#define TDX_VALID_TEE_TCB_SVN2		TDX_TCBI_VALID_BIT(TDX_TCBI_TEE_TCB_SVN2)
/*
 * What a real TDX module writes: one bit for each valid 8-byte chunk
 * (0x1ff for VALID, TEE_TCB_SVN and MRSEAM; 0x301ff with TEE_TCB_SVN2), a
 * superset of the field-start bits above. The simulator writes these, as
 * the real module does.
 */
#define TDX_TCBI_VALID_CHUNKS(off, len)	\
	((~0ULL >> (64 - (len) / 8)) << ((off) / 8))

#define TDX_REPORTTYPE_TDX		0x81
#define TDX_TEE_TCB_SVN_LEN		16
#define TDX_CPUSVN_LEN			16
#define TDX_SVN_MODULE_MINOR		0	/* bytes of TEE_TCB_SVN */
#define TDX_SVN_MODULE_MAJOR		1
#define TDX_SVN_SEAMLDR			2
#define TDX_MRSEAM_LEN			48
#define TDX_MR_LEN			48

#define TDX_TCB_SCHEME			"tdx"
#define TDX_TCB_BYTES			(TDX_TEE_TCB_SVN_LEN + TDX_CPUSVN_LEN)

/**
 * struct tdx_report_tcb - what the tdx source takes from a TDREPORT
 * @version: REPORTTYPE.VERSION
 * @valid: TEE_TCB_INFO.VALID
 * @svn2_valid: VALID marks TEE_TCB_SVN2 (TDX Module 1.5 and later)
 * @cpusvn: REPORTMACSTRUCT.CPUSVN
 * @tee_tcb_svn: TEE_TCB_INFO.TEE_TCB_SVN, the module's SVN at TD launch
 * @tee_tcb_svn2: TEE_TCB_INFO.TEE_TCB_SVN2 as found (zero when not valid)
 * @mrseam: TEE_TCB_INFO.MRSEAM
 */
struct tdx_report_tcb {
	u8 version;
	u64 valid;
	bool svn2_valid;
	u8 cpusvn[TDX_CPUSVN_LEN];
	u8 tee_tcb_svn[TDX_TEE_TCB_SVN_LEN];
	u8 tee_tcb_svn2[TDX_TEE_TCB_SVN_LEN];
	u8 mrseam[TDX_MRSEAM_LEN];
};

static inline u64 tdx_get_le(const u8 *p, unsigned int n)
{
	u64 v = 0;

	while (n--)
		v = (v << 8) | p[n];
	return v;
}

static inline void tdx_put_le(u8 *p, u64 v, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		p[i] = (u8)(v >> (8 * i));
}

/**
 * tdx_report_decode() - decode the TCB part of a TDREPORT_STRUCT
 * @buf: the report
 * @len: bytes in @buf
 * @out: decoded fields on success, untouched on error
 *
 * Return: 0; -EINVAL if @buf or @out is NULL or @len is shorter than
 * TDX_TDREPORT_LEN; -EPROTO if REPORTTYPE is not a TDX report of
 * subtype 0 or TEE_TCB_INFO.VALID does not mark TEE_TCB_SVN valid.
 */
static inline int tdx_report_decode(const u8 *buf, size_t len,
				    struct tdx_report_tcb *out)
{
	const u8 *tcbi;
	u64 valid;

	if (!buf || !out || len < TDX_TDREPORT_LEN)
		return -EINVAL;
	tcbi = buf + TDX_RPT_TEE_TCB_INFO;
	if (buf[TDX_RPT_REPORTTYPE_TYPE] != TDX_REPORTTYPE_TDX ||
	    buf[TDX_RPT_REPORTTYPE_SUBTYPE] != 0)
		return -EPROTO;

	valid = tdx_get_le(tcbi + TDX_TCBI_VALID, 8);
	if (!(valid & TDX_VALID_TEE_TCB_SVN))
		return -EPROTO;
	out->version = buf[TDX_RPT_REPORTTYPE_VERSION];
	out->valid = valid;
	out->svn2_valid = !!(valid & TDX_VALID_TEE_TCB_SVN2);
	memcpy(out->cpusvn, buf + TDX_RPT_CPUSVN, TDX_CPUSVN_LEN);
	memcpy(out->tee_tcb_svn, tcbi + TDX_TCBI_TEE_TCB_SVN,
	       TDX_TEE_TCB_SVN_LEN);
	memcpy(out->tee_tcb_svn2, tcbi + TDX_TCBI_TEE_TCB_SVN2,
	       TDX_TEE_TCB_SVN_LEN);
	memcpy(out->mrseam, tcbi + TDX_TCBI_MRSEAM, TDX_MRSEAM_LEN);
	return 0;
}

/**
 * tdx_report_running_svn() - the running TDX module's SVN
 * @t: a decoded TDREPORT
 *
 * Return: TEE_TCB_SVN2 where VALID marks it, else TEE_TCB_SVN (a TDX 1.0
 * module, which can not be updated under a running TD).
 */
static inline const u8 *tdx_report_running_svn(const struct tdx_report_tcb *t)
{
	return t->svn2_valid ? t->tee_tcb_svn2 : t->tee_tcb_svn;
}

/**
 * tdx_tcb_svn_compare() - SVN order of two TEE_TCB_SVNs
 * @a: 16 bytes
 * @b: 16 bytes
 *
 * Every byte is the SVN of one component (byte 0 TDX module minor SVN,
 * byte 1 TDX module major SVN, byte 2 SEAM loader SVN, ...), so the order is
 * byte-wise: any lower byte is a rollback. One exception, as in Intel's TCB
 * level matching: a newer TDX module major SVN (byte 1) restarts the minor
 * SVN (byte 0), so byte 0 is not compared when byte 1 grew.
 *
 * Return: < 0 if @a is older than @b in any component (a rollback when @a
 * is current and @b the baseline), 0 if equal, > 0 otherwise.
 */
static inline int tdx_tcb_svn_compare(const u8 *a, const u8 *b)
{
	unsigned int i = a[TDX_SVN_MODULE_MAJOR] > b[TDX_SVN_MODULE_MAJOR] ?
			 TDX_SVN_MODULE_MAJOR : 0;

	for (; i < TDX_TEE_TCB_SVN_LEN; i++)
		if (a[i] < b[i])
			return -1;
	return memcmp(a, b, TDX_TEE_TCB_SVN_LEN) ? 1 : 0;
}

/**
 * tdx_cpusvn_compare() - SVN order of two CPUSVNs
 * @a: 16 bytes
 * @b: 16 bytes
 *
 * Each byte is the SVN of one CPU component (microcode, ...).
 *
 * Return: < 0 if @a is older than @b in any byte, 0 if equal, > 0
 * otherwise.
 */
static inline int tdx_cpusvn_compare(const u8 *a, const u8 *b)
{
	unsigned int i;

	for (i = 0; i < TDX_CPUSVN_LEN; i++)
		if (a[i] < b[i])
			return -1;
	return memcmp(a, b, TDX_CPUSVN_LEN) ? 1 : 0;
}

/**
 * tdx_wd_tcb_set() - fill a watchdog TCB from a module SVN and a CPUSVN
 * @tcb: destination; text form "tdx:" and 64 hex digits, bytes in order
 * @svn: 16 bytes, the module SVN (TEE_TCB_SVN2 or TEE_TCB_SVN)
 * @cpusvn: 16 bytes
 */
static inline void tdx_wd_tcb_set(struct tsm_wd_tcb *tcb, const u8 *svn,
				  const u8 *cpusvn)
{
	memset(tcb, 0, sizeof(*tcb));
	memcpy(tcb->scheme, TDX_TCB_SCHEME, sizeof(TDX_TCB_SCHEME));
	tcb->len = TDX_TCB_BYTES;
	memcpy(tcb->bytes, svn, TDX_TEE_TCB_SVN_LEN);
	memcpy(tcb->bytes + TDX_TEE_TCB_SVN_LEN, cpusvn, TDX_CPUSVN_LEN);
}

/**
 * tdx_wd_tcb_from_report() - the current and launch TCB of a TDREPORT
 * @t: a decoded TDREPORT
 * @cur: the running module's SVN and CPUSVN
 * @launch: TEE_TCB_SVN and CPUSVN; may be NULL
 */
static inline void tdx_wd_tcb_from_report(const struct tdx_report_tcb *t,
					  struct tsm_wd_tcb *cur,
					  struct tsm_wd_tcb *launch)
{
	tdx_wd_tcb_set(cur, tdx_report_running_svn(t), t->cpusvn);
	if (launch)
		tdx_wd_tcb_set(launch, t->tee_tcb_svn, t->cpusvn);
}

/**
 * tdx_wd_tcb_compare() - the "tdx" scheme's compare() for the watchdog
 * @a: TCB, usually the current one
 * @b: TCB, usually the baseline
 *
 * The module SVN part is ordered by tdx_tcb_svn_compare(), the CPUSVN part
 * by tdx_cpusvn_compare(); any component older is older.
 *
 * Return: < 0 if @a is older than @b in any component, 0 if equal, > 0
 * otherwise; TCBs that are not both 32-byte "tdx" TCBs are not comparable
 * and give 1 (never a rollback).
 */
static inline int tdx_wd_tcb_compare(const struct tsm_wd_tcb *a,
				     const struct tsm_wd_tcb *b)
{
	int svn, cpu;

	if (a->len != TDX_TCB_BYTES || b->len != TDX_TCB_BYTES ||
	    memcmp(a->scheme, TDX_TCB_SCHEME, sizeof(TDX_TCB_SCHEME)) ||
	    memcmp(b->scheme, TDX_TCB_SCHEME, sizeof(TDX_TCB_SCHEME)))
		return 1;
	svn = tdx_tcb_svn_compare(a->bytes, b->bytes);
	cpu = tdx_cpusvn_compare(a->bytes + TDX_TEE_TCB_SVN_LEN,
				 b->bytes + TDX_TEE_TCB_SVN_LEN);
	if (svn < 0 || cpu < 0)
		return -1;
	return svn || cpu ? 1 : 0;
}

static inline int tdx_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/**
 * tdx_hex_parse() - parse exactly 2 * @n lowercase hex digits
 * @buf: text, need not be NUL-terminated
 * @len: bytes in @buf; one trailing newline is allowed
 * @out: @n bytes on success, untouched on error
 * @n: bytes to parse
 *
 * Return: 0 or -EINVAL.
 */
static inline int tdx_hex_parse(const char *buf, size_t len, u8 *out,
				size_t n)
{
	size_t i;
	int hi, lo;

	if (!buf)
		return -EINVAL;
	if (len == 2 * n + 1 && buf[2 * n] == '\n')
		len--;
	if (len != 2 * n)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		hi = tdx_hex_digit(buf[2 * i]);
		lo = tdx_hex_digit(buf[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -EINVAL;
	}
	for (i = 0; i < n; i++)
		out[i] = (u8)(tdx_hex_digit(buf[2 * i]) << 4 |
			      tdx_hex_digit(buf[2 * i + 1]));
	return 0;
}

/**
 * tdx_tcb_parse() - parse the text form "tdx:<64 lowercase hex digits>"
 * @buf: text, need not be NUL-terminated
 * @len: bytes in @buf; one trailing newline is allowed
 * @svn: the module SVN (first 16 bytes) on success
 * @cpusvn: the CPUSVN (last 16 bytes) on success
 *
 * Return: 0 or -EINVAL; nothing is written on error.
 */
static inline int tdx_tcb_parse(const char *buf, size_t len, u8 *svn,
				u8 *cpusvn)
{
	u8 v[TDX_TCB_BYTES];
	int ret;

	if (!buf || len < 4 || memcmp(buf, TDX_TCB_SCHEME ":", 4))
		return -EINVAL;
	ret = tdx_hex_parse(buf + 4, len - 4, v, sizeof(v));
	if (ret)
		return ret;
	memcpy(svn, v, TDX_TEE_TCB_SVN_LEN);
	memcpy(cpusvn, v + TDX_TEE_TCB_SVN_LEN, TDX_CPUSVN_LEN);
	return 0;
}

/*
 * What the simulated TDX platform reports besides the TCB: an Intel-signed
 * TDX module (MRSIGNERSEAM and ATTRIBUTES zero, not marked valid) with
 * MRSEAM[i] = 0x30 + i, a TD with ATTRIBUTES 0 (not debug), XFAM 0xe7
 * (x87, SSE, AVX, AVX-512) and MRTD[i] = 0x60 + i. MAC, hashes and the
 * quote's signatures are zero: nothing here is signed.
 */
#define TDX_SIM_MRSEAM_BYTE(i)		((u8)(0x30 + (i)))
#define TDX_SIM_MRTD_BYTE(i)		((u8)(0x60 + (i)))
#define TDX_SIM_XFAM			0xe7ULL
#define TDX_SIM_VALID_BASE					\
	(TDX_TCBI_VALID_CHUNKS(TDX_TCBI_VALID, 8) |			\
	 TDX_TCBI_VALID_CHUNKS(TDX_TCBI_TEE_TCB_SVN, TDX_TEE_TCB_SVN_LEN) | \
	 TDX_TCBI_VALID_CHUNKS(TDX_TCBI_MRSEAM, TDX_MRSEAM_LEN))

/**
 * struct tdx_sim_params - the variable part of simulated TDX evidence
 * @tee_tcb_svn: TEE_TCB_SVN, the module's SVN at TD launch
 * @tee_tcb_svn2: TEE_TCB_SVN2, the running module's SVN
 * @svn2_valid: TEE_TCB_INFO.VALID marks TEE_TCB_SVN2 (TDX Module 1.5 and
 *	later); if false TEE_TCB_SVN2 is written as zero and the quote body
 *	is a TDX 1.0 one
 * @cpusvn: CPUSVN
 * @report_data: REPORTDATA, zero padded to 64 bytes; may be NULL if
 *	@report_data_len is 0
 * @report_data_len: 0..64
 */
struct tdx_sim_params {
	u8 tee_tcb_svn[TDX_TEE_TCB_SVN_LEN];
	u8 tee_tcb_svn2[TDX_TEE_TCB_SVN_LEN];
	bool svn2_valid;
	u8 cpusvn[TDX_CPUSVN_LEN];
	const u8 *report_data;
	size_t report_data_len;
};

static inline bool tdx_sim_params_ok(const struct tdx_sim_params *p)
{
	return p && p->report_data_len <= TDX_REPORTDATA_BYTES &&
	       (!p->report_data_len || p->report_data);
}

/**
 * tdx_sim_build_tdreport() - write a TDREPORT_STRUCT as TDG.MR.REPORT would
 * @buf: destination; every byte of the first TDX_TDREPORT_LEN is written
 * @len: size of @buf
 * @p: variable fields
 *
 * Return: 0, or -EINVAL if @buf is too small or @p is out of range
 * (nothing is written then).
 */
static inline int tdx_sim_build_tdreport(u8 *buf, size_t len,
					 const struct tdx_sim_params *p)
{
	u8 *tcbi = buf + TDX_RPT_TEE_TCB_INFO;
	u8 *tdi = buf + TDX_RPT_TDINFO;
	u64 valid = TDX_SIM_VALID_BASE;
	unsigned int i;

	if (!buf || len < TDX_TDREPORT_LEN || !tdx_sim_params_ok(p))
		return -EINVAL;

	memset(buf, 0, TDX_TDREPORT_LEN);
	buf[TDX_RPT_REPORTTYPE_TYPE] = TDX_REPORTTYPE_TDX;
	memcpy(buf + TDX_RPT_CPUSVN, p->cpusvn, TDX_CPUSVN_LEN);
	if (p->report_data_len)
		memcpy(buf + TDX_RPT_REPORTDATA, p->report_data,
		       p->report_data_len);
	if (p->svn2_valid) {
		valid |= TDX_TCBI_VALID_CHUNKS(TDX_TCBI_TEE_TCB_SVN2,
						TDX_TEE_TCB_SVN_LEN);
		memcpy(tcbi + TDX_TCBI_TEE_TCB_SVN2, p->tee_tcb_svn2,
		       TDX_TEE_TCB_SVN_LEN);
	}
	tdx_put_le(tcbi + TDX_TCBI_VALID, valid, 8);
	memcpy(tcbi + TDX_TCBI_TEE_TCB_SVN, p->tee_tcb_svn,
	       TDX_TEE_TCB_SVN_LEN);
	for (i = 0; i < TDX_MRSEAM_LEN; i++)
		tcbi[TDX_TCBI_MRSEAM + i] = TDX_SIM_MRSEAM_BYTE(i);
	tdx_put_le(tdi + TDX_TDI_XFAM, TDX_SIM_XFAM, 8);
	for (i = 0; i < TDX_MR_LEN; i++)
		tdi[TDX_TDI_MRTD + i] = TDX_SIM_MRTD_BYTE(i);
	return 0;
}

/*
 * TDX quote v5 [QUOTE], little-endian:
 *   0    header (48): VERSION (2) = 5, ATT_KEY_TYPE (2) = 2 (ECDSA P-256),
 *        TEE_TYPE (4) = 0x81, reserved (2), reserved (2),
 *        QE_VENDOR_ID (16), USER_DATA (20)
 *   48   body descriptor: TYPE (2) = 2 (TD report, TDX 1.0) or 3 (TDX 1.5),
 *        SIZE (4) = 584 or 648
 *   54   body: TEE_TCB_SVN (16), MRSEAM (48), MRSIGNERSEAM (48),
 *        SEAMATTRIBUTES (8), TDATTRIBUTES (8), XFAM (8), MRTD (48),
 *        MRCONFIGID (48), MROWNER (48), MROWNERCONFIG (48), RTMR0..3 (4 x 48),
 *        REPORTDATA (64) [584 bytes]; type 3 adds TEE_TCB_SVN2 (16),
 *        MRSERVICETD (48) [648]
 *   then SIGNATURE_DATA_LEN (4) and the signature data: ECDSA signature
 *        (64), attestation key (64), certification data TYPE (2) = 6,
 *        SIZE (4), then the QE report certification data: QE report (384,
 *        an SGX REPORTBODY whose first 16 bytes are CPUSVN), QE report
 *        signature (64), QE authentication data SIZE (2) and data,
 *        certification data TYPE (2) = 5 (PCK chain), SIZE (4), data.
 */
#define TDX_QUOTE_VERSION_5		5
#define TDX_QUOTE_ATT_KEY_ECDSA_P256	2
#define TDX_QUOTE_TEE_TYPE_TDX		0x81
#define TDX_QUOTE_HEADER_LEN		48
#define TDX_QUOTE_QE_VENDOR_ID		12	/* offset in the header */
#define TDX_QUOTE_BODY_DESC		48
#define TDX_QUOTE_V5_BODY		54
#define TDX_QUOTE_BODY_TD10		2
#define TDX_QUOTE_BODY_TD15		3
#define TDX_QUOTE_BODY_TD10_LEN		584
#define TDX_QUOTE_BODY_TD15_LEN		648
/* Offsets inside the TD report body */
#define TDX_QB_TEE_TCB_SVN		0
#define TDX_QB_MRSEAM			16
#define TDX_QB_MRSIGNERSEAM		64
#define TDX_QB_SEAMATTRIBUTES		112
#define TDX_QB_TDATTRIBUTES		120
#define TDX_QB_XFAM			128
#define TDX_QB_MRTD			136
#define TDX_QB_REPORTDATA		520
#define TDX_QB_TEE_TCB_SVN2		584
#define TDX_QB_MRSERVICETD		600
/* Signature data */
#define TDX_QSIG_ECDSA_SIG_LEN		64
#define TDX_QSIG_ATT_KEY_LEN		64
#define TDX_QCERT_QE_REPORT		6
#define TDX_QCERT_PCK_CHAIN		5
#define TDX_QE_REPORT_LEN		384
#define TDX_QE_REPORT_CPUSVN		0
#define TDX_QE_REPORT_SIG_LEN		64
#define TDX_SIM_QE_AUTH_LEN		32

/* Intel's QE vendor ID, 939a7233-f79c-4ca9-940a-0db3957f0607 */
#define TDX_QE_VENDOR_ID_INTEL \
	{ 0x93, 0x9a, 0x72, 0x33, 0xf7, 0x9c, 0x4c, 0xa9, \
	  0x94, 0x0a, 0x0d, 0xb3, 0x95, 0x7f, 0x06, 0x07 }

/* inner certification data: TYPE 5, SIZE, no PCK chain */
#define TDX_SIM_QE_CERT_LEN \
	(TDX_QE_REPORT_LEN + TDX_QE_REPORT_SIG_LEN + 2 + TDX_SIM_QE_AUTH_LEN + \
	 2 + 4)
#define TDX_SIM_SIG_DATA_LEN \
	(TDX_QSIG_ECDSA_SIG_LEN + TDX_QSIG_ATT_KEY_LEN + 2 + 4 + \
	 TDX_SIM_QE_CERT_LEN)

/**
 * tdx_sim_quote_len() - size of the quote tdx_sim_build_quote() writes
 * @svn2_valid: as struct tdx_sim_params
 *
 * Return: bytes.
 */
static inline size_t tdx_sim_quote_len(bool svn2_valid)
{
	return TDX_QUOTE_V5_BODY +
	       (svn2_valid ? TDX_QUOTE_BODY_TD15_LEN : TDX_QUOTE_BODY_TD10_LEN) +
	       4 + TDX_SIM_SIG_DATA_LEN;
}

/**
 * tdx_sim_build_quote() - write an unsigned TDX quote v5
 * @buf: destination
 * @len: size of @buf
 * @p: variable fields; body type 3 (TEE_TCB_SVN2) if @p->svn2_valid, else
 *	body type 2, the TDX 1.0 body, which has TEE_TCB_SVN only
 *
 * The QE report's CPUSVN is @p->cpusvn, as a real quoting enclave on the
 * same platform would report. Signatures, keys and the QE report's other
 * fields are zero; QE authentication data is bytes 0..31.
 *
 * Return: the quote's length (tdx_sim_quote_len()), or -EINVAL if @buf is
 * too small or @p is out of range (nothing is written then).
 */
static inline long tdx_sim_build_quote(u8 *buf, size_t len,
				       const struct tdx_sim_params *p)
{
	static const u8 vendor[16] = TDX_QE_VENDOR_ID_INTEL;
	size_t body_len, qlen;
	unsigned int i;
	u8 *body, *sig, *qe;

	if (!buf || !tdx_sim_params_ok(p))
		return -EINVAL;
	qlen = tdx_sim_quote_len(p->svn2_valid);
	if (len < qlen)
		return -EINVAL;
	body_len = p->svn2_valid ? TDX_QUOTE_BODY_TD15_LEN :
				   TDX_QUOTE_BODY_TD10_LEN;

	memset(buf, 0, qlen);
	tdx_put_le(buf + 0, TDX_QUOTE_VERSION_5, 2);
	tdx_put_le(buf + 2, TDX_QUOTE_ATT_KEY_ECDSA_P256, 2);
	tdx_put_le(buf + 4, TDX_QUOTE_TEE_TYPE_TDX, 4);
	memcpy(buf + TDX_QUOTE_QE_VENDOR_ID, vendor, sizeof(vendor));
	tdx_put_le(buf + TDX_QUOTE_BODY_DESC,
		   p->svn2_valid ? TDX_QUOTE_BODY_TD15 : TDX_QUOTE_BODY_TD10, 2);
	tdx_put_le(buf + TDX_QUOTE_BODY_DESC + 2, body_len, 4);

	body = buf + TDX_QUOTE_V5_BODY;
	memcpy(body + TDX_QB_TEE_TCB_SVN, p->tee_tcb_svn, TDX_TEE_TCB_SVN_LEN);
	for (i = 0; i < TDX_MRSEAM_LEN; i++)
		body[TDX_QB_MRSEAM + i] = TDX_SIM_MRSEAM_BYTE(i);
	tdx_put_le(body + TDX_QB_XFAM, TDX_SIM_XFAM, 8);
	for (i = 0; i < TDX_MR_LEN; i++)
		body[TDX_QB_MRTD + i] = TDX_SIM_MRTD_BYTE(i);
	if (p->report_data_len)
		memcpy(body + TDX_QB_REPORTDATA, p->report_data,
		       p->report_data_len);
	if (p->svn2_valid)
		memcpy(body + TDX_QB_TEE_TCB_SVN2, p->tee_tcb_svn2,
		       TDX_TEE_TCB_SVN_LEN);

	sig = body + body_len;
	tdx_put_le(sig, TDX_SIM_SIG_DATA_LEN, 4);
	sig += 4 + TDX_QSIG_ECDSA_SIG_LEN + TDX_QSIG_ATT_KEY_LEN;
	tdx_put_le(sig, TDX_QCERT_QE_REPORT, 2);
	tdx_put_le(sig + 2, TDX_SIM_QE_CERT_LEN, 4);
	qe = sig + 6;
	memcpy(qe + TDX_QE_REPORT_CPUSVN, p->cpusvn, TDX_CPUSVN_LEN);
	qe += TDX_QE_REPORT_LEN + TDX_QE_REPORT_SIG_LEN;
	tdx_put_le(qe, TDX_SIM_QE_AUTH_LEN, 2);
	for (i = 0; i < TDX_SIM_QE_AUTH_LEN; i++)
		qe[2 + i] = (u8)i;
	qe += 2 + TDX_SIM_QE_AUTH_LEN;
	tdx_put_le(qe, TDX_QCERT_PCK_CHAIN, 2);
	/* SIZE 0: no PCK certificate chain */
	return (long)qlen;
}

#endif /* _TSM_WD_TDX_REPORT_H */
