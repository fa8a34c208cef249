/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SEV-SNP ATTESTATION_REPORT layout, decoding and TCB_VERSION helpers: the
 * snp TCB source (snp.c) decodes the PSP's reports with them, tsm_wd_sim
 * produces its reports with them, and tests/unit checks both on the host.
 *
 * Pure functions on byte buffers, no kernel-only calls: tests/unit builds
 * this header on the host with a small shim for <linux/types.h> and
 * <linux/string.h>. Reports from the PSP pass through the host, so the
 * decoder checks every length itself.
 *
 * Sources (AMD "SEV Secure Nested Paging Firmware ABI Specification",
 * publication 56860):
 * - ATTESTATION_REPORT offsets: rev. 1.55, Table 22 "ATTESTATION_REPORT
 *   Structure", which introduced report version 3 (CPUID_FAM_ID,
 *   CPUID_MOD_ID, CPUID_STEP at 0x188..0x18a); CURRENT_TCB 0x38,
 *   REPORTED_TCB 0x180, COMMITTED_TCB 0x1e0, LAUNCH_TCB 0x1f0 hold from
 *   version 2 on, and later revisions (version 5, rev. 1.58) keep them.
 *   All multi-byte fields are little-endian.
 * - TCB_VERSION: section "TCB_VERSION", two layouts of the same 64 bits.
 *   Family 17h/19h (Milan, Genoa): 7:0 BOOT_LOADER, 15:8 TEE,
 *   47:16 reserved, 55:48 SNP, 63:56 MICROCODE. Family 1Ah (Turin,
 *   rev. 1.58): 7:0 FMC, 15:8 BOOT_LOADER, 23:16 TEE, 31:24 SNP,
 *   55:32 reserved, 63:56 MICROCODE. The layout is chosen from the
 *   report's CPUID_FAM_ID (version 3 and later; a version 2 report has no
 *   CPUID fields and comes from a Milan or Genoa part).
 * - The firmware's provisional update: CURRENT_TCB is what runs now,
 *   COMMITTED_TCB the anti-rollback floor that moves only on
 *   SNP_COMMIT, REPORTED_TCB what the VCEK is derived from (the host
 *   sets it, SNP_SET_CONFIG), LAUNCH_TCB the TCB at guest launch.
 */
#ifndef _TSM_WD_SNP_REPORT_H
#define _TSM_WD_SNP_REPORT_H

#include <linux/errno.h>
#include <linux/string.h>
#include <linux/tsm-watchdog.h>
#include <linux/types.h>

#define SNP_REPORT_LEN			1184	/* 0x4a0 */
#define SNP_REPORT_VERSION_MIN		2	/* the four TCB fields */
#define SNP_REPORT_VERSION_3		3	/* adds the CPUID fields */
#define SNP_REPORT_VERSION_MAX		5	/* newest this decoder knows */
#define SNP_SIG_ALGO_ECDSA_P384_SHA384	1
#define SNP_VMPL_MAX			3

/* Offsets into ATTESTATION_REPORT, with field sizes in bytes */
#define SNP_RPT_VERSION			0x000	/* 4 */
#define SNP_RPT_GUEST_SVN		0x004	/* 4 */
#define SNP_RPT_POLICY			0x008	/* 8 */
#define SNP_RPT_FAMILY_ID		0x010	/* 16 */
#define SNP_RPT_IMAGE_ID		0x020	/* 16 */
#define SNP_RPT_VMPL			0x030	/* 4 */
#define SNP_RPT_SIGNATURE_ALGO		0x034	/* 4 */
#define SNP_RPT_CURRENT_TCB		0x038	/* 8 */
#define SNP_RPT_PLATFORM_INFO		0x040	/* 8 */
#define SNP_RPT_KEY_INFO		0x048	/* 4: AUTHOR_KEY_EN, MASK_CHIP_KEY, SIGNING_KEY */
#define SNP_RPT_REPORT_DATA		0x050	/* 64 */
#define SNP_RPT_MEASUREMENT		0x090	/* 48 */
#define SNP_RPT_HOST_DATA		0x0c0	/* 32 */
#define SNP_RPT_ID_KEY_DIGEST		0x0e0	/* 48 */
#define SNP_RPT_AUTHOR_KEY_DIGEST	0x110	/* 48 */
#define SNP_RPT_REPORT_ID		0x140	/* 32 */
#define SNP_RPT_REPORT_ID_MA		0x160	/* 32 */
#define SNP_RPT_REPORTED_TCB		0x180	/* 8 */
#define SNP_RPT_CPUID_FAM_ID		0x188	/* 1 */
#define SNP_RPT_CPUID_MOD_ID		0x189	/* 1 */
#define SNP_RPT_CPUID_STEP		0x18a	/* 1 */
#define SNP_RPT_CHIP_ID			0x1a0	/* 64 */
#define SNP_RPT_COMMITTED_TCB		0x1e0	/* 8 */
#define SNP_RPT_CURRENT_BUILD		0x1e8	/* 1 */
#define SNP_RPT_CURRENT_MINOR		0x1e9	/* 1 */
#define SNP_RPT_CURRENT_MAJOR		0x1ea	/* 1 */
#define SNP_RPT_COMMITTED_BUILD		0x1ec	/* 1 */
#define SNP_RPT_COMMITTED_MINOR		0x1ed	/* 1 */
#define SNP_RPT_COMMITTED_MAJOR		0x1ee	/* 1 */
#define SNP_RPT_LAUNCH_TCB		0x1f0	/* 8 */
#define SNP_RPT_SIGNATURE		0x2a0	/* 512: R and S, 72 bytes each, then zero */

#define SNP_REPORT_DATA_LEN		64
#define SNP_MEASUREMENT_LEN		48
#define SNP_CHIP_ID_LEN			64
#define SNP_SIGNATURE_LEN		512

/*
 * TCB_VERSION as a little-endian u64, Milan/Genoa layout: bits 7:0
 * BOOT_LOADER, 15:8 TEE, 47:16 reserved, 55:48 SNP, 63:56 MICROCODE.
 */
#define SNP_TCB_BL(t)			((u8)((t) >> 0))
#define SNP_TCB_TEE(t)			((u8)((t) >> 8))
#define SNP_TCB_SNP(t)			((u8)((t) >> 48))
#define SNP_TCB_UCODE(t)		((u8)((t) >> 56))

/*
 * Turin layout: bits 7:0 FMC, 15:8 BOOT_LOADER, 23:16 TEE, 31:24 SNP,
 * 55:32 reserved, 63:56 MICROCODE.
 */
#define SNP_TCB_TURIN_FMC(t)		((u8)((t) >> 0))
#define SNP_TCB_TURIN_BL(t)		((u8)((t) >> 8))
#define SNP_TCB_TURIN_TEE(t)		((u8)((t) >> 16))
#define SNP_TCB_TURIN_SNP(t)		((u8)((t) >> 24))
#define SNP_TCB_TURIN_UCODE(t)		((u8)((t) >> 56))

/* CPUID family from which TCB_VERSION has the Turin layout */
#define SNP_CPUID_FAM_TURIN		0x1a

/**
 * enum snp_tcb_layout - which components a TCB_VERSION holds, and where
 * @SNP_TCB_LAYOUT_GENOA: family 17h and 19h (Milan, Genoa): BOOT_LOADER,
 *	TEE, SNP, MICROCODE
 * @SNP_TCB_LAYOUT_TURIN: family 1Ah (Turin): FMC, BOOT_LOADER, TEE, SNP,
 *	MICROCODE
 */
enum snp_tcb_layout {
	SNP_TCB_LAYOUT_GENOA,
	SNP_TCB_LAYOUT_TURIN,
};

/* TCB text form: "snp:" and 16 lowercase hex digits of the u64 */
#define SNP_TCB_SCHEME			"snp"
#define SNP_TCB_TEXT_LEN		20
#define SNP_TCB_BYTES			8

/*
 * What the simulated platform reports besides the TCB: a Genoa part
 * (family 19h, model 11h, stepping 1) running SNP firmware 1.55 build 21,
 * guest policy 0x30000 (SMT allowed, bit 17 which must be one), SMT
 * enabled, signed with the VCEK (KEY_INFO 0), and fixed fake values:
 * MEASUREMENT[i] = 0xa0 + i, CHIP_ID[i] = 0x40 + i. Everything else is
 * zero, the signature too.
 */
#define SNP_SIM_POLICY			0x30000ULL
#define SNP_SIM_PLATFORM_INFO		0x1ULL
#define SNP_SIM_CPUID_FAM_ID		0x19
#define SNP_SIM_CPUID_MOD_ID		0x11
#define SNP_SIM_CPUID_STEP		0x01
#define SNP_SIM_FW_MAJOR		1
#define SNP_SIM_FW_MINOR		55
#define SNP_SIM_FW_BUILD		21
#define SNP_SIM_MEASUREMENT_BYTE(i)	((u8)(0xa0 + (i)))
#define SNP_SIM_CHIP_ID_BYTE(i)		((u8)(0x40 + (i)))

static inline void snp_put_le(u8 *p, u64 v, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		p[i] = (u8)(v >> (8 * i));
}

/**
 * struct snp_sim_report_params - the variable part of a simulated report
 * @current_tcb: CURRENT_TCB
 * @reported_tcb: REPORTED_TCB
 * @committed_tcb: COMMITTED_TCB
 * @launch_tcb: LAUNCH_TCB
 * @vmpl: VMPL the report was requested at, 0..3
 * @report_data: REPORT_DATA, zero padded to 64 bytes; may be NULL if
 *	@report_data_len is 0
 * @report_data_len: 0..64
 */
struct snp_sim_report_params {
	u64 current_tcb;
	u64 reported_tcb;
	u64 committed_tcb;
	u64 launch_tcb;
	u32 vmpl;
	const u8 *report_data;
	size_t report_data_len;
};

/**
 * snp_sim_build_report() - write a version 3 ATTESTATION_REPORT
 * @buf: destination, at least SNP_REPORT_LEN bytes; every byte of the
 *	first SNP_REPORT_LEN is written
 * @len: size of @buf
 * @p: variable fields
 *
 * Return: 0, or -EINVAL if @buf is too small or @p is out of range
 * (nothing is written then).
 */
static inline int snp_sim_build_report(u8 *buf, size_t len,
				       const struct snp_sim_report_params *p)
{
	unsigned int i;

	if (!buf || !p || len < SNP_REPORT_LEN || p->vmpl > SNP_VMPL_MAX ||
	    p->report_data_len > SNP_REPORT_DATA_LEN ||
	    (p->report_data_len && !p->report_data))
		return -EINVAL;

	memset(buf, 0, SNP_REPORT_LEN);
	snp_put_le(buf + SNP_RPT_VERSION, SNP_REPORT_VERSION_3, 4);
	snp_put_le(buf + SNP_RPT_POLICY, SNP_SIM_POLICY, 8);
	snp_put_le(buf + SNP_RPT_VMPL, p->vmpl, 4);
	snp_put_le(buf + SNP_RPT_SIGNATURE_ALGO,
		   SNP_SIG_ALGO_ECDSA_P384_SHA384, 4);
	snp_put_le(buf + SNP_RPT_CURRENT_TCB, p->current_tcb, 8);
	snp_put_le(buf + SNP_RPT_PLATFORM_INFO, SNP_SIM_PLATFORM_INFO, 8);
	if (p->report_data_len)
		memcpy(buf + SNP_RPT_REPORT_DATA, p->report_data,
		       p->report_data_len);
	for (i = 0; i < SNP_MEASUREMENT_LEN; i++)
		buf[SNP_RPT_MEASUREMENT + i] = SNP_SIM_MEASUREMENT_BYTE(i);
	snp_put_le(buf + SNP_RPT_REPORTED_TCB, p->reported_tcb, 8);
	buf[SNP_RPT_CPUID_FAM_ID] = SNP_SIM_CPUID_FAM_ID;
	buf[SNP_RPT_CPUID_MOD_ID] = SNP_SIM_CPUID_MOD_ID;
	buf[SNP_RPT_CPUID_STEP] = SNP_SIM_CPUID_STEP;
	for (i = 0; i < SNP_CHIP_ID_LEN; i++)
		buf[SNP_RPT_CHIP_ID + i] = SNP_SIM_CHIP_ID_BYTE(i);
	snp_put_le(buf + SNP_RPT_COMMITTED_TCB, p->committed_tcb, 8);
	buf[SNP_RPT_CURRENT_BUILD] = SNP_SIM_FW_BUILD;
	buf[SNP_RPT_CURRENT_MINOR] = SNP_SIM_FW_MINOR;
	buf[SNP_RPT_CURRENT_MAJOR] = SNP_SIM_FW_MAJOR;
	buf[SNP_RPT_COMMITTED_BUILD] = SNP_SIM_FW_BUILD;
	buf[SNP_RPT_COMMITTED_MINOR] = SNP_SIM_FW_MINOR;
	buf[SNP_RPT_COMMITTED_MAJOR] = SNP_SIM_FW_MAJOR;
	snp_put_le(buf + SNP_RPT_LAUNCH_TCB, p->launch_tcb, 8);
	return 0;
}

static inline u64 snp_get_le(const u8 *p, unsigned int n)
{
	u64 v = 0;

	while (n--)
		v = (v << 8) | p[n];
	return v;
}

/**
 * struct snp_report_tcb - what a TCB source takes from an ATTESTATION_REPORT
 * @version: VERSION, SNP_REPORT_VERSION_MIN..SNP_REPORT_VERSION_MAX
 * @cpuid_fam_id: CPUID_FAM_ID (0 in a version 2 report)
 * @cpuid_mod_id: CPUID_MOD_ID (0 in a version 2 report)
 * @layout: TCB_VERSION layout of the part that made the report
 * @current_tcb: CURRENT_TCB, the TCB that runs now
 * @reported_tcb: REPORTED_TCB
 * @committed_tcb: COMMITTED_TCB, the anti-rollback floor
 * @launch_tcb: LAUNCH_TCB
 */
struct snp_report_tcb {
	u32 version;
	u8 cpuid_fam_id;
	u8 cpuid_mod_id;
	enum snp_tcb_layout layout;
	u64 current_tcb;
	u64 reported_tcb;
	u64 committed_tcb;
	u64 launch_tcb;
};

/**
 * snp_tcb_layout_of() - TCB_VERSION layout for a report's CPUID fields
 * @version: report VERSION
 * @cpuid_fam_id: report CPUID_FAM_ID
 *
 * Return: SNP_TCB_LAYOUT_TURIN for family 1Ah and later (version 3 and
 * later reports), else SNP_TCB_LAYOUT_GENOA.
 */
static inline enum snp_tcb_layout snp_tcb_layout_of(u32 version,
						    u8 cpuid_fam_id)
{
	if (version >= SNP_REPORT_VERSION_3 &&
	    cpuid_fam_id >= SNP_CPUID_FAM_TURIN)
		return SNP_TCB_LAYOUT_TURIN;
	return SNP_TCB_LAYOUT_GENOA;
}

/**
 * snp_report_decode() - decode the TCB fields of an ATTESTATION_REPORT
 * @buf: the report
 * @len: bytes in @buf
 * @out: decoded fields on success, untouched on error
 *
 * Return: 0; -EINVAL if @buf or @out is NULL or @len is shorter than
 * SNP_REPORT_LEN; -EPROTO if VERSION is not one this decoder knows.
 */
static inline int snp_report_decode(const u8 *buf, size_t len,
				    struct snp_report_tcb *out)
{
	u32 version;

	if (!buf || !out || len < SNP_REPORT_LEN)
		return -EINVAL;
	version = (u32)snp_get_le(buf + SNP_RPT_VERSION, 4);
	if (version < SNP_REPORT_VERSION_MIN || version > SNP_REPORT_VERSION_MAX)
		return -EPROTO;

	out->version = version;
	out->cpuid_fam_id = 0;
	out->cpuid_mod_id = 0;
	if (version >= SNP_REPORT_VERSION_3) {
		out->cpuid_fam_id = buf[SNP_RPT_CPUID_FAM_ID];
		out->cpuid_mod_id = buf[SNP_RPT_CPUID_MOD_ID];
	}
	out->layout = snp_tcb_layout_of(version, out->cpuid_fam_id);
	out->current_tcb = snp_get_le(buf + SNP_RPT_CURRENT_TCB, 8);
	out->reported_tcb = snp_get_le(buf + SNP_RPT_REPORTED_TCB, 8);
	out->committed_tcb = snp_get_le(buf + SNP_RPT_COMMITTED_TCB, 8);
	out->launch_tcb = snp_get_le(buf + SNP_RPT_LAUNCH_TCB, 8);
	return 0;
}

static inline int snp_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/**
 * snp_tcb_parse() - parse the text form "snp:<16 lowercase hex digits>"
 * @buf: text, need not be NUL-terminated
 * @len: bytes in @buf; one trailing newline is allowed
 * @tcb: the TCB_VERSION on success, untouched on error
 *
 * Return: 0 or -EINVAL.
 */
static inline int snp_tcb_parse(const char *buf, size_t len, u64 *tcb)
{
	u64 v = 0;
	size_t i;
	int d;

	if (!buf)
		return -EINVAL;
	if (len == SNP_TCB_TEXT_LEN + 1 && buf[SNP_TCB_TEXT_LEN] == '\n')
		len--;
	if (len != SNP_TCB_TEXT_LEN || memcmp(buf, SNP_TCB_SCHEME ":", 4))
		return -EINVAL;
	for (i = 4; i < SNP_TCB_TEXT_LEN; i++) {
		d = snp_hex_digit(buf[i]);
		if (d < 0)
			return -EINVAL;
		v = (v << 4) | (u64)d;
	}
	*tcb = v;
	return 0;
}

/**
 * snp_tcb_compare() - component-wise order of two Milan/Genoa TCB_VERSIONs
 * @a: TCB_VERSION
 * @b: TCB_VERSION
 *
 * Return: < 0 if any of BOOT_LOADER, TEE, SNP, MICROCODE of @a is lower
 * than @b's (a rollback when @a is current and @b the baseline), 0 if
 * @a == @b, > 0 otherwise (newer, or differing in reserved bits only).
 */
static inline int snp_tcb_compare(u64 a, u64 b)
{
	if (SNP_TCB_BL(a) < SNP_TCB_BL(b) || SNP_TCB_TEE(a) < SNP_TCB_TEE(b) ||
	    SNP_TCB_SNP(a) < SNP_TCB_SNP(b) ||
	    SNP_TCB_UCODE(a) < SNP_TCB_UCODE(b))
		return -1;
	return a == b ? 0 : 1;
}

/**
 * snp_tcb_compare_turin() - component-wise order of two Turin TCB_VERSIONs
 * @a: TCB_VERSION
 * @b: TCB_VERSION
 *
 * Return: as snp_tcb_compare(), over FMC, BOOT_LOADER, TEE, SNP and
 * MICROCODE.
 */
static inline int snp_tcb_compare_turin(u64 a, u64 b)
{
	if (SNP_TCB_TURIN_FMC(a) < SNP_TCB_TURIN_FMC(b) ||
	    SNP_TCB_TURIN_BL(a) < SNP_TCB_TURIN_BL(b) ||
	    SNP_TCB_TURIN_TEE(a) < SNP_TCB_TURIN_TEE(b) ||
	    SNP_TCB_TURIN_SNP(a) < SNP_TCB_TURIN_SNP(b) ||
	    SNP_TCB_TURIN_UCODE(a) < SNP_TCB_TURIN_UCODE(b))
		return -1;
	return a == b ? 0 : 1;
}

/**
 * snp_tcb_compare_layout() - component-wise order in a given layout
 * @a: TCB_VERSION
 * @b: TCB_VERSION
 * @layout: the layout of both
 *
 * Return: as snp_tcb_compare().
 */
static inline int snp_tcb_compare_layout(u64 a, u64 b,
					 enum snp_tcb_layout layout)
{
	if (layout == SNP_TCB_LAYOUT_TURIN)
		return snp_tcb_compare_turin(a, b);
	return snp_tcb_compare(a, b);
}

/**
 * snp_wd_tcb_set() - fill a watchdog TCB from a TCB_VERSION
 * @tcb: destination
 * @v: TCB_VERSION
 *
 * The bytes are the big-endian representation of @v, so the text form is
 * "snp:%016llx".
 */
static inline void snp_wd_tcb_set(struct tsm_wd_tcb *tcb, u64 v)
{
	unsigned int i;

	memset(tcb, 0, sizeof(*tcb));
	memcpy(tcb->scheme, SNP_TCB_SCHEME, sizeof(SNP_TCB_SCHEME));
	tcb->len = SNP_TCB_BYTES;
	for (i = 0; i < SNP_TCB_BYTES; i++)
		tcb->bytes[i] = (u8)(v >> (8 * (SNP_TCB_BYTES - 1 - i)));
}

/**
 * snp_wd_tcb_get() - TCB_VERSION of a watchdog TCB of scheme "snp"
 * @tcb: source
 * @v: the TCB_VERSION on success
 *
 * Return: 0, or -EINVAL if @tcb is not an 8-byte "snp" TCB.
 */
static inline int snp_wd_tcb_get(const struct tsm_wd_tcb *tcb, u64 *v)
{
	u64 r = 0;
	unsigned int i;

	if (tcb->len != SNP_TCB_BYTES ||
	    memcmp(tcb->scheme, SNP_TCB_SCHEME, sizeof(SNP_TCB_SCHEME)))
		return -EINVAL;
	for (i = 0; i < SNP_TCB_BYTES; i++)
		r = (r << 8) | tcb->bytes[i];
	*v = r;
	return 0;
}

/**
 * snp_wd_tcb_compare_layout() - the "snp" scheme's compare() for the watchdog
 * @a: TCB, usually the current one
 * @b: TCB, usually the baseline or floor
 * @layout: TCB_VERSION layout of the platform both come from
 *
 * Return: as snp_tcb_compare_layout(); TCBs that are not both "snp" TCBs
 * are not comparable and give 1 (never a rollback).
 */
static inline int snp_wd_tcb_compare_layout(const struct tsm_wd_tcb *a,
					    const struct tsm_wd_tcb *b,
					    enum snp_tcb_layout layout)
{
	u64 va, vb;

	if (snp_wd_tcb_get(a, &va) || snp_wd_tcb_get(b, &vb))
		return 1;
	return snp_tcb_compare_layout(va, vb, layout);
}

/**
 * snp_wd_tcb_compare() - snp_wd_tcb_compare_layout() on Milan/Genoa
 * @a: TCB, usually the current one
 * @b: TCB, usually the baseline or floor
 *
 * Return: as snp_wd_tcb_compare_layout().
 */
static inline int snp_wd_tcb_compare(const struct tsm_wd_tcb *a,
				     const struct tsm_wd_tcb *b)
{
	return snp_wd_tcb_compare_layout(a, b, SNP_TCB_LAYOUT_GENOA);
}

#endif /* _TSM_WD_SNP_REPORT_H */
