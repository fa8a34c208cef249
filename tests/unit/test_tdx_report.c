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

/* a plausible TDX 1.5 TDREPORT; every other byte is noise */
static void make_report(uint8_t *r)
{
	for (int i = 0; i < 1024; i++)
		r[i] = (uint8_t)(i * 7 + 1);
	r[0] = 0x81;			/* REPORTTYPE.TYPE: TDX */
	r[1] = 0;			/* SUBTYPE */
	r[2] = 1;			/* VERSION */
	r[3] = 0;
	/* VALID: fields up to TEE_TCB_SVN2 */
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
}

static void test_decode_ignores_other_fields(void **state)
{
	uint8_t r[1024];
	struct tdx_report_tcb a, b;

	(void)state;
	make_report(r);
	assert_int_equal(tdx_report_decode(r, sizeof(r), &a), 0);
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
	uint8_t newer[16];

	(void)state;
	memset(&a, 0xff, sizeof(a));
	tdx_wd_tcb_set(&a, svn);
	assert_string_equal(a.scheme, "tdx");
	assert_int_equal(a.len, 16);
	assert_memory_equal(a.bytes, svn, 16);
	for (size_t i = 16; i < sizeof(a.bytes); i++)
		assert_int_equal(a.bytes[i], 0);

	tdx_wd_tcb_set(&b, svn);
	assert_int_equal(tdx_wd_tcb_compare(&a, &b), 0);
	memcpy(newer, svn, 16);
	newer[2]++;
	tdx_wd_tcb_set(&a, newer);
	assert_true(tdx_wd_tcb_compare(&a, &b) > 0);
	assert_true(tdx_wd_tcb_compare(&b, &a) < 0);

	/* not comparable: never a rollback */
	a.len = 8;
	assert_int_equal(tdx_wd_tcb_compare(&b, &a), 1);
	tdx_wd_tcb_set(&a, svn);
	memcpy(a.scheme, "snp", 4);
	assert_int_equal(tdx_wd_tcb_compare(&a, &b), 1);
	assert_int_equal(tdx_wd_tcb_compare(&b, &a), 1);
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
	};

	return cmocka_run_group_tests_name("tdx_report", tests, NULL, NULL);
}
