// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host tests of drivers/virt/coco/tsm-watchdog/snp_report.h: the SEV-SNP
 * ATTESTATION_REPORT tsm_wd_sim produces, the "snp" TCB text form and the
 * "snp" compare().
 *
 * Expected offsets are written out here, independently of the header, from
 * AMD's SEV-SNP Firmware ABI specification (publication 56860, rev. 1.55,
 * Table 22 "ATTESTATION_REPORT Structure"), every field little-endian:
 *   0x000 VERSION (4)          0x004 GUEST_SVN (4)      0x008 POLICY (8)
 *   0x010 FAMILY_ID (16)       0x020 IMAGE_ID (16)      0x030 VMPL (4)
 *   0x034 SIGNATURE_ALGO (4)   0x038 CURRENT_TCB (8)    0x040 PLATFORM_INFO (8)
 *   0x048 KEY_INFO (4)         0x04c reserved (4)       0x050 REPORT_DATA (64)
 *   0x090 MEASUREMENT (48)     0x0c0 HOST_DATA (32)     0x0e0 ID_KEY_DIGEST (48)
 *   0x110 AUTHOR_KEY_DIGEST (48) 0x140 REPORT_ID (32)   0x160 REPORT_ID_MA (32)
 *   0x180 REPORTED_TCB (8)     0x188 CPUID_FAM_ID (1)   0x189 CPUID_MOD_ID (1)
 *   0x18a CPUID_STEP (1)       0x18b reserved (21)      0x1a0 CHIP_ID (64)
 *   0x1e0 COMMITTED_TCB (8)    0x1e8 CURRENT_BUILD (1)  0x1e9 CURRENT_MINOR (1)
 *   0x1ea CURRENT_MAJOR (1)    0x1eb reserved (1)       0x1ec COMMITTED_BUILD (1)
 *   0x1ed COMMITTED_MINOR (1)  0x1ee COMMITTED_MAJOR (1) 0x1ef reserved (1)
 *   0x1f0 LAUNCH_TCB (8)       0x1f8 reserved (168)     0x2a0 SIGNATURE (512)
 *   total 0x4a0 = 1184 bytes.
 * TCB_VERSION (Milan/Genoa): byte 0 BOOT_LOADER, 1 TEE, 2..5 reserved,
 * 6 SNP, 7 MICROCODE. Turin (family 1Ah, rev. 1.58): byte 0 FMC,
 * 1 BOOT_LOADER, 2 TEE, 3 SNP, 4..6 reserved, 7 MICROCODE.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "snp_report.h"

#define TCB_A	0xd315000000000004ULL	/* ucode d3, snp 15, tee 0, bl 4 */
#define TCB_L	0xd314000000000003ULL
#define TCB_R	0xd314000000000004ULL	/* REPORTED */
#define TCB_C	0xd313000000000004ULL	/* COMMITTED */

static uint64_t le(const uint8_t *p, unsigned int n)
{
	uint64_t v = 0;

	while (n--)
		v = (v << 8) | p[n];
	return v;
}

static void put(uint8_t *p, uint64_t v, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void test_offsets_match_spec(void **state)
{
	(void)state;
	assert_int_equal(SNP_REPORT_LEN, 1184);
	assert_int_equal(SNP_RPT_VERSION, 0x000);
	assert_int_equal(SNP_RPT_GUEST_SVN, 0x004);
	assert_int_equal(SNP_RPT_POLICY, 0x008);
	assert_int_equal(SNP_RPT_FAMILY_ID, 0x010);
	assert_int_equal(SNP_RPT_IMAGE_ID, 0x020);
	assert_int_equal(SNP_RPT_VMPL, 0x030);
	assert_int_equal(SNP_RPT_SIGNATURE_ALGO, 0x034);
	assert_int_equal(SNP_RPT_CURRENT_TCB, 0x038);
	assert_int_equal(SNP_RPT_PLATFORM_INFO, 0x040);
	assert_int_equal(SNP_RPT_KEY_INFO, 0x048);
	assert_int_equal(SNP_RPT_REPORT_DATA, 0x050);
	assert_int_equal(SNP_RPT_MEASUREMENT, 0x090);
	assert_int_equal(SNP_RPT_HOST_DATA, 0x0c0);
	assert_int_equal(SNP_RPT_ID_KEY_DIGEST, 0x0e0);
	assert_int_equal(SNP_RPT_AUTHOR_KEY_DIGEST, 0x110);
	assert_int_equal(SNP_RPT_REPORT_ID, 0x140);
	assert_int_equal(SNP_RPT_REPORT_ID_MA, 0x160);
	assert_int_equal(SNP_RPT_REPORTED_TCB, 0x180);
	assert_int_equal(SNP_RPT_CPUID_FAM_ID, 0x188);
	assert_int_equal(SNP_RPT_CPUID_MOD_ID, 0x189);
	assert_int_equal(SNP_RPT_CPUID_STEP, 0x18a);
	assert_int_equal(SNP_RPT_CHIP_ID, 0x1a0);
	assert_int_equal(SNP_RPT_COMMITTED_TCB, 0x1e0);
	assert_int_equal(SNP_RPT_CURRENT_BUILD, 0x1e8);
	assert_int_equal(SNP_RPT_CURRENT_MINOR, 0x1e9);
	assert_int_equal(SNP_RPT_CURRENT_MAJOR, 0x1ea);
	assert_int_equal(SNP_RPT_COMMITTED_BUILD, 0x1ec);
	assert_int_equal(SNP_RPT_COMMITTED_MINOR, 0x1ed);
	assert_int_equal(SNP_RPT_COMMITTED_MAJOR, 0x1ee);
	assert_int_equal(SNP_RPT_LAUNCH_TCB, 0x1f0);
	assert_int_equal(SNP_RPT_SIGNATURE, 0x2a0);
	assert_int_equal(SNP_RPT_SIGNATURE + SNP_SIGNATURE_LEN, SNP_REPORT_LEN);
}

/*
 * The whole report the sim must produce, built here from the table above
 * and the values documented in snp_report.h, byte for byte.
 */
static void expected_report(uint8_t *r, uint64_t cur, uint64_t rep,
			    uint64_t com, uint64_t launch,
			    uint32_t vmpl, const uint8_t *data, size_t len)
{
	memset(r, 0, 1184);
	put(r + 0x000, 3, 4);			/* VERSION */
	put(r + 0x008, 0x30000, 8);		/* POLICY: SMT, bit 17 */
	put(r + 0x030, vmpl, 4);
	put(r + 0x034, 1, 4);			/* ECDSA P-384 with SHA-384 */
	put(r + 0x038, cur, 8);
	put(r + 0x040, 1, 8);			/* PLATFORM_INFO: SMT_EN */
	memcpy(r + 0x050, data, len);
	for (int i = 0; i < 48; i++)
		r[0x090 + i] = (uint8_t)(0xa0 + i);
	put(r + 0x180, rep, 8);
	r[0x188] = 0x19;			/* Genoa: family 19h */
	r[0x189] = 0x11;			/* model 11h */
	r[0x18a] = 0x01;
	for (int i = 0; i < 64; i++)
		r[0x1a0 + i] = (uint8_t)(0x40 + i);
	put(r + 0x1e0, com, 8);
	r[0x1e8] = 21;				/* firmware 1.55 build 21 */
	r[0x1e9] = 55;
	r[0x1ea] = 1;
	r[0x1ec] = 21;
	r[0x1ed] = 55;
	r[0x1ee] = 1;
	put(r + 0x1f0, launch, 8);
}

static void test_build_whole_report(void **state)
{
	uint8_t got[SNP_REPORT_LEN], want[1184], data[32];
	struct snp_sim_report_params p = {
		.current_tcb = TCB_A, .launch_tcb = TCB_L, .vmpl = 2,
		.reported_tcb = TCB_R, .committed_tcb = TCB_C,
		.report_data = data, .report_data_len = sizeof(data),
	};

	(void)state;
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(0xf0 ^ i);
	memset(got, 0xcc, sizeof(got));	/* every byte must be written */
	assert_int_equal(snp_sim_build_report(got, sizeof(got), &p), 0);
	expected_report(want, TCB_A, TCB_R, TCB_C, TCB_L, 2, data,
			sizeof(data));
	for (size_t i = 0; i < sizeof(want); i++)
		if (got[i] != want[i])
			fail_msg("byte 0x%zx: got 0x%02x want 0x%02x", i,
				 got[i], want[i]);
}

static void test_build_fields_at_spec_offsets(void **state)
{
	uint8_t r[SNP_REPORT_LEN], data[64];
	struct snp_sim_report_params p = {
		.current_tcb = TCB_A, .launch_tcb = TCB_L, .vmpl = 0,
		.reported_tcb = TCB_R, .committed_tcb = TCB_C,
		.report_data = data, .report_data_len = sizeof(data),
	};

	(void)state;
	memset(data, 0x5c, sizeof(data));
	assert_int_equal(snp_sim_build_report(r, sizeof(r), &p), 0);
	assert_int_equal(le(r + 0x000, 4), 3);
	assert_int_equal(le(r + 0x034, 4), 1);
	assert_int_equal(le(r + 0x038, 8), TCB_A);
	assert_int_equal(le(r + 0x180, 8), TCB_R);
	assert_int_equal(le(r + 0x1e0, 8), TCB_C);
	assert_int_equal(le(r + 0x1f0, 8), TCB_L);
	/* CURRENT_TCB bytes: bl, tee, reserved x4, snp, ucode */
	assert_int_equal(r[0x038], 0x04);
	assert_int_equal(r[0x039], 0x00);
	assert_int_equal(r[0x03e], 0x15);
	assert_int_equal(r[0x03f], 0xd3);
	assert_memory_equal(r + 0x050, data, 64);
	assert_int_equal(r[0x188], 0x19);
	assert_int_equal(r[0x189], 0x11);
	for (int i = 0x2a0; i < 0x4a0; i++)
		assert_int_equal(r[i], 0);	/* zero signature */
}

static void test_build_pads_report_data(void **state)
{
	uint8_t r[SNP_REPORT_LEN], data[5] = { 1, 2, 3, 4, 5 };
	struct snp_sim_report_params p = {
		.current_tcb = TCB_A, .launch_tcb = TCB_A, .vmpl = 3,
		.report_data = data, .report_data_len = sizeof(data),
	};

	(void)state;
	memset(r, 0xee, sizeof(r));
	assert_int_equal(snp_sim_build_report(r, sizeof(r), &p), 0);
	assert_memory_equal(r + 0x050, data, 5);
	for (int i = 0x055; i < 0x090; i++)
		assert_int_equal(r[i], 0);
	assert_int_equal(le(r + 0x030, 4), 3);

	p.report_data = NULL;
	p.report_data_len = 0;
	assert_int_equal(snp_sim_build_report(r, sizeof(r), &p), 0);
	for (int i = 0x050; i < 0x090; i++)
		assert_int_equal(r[i], 0);
}

static void test_build_rejects(void **state)
{
	uint8_t r[SNP_REPORT_LEN + 1], data[65] = { 0 };
	struct snp_sim_report_params p = {
		.current_tcb = TCB_A, .launch_tcb = TCB_A,
		.report_data = data, .report_data_len = 64,
	};

	(void)state;
	memset(r, 0xab, sizeof(r));
	assert_int_equal(snp_sim_build_report(r, SNP_REPORT_LEN - 1, &p),
			 -EINVAL);
	assert_int_equal(r[0], 0xab);		/* nothing written */
	assert_int_equal(snp_sim_build_report(NULL, sizeof(r), &p), -EINVAL);
	assert_int_equal(snp_sim_build_report(r, sizeof(r), NULL), -EINVAL);
	p.report_data_len = 65;
	assert_int_equal(snp_sim_build_report(r, sizeof(r), &p), -EINVAL);
	p.report_data_len = 1;
	p.report_data = NULL;
	assert_int_equal(snp_sim_build_report(r, sizeof(r), &p), -EINVAL);
	p.report_data = data;
	p.vmpl = 4;
	assert_int_equal(snp_sim_build_report(r, sizeof(r), &p), -EINVAL);
	assert_int_equal(r[0], 0xab);
	/* a larger buffer is fine; the byte after the report is untouched */
	p.vmpl = 0;
	assert_int_equal(snp_sim_build_report(r, sizeof(r), &p), 0);
	assert_int_equal(r[SNP_REPORT_LEN], 0xab);
}

static void test_tcb_components(void **state)
{
	(void)state;
	assert_int_equal(SNP_TCB_BL(TCB_A), 4);
	assert_int_equal(SNP_TCB_TEE(TCB_A), 0);
	assert_int_equal(SNP_TCB_SNP(TCB_A), 0x15);
	assert_int_equal(SNP_TCB_UCODE(TCB_A), 0xd3);
}

static void test_tcb_parse_valid(void **state)
{
	uint64_t v = 0;
	const char *s = "snp:d315000000000004\n";

	(void)state;
	assert_int_equal(snp_tcb_parse(s, 20, &v), 0);
	assert_int_equal(v, TCB_A);
	v = 0;
	assert_int_equal(snp_tcb_parse(s, 21, &v), 0);
	assert_int_equal(v, TCB_A);
	assert_int_equal(snp_tcb_parse("snp:0123456789abcdef", 20, &v), 0);
	assert_int_equal(v, 0x0123456789abcdefULL);
	assert_int_equal(snp_tcb_parse("snp:ffffffffffffffff", 20, &v), 0);
	assert_int_equal(v, UINT64_MAX);
	assert_int_equal(snp_tcb_parse("snp:0000000000000000", 20, &v), 0);
	assert_int_equal(v, 0);
}

static void test_tcb_parse_invalid(void **state)
{
	static const char *const bad[] = {
		"", "snp:", "snp:d31500000000004", "snp:d3150000000000040",
		"snp:D315000000000004", "tdx:d315000000000004",
		"SNP:d315000000000004", "snpd315000000000004x",
		"snp:d31500000000000g", "snp:0xd31500000000004",
		"snp:d315000000000004 ", " snp:d315000000000004",
		"snp:d315000000000004\n\n", "snp:-315000000000004",
		"snp:d315000000000004\r",
	};
	uint64_t v = 42;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (snp_tcb_parse(bad[i], strlen(bad[i]), &v) != -EINVAL)
			fail_msg("accepted \"%s\"", bad[i]);
	}
	/* an embedded NUL, and a length shorter than the text */
	assert_int_equal(snp_tcb_parse("snp:d3150000\000" "0000004", 20, &v), -EINVAL);
	assert_int_equal(snp_tcb_parse("snp:d315000000000004", 19, &v), -EINVAL);
	assert_int_equal(snp_tcb_parse(NULL, 20, &v), -EINVAL);
	assert_int_equal(v, 42);		/* untouched on error */
}

static void test_wd_tcb_bytes(void **state)
{
	static const uint8_t be[8] = { 0xd3, 0x15, 0, 0, 0, 0, 0, 0x04 };
	struct tsm_wd_tcb t;
	uint64_t v = 0;

	(void)state;
	memset(&t, 0xff, sizeof(t));
	snp_wd_tcb_set(&t, TCB_A);
	assert_string_equal(t.scheme, "snp");
	assert_int_equal(t.len, 8);
	assert_memory_equal(t.bytes, be, 8);
	for (size_t i = 8; i < sizeof(t.bytes); i++)
		assert_int_equal(t.bytes[i], 0);
	assert_int_equal(snp_wd_tcb_get(&t, &v), 0);
	assert_int_equal(v, TCB_A);

	t.len = 7;
	assert_int_equal(snp_wd_tcb_get(&t, &v), -EINVAL);
	t.len = 8;
	memcpy(t.scheme, "tdx", 4);
	assert_int_equal(snp_wd_tcb_get(&t, &v), -EINVAL);
	memcpy(t.scheme, "snpx", 5);
	assert_int_equal(snp_wd_tcb_get(&t, &v), -EINVAL);
}

/* @t with the component at bit @shift set to @val */
static uint64_t with(uint64_t t, int shift, uint8_t val)
{
	return (t & ~(0xffULL << shift)) | ((uint64_t)val << shift);
}

static void test_compare(void **state)
{
	static const int shifts[] = { 0, 8, 48, 56 };	/* bl tee snp ucode */
	const uint64_t base = 0x5555000000005555ULL;

	(void)state;
	assert_int_equal(snp_tcb_compare(base, base), 0);
	for (size_t i = 0; i < 4; i++) {
		int s = shifts[i];

		assert_true(snp_tcb_compare(with(base, s, 0x54), base) < 0);
		assert_true(snp_tcb_compare(with(base, s, 0x00), base) < 0);
		assert_true(snp_tcb_compare(with(base, s, 0x56), base) > 0);
		assert_true(snp_tcb_compare(with(base, s, 0xff), base) > 0);
		assert_true(snp_tcb_compare(base, with(base, s, 0x56)) < 0);
	}
	/* one component newer, another older: still a rollback */
	assert_true(snp_tcb_compare(with(with(base, 56, 0x60), 0, 0x50),
				    base) < 0);
	/* numerically larger but SNP older */
	assert_true(snp_tcb_compare(0xd314ffffffffffffULL, TCB_A) < 0);
	/* reserved bits only: neither equal nor a rollback */
	assert_true(snp_tcb_compare(base | 0x0000ffff00000000ULL, base) > 0);
	assert_true(snp_tcb_compare(base, base | 0x0000ffff00000000ULL) > 0);
}

static void build(uint8_t *r, uint32_t version, uint8_t fam)
{
	struct snp_sim_report_params p = {
		.current_tcb = TCB_A, .reported_tcb = TCB_R,
		.committed_tcb = TCB_C, .launch_tcb = TCB_L,
	};

	assert_int_equal(snp_sim_build_report(r, SNP_REPORT_LEN, &p), 0);
	put(r + 0x000, version, 4);
	r[0x188] = fam;
}

static void test_decode(void **state)
{
	uint8_t r[SNP_REPORT_LEN];
	struct snp_report_tcb t;

	(void)state;
	build(r, 3, 0x19);
	memset(&t, 0xee, sizeof(t));
	assert_int_equal(snp_report_decode(r, sizeof(r), &t), 0);
	assert_int_equal(t.version, 3);
	assert_int_equal(t.current_tcb, TCB_A);
	assert_int_equal(t.reported_tcb, TCB_R);
	assert_int_equal(t.committed_tcb, TCB_C);
	assert_int_equal(t.launch_tcb, TCB_L);
	assert_int_equal(t.cpuid_fam_id, 0x19);
	assert_int_equal(t.cpuid_mod_id, 0x11);
	assert_int_equal(t.layout, SNP_TCB_LAYOUT_GENOA);

	/* each TCB field from its own offset, little-endian */
	put(r + 0x038, 0x0102030405060708ULL, 8);
	put(r + 0x180, 0x1112131415161718ULL, 8);
	put(r + 0x1e0, 0x2122232425262728ULL, 8);
	put(r + 0x1f0, 0x3132333435363738ULL, 8);
	assert_int_equal(snp_report_decode(r, sizeof(r), &t), 0);
	assert_int_equal(t.current_tcb, 0x0102030405060708ULL);
	assert_int_equal(t.reported_tcb, 0x1112131415161718ULL);
	assert_int_equal(t.committed_tcb, 0x2122232425262728ULL);
	assert_int_equal(t.launch_tcb, 0x3132333435363738ULL);
}

/* Turin is chosen from CPUID_FAM_ID, and only where the report has it */
static void test_decode_layout(void **state)
{
	uint8_t r[SNP_REPORT_LEN];
	struct snp_report_tcb t;

	(void)state;
	build(r, 3, 0x1a);
	assert_int_equal(snp_report_decode(r, sizeof(r), &t), 0);
	assert_int_equal(t.layout, SNP_TCB_LAYOUT_TURIN);
	build(r, 5, 0x1a);
	assert_int_equal(snp_report_decode(r, sizeof(r), &t), 0);
	assert_int_equal(t.layout, SNP_TCB_LAYOUT_TURIN);
	build(r, 5, 0x19);
	assert_int_equal(snp_report_decode(r, sizeof(r), &t), 0);
	assert_int_equal(t.layout, SNP_TCB_LAYOUT_GENOA);
	build(r, 3, 0x17);			/* family 17h (Rome) */
	assert_int_equal(snp_report_decode(r, sizeof(r), &t), 0);
	assert_int_equal(t.layout, SNP_TCB_LAYOUT_GENOA);
	/* version 2: bytes at 0x188 are reserved, not CPUID */
	build(r, 2, 0x1a);
	assert_int_equal(snp_report_decode(r, sizeof(r), &t), 0);
	assert_int_equal(t.layout, SNP_TCB_LAYOUT_GENOA);
	assert_int_equal(t.cpuid_fam_id, 0);
	assert_int_equal(t.current_tcb, TCB_A);
}

static void test_decode_rejects(void **state)
{
	static const uint32_t bad_versions[] = { 0, 1, 6, 0x100, 0xffffffff };
	uint8_t r[SNP_REPORT_LEN];
	struct snp_report_tcb t;

	(void)state;
	memset(&t, 0x77, sizeof(t));
	for (size_t i = 0; i < 5; i++) {
		build(r, bad_versions[i], 0x19);
		assert_int_equal(snp_report_decode(r, sizeof(r), &t), -EPROTO);
	}
	build(r, 3, 0x19);
	assert_int_equal(snp_report_decode(NULL, sizeof(r), &t), -EINVAL);
	assert_int_equal(snp_report_decode(r, sizeof(r), NULL), -EINVAL);
	assert_int_equal(t.version, 0x77777777);	/* untouched */
}

/* every length short of a whole report, in a heap buffer of that size */
static void test_decode_every_truncation(void **state)
{
	uint8_t full[SNP_REPORT_LEN];
	struct snp_report_tcb t;

	(void)state;
	build(full, 3, 0x1a);
	for (size_t len = 0; len < sizeof(full); len++) {
		uint8_t *r = test_malloc(len ? len : 1);

		memcpy(r, full, len);
		memset(&t, 0x77, sizeof(t));
		assert_int_equal(snp_report_decode(r, len, &t), -EINVAL);
		assert_int_equal(t.version, 0x77777777);
		test_free(r);
	}
	/* exactly the whole report, on the heap: no read past it */
	{
		uint8_t *r = test_malloc(sizeof(full));

		memcpy(r, full, sizeof(full));
		assert_int_equal(snp_report_decode(r, sizeof(full), &t), 0);
		assert_int_equal(t.launch_tcb, TCB_L);
		test_free(r);
	}
}

static void test_compare_turin(void **state)
{
	/* fmc bl tee snp ucode at bits 0, 8, 16, 24, 56 */
	static const int shifts[] = { 0, 8, 16, 24, 56 };
	const uint64_t base = 0x5500000055555555ULL;

	(void)state;
	assert_int_equal(SNP_TCB_TURIN_FMC(0xd300000018120401ULL), 0x01);
	assert_int_equal(SNP_TCB_TURIN_BL(0xd300000018120401ULL), 0x04);
	assert_int_equal(SNP_TCB_TURIN_TEE(0xd300000018120401ULL), 0x12);
	assert_int_equal(SNP_TCB_TURIN_SNP(0xd300000018120401ULL), 0x18);
	assert_int_equal(SNP_TCB_TURIN_UCODE(0xd300000018120401ULL), 0xd3);
	assert_int_equal(snp_tcb_compare_turin(base, base), 0);
	for (size_t i = 0; i < 5; i++) {
		int sh = shifts[i];

		assert_true(snp_tcb_compare_turin(with(base, sh, 0x54), base) < 0);
		assert_true(snp_tcb_compare_turin(with(base, sh, 0x56), base) > 0);
		assert_true(snp_tcb_compare_layout(with(base, sh, 0x54), base,
						   SNP_TCB_LAYOUT_TURIN) < 0);
	}
	/* reserved bits 55:32 only: never a rollback */
	assert_true(snp_tcb_compare_turin(base, base | 0x00ffffff00000000ULL) > 0);
	/*
	 * The layouts differ: Turin's SNP byte (bits 31:24) is reserved on
	 * Genoa, Genoa's SNP byte (bits 55:48) reserved on Turin.
	 */
	assert_true(snp_tcb_compare_turin(with(base, 24, 0x50), base) < 0);
	assert_true(snp_tcb_compare(with(base, 24, 0x50), base) > 0);
	assert_true(snp_tcb_compare(with(base, 48, 0x00) | 0x0055000000000000ULL,
				    base | 0x0056000000000000ULL) < 0);
	assert_true(snp_tcb_compare_turin(base | 0x0055000000000000ULL,
					  base | 0x0056000000000000ULL) > 0);
	assert_true(snp_tcb_compare_layout(with(base, 24, 0x50), base,
					   SNP_TCB_LAYOUT_GENOA) > 0);
}

static void test_wd_compare_layout(void **state)
{
	struct tsm_wd_tcb a, b;

	(void)state;
	snp_wd_tcb_set(&a, 0xd300000017120401ULL);	/* Turin snp 17 */
	snp_wd_tcb_set(&b, 0xd300000018120401ULL);	/* Turin snp 18 */
	assert_true(snp_wd_tcb_compare_layout(&a, &b, SNP_TCB_LAYOUT_TURIN) < 0);
	assert_true(snp_wd_tcb_compare_layout(&b, &a, SNP_TCB_LAYOUT_TURIN) > 0);
	/* on Genoa those bits are reserved: not a rollback */
	assert_true(snp_wd_tcb_compare_layout(&a, &b, SNP_TCB_LAYOUT_GENOA) > 0);
	assert_true(snp_wd_tcb_compare(&a, &b) > 0);
	a.len = 4;
	assert_int_equal(snp_wd_tcb_compare_layout(&a, &b, SNP_TCB_LAYOUT_TURIN),
			 1);
}

static void test_wd_compare(void **state)
{
	struct tsm_wd_tcb a, b;

	(void)state;
	snp_wd_tcb_set(&a, TCB_A);
	snp_wd_tcb_set(&b, TCB_A);
	assert_int_equal(snp_wd_tcb_compare(&a, &b), 0);
	snp_wd_tcb_set(&a, 0xd316000000000004ULL);
	assert_true(snp_wd_tcb_compare(&a, &b) > 0);
	assert_true(snp_wd_tcb_compare(&b, &a) < 0);
	snp_wd_tcb_set(&a, 0xd315000000000003ULL);	/* bl rollback */
	assert_true(snp_wd_tcb_compare(&a, &b) < 0);
	/* not comparable: never a rollback */
	a.len = 16;
	assert_int_equal(snp_wd_tcb_compare(&a, &b), 1);
	assert_int_equal(snp_wd_tcb_compare(&b, &a), 1);
	snp_wd_tcb_set(&a, 0);
	memcpy(a.scheme, "tdx", 4);
	assert_int_equal(snp_wd_tcb_compare(&a, &b), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_offsets_match_spec),
		cmocka_unit_test(test_build_whole_report),
		cmocka_unit_test(test_build_fields_at_spec_offsets),
		cmocka_unit_test(test_build_pads_report_data),
		cmocka_unit_test(test_build_rejects),
		cmocka_unit_test(test_tcb_components),
		cmocka_unit_test(test_tcb_parse_valid),
		cmocka_unit_test(test_tcb_parse_invalid),
		cmocka_unit_test(test_wd_tcb_bytes),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_wd_compare),
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_decode_layout),
		cmocka_unit_test(test_decode_rejects),
		cmocka_unit_test(test_decode_every_truncation),
		cmocka_unit_test(test_compare_turin),
		cmocka_unit_test(test_wd_compare_layout),
	};

	return cmocka_run_group_tests_name("snp_report", tests, NULL, NULL);
}
