// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host tests of drivers/virt/coco/tsm-watchdog/tdx_report.h: TDREPORT
 * decoding and the "tdx" compare().
 *
 * The reports are built here from Intel's published definitions, offsets
 * written out independently of the header (Intel TDX Module ABI
 * specification: TDREPORT_STRUCT, REPORTMACSTRUCT, TEE_TCB_INFO; the same
 * layout as Intel's pytdxmeasure and the kernel's TDX_REPORT_LEN = 1024):
 *   TDREPORT_STRUCT, 1024 bytes:
 *     0x000 REPORTMACSTRUCT (256): 0x00 REPORTTYPE {TYPE 0x81 = TDX,
 *           SUBTYPE 0, VERSION, reserved}, 0x10 CPUSVN (16),
 *           0x20 TEE_TCB_INFO_HASH (48), 0x50 TEE_INFO_HASH (48),
 *           0x80 REPORTDATA (64), 0xc0 reserved (32), 0xe0 MAC (32)
 *     0x100 TEE_TCB_INFO (239): +0x00 VALID (8), +0x08 TEE_TCB_SVN (16),
 *           +0x18 MRSEAM (48), +0x48 MRSIGNERSEAM (48),
 *           +0x78 ATTRIBUTES (8), +0x80 TEE_TCB_SVN2 (16, TDX 1.5),
 *           +0x90 reserved (95)
 *     0x1ef reserved (17)
 *     0x200 TDINFO_STRUCT (512)
 *   TEE_TCB_INFO.VALID: bit i set when the field at offset 8 * i is valid
 *   (Intel TDX module source, include/tdx_api_defs.h, tee_tcb_info_t):
 *   TEE_TCB_SVN bit 1, MRSEAM bit 3, TEE_TCB_SVN2 (offset 0x80) bit 16.
 *   TDX quote v5 (Intel DCAP sgx_quote_5.h): 48-byte header (VERSION 5,
 *   ATT_KEY_TYPE 2, TEE_TYPE 0x81, QE_VENDOR_ID at 12), body descriptor
 *   at 48 (TYPE 2 = TDX 1.0, 584 bytes; 3 = TDX 1.5, 648 bytes), body at
 *   54: TEE_TCB_SVN +0, MRSEAM +16, XFAM +128, MRTD +136, REPORTDATA +520,
 *   TEE_TCB_SVN2 +584; then SIGNATURE_DATA_LEN (4), ECDSA signature (64),
 *   attestation key (64), certification data TYPE 6 (2), SIZE (4), QE
 *   report (384, CPUSVN first).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tdx_report.h"

#define TCBI 0x100

static const uint8_t svn[16] = {
	0x03, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
};

static const uint8_t svn2[16] = {
	0x03, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
};

static const uint8_t cpusvn[16] = {
	0x05, 0x05, 0x02, 0x02, 0x00, 0xff, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09,
};

/* a plausible TDX 1.5 TDREPORT; every other byte is noise */
static void make_report(uint8_t *r)
{
	for (int i = 0; i < 1024; i++)
		r[i] = (uint8_t)(i * 7 + 1);
	r[0] = 0x81;			/* REPORTTYPE.TYPE: TDX */
	r[1] = 0;			/* SUBTYPE */
	r[2] = 1;			/* VERSION */
	r[3] = 0;
	memcpy(r + 0x10, cpusvn, 16);	/* REPORTMACSTRUCT.CPUSVN */
	/* VALID: every 8-byte chunk up to TEE_TCB_SVN2 (bits 0..17) */
	for (int i = 0; i < 8; i++)
		r[TCBI + i] = (uint8_t)(0x0003ffffULL >> (8 * i));
	memcpy(r + TCBI + 0x08, svn, 16);
	for (int i = 0; i < 48; i++)
		r[TCBI + 0x18 + i] = (uint8_t)(0x30 + i);	/* MRSEAM */
	memcpy(r + TCBI + 0x80, svn2, 16);
}

static void test_offsets_match_spec(void **state)
{
	(void)state;
	assert_int_equal(TDX_TDREPORT_LEN, 1024);
	assert_int_equal(TDX_RPT_REPORTTYPE_TYPE, 0);
	assert_int_equal(TDX_RPT_REPORTTYPE_SUBTYPE, 1);
	assert_int_equal(TDX_RPT_REPORTTYPE_VERSION, 2);
	assert_int_equal(TDX_RPT_CPUSVN, 0x10);
	assert_int_equal(TDX_RPT_REPORTDATA, 0x80);
	assert_int_equal(TDX_RPT_TEE_TCB_INFO, 0x100);
	assert_int_equal(TDX_RPT_TEE_TCB_INFO_LEN, 239);
	assert_int_equal(TDX_RPT_TDINFO, 0x200);
	assert_int_equal(TDX_TCBI_VALID, 0);
	assert_int_equal(TDX_TCBI_TEE_TCB_SVN, 8);
	assert_int_equal(TDX_TCBI_MRSEAM, 24);
	assert_int_equal(TDX_TCBI_MRSIGNERSEAM, 72);
	assert_int_equal(TDX_TCBI_ATTRIBUTES, 120);
	assert_int_equal(TDX_TCBI_TEE_TCB_SVN2, 128);
	assert_int_equal(TDX_REPORTTYPE_TDX, 0x81);
	/* VALID bit i: the field at offset 8 * i */
	assert_int_equal(TDX_VALID_TEE_TCB_SVN, 1ULL << 1);
	assert_int_equal(TDX_VALID_MRSEAM, 1ULL << 3);
	assert_int_equal(TDX_VALID_MRSIGNERSEAM, 1ULL << 9);
	assert_int_equal(TDX_VALID_ATTRIBUTES, 1ULL << 15);
	assert_int_equal(TDX_VALID_TEE_TCB_SVN2, 1ULL << 16);
	assert_int_equal(TDX_TCB_BYTES, 32);
}

static void test_decode(void **state)
{
	uint8_t r[1024], mrseam[48];
	struct tdx_report_tcb t;

	(void)state;
	make_report(r);
	memset(&t, 0xee, sizeof(t));
	assert_int_equal(tdx_report_decode(r, sizeof(r), &t), 0);
	assert_memory_equal(t.tee_tcb_svn, svn, 16);
	assert_memory_equal(t.tee_tcb_svn2, svn2, 16);
	for (int i = 0; i < 48; i++)
		mrseam[i] = (uint8_t)(0x30 + i);
	assert_memory_equal(t.mrseam, mrseam, 48);
	assert_int_equal(t.version, 1);
	assert_int_equal(t.valid, 0x0003ffffULL);
	assert_true(t.svn2_valid);
	assert_memory_equal(t.cpusvn, cpusvn, 16);
	assert_ptr_equal(tdx_report_running_svn(&t), t.tee_tcb_svn2);
}

/*
 * which SVN runs: VALID bit 16 decides, whatever other bits say; bit 1
 * (TEE_TCB_SVN) must be set. Every value of libtsm's test_tdx.c
 * tdreport_valid_bits is here too, with the same verdict, so that both
 * read a TDREPORT alike (fuzz_tdreport compares them on random input).
 */
static void test_decode_valid_bits(void **state)
{
	static const uint64_t with2[] = {
		(1ULL << 16) | 2, 0x0003ffffULL, (1ULL << 16) | 0x820a, ~0ULL,
		0x101ff, 0x301fb,
	};
	static const uint64_t without2[] = {
		2, 0x820a, 0x0000ffffULL, (1ULL << 17) | 2, ~(1ULL << 16),
		0x1ff, 0x1fb, 0x201ff,
	};
	static const uint64_t refused[] = {
		0, 1ULL << 16, 0x301f9, 0x301fd, ~2ULL,
	};
	struct tdx_report_tcb t;
	uint8_t r[1024];

	(void)state;
	make_report(r);
	for (size_t i = 0; i < sizeof(with2) / sizeof(with2[0]); i++) {
		for (int b = 0; b < 8; b++)
			r[TCBI + b] = (uint8_t)(with2[i] >> (8 * b));
		assert_int_equal(tdx_report_decode(r, sizeof(r), &t), 0);
		assert_true(t.svn2_valid);
		assert_memory_equal(tdx_report_running_svn(&t), svn2, 16);
	}
	for (size_t i = 0; i < sizeof(without2) / sizeof(without2[0]); i++) {
		for (int b = 0; b < 8; b++)
			r[TCBI + b] = (uint8_t)(without2[i] >> (8 * b));
		assert_int_equal(tdx_report_decode(r, sizeof(r), &t), 0);
		assert_false(t.svn2_valid);
		assert_memory_equal(tdx_report_running_svn(&t), svn, 16);
		/* TEE_TCB_SVN2 is still reported as found */
		assert_memory_equal(t.tee_tcb_svn2, svn2, 16);
	}
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		for (int b = 0; b < 8; b++)
			r[TCBI + b] = (uint8_t)(refused[i] >> (8 * b));
		memset(&t, 0xee, sizeof(t));
		assert_int_equal(tdx_report_decode(r, sizeof(r), &t), -EPROTO);
		assert_int_equal(t.version, 0xee);	/* untouched */
	}
}

/* the TCB value: running SVN then CPUSVN; launch: TEE_TCB_SVN then CPUSVN */
static void test_wd_tcb_from_report(void **state)
{
	struct tsm_wd_tcb cur, launch;
	struct tdx_report_tcb t;
	uint8_t r[1024];

	(void)state;
	make_report(r);
	assert_int_equal(tdx_report_decode(r, sizeof(r), &t), 0);
	tdx_wd_tcb_from_report(&t, &cur, &launch);
	assert_string_equal(cur.scheme, "tdx");
	assert_int_equal(cur.len, 32);
	assert_memory_equal(cur.bytes, svn2, 16);
	assert_memory_equal(cur.bytes + 16, cpusvn, 16);
	assert_int_equal(launch.len, 32);
	assert_memory_equal(launch.bytes, svn, 16);
	assert_memory_equal(launch.bytes + 16, cpusvn, 16);
	tdx_wd_tcb_from_report(&t, &cur, NULL);	/* launch optional */
	/* TDX 1.0 module: both are TEE_TCB_SVN */
	memset(r + TCBI, 0, 8);
	r[TCBI] = 0x0a;		/* bits 1 and 3 */
	assert_int_equal(tdx_report_decode(r, sizeof(r), &t), 0);
	tdx_wd_tcb_from_report(&t, &cur, &launch);
	assert_memory_equal(cur.bytes, svn, 16);
	assert_memory_equal(cur.bytes + 16, cpusvn, 16);
	assert_memory_equal(&cur, &launch, sizeof(cur));
}

/* every length short of a whole TDREPORT, in a heap buffer of that size */
static void test_decode_every_truncation(void **state)
{
	uint8_t full[1024];
	struct tdx_report_tcb t;

	(void)state;
	make_report(full);
	for (size_t len = 0; len < sizeof(full); len++) {
		uint8_t *r = test_malloc(len ? len : 1);

		memcpy(r, full, len);
		memset(&t, 0x77, sizeof(t));
		assert_int_equal(tdx_report_decode(r, len, &t), -EINVAL);
		assert_int_equal(t.tee_tcb_svn[0], 0x77);
		assert_int_equal(t.cpusvn[0], 0x77);
		test_free(r);
	}
}

static void test_decode_ignores_other_fields(void **state)
{
	uint8_t r[1024];
	struct tdx_report_tcb a, b;

	(void)state;
	make_report(r);
	assert_int_equal(tdx_report_decode(r, sizeof(r), &a), 0);
	/* CPUSVN is REPORTMACSTRUCT + 0x10 exactly */
	r[0x0f] ^= 0xff;
	r[0x20] ^= 0xff;
	assert_int_equal(tdx_report_decode(r, sizeof(r), &b), 0);
	assert_memory_equal(b.cpusvn, cpusvn, 16);
	r[0x0f] ^= 0xff;
	r[0x20] ^= 0xff;
	/* REPORTDATA, MAC, TDINFO and reserved bytes do not matter */
	memset(r + 0x80, 0, 64);
	memset(r + 0xe0, 0, 32);
	memset(r + 0x1ef, 0xff, 17);
	memset(r + 0x200, 0x5a, 512);
	assert_int_equal(tdx_report_decode(r, sizeof(r), &b), 0);
	assert_memory_equal(a.tee_tcb_svn, b.tee_tcb_svn, 16);
	/* the SVN does: a byte changed at TEE_TCB_INFO + 8 + 15 */
	r[TCBI + 8 + 15] = 0x09;
	assert_int_equal(tdx_report_decode(r, sizeof(r), &b), 0);
	assert_int_equal(b.tee_tcb_svn[15], 0x09);
	assert_memory_equal(a.tee_tcb_svn, b.tee_tcb_svn, 15);
}

static void test_decode_rejects(void **state)
{
	uint8_t r[1024];
	struct tdx_report_tcb t;

	(void)state;
	make_report(r);
	memset(&t, 0x77, sizeof(t));
	assert_int_equal(tdx_report_decode(r, 1023, &t), -EINVAL);
	assert_int_equal(tdx_report_decode(r, 0, &t), -EINVAL);
	assert_int_equal(tdx_report_decode(NULL, 1024, &t), -EINVAL);
	assert_int_equal(tdx_report_decode(r, sizeof(r), NULL), -EINVAL);
	r[0] = 0x00;				/* SGX */
	assert_int_equal(tdx_report_decode(r, sizeof(r), &t), -EPROTO);
	r[0] = 0x81;
	r[1] = 1;				/* unknown SUBTYPE */
	assert_int_equal(tdx_report_decode(r, sizeof(r), &t), -EPROTO);
	assert_int_equal(t.tee_tcb_svn[0], 0x77);	/* untouched */
}

static void test_decode_exact_heap_buffer(void **state)
{
	/* a 1024-byte heap buffer: ASan catches any read past its end */
	uint8_t *r = test_malloc(1024);
	struct tdx_report_tcb t;

	(void)state;
	make_report(r);
	assert_int_equal(tdx_report_decode(r, 1024, &t), 0);
	assert_memory_equal(t.tee_tcb_svn, svn, 16);
	test_free(r);
}

static void test_compare(void **state)
{
	uint8_t a[16], b[16];

	(void)state;
	memset(b, 0x10, sizeof(b));
	memcpy(a, b, sizeof(a));
	assert_int_equal(tdx_tcb_svn_compare(a, b), 0);
	for (int i = 0; i < 16; i++) {
		memcpy(a, b, sizeof(a));
		a[i] = 0x0f;
		assert_true(tdx_tcb_svn_compare(a, b) < 0);
		assert_true(tdx_tcb_svn_compare(b, a) > 0);
		a[i] = 0x11;
		assert_true(tdx_tcb_svn_compare(a, b) > 0);
		assert_true(tdx_tcb_svn_compare(b, a) < 0);
	}
	/* newer in the first byte, older in the last: a rollback */
	memcpy(a, b, sizeof(a));
	a[0] = 0xff;
	a[15] = 0x00;
	assert_true(tdx_tcb_svn_compare(a, b) < 0);
}

/* TEE_TCB_SVN byte 0: TDX module minor SVN, 1: major SVN, 2: SEAM loader */
static void test_compare_module_major(void **state)
{
	uint8_t old[16] = { 5, 1, 3 }, upd[16] = { 0, 2, 3 };

	(void)state;
	/* a major update restarts the minor SVN: newer, not a rollback */
	assert_true(tdx_tcb_svn_compare(upd, old) > 0);
	assert_true(tdx_tcb_svn_compare(old, upd) < 0);
	/* but the other components still count */
	upd[2] = 2;
	assert_true(tdx_tcb_svn_compare(upd, old) < 0);
	upd[2] = 3;
	upd[9] = 1;
	assert_true(tdx_tcb_svn_compare(upd, old) > 0);
	/* same major: the minor SVN is compared */
	upd[1] = 1;
	assert_true(tdx_tcb_svn_compare(upd, old) < 0);
}

static void test_wd_tcb(void **state)
{
	struct tsm_wd_tcb a, b;
	uint8_t newer[16], cpu[16];

	(void)state;
	memset(&a, 0xff, sizeof(a));
	tdx_wd_tcb_set(&a, svn, cpusvn);
	assert_string_equal(a.scheme, "tdx");
	assert_int_equal(a.len, 32);
	assert_memory_equal(a.bytes, svn, 16);
	assert_memory_equal(a.bytes + 16, cpusvn, 16);
	for (size_t i = 32; i < sizeof(a.bytes); i++)
		assert_int_equal(a.bytes[i], 0);

	tdx_wd_tcb_set(&b, svn, cpusvn);
	assert_int_equal(tdx_wd_tcb_compare(&a, &b), 0);
	memcpy(newer, svn, 16);
	newer[2]++;
	tdx_wd_tcb_set(&a, newer, cpusvn);
	assert_true(tdx_wd_tcb_compare(&a, &b) > 0);
	assert_true(tdx_wd_tcb_compare(&b, &a) < 0);

	/* not comparable: never a rollback */
	a.len = 16;
	assert_int_equal(tdx_wd_tcb_compare(&b, &a), 1);
	tdx_wd_tcb_set(&a, svn, cpusvn);
	memcpy(a.scheme, "snp", 4);
	assert_int_equal(tdx_wd_tcb_compare(&a, &b), 1);
	assert_int_equal(tdx_wd_tcb_compare(&b, &a), 1);

	/* every CPUSVN byte is a component of its own */
	for (int i = 0; i < 16; i++) {
		if (cpusvn[i] == 0xff)
			continue;
		memcpy(cpu, cpusvn, 16);
		cpu[i] = (uint8_t)(cpusvn[i] + 1);
		tdx_wd_tcb_set(&a, svn, cpu);
		assert_true(tdx_wd_tcb_compare(&a, &b) > 0);
		assert_true(tdx_wd_tcb_compare(&b, &a) < 0);
	}
	/* module newer, CPUSVN older: a rollback */
	memcpy(cpu, cpusvn, 16);
	cpu[0]--;
	tdx_wd_tcb_set(&a, newer, cpu);
	assert_true(tdx_wd_tcb_compare(&a, &b) < 0);
	/* numerically larger as one number, older in one byte */
	memcpy(cpu, cpusvn, 16);
	cpu[0]++;
	cpu[15]--;
	tdx_wd_tcb_set(&a, svn, cpu);
	assert_true(tdx_wd_tcb_compare(&a, &b) < 0);
}

static void test_tcb_parse(void **state)
{
	static const char good[] = "tdx:0b010400000000000000000000000000"
				   "0505020200ff00000000000000000000";
	uint8_t s[16], c[16];
	char bad[80];

	(void)state;
	assert_int_equal(tdx_tcb_parse(good, 68, s, c), 0);
	assert_int_equal(s[0], 0x0b);
	assert_int_equal(s[1], 0x01);
	assert_int_equal(s[2], 0x04);
	assert_int_equal(c[0], 0x05);
	assert_int_equal(c[5], 0xff);
	memcpy(bad, good, 68);
	bad[68] = '\n';
	assert_int_equal(tdx_tcb_parse(bad, 69, s, c), 0);
	assert_int_equal(tdx_tcb_parse(good, 67, s, c), -EINVAL);
	assert_int_equal(tdx_tcb_parse(good, 36, s, c), -EINVAL);
	assert_int_equal(tdx_tcb_parse(NULL, 68, s, c), -EINVAL);
	memcpy(bad, good, 68);
	bad[10] = 'A';
	assert_int_equal(tdx_tcb_parse(bad, 68, s, c), -EINVAL);
	memcpy(bad, good, 68);
	bad[0] = 's';
	assert_int_equal(tdx_tcb_parse(bad, 68, s, c), -EINVAL);
	bad[68] = '0';
	memcpy(bad, good, 68);
	bad[68] = ' ';
	assert_int_equal(tdx_tcb_parse(bad, 69, s, c), -EINVAL);
	memset(s, 0x42, sizeof(s));
	assert_int_equal(tdx_tcb_parse("tdx:zz", 6, s, c), -EINVAL);
	assert_int_equal(s[0], 0x42);	/* untouched */
	assert_int_equal(tdx_hex_parse("0a0B", 4, s, 2), -EINVAL);
	assert_int_equal(tdx_hex_parse("0a0b\n", 5, s, 2), 0);
	assert_int_equal(s[1], 0x0b);
}

static struct tdx_sim_params sim_params(bool valid2, const uint8_t *data,
					size_t len)
{
	struct tdx_sim_params p = {
		.svn2_valid = valid2,
		.report_data = data,
		.report_data_len = len,
	};

	memcpy(p.tee_tcb_svn, svn, 16);
	memcpy(p.tee_tcb_svn2, svn2, 16);
	memcpy(p.cpusvn, cpusvn, 16);
	return p;
}

/* the simulator's TDREPORT, read back by the real source's decoder */
static void test_sim_tdreport(void **state)
{
	uint8_t r[1025], data[64];
	struct tdx_sim_params p;
	struct tdx_report_tcb t;

	(void)state;
	for (int i = 0; i < 64; i++)
		data[i] = (uint8_t)(0xc0 ^ i);
	p = sim_params(true, data, sizeof(data));
	memset(r, 0xcc, sizeof(r));
	assert_int_equal(tdx_sim_build_tdreport(r, sizeof(r), &p), 0);
	assert_int_equal(r[1024], 0xcc);	/* nothing past the report */
	assert_int_equal(r[0], 0x81);
	assert_memory_equal(r + 0x10, cpusvn, 16);
	assert_memory_equal(r + 0x80, data, 64);
	/* VALID: every chunk of VALID, TEE_TCB_SVN, MRSEAM, TEE_TCB_SVN2 */
	assert_int_equal(r[TCBI], 0xff);
	assert_int_equal(r[TCBI + 1], 0x01);
	assert_int_equal(r[TCBI + 2], 0x03);
	assert_memory_equal(r + TCBI + 8, svn, 16);
	assert_memory_equal(r + TCBI + 0x80, svn2, 16);
	assert_int_equal(tdx_report_decode(r, 1024, &t), 0);
	assert_true(t.svn2_valid);
	assert_memory_equal(tdx_report_running_svn(&t), svn2, 16);
	assert_memory_equal(t.cpusvn, cpusvn, 16);
	assert_int_equal(t.mrseam[0], 0x30);

	/* TDX 1.0 module: TEE_TCB_SVN2 not valid, and zero */
	p = sim_params(false, NULL, 0);
	assert_int_equal(tdx_sim_build_tdreport(r, 1024, &p), 0);
	assert_int_equal(r[TCBI], 0xff);
	assert_int_equal(r[TCBI + 1], 0x01);
	assert_int_equal(r[TCBI + 2], 0x00);
	for (int i = 0; i < 16; i++)
		assert_int_equal(r[TCBI + 0x80 + i], 0);
	for (int i = 0; i < 64; i++)
		assert_int_equal(r[0x80 + i], 0);
	assert_int_equal(tdx_report_decode(r, 1024, &t), 0);
	assert_false(t.svn2_valid);
	assert_memory_equal(tdx_report_running_svn(&t), svn, 16);

	/* bad input: nothing written */
	memset(r, 0xab, sizeof(r));
	assert_int_equal(tdx_sim_build_tdreport(r, 1023, &p), -EINVAL);
	assert_int_equal(tdx_sim_build_tdreport(NULL, 1024, &p), -EINVAL);
	assert_int_equal(tdx_sim_build_tdreport(r, 1024, NULL), -EINVAL);
	p.report_data_len = 65;
	p.report_data = data;
	assert_int_equal(tdx_sim_build_tdreport(r, 1024, &p), -EINVAL);
	p.report_data = NULL;
	p.report_data_len = 1;
	assert_int_equal(tdx_sim_build_tdreport(r, 1024, &p), -EINVAL);
	assert_int_equal(r[0], 0xab);
}

static uint64_t le(const uint8_t *p, unsigned int n)
{
	uint64_t v = 0;

	while (n--)
		v = (v << 8) | p[n];
	return v;
}

/* the quote, at the offsets written out in the header comment above */
static void check_quote(const uint8_t *q, size_t len, bool v15,
			const uint8_t *data)
{
	static const uint8_t vendor[16] = {
		0x93, 0x9a, 0x72, 0x33, 0xf7, 0x9c, 0x4c, 0xa9,
		0x94, 0x0a, 0x0d, 0xb3, 0x95, 0x7f, 0x06, 0x07,
	};
	size_t body_len = v15 ? 648 : 584;
	const uint8_t *sig, *qe;
	uint32_t siglen;

	assert_int_equal(le(q + 0, 2), 5);
	assert_int_equal(le(q + 2, 2), 2);
	assert_int_equal(le(q + 4, 4), 0x81);
	assert_memory_equal(q + 12, vendor, 16);
	assert_int_equal(le(q + 48, 2), v15 ? 3 : 2);
	assert_int_equal(le(q + 50, 4), body_len);
	assert_memory_equal(q + 54, svn, 16);
	assert_int_equal(q[54 + 16], 0x30);		/* MRSEAM */
	assert_int_equal(le(q + 54 + 128, 8), 0xe7);	/* XFAM */
	assert_int_equal(q[54 + 136], 0x60);		/* MRTD */
	assert_memory_equal(q + 54 + 520, data, 64);
	if (v15)
		assert_memory_equal(q + 54 + 584, svn2, 16);
	sig = q + 54 + body_len;
	siglen = (uint32_t)le(sig, 4);
	assert_int_equal(54 + body_len + 4 + siglen, len);
	sig += 4 + 64 + 64;
	assert_int_equal(le(sig, 2), 6);			/* QE report */
	assert_int_equal(le(sig + 2, 4), siglen - 64 - 64 - 6);
	qe = sig + 6;
	assert_memory_equal(qe, cpusvn, 16);		/* QE report CPUSVN */
	qe += 384 + 64;
	assert_int_equal(le(qe, 2), 32);		/* QE auth data */
	qe += 2 + 32;
	assert_int_equal(le(qe, 2), 5);			/* PCK chain */
	assert_int_equal(le(qe + 2, 4), 0);
	assert_ptr_equal(qe + 6, q + len);
}

static void test_sim_quote(void **state)
{
	struct tdx_sim_params p;
	uint8_t data[64], *q;
	size_t len;

	(void)state;
	for (int i = 0; i < 64; i++)
		data[i] = (uint8_t)i;
	for (int v15 = 0; v15 <= 1; v15++) {
		p = sim_params(v15, data, sizeof(data));
		len = tdx_sim_quote_len(v15);
		q = test_malloc(len);
		memset(q, 0xcc, len);
		assert_int_equal(tdx_sim_build_quote(q, len, &p), (long)len);
		check_quote(q, len, v15, data);
		/* one byte short: refused, nothing written */
		memset(q, 0xab, len);
		assert_int_equal(tdx_sim_build_quote(q, len - 1, &p), -EINVAL);
		assert_int_equal(q[0], 0xab);
		test_free(q);
	}
	assert_int_equal(tdx_sim_quote_len(true), 54 + 648 + 4 + 64 + 64 + 6 +
			 384 + 64 + 2 + 32 + 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_offsets_match_spec),
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_decode_ignores_other_fields),
		cmocka_unit_test(test_decode_rejects),
		cmocka_unit_test(test_decode_exact_heap_buffer),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_compare_module_major),
		cmocka_unit_test(test_wd_tcb),
		cmocka_unit_test(test_decode_valid_bits),
		cmocka_unit_test(test_wd_tcb_from_report),
		cmocka_unit_test(test_decode_every_truncation),
		cmocka_unit_test(test_tcb_parse),
		cmocka_unit_test(test_sim_tdreport),
		cmocka_unit_test(test_sim_quote),
	};

	return cmocka_run_group_tests_name("tdx_report", tests, NULL, NULL);
}
