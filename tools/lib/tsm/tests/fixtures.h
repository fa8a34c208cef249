/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Evidence fixtures for libtsm's tests, fuzz seeds and CLI tests, built
 * byte by byte at the offsets of the specifications (see ../LAYOUTS.md).
 * The offsets here are written out as numbers on purpose: they are an
 * independent restatement of the layouts, not the library's own macros.
 */
#ifndef TSM_TEST_FIXTURES_H
#define TSM_TEST_FIXTURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FX_SNP_SIZE		1184
#define FX_TDREPORT_SIZE	1024
#define FX_QUOTE_MAX		4096
/*
 * Quote certification data (type 6, QE report certification data):
 * QE report 384 + QE report signature 64 + u16 auth size + FX_QE_AUTH
 * bytes + inner certification data header 6 + FX_PCK_CHAIN bytes (type 5).
 */
#define FX_QE_AUTH		32
#define FX_PCK_CHAIN		100
#define FX_CERT_DATA		(384 + 64 + 2 + FX_QE_AUTH + 6 + FX_PCK_CHAIN)
#define FX_QE_ISV_PROD_ID	2
#define FX_QE_ISV_SVN		8

/* Field pattern: byte i of the field tagged @seed. */
uint8_t fx_pat(unsigned int seed, size_t i);
void fx_fill(uint8_t *p, size_t n, unsigned int seed);
/* 1 when p[0..n) is exactly fx_fill(seed). */
bool fx_check(const uint8_t *p, size_t n, unsigned int seed);

/* Pattern seeds of the fields */
enum {
	FXS_REPORT_DATA = 1, FXS_MEASUREMENT, FXS_CHIP_ID, FXS_HOST_DATA,
	FXS_FAMILY_ID, FXS_IMAGE_ID, FXS_ID_KEY, FXS_AUTHOR_KEY, FXS_REPORT_ID,
	FXS_REPORT_ID_MA, FXS_SIGNATURE,
	FXS_MRSEAM = 20, FXS_MRSIGNERSEAM, FXS_MRTD, FXS_MRCONFIGID,
	FXS_MROWNER, FXS_MROWNERCONFIG, FXS_RTMR0, FXS_RTMR1, FXS_RTMR2,
	FXS_RTMR3, FXS_TD_REPORT_DATA, FXS_MRSERVICETD, FXS_QE_VENDOR,
	FXS_USER_DATA, FXS_CPUSVN, FXS_SEAM_ATTR, FXS_TD_ATTR, FXS_XFAM,
	FXS_SIG, FXS_CERT, FXS_QE_REPORT, FXS_QE_SIG, FXS_QE_AUTH,
};

/* SNP values used by fx_snp() */
#define FX_SNP_GUEST_SVN	0x11223344u
#define FX_SNP_POLICY		0x00000000000b0000ull
#define FX_SNP_VMPL		1u
#define FX_SNP_SIG_ALGO		1u
#define FX_SNP_PLATFORM_INFO	0x25ull
#define FX_SNP_KEY_INFO		0x1u
/* Milan/Genoa TCBs: ucode 0xd3, snp 0x15, tee 0, bl 4 (DESIGN.md example) */
#define FX_MILAN_CURRENT	0xd315000000000004ull
#define FX_MILAN_REPORTED	0xd214000000000003ull
#define FX_MILAN_COMMITTED	0xd113000000000002ull
#define FX_MILAN_LAUNCH		0xd012000000000001ull
/* Turin TCBs: fmc,bl,tee,snp in bytes 0..3, ucode in byte 7 */
#define FX_TURIN_CURRENT	0x4800000015000401ull /* fmc1 bl4 tee0 snp21 ucode72 */
#define FX_TURIN_REPORTED	0x4700000014020302ull
#define FX_TURIN_COMMITTED	0x4600000013010203ull
#define FX_TURIN_LAUNCH		0x4500000012000104ull
#define FX_FW_BUILD		0x0b
#define FX_FW_MINOR		0x37
#define FX_FW_MAJOR		0x01
#define FX_CFW_BUILD		0x0a
#define FX_CFW_MINOR		0x36
#define FX_CFW_MAJOR		0x01
#define FX_LAUNCH_MIT		0x0000000000000005ull
#define FX_CURRENT_MIT		0x0000000000000007ull

/*
 * SEV-SNP ATTESTATION_REPORT, @version 2/3/5 (any value is written),
 * CPUID_FAM_ID @family (0x19 Milan/Genoa, 0x1a Turin; v3+ only), model
 * 0x11, stepping 0x1. TCBs from the Milan or Turin set by @family.
 */
void fx_snp(uint8_t b[FX_SNP_SIZE], uint32_t version, uint8_t family);

/* TDX values */
extern const uint8_t fx_tee_tcb_svn[16];	/* module 1.3, seamldr 2 */
extern const uint8_t fx_tee_tcb_svn2[16];	/* module 1.5, svn15 = 9 */
extern const uint8_t fx_cpusvn[16];		/* TDREPORT and QE report */
/* TCB text forms: running module SVN + CPUSVN */
#define FX_CPUSVN_HEX		"0b0b0202ff0103000000000000000000"
#define FX_TDX_TCB_SVN		"tdx:03010200000000000000000000000000" FX_CPUSVN_HEX
#define FX_TDX_TCB_SVN2		"tdx:05010200000000000000000000000009" FX_CPUSVN_HEX

/*
 * TDX quote @version 4 or 5 (v5 with @body_type 2 or 3, correct sizes;
 * type 3 carries fx_tee_tcb_svn2), TEE type 0x81, ECDSA signature section
 * with FX_CERT_DATA bytes of type-6 certification data whose QE report
 * has CPUSVN fx_cpusvn. Returns the quote length (<= FX_QUOTE_MAX).
 */
size_t fx_tdx_quote(uint8_t b[FX_QUOTE_MAX], uint16_t version,
		    uint16_t body_type);
/* Offset of the signature data length field in such a quote. */
size_t fx_tdx_sig_off(uint16_t version, uint16_t body_type);
/* Offset of the QE report certification data (the QE report) in it. */
size_t fx_tdx_cert_off(uint16_t version, uint16_t body_type);

/* TDREPORT_STRUCT, REPORTTYPE.VERSION @version, CPUSVN fx_cpusvn;
 * @svn2: TEE_TCB_SVN2 = fx_tee_tcb_svn2 and VALID bits 16, 17 set. */
void fx_tdreport(uint8_t b[FX_TDREPORT_SIZE], uint8_t version, bool svn2);

void fx_put16(uint8_t *p, uint16_t v);
void fx_put32(uint8_t *p, uint32_t v);
void fx_put64(uint8_t *p, uint64_t v);

#endif
