/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TDREPORT_STRUCT decoding for the tdx TCB source.
 *
 * Pure functions on byte buffers, no kernel-only calls: tests/unit builds
 * this header on the host. The buffer comes from the TDX module
 * (TDG.MR.REPORT), but it is decoded bounds-checked anyway.
 *
 * Layout, from Intel's TDX Module ABI specification (TDREPORT_STRUCT,
 * REPORTMACSTRUCT, TEE_TCB_INFO; TDX Module 1.5 ABI for TEE_TCB_SVN2):
 *
 *   TDREPORT_STRUCT (1024 bytes)
 *     0    REPORTMACSTRUCT (256)
 *            0  REPORTTYPE (4): TYPE (0x81 = TDX), SUBTYPE (0),
 *               VERSION, reserved
 *           16  CPUSVN (16)
 *           32  TEE_TCB_INFO_HASH (48)
 *           80  TEE_INFO_HASH (48)
 *          128  REPORTDATA (64)
 *          192  reserved (32)
 *          224  MAC (32)
 *   256    TEE_TCB_INFO (239)
 *            0  VALID (8)
 *            8  TEE_TCB_SVN (16)
 *           24  MRSEAM (48)
 *           72  MRSIGNERSEAM (48)
 *          120  ATTRIBUTES (8)
 *          128  TEE_TCB_SVN2 (16, TDX Module 1.5 and later; else reserved)
 *          144  reserved (95)
 *   495    reserved (17)
 *   512    TDINFO_STRUCT (512)
 */
#ifndef _TSM_WD_TDX_REPORT_H
#define _TSM_WD_TDX_REPORT_H

#include <linux/errno.h>
#include <linux/string.h>
#include <linux/tsm-watchdog.h>
#include <linux/types.h>

#define TDX_TDREPORT_LEN		1024

#define TDX_RPT_REPORTTYPE_TYPE		0
#define TDX_RPT_REPORTTYPE_SUBTYPE	1
#define TDX_RPT_REPORTTYPE_VERSION	2
#define TDX_RPT_CPUSVN			16
#define TDX_RPT_REPORTDATA		128
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

#define TDX_REPORTTYPE_TDX		0x81
#define TDX_TEE_TCB_SVN_LEN		16
#define TDX_SVN_MODULE_MINOR		0	/* bytes of TEE_TCB_SVN */
#define TDX_SVN_MODULE_MAJOR		1
#define TDX_SVN_SEAMLDR			2
#define TDX_MRSEAM_LEN			48

#define TDX_TCB_SCHEME			"tdx"

/**
 * struct tdx_report_tcb - what the tdx source takes from a TDREPORT
 * @version: REPORTTYPE.VERSION
 * @valid: TEE_TCB_INFO.VALID
 * @tee_tcb_svn: TEE_TCB_INFO.TEE_TCB_SVN, the TCB the watchdog tracks
 * @tee_tcb_svn2: TEE_TCB_INFO.TEE_TCB_SVN2 as found (zero before TDX 1.5)
 * @mrseam: TEE_TCB_INFO.MRSEAM
 */
struct tdx_report_tcb {
	u8 version;
	u64 valid;
	u8 tee_tcb_svn[TDX_TEE_TCB_SVN_LEN];
	u8 tee_tcb_svn2[TDX_TEE_TCB_SVN_LEN];
	u8 mrseam[TDX_MRSEAM_LEN];
};

/**
 * tdx_report_decode() - decode the TCB part of a TDREPORT_STRUCT
 * @buf: the report
 * @len: bytes in @buf
 * @out: decoded fields on success, untouched on error
 *
 * Return: 0; -EINVAL if @buf is NULL or shorter than TDX_TDREPORT_LEN;
 * -EPROTO if REPORTTYPE is not a TDX report of subtype 0.
 */
static inline int tdx_report_decode(const u8 *buf, size_t len,
				    struct tdx_report_tcb *out)
{
	const u8 *tcbi;
	unsigned int i;
	u64 valid = 0;

	if (!buf || !out || len < TDX_TDREPORT_LEN)
		return -EINVAL;
	tcbi = buf + TDX_RPT_TEE_TCB_INFO;
	if (buf[TDX_RPT_REPORTTYPE_TYPE] != TDX_REPORTTYPE_TDX ||
	    buf[TDX_RPT_REPORTTYPE_SUBTYPE] != 0)
		return -EPROTO;

	for (i = 0; i < 8; i++)
		valid |= (u64)tcbi[TDX_TCBI_VALID + i] << (8 * i);
	out->version = buf[TDX_RPT_REPORTTYPE_VERSION];
	out->valid = valid;
	memcpy(out->tee_tcb_svn, tcbi + TDX_TCBI_TEE_TCB_SVN,
	       TDX_TEE_TCB_SVN_LEN);
	memcpy(out->tee_tcb_svn2, tcbi + TDX_TCBI_TEE_TCB_SVN2,
	       TDX_TEE_TCB_SVN_LEN);
	memcpy(out->mrseam, tcbi + TDX_TCBI_MRSEAM, TDX_MRSEAM_LEN);
	return 0;
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
 * tdx_wd_tcb_set() - fill a watchdog TCB from a TEE_TCB_SVN
 * @tcb: destination; text form "tdx:" and 32 hex digits, bytes in order
 * @svn: 16 bytes
 */
static inline void tdx_wd_tcb_set(struct tsm_wd_tcb *tcb, const u8 *svn)
{
	memset(tcb, 0, sizeof(*tcb));
	memcpy(tcb->scheme, TDX_TCB_SCHEME, sizeof(TDX_TCB_SCHEME));
	tcb->len = TDX_TEE_TCB_SVN_LEN;
	memcpy(tcb->bytes, svn, TDX_TEE_TCB_SVN_LEN);
}

/**
 * tdx_wd_tcb_compare() - the "tdx" scheme's compare() for the watchdog
 * @a: TCB, usually the current one
 * @b: TCB, usually the baseline
 *
 * Return: as tdx_tcb_svn_compare(); TCBs that are not both 16-byte "tdx"
 * TCBs are not comparable and give 1 (never a rollback).
 */
static inline int tdx_wd_tcb_compare(const struct tsm_wd_tcb *a,
				     const struct tsm_wd_tcb *b)
{
	if (a->len != TDX_TEE_TCB_SVN_LEN || b->len != TDX_TEE_TCB_SVN_LEN ||
	    memcmp(a->scheme, TDX_TCB_SCHEME, sizeof(TDX_TCB_SCHEME)) ||
	    memcmp(b->scheme, TDX_TCB_SCHEME, sizeof(TDX_TCB_SCHEME)))
		return 1;
	return tdx_tcb_svn_compare(a->bytes, b->bytes);
}

#endif /* _TSM_WD_TDX_REPORT_H */
