// SPDX-License-Identifier: GPL-2.0-only
/* libtsm unit tests: TCB text form, comparison, components; errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../tsm.h"

static void parse_valid(void **state)
{
	struct tsm_tcb t;
	char buf[TSM_TCB_TEXT_MAX];
	static const char *const ok[] = {
		"snp:d315000000000004",
		"tdx:03010200000000000000000000000000" "0b0b0202ff0103000000000000000000",
		"sim:00",
		"abcdefghijklmno:ff",		/* 15-char scheme */
		"x1:0123456789abcdef0123",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(tsm_tcb_parse(ok[i], &t), 0);
		assert_int_equal(tsm_tcb_format(&t, buf, sizeof(buf)),
				 (int)strlen(ok[i]));
		assert_string_equal(buf, ok[i]);
	}
	assert_int_equal(tsm_tcb_parse("snp:d315000000000004", &t), 0);
	assert_string_equal(t.scheme, "snp");
	assert_int_equal(t.len, 8);
	assert_int_equal(t.bytes[0], 0xd3);
	assert_int_equal(t.bytes[1], 0x15);
	assert_int_equal(t.bytes[7], 0x04);
	/* one trailing newline, sysfs style */
	assert_int_equal(tsm_tcb_parse("snp:d315000000000004\n", &t), 0);
	assert_int_equal(t.bytes[7], 0x04);
	/* 64 bytes, the maximum */
	char max[4 + 128 + 1] = "abc:";
	memset(max + 4, 'a', 128);
	max[132] = '\0';
	assert_int_equal(tsm_tcb_parse(max, &t), 0);
	assert_int_equal(t.len, 64);
	assert_int_equal(tsm_tcb_parse_n("snp:d315000000000004XYZ", 20, &t), 0);
}

static void parse_invalid(void **state)
{
	struct tsm_tcb t;
	static const char *const bad[] = {
		"", ":", "snp", "snp:", ":00", "SNP:00", "snp:D315000000000004",
		"snp:d31500000000000", "snp:d3150000000000040",
		"snp:d31500000000000400", "snp:00000000000000", "tdx:0301",
		/* the old 32-digit tdx form (TEE_TCB_SVN only) is refused */
		"tdx:03010200000000000000000000000000",
		"tdx:03010200000000000000000000000000" "0b0b0202ff01030000000000000000",
		"tdx:03010200000000000000000000000000" "0b0b0202ff010300000000000000000000",
		"snp :d315000000000004", "snp: d315000000000004",
		"snp:d315000000000004 ", "snp:d315000000000004\n\n",
		"snp:d315000000000004\r\n", "abcdefghijklmnop:00", "a-b:00",
		"a:0g", "a:00:00", " snp:d315000000000004", "snp:0x15000000000004",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&t, 0x5a, sizeof(t));
		assert_int_equal(tsm_tcb_parse(bad[i], &t), -EINVAL);
	}
	char big[4 + 130 + 1] = "abc:";
	memset(big + 4, '0', 130);
	big[134] = '\0';
	assert_int_equal(tsm_tcb_parse(big, &t), -EINVAL);
	assert_int_equal(tsm_tcb_parse(NULL, &t), -EINVAL);
	assert_int_equal(tsm_tcb_parse("snp:d315000000000004", NULL), -EINVAL);
	/* embedded NUL inside the counted length */
	char nul[21];

	memcpy(nul, "snp:d315000000000004", 21);
	nul[10] = '\0';
	assert_int_equal(tsm_tcb_parse_n(nul, 20, &t), -EINVAL);
}

static void format_errors(void **state)
{
	struct tsm_tcb t;
	char buf[TSM_TCB_TEXT_MAX];

	(void)state;
	tsm_tcb_from_snp(0xd315000000000004ull, &t);
	assert_int_equal(tsm_tcb_format(&t, buf, 20), -ENOSPC);
	assert_int_equal(tsm_tcb_format(&t, buf, 21), 20);
	assert_string_equal(buf, "snp:d315000000000004");
	t.len = 0;
	assert_int_equal(tsm_tcb_format(&t, buf, sizeof(buf)), -EINVAL);
	t.len = 65;
	assert_int_equal(tsm_tcb_format(&t, buf, sizeof(buf)), -EINVAL);
	tsm_tcb_from_snp(1, &t);
	t.scheme[0] = 'A';
	assert_int_equal(tsm_tcb_format(&t, buf, sizeof(buf)), -EINVAL);
	t.scheme[0] = '\0';
	assert_int_equal(tsm_tcb_format(&t, buf, sizeof(buf)), -EINVAL);
	assert_int_equal(tsm_tcb_format(NULL, buf, sizeof(buf)), -EINVAL);
}

static void snp_conversions(void **state)
{
	struct tsm_tcb t;
	uint64_t v;
	uint8_t svn[16] = { 1, 2, 3 }, cpusvn[16] = { 9, 8, 7 };

	(void)state;
	tsm_tcb_from_snp(0x0102030405060708ull, &t);
	assert_int_equal(tsm_tcb_to_snp(&t, &v), 0);
	assert_true(v == 0x0102030405060708ull);
	assert_int_equal(t.bytes[0], 1);
	assert_int_equal(t.bytes[7], 8);
	tsm_tcb_from_tdx(svn, cpusvn, &t);
	assert_int_equal(tsm_tcb_to_snp(&t, &v), -EINVAL);
	assert_string_equal(t.scheme, "tdx");
	assert_int_equal(t.len, 32);
	assert_memory_equal(t.bytes, svn, 16);
	assert_memory_equal(t.bytes + 16, cpusvn, 16);
}

static void compare(void **state)
{
	struct tsm_tcb a, b, c;
	enum tsm_tcb_order o;

	(void)state;
	assert_int_equal(tsm_tcb_parse("snp:d315000000000004", &a), 0);
	assert_int_equal(tsm_tcb_parse("snp:d316000000000004", &b), 0);
	assert_int_equal(tsm_tcb_compare(&a, &b, &o), 0);
	assert_int_equal(o, TSM_TCB_OLDER);
	assert_int_equal(tsm_tcb_compare(&b, &a, &o), 0);
	assert_int_equal(o, TSM_TCB_NEWER);
	assert_int_equal(tsm_tcb_compare(&a, &a, &o), 0);
	assert_int_equal(o, TSM_TCB_EQUAL);
	/* ucode up, bl down: not an upgrade, a rollback of bl */
	assert_int_equal(tsm_tcb_parse("snp:d415000000000003", &c), 0);
	assert_int_equal(tsm_tcb_compare(&c, &a, &o), 0);
	assert_int_equal(o, TSM_TCB_INCOMPARABLE);
	assert_int_equal(tsm_tcb_is_rollback(&c, &a), 1);
	assert_int_equal(tsm_tcb_is_rollback(&a, &b), 1);
	assert_int_equal(tsm_tcb_is_rollback(&b, &a), 0);
	assert_int_equal(tsm_tcb_is_rollback(&a, &a), 0);
	/* numerically larger but component-wise older (snp 0x15 -> 0x14) */
	assert_int_equal(tsm_tcb_parse("snp:ff14000000000004", &c), 0);
	assert_int_equal(tsm_tcb_is_rollback(&c, &a), 1);
	/* different schemes / lengths */
	assert_int_equal(tsm_tcb_parse("tdx:03010200000000000000000000000000"
				       "0b0b0202ff0103000000000000000000",
				       &c), 0);
	assert_int_equal(tsm_tcb_compare(&a, &c, &o), -EINVAL);
	assert_int_equal(tsm_tcb_is_rollback(&a, &c), -EINVAL);
	assert_int_equal(tsm_tcb_parse("snp:d315000000000004", &b), 0);
	assert_true(tsm_tcb_equal(&a, &b));
	assert_false(tsm_tcb_equal(&a, &c));
	assert_int_equal(tsm_tcb_compare(NULL, &b, &o), -EINVAL);
	assert_int_equal(tsm_tcb_compare(&a, &b, NULL), -EINVAL);
	/* tdx byte-wise */
	assert_int_equal(tsm_tcb_parse("tdx:04010200000000000000000000000000"
				       "0b0b0202ff0103000000000000000000",
				       &b), 0);
	assert_int_equal(tsm_tcb_is_rollback(&c, &b), 1);
	assert_int_equal(tsm_tcb_is_rollback(&b, &c), 0);
	/* a new TDX module major SVN restarts the minor SVN: an upgrade */
	assert_int_equal(tsm_tcb_parse("tdx:00020200000000000000000000000000"
				       "0b0b0202ff0103000000000000000000",
				       &b), 0);
	assert_int_equal(tsm_tcb_compare(&b, &c, &o), 0);
	assert_int_equal(o, TSM_TCB_NEWER);
	assert_int_equal(tsm_tcb_is_rollback(&b, &c), 0);
	assert_int_equal(tsm_tcb_compare(&c, &b, &o), 0);
	assert_int_equal(o, TSM_TCB_OLDER);
	assert_int_equal(tsm_tcb_is_rollback(&c, &b), 1);
	/* ... but the SEAM loader SVN still counts */
	assert_int_equal(tsm_tcb_parse("tdx:00020100000000000000000000000000"
				       "0b0b0202ff0103000000000000000000",
				       &b), 0);
	assert_int_equal(tsm_tcb_compare(&b, &c, &o), 0);
	assert_int_equal(o, TSM_TCB_INCOMPARABLE);
	assert_int_equal(tsm_tcb_is_rollback(&b, &c), 1);
	/* CPUSVN (microcode) components: each byte on its own */
	assert_int_equal(tsm_tcb_parse("tdx:03010200000000000000000000000000"
				       "0b0c0202ff0103000000000000000000", &b), 0);
	assert_int_equal(tsm_tcb_compare(&b, &c, &o), 0);
	assert_int_equal(o, TSM_TCB_NEWER);
	assert_int_equal(tsm_tcb_is_rollback(&c, &b), 1);
	assert_int_equal(tsm_tcb_parse("tdx:03010200000000000000000000000000"
				       "0b0c0202fe0103000000000000000000", &b), 0);
	assert_int_equal(tsm_tcb_compare(&b, &c, &o), 0);
	assert_int_equal(o, TSM_TCB_INCOMPARABLE);
	/* the minor-SVN rule stays in the module half: a new major with a
	 * lower CPUSVN byte is still a rollback of that byte */
	assert_int_equal(tsm_tcb_parse("tdx:00020200000000000000000000000000"
				       "0b0b0202ff0003000000000000000000", &b), 0);
	assert_int_equal(tsm_tcb_compare(&b, &c, &o), 0);
	assert_int_equal(o, TSM_TCB_INCOMPARABLE);
	/* the same bytes under another scheme are compared byte by byte */
	assert_int_equal(tsm_tcb_parse("abc:00020200000000000000000000000000",
				       &b), 0);
	assert_int_equal(tsm_tcb_parse("abc:03010200000000000000000000000000",
				       &c), 0);
	assert_int_equal(tsm_tcb_compare(&b, &c, &o), 0);
	assert_int_equal(o, TSM_TCB_INCOMPARABLE);
}

static void components(void **state)
{
	struct tsm_tcb t;
	char buf[TSM_COMPONENTS_MAX];

	(void)state;
	tsm_tcb_from_snp(0xd315000000000004ull, &t);
	assert_int_equal(tsm_tcb_components(&t, TSM_SNP_LAYOUT_MILAN_GENOA,
					    buf, sizeof(buf)), 27);
	assert_string_equal(buf, "bl=4 tee=0 snp=21 ucode=211");
	tsm_tcb_from_snp(0x4800000015000401ull, &t);
	assert_true(tsm_tcb_components(&t, TSM_SNP_LAYOUT_TURIN, buf,
				       sizeof(buf)) > 0);
	assert_string_equal(buf, "fmc=1 bl=4 tee=0 snp=21 ucode=72");
	/* reserved bytes shown when non-zero */
	tsm_tcb_from_snp(0xd315000000090004ull, &t);
	assert_true(tsm_tcb_components(&t, TSM_SNP_LAYOUT_MILAN_GENOA, buf,
				       sizeof(buf)) > 0);
	assert_string_equal(buf, "bl=4 tee=0 rsvd2=9 snp=21 ucode=211");
	assert_int_equal(tsm_tcb_parse("tdx:030102000000000000000000000000ff"
				       "0b0b0202ff0103000000000000000000", &t), 0);
	assert_true(tsm_tcb_components(&t, TSM_SNP_LAYOUT_MILAN_GENOA, buf,
				       sizeof(buf)) > 0);
	assert_string_equal(buf,
			    "module_minor=3 module_major=1 seamldr=2 svn15=255 "
			    "cpusvn=0b0b0202ff0103000000000000000000");
	/* no room for the CPUSVN part */
	assert_int_equal(tsm_tcb_components(&t, 0, buf, 60), -ENOSPC);
	assert_int_equal(tsm_tcb_parse("sim:abcd", &t), 0);
	assert_int_equal(tsm_tcb_components(&t, 0, buf, sizeof(buf)), 8);
	assert_string_equal(buf, "sim:abcd");
	tsm_tcb_from_snp(0xd315000000000004ull, &t);
	assert_int_equal(tsm_tcb_components(&t, 0, buf, 10), -ENOSPC);
	assert_int_equal(tsm_tcb_components(&t, 0, buf, 0), -EINVAL);
}

static void strerror_texts(void **state)
{
	(void)state;
	assert_string_equal(tsm_strerror(TSM_E_TRUNCATED), "evidence truncated");
	assert_string_equal(tsm_strerror(-TSM_E_VERSION),
			    "unsupported evidence version or type");
	assert_non_null(strstr(tsm_strerror(TSM_E_RACE), "racing"));
	assert_string_equal(tsm_strerror(-ENOENT), strerror(ENOENT));
	assert_string_equal(tsm_strerror(0), "success");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_valid),
		cmocka_unit_test(parse_invalid),
		cmocka_unit_test(format_errors),
		cmocka_unit_test(snp_conversions),
		cmocka_unit_test(compare),
		cmocka_unit_test(components),
		cmocka_unit_test(strerror_texts),
	};

	return cmocka_run_group_tests_name("tcb", tests, NULL, NULL);
}
