// SPDX-License-Identifier: GPL-2.0-only
/* Evidence fixtures: see fixtures.h and ../LAYOUTS.md for the offsets. */
#include <string.h>

#include "fixtures.h"

const uint8_t fx_tee_tcb_svn[16] = { 3, 1, 2 };
const uint8_t fx_tee_tcb_svn2[16] = { 5, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9 };
const uint8_t fx_cpusvn[16] = { 0x0b, 0x0b, 0x02, 0x02, 0xff, 0x01, 0x03 };

uint8_t fx_pat(unsigned int seed, size_t i)
{
	return (uint8_t)(seed * 37u + i * 11u + 1u);
}

void fx_fill(uint8_t *p, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = fx_pat(seed, i);
}

bool fx_check(const uint8_t *p, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != fx_pat(seed, i))
			return false;
	return true;
}

void fx_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

void fx_put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

void fx_put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

void fx_snp(uint8_t b[FX_SNP_SIZE], uint32_t version, uint8_t family)
{
	bool turin = family == 0x1a;

	memset(b, 0, FX_SNP_SIZE);
	fx_put32(b + 0x000, version);
	fx_put32(b + 0x004, FX_SNP_GUEST_SVN);
	fx_put64(b + 0x008, FX_SNP_POLICY);
	fx_fill(b + 0x010, 16, FXS_FAMILY_ID);
	fx_fill(b + 0x020, 16, FXS_IMAGE_ID);
	fx_put32(b + 0x030, FX_SNP_VMPL);
	fx_put32(b + 0x034, FX_SNP_SIG_ALGO);
	fx_put64(b + 0x038, turin ? FX_TURIN_CURRENT : FX_MILAN_CURRENT);
	fx_put64(b + 0x040, FX_SNP_PLATFORM_INFO);
	fx_put32(b + 0x048, FX_SNP_KEY_INFO);
	fx_fill(b + 0x050, 64, FXS_REPORT_DATA);
	fx_fill(b + 0x090, 48, FXS_MEASUREMENT);
	fx_fill(b + 0x0c0, 32, FXS_HOST_DATA);
	fx_fill(b + 0x0e0, 48, FXS_ID_KEY);
	fx_fill(b + 0x110, 48, FXS_AUTHOR_KEY);
	fx_fill(b + 0x140, 32, FXS_REPORT_ID);
	fx_fill(b + 0x160, 32, FXS_REPORT_ID_MA);
	fx_put64(b + 0x180, turin ? FX_TURIN_REPORTED : FX_MILAN_REPORTED);
	if (version >= 3) {
		b[0x188] = family;
		b[0x189] = 0x11;
		b[0x18a] = 0x01;
	}
	fx_fill(b + 0x1a0, 64, FXS_CHIP_ID);
	fx_put64(b + 0x1e0, turin ? FX_TURIN_COMMITTED : FX_MILAN_COMMITTED);
	b[0x1e8] = FX_FW_BUILD;
	b[0x1e9] = FX_FW_MINOR;
	b[0x1ea] = FX_FW_MAJOR;
	b[0x1ec] = FX_CFW_BUILD;
	b[0x1ed] = FX_CFW_MINOR;
	b[0x1ee] = FX_CFW_MAJOR;
	fx_put64(b + 0x1f0, turin ? FX_TURIN_LAUNCH : FX_MILAN_LAUNCH);
	if (version >= 5) {
		fx_put64(b + 0x1f8, FX_LAUNCH_MIT);
		fx_put64(b + 0x200, FX_CURRENT_MIT);
	}
	fx_fill(b + 0x2a0, 512, FXS_SIGNATURE);
}

/* TD report body (sgx_report2_body / v1.5) at @p. */
static void td_body(uint8_t *p, bool v15)
{
	memcpy(p + 0, fx_tee_tcb_svn, 16);
	fx_fill(p + 16, 48, FXS_MRSEAM);
	fx_fill(p + 64, 48, FXS_MRSIGNERSEAM);
	fx_fill(p + 112, 8, FXS_SEAM_ATTR);
	fx_fill(p + 120, 8, FXS_TD_ATTR);
	fx_fill(p + 128, 8, FXS_XFAM);
	fx_fill(p + 136, 48, FXS_MRTD);
	fx_fill(p + 184, 48, FXS_MRCONFIGID);
	fx_fill(p + 232, 48, FXS_MROWNER);
	fx_fill(p + 280, 48, FXS_MROWNERCONFIG);
	fx_fill(p + 328, 48, FXS_RTMR0);
	fx_fill(p + 376, 48, FXS_RTMR1);
	fx_fill(p + 424, 48, FXS_RTMR2);
	fx_fill(p + 472, 48, FXS_RTMR3);
	fx_fill(p + 520, 64, FXS_TD_REPORT_DATA);
	if (v15) {
		memcpy(p + 584, fx_tee_tcb_svn2, 16);
		fx_fill(p + 600, 48, FXS_MRSERVICETD);
	}
}

size_t fx_tdx_sig_off(uint16_t version, uint16_t body_type)
{
	if (version == 4)
		return 48 + 584;
	return 54 + (body_type == 3 ? 648 : 584);
}

size_t fx_tdx_cert_off(uint16_t version, uint16_t body_type)
{
	return fx_tdx_sig_off(version, body_type) + 4 + 134;
}

/* QE report certification data (type 6) at @c, FX_CERT_DATA bytes. */
static void qe_report_cert(uint8_t *c)
{
	/* QE report: an SGX REPORT body (384 bytes) */
	fx_fill(c, 384, FXS_QE_REPORT);
	memcpy(c + 0, fx_cpusvn, 16);		/* CPUSVN */
	fx_put16(c + 256, FX_QE_ISV_PROD_ID);	/* ISVPRODID */
	fx_put16(c + 258, FX_QE_ISV_SVN);	/* ISVSVN */
	fx_fill(c + 384, 64, FXS_QE_SIG);	/* QE report signature */
	fx_put16(c + 448, FX_QE_AUTH);		/* QE auth data size */
	fx_fill(c + 450, FX_QE_AUTH, FXS_QE_AUTH);
	fx_put16(c + 450 + FX_QE_AUTH, 5);	/* PCK certificate chain */
	fx_put32(c + 452 + FX_QE_AUTH, FX_PCK_CHAIN);
	fx_fill(c + 456 + FX_QE_AUTH, FX_PCK_CHAIN, FXS_CERT);
}

size_t fx_tdx_quote(uint8_t b[FX_QUOTE_MAX], uint16_t version,
		    uint16_t body_type)
{
	size_t body = version == 4 ? 48 : 54, off;
	uint32_t sig_len = 64 + 64 + 2 + 4 + FX_CERT_DATA;

	memset(b, 0, FX_QUOTE_MAX);
	fx_put16(b + 0, version);
	fx_put16(b + 2, 2);		/* ECDSA-256-with-P-256 */
	fx_put32(b + 4, 0x81);		/* TDX */
	fx_fill(b + 12, 16, FXS_QE_VENDOR);
	fx_fill(b + 28, 20, FXS_USER_DATA);
	if (version == 5) {
		fx_put16(b + 48, body_type);
		fx_put32(b + 50, body_type == 3 ? 648 : 584);
	}
	td_body(b + body, version == 5 && body_type == 3);
	off = fx_tdx_sig_off(version, body_type);
	fx_put32(b + off, sig_len);
	fx_fill(b + off + 4, 128, FXS_SIG);
	fx_put16(b + off + 4 + 128, 6);	/* QE report certification data */
	fx_put32(b + off + 4 + 130, FX_CERT_DATA);
	qe_report_cert(b + off + 4 + 134);
	return off + 4 + sig_len;
}

void fx_tdreport(uint8_t b[FX_TDREPORT_SIZE], uint8_t version, bool svn2)
{
	uint8_t *tti = b + 256, *tdi = b + 512;

	memset(b, 0, FX_TDREPORT_SIZE);
	b[0] = 0x81;			/* REPORTTYPE.TYPE: TDX */
	b[1] = 0;			/* SUBTYPE */
	b[2] = version;			/* VERSION */
	memcpy(b + 16, fx_cpusvn, 16);		/* CPUSVN */
	fx_fill(b + 128, 64, FXS_TD_REPORT_DATA);
	fx_fill(b + 224, 32, FXS_SIG);	/* MAC */
	/*
	 * TEE_TCB_INFO.VALID: bit i = the 8 bytes at offset 8*i are valid.
	 * VALID (bit 0), TEE_TCB_SVN (1-2), MRSEAM (3-8); MRSIGNERSEAM and
	 * ATTRIBUTES not valid (as for an Intel-signed module);
	 * TEE_TCB_SVN2 (bits 16-17).
	 */
	fx_put64(tti + 0, svn2 ? 0x301ffull : 0x1ffull);
	memcpy(tti + 8, fx_tee_tcb_svn, 16);
	fx_fill(tti + 24, 48, FXS_MRSEAM);
	fx_fill(tti + 72, 48, FXS_MRSIGNERSEAM);
	fx_fill(tti + 120, 8, FXS_SEAM_ATTR);
	if (svn2)
		memcpy(tti + 128, fx_tee_tcb_svn2, 16);
	fx_fill(tdi + 0, 8, FXS_TD_ATTR);
	fx_fill(tdi + 8, 8, FXS_XFAM);
	fx_fill(tdi + 16, 48, FXS_MRTD);
	fx_fill(tdi + 64, 48, FXS_MRCONFIGID);
	fx_fill(tdi + 112, 48, FXS_MROWNER);
	fx_fill(tdi + 160, 48, FXS_MROWNERCONFIG);
	fx_fill(tdi + 208, 48, FXS_RTMR0);
	fx_fill(tdi + 256, 48, FXS_RTMR1);
	fx_fill(tdi + 304, 48, FXS_RTMR2);
	fx_fill(tdi + 352, 48, FXS_RTMR3);
	if (version >= 1)
		fx_fill(tdi + 400, 48, FXS_MRSERVICETD);
}
