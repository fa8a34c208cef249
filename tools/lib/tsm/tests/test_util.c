// SPDX-License-Identifier: GPL-2.0-only
/* libtsm unit tests: the shared hex codec and JSON writer (tsm-util.h). */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../tsm-util.h"

/* ---- hex ------------------------------------------------------------- */

static void hex_encode_ok(void **state)
{
	static const uint8_t b[] = { 0x00, 0x01, 0x7f, 0x80, 0xab, 0xff };
	char out[13];

	(void)state;
	assert_int_equal(tsm_hex_encode(b, sizeof(b), out, sizeof(out)), 12);
	assert_string_equal(out, "00017f80abff");
	assert_int_equal(tsm_hex_encode(NULL, 0, out, 1), 0);
	assert_string_equal(out, "");
}

static void hex_encode_errors(void **state)
{
	static const uint8_t b[4] = { 1, 2, 3, 4 };
	char out[9];

	(void)state;
	memset(out, 'x', sizeof(out));
	/* exactly one byte short: no digits, empty string */
	assert_int_equal(tsm_hex_encode(b, 4, out, 8), -ENOSPC);
	assert_string_equal(out, "");
	assert_int_equal(tsm_hex_encode(b, 4, out, 0), -ENOSPC);
	assert_int_equal(tsm_hex_encode(NULL, 1, out, sizeof(out)), -EINVAL);
	assert_int_equal(tsm_hex_encode(b, 1, NULL, 3), -EINVAL);
	/* the length can not overflow 2 * len + 1 nor the int result */
	assert_int_equal(tsm_hex_encode(b, SIZE_MAX, out, sizeof(out)),
			 -EOVERFLOW);
	assert_int_equal(tsm_hex_encode(b, SIZE_MAX / 2 + 1, out, sizeof(out)),
			 -EOVERFLOW);
	assert_int_equal(tsm_hex_encode(b, (size_t)INT_MAX / 2 + 1, out,
					sizeof(out)), -EOVERFLOW);
	/* the largest that fits is only short of space */
	assert_int_equal(tsm_hex_encode(b, (size_t)INT_MAX / 2, out,
					sizeof(out)), -ENOSPC);
}

static void hex_decode_ok(void **state)
{
	uint8_t out[8];

	(void)state;
	assert_int_equal(tsm_hex_decode_str("00017f80abff", out, sizeof(out), 0), 6);
	assert_int_equal(out[0], 0x00);
	assert_int_equal(out[2], 0x7f);
	assert_int_equal(out[5], 0xff);
	assert_int_equal(tsm_hex_decode_str("ABcD", out, sizeof(out), 0), 2);
	assert_int_equal(out[0], 0xab);
	assert_int_equal(out[1], 0xcd);
	/* empty is zero bytes */
	assert_int_equal(tsm_hex_decode_str("", out, sizeof(out), 0), 0);
	assert_int_equal(tsm_hex_decode("", 0, NULL, 0, 0), 0);
	/* counted: only @hexlen characters are looked at */
	assert_int_equal(tsm_hex_decode("0102zz", 4, out, 2, 0), 2);
	assert_int_equal(out[1], 0x02);
	/* exactly fits */
	assert_int_equal(tsm_hex_decode_str("0102030405060708", out, 8, 0), 8);
}

static void hex_decode_errors(void **state)
{
	uint8_t out[4];
	static const char *const bad[] = {
		"0", "abc", "0g", "g0", " 00", "00 ", "0x00", "00\n", "-1",
		"0:", "/0", "@0", "`0", "G0", "00\xff", "0\x80",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(out, 0x5a, sizeof(out));
		assert_int_equal(tsm_hex_decode_str(bad[i], out, sizeof(out), 0),
				 -EINVAL);
		/* untouched on error */
		assert_int_equal(out[0], 0x5a);
	}
	/* a bad digit late in the string leaves @out untouched too */
	memset(out, 0x5a, sizeof(out));
	assert_int_equal(tsm_hex_decode_str("010203x4", out, sizeof(out), 0),
			 -EINVAL);
	assert_int_equal(out[0], 0x5a);
	/* uppercase refused with TSM_HEX_LOWER */
	assert_int_equal(tsm_hex_decode_str("aB", out, sizeof(out), TSM_HEX_LOWER),
			 -EINVAL);
	assert_int_equal(tsm_hex_decode_str("ab", out, sizeof(out), TSM_HEX_LOWER), 1);
	/* embedded NUL inside the counted length */
	assert_int_equal(tsm_hex_decode("0\0", 2, out, sizeof(out), 0), -EINVAL);
	/* too many bytes for @out */
	assert_int_equal(tsm_hex_decode_str("0102030405", out, 4, 0), -ENOSPC);
	assert_int_equal(tsm_hex_decode_str("01", out, 0, 0), -ENOSPC);
	/* a count that does not fit an int */
	assert_int_equal(tsm_hex_decode("00", (size_t)INT_MAX * 2 + 2, out,
					SIZE_MAX, 0), -EOVERFLOW);
	/* arguments */
	assert_int_equal(tsm_hex_decode(NULL, 0, out, 4, 0), -EINVAL);
	assert_int_equal(tsm_hex_decode("00", 2, NULL, 4, 0), -EINVAL);
	assert_int_equal(tsm_hex_decode("00", 2, out, 4, 0x80), -EINVAL);
	assert_int_equal(tsm_hex_decode_str(NULL, out, 4, 0), -EINVAL);
}

static void hex_fputs(void **state)
{
	static const uint8_t b[] = { 0xde, 0xad, 0x01 };
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	(void)state;
	assert_non_null(f);
	assert_int_equal(tsm_hex_fputs(f, b, sizeof(b)), 0);
	fclose(f);
	assert_string_equal(buf, "dead01");
	free(buf);
}

/* ---- JSON ------------------------------------------------------------ */

struct mem {
	char *buf;
	size_t len;
	FILE *f;
};

static struct tsm_json *mem_open(struct mem *m, unsigned int flags)
{
	struct tsm_json *j = NULL;

	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	assert_non_null(m->f);
	assert_int_equal(tsm_json_new(m->f, flags, &j), 0);
	assert_non_null(j);
	return j;
}

/* Finish @j, expect @ret, and compare the stream with @want. */
static void mem_check(struct mem *m, struct tsm_json *j, int ret,
		      const char *want)
{
	assert_int_equal(tsm_json_finish(j), ret);
	fclose(m->f);
	if (want)
		assert_string_equal(m->buf, want);
	free(m->buf);
}

/* One string member's escaped output. */
static void str_is(const char *in, size_t len, unsigned int flags,
		   const char *want)
{
	struct mem m;
	struct tsm_json *j = mem_open(&m, flags);
	char expect[512];

	tsm_json_begin_object(j, NULL);
	tsm_json_string_n(j, "s", in, len);
	tsm_json_end_object(j);
	snprintf(expect, sizeof(expect), "{\"s\":%s}\n", want);
	mem_check(&m, j, 0, expect);
}

#define STR_IS(lit, want) str_is((lit), sizeof(lit) - 1, 0, (want))

static void json_escape_ascii(void **state)
{
	(void)state;
	STR_IS("plain text 0-9", "\"plain text 0-9\"");
	STR_IS("q\"b\\s/", "\"q\\\"b\\\\s/\"");
	STR_IS("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"");
	STR_IS("\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"");
	STR_IS("a\0b", "\"a\\u0000b\"");
	STR_IS("", "\"\"");
}

static void json_escape_utf8(void **state)
{
	(void)state;
	/* valid UTF-8 is copied: 2, 3, 4-byte sequences */
	STR_IS("caf\xc3\xa9", "\"caf\xc3\xa9\"");
	STR_IS("\xe2\x82\xac", "\"\xe2\x82\xac\"");
	STR_IS("\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\"");
	STR_IS("\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\"");	/* U+10FFFF */
	/* invalid bytes each become U+FFFD */
	STR_IS("\xff", "\"\\ufffd\"");
	STR_IS("\x80", "\"\\ufffd\"");			/* stray continuation */
	STR_IS("\xc3", "\"\\ufffd\"");			/* truncated at the end */
	STR_IS("\xc3(", "\"\\ufffd(\"");		/* bad continuation */
	STR_IS("\xc0\xaf", "\"\\ufffd\\ufffd\"");	/* overlong '/' */
	STR_IS("\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\"");	/* overlong */
	STR_IS("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");	/* surrogate */
	STR_IS("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
	STR_IS("\xf8\x88\x80\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\"");
	STR_IS("a\xe2\x82", "\"a\\ufffd\\ufffd\"");	/* truncated 3-byte */
	/* ASCII mode: \u escapes, surrogate pairs above U+FFFF */
	str_is("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 14, TSM_JSON_ASCII,
	       "\"caf\\u00e9 \\u20ac \\ud83d\\ude00\"");
	str_is("\xff", 1, TSM_JSON_ASCII, "\"\\ufffd\"");
}

static void json_structure(void **state)
{
	static const uint8_t b[] = { 0x01, 0xab };
	struct mem m;
	struct tsm_json *j = mem_open(&m, 0);

	(void)state;
	assert_int_equal(tsm_json_begin_object(j, NULL), 0);
	assert_int_equal(tsm_json_string(j, "k\"ey", "v"), 0);
	assert_int_equal(tsm_json_uint(j, "u", UINT64_MAX), 0);
	assert_int_equal(tsm_json_int(j, "i", INT64_MIN), 0);
	assert_int_equal(tsm_json_bool(j, "t", true), 0);
	assert_int_equal(tsm_json_bool(j, "f", false), 0);
	assert_int_equal(tsm_json_null(j, "n"), 0);
	assert_int_equal(tsm_json_string(j, "ns", NULL), 0);
	assert_int_equal(tsm_json_hex(j, "h", b, sizeof(b)), 0);
	assert_int_equal(tsm_json_hex(j, "e", NULL, 0), 0);
	assert_int_equal(tsm_json_begin_array(j, "a"), 0);
	assert_int_equal(tsm_json_uint(j, NULL, 1), 0);
	assert_int_equal(tsm_json_begin_object(j, NULL), 0);
	assert_int_equal(tsm_json_end_object(j), 0);
	assert_int_equal(tsm_json_begin_array(j, NULL), 0);
	assert_int_equal(tsm_json_end_array(j), 0);
	assert_int_equal(tsm_json_end_array(j), 0);
	assert_int_equal(tsm_json_end_object(j), 0);
	mem_check(&m, j, 0,
		  "{\"k\\\"ey\":\"v\",\"u\":18446744073709551615,"
		  "\"i\":-9223372036854775808,\"t\":true,\"f\":false,"
		  "\"n\":null,\"ns\":null,\"h\":\"01ab\",\"e\":\"\","
		  "\"a\":[1,{},[]]}\n");
}

static void json_pretty(void **state)
{
	struct mem m;
	struct tsm_json *j = mem_open(&m, TSM_JSON_PRETTY);

	(void)state;
	tsm_json_begin_object(j, NULL);
	tsm_json_string(j, "a", "x");
	tsm_json_begin_object(j, "o");
	tsm_json_uint(j, "n", 2);
	tsm_json_end_object(j);
	tsm_json_begin_array(j, "e");
	tsm_json_end_array(j);
	tsm_json_end_object(j);
	mem_check(&m, j, 0,
		  "{\n  \"a\": \"x\",\n  \"o\": {\n    \"n\": 2\n  },\n"
		  "  \"e\": []\n}\n");
}

static void json_misuse(void **state)
{
	struct mem m;
	struct tsm_json *j;

	(void)state;
	/* a member without a key inside an object: sticky -EINVAL */
	j = mem_open(&m, 0);
	tsm_json_begin_object(j, NULL);
	assert_int_equal(tsm_json_uint(j, NULL, 1), -EINVAL);
	assert_int_equal(tsm_json_string(j, "k", "v"), -EINVAL);
	assert_int_equal(tsm_json_end_object(j), -EINVAL);
	mem_check(&m, j, -EINVAL, NULL);
	/* a key inside an array */
	j = mem_open(&m, 0);
	tsm_json_begin_array(j, NULL);
	assert_int_equal(tsm_json_uint(j, "k", 1), -EINVAL);
	mem_check(&m, j, -EINVAL, NULL);
	/* a key at the top level */
	j = mem_open(&m, 0);
	assert_int_equal(tsm_json_begin_object(j, "k"), -EINVAL);
	mem_check(&m, j, -EINVAL, NULL);
	/* mismatched close */
	j = mem_open(&m, 0);
	tsm_json_begin_object(j, NULL);
	assert_int_equal(tsm_json_end_array(j), -EINVAL);
	mem_check(&m, j, -EINVAL, NULL);
	/* close with nothing open */
	j = mem_open(&m, 0);
	assert_int_equal(tsm_json_end_object(j), -EINVAL);
	mem_check(&m, j, -EINVAL, NULL);
	/* unclosed at finish */
	j = mem_open(&m, 0);
	tsm_json_begin_object(j, NULL);
	mem_check(&m, j, -EINVAL, NULL);
	/* nothing written */
	j = mem_open(&m, 0);
	mem_check(&m, j, -EINVAL, "");
	/* a second top-level value */
	j = mem_open(&m, 0);
	tsm_json_begin_object(j, NULL);
	tsm_json_end_object(j);
	assert_int_equal(tsm_json_uint(j, NULL, 1), -EINVAL);
	mem_check(&m, j, -EINVAL, NULL);
	/* NULL data with a length */
	j = mem_open(&m, 0);
	tsm_json_begin_object(j, NULL);
	assert_int_equal(tsm_json_hex(j, "h", NULL, 1), -EINVAL);
	mem_check(&m, j, -EINVAL, NULL);
	/* too deep */
	j = mem_open(&m, 0);
	for (int i = 0; i < 32; i++)
		assert_int_equal(tsm_json_begin_array(j, NULL), 0);
	assert_int_equal(tsm_json_begin_array(j, NULL), -E2BIG);
	mem_check(&m, j, -E2BIG, NULL);
	/* arguments */
	assert_int_equal(tsm_json_new(NULL, 0, &j), -EINVAL);
	assert_int_equal(tsm_json_new(stdout, 0, NULL), -EINVAL);
	assert_int_equal(tsm_json_new(stdout, 0x100, &j), -EINVAL);
	assert_null(j);
	assert_int_equal(tsm_json_finish(NULL), -EINVAL);
	assert_int_equal(tsm_json_uint(NULL, NULL, 1), -EINVAL);
	assert_int_equal(tsm_json_end_object(NULL), -EINVAL);
}

static void json_stream_error(void **state)
{
	FILE *f = fopen("/dev/full", "w");
	struct tsm_json *j = NULL;

	(void)state;
	if (!f)
		skip();
	setvbuf(f, NULL, _IONBF, 0);
	assert_int_equal(tsm_json_new(f, 0, &j), 0);
	assert_int_equal(tsm_json_begin_object(j, NULL), -EIO);
	assert_int_equal(tsm_json_string(j, "k", "v"), -EIO);
	assert_int_equal(tsm_json_finish(j), -EIO);
	/* buffered: the error shows at finish (fflush) */
	f = freopen("/dev/full", "w", f);
	assert_non_null(f);
	setvbuf(f, NULL, _IOFBF, 4096);
	assert_int_equal(tsm_json_new(f, 0, &j), 0);
	assert_int_equal(tsm_json_begin_object(j, NULL), 0);
	assert_int_equal(tsm_json_end_object(j), 0);
	assert_int_equal(tsm_json_finish(j), -EIO);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hex_encode_ok),
		cmocka_unit_test(hex_encode_errors),
		cmocka_unit_test(hex_decode_ok),
		cmocka_unit_test(hex_decode_errors),
		cmocka_unit_test(hex_fputs),
		cmocka_unit_test(json_escape_ascii),
		cmocka_unit_test(json_escape_utf8),
		cmocka_unit_test(json_structure),
		cmocka_unit_test(json_pretty),
		cmocka_unit_test(json_misuse),
		cmocka_unit_test(json_stream_error),
	};

	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
