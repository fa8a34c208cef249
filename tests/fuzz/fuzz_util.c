// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the shared hex codec and JSON string escaping
 * (tsm-util.h). Any input bytes must escape to a JSON string that is
 * valid UTF-8 with no raw control character; hex decode and encode must
 * round-trip.
 */
#include <stdio.h>

#include "fuzz_common.h"
#include "tsm-util.h"

/* 1 when @s (@n bytes) is a quoted string as tsm-util.h promises. */
static int json_string_ok(const unsigned char *s, size_t n)
{
	if (n < 2 || s[0] != '"' || s[n - 1] != '"')
		return 0;
	for (size_t i = 1; i < n - 1; i++) {
		unsigned char c = s[i];
		size_t k;

		if (c < 0x20 || c == 0x7f)
			return 0;
		if (c == '"')
			return 0;	/* an unescaped quote */
		if (c == '\\') {
			if (++i >= n - 1)
				return 0;
			if (s[i] == 'u') {
				for (k = 1; k <= 4; k++)
					if (i + k >= n - 1 ||
					    !strchr("0123456789abcdef", s[i + k]))
						return 0;
				i += 4;
			} else if (!strchr("\"\\bfnrt", s[i])) {
				return 0;
			}
			continue;
		}
		if (c < 0x80)
			continue;
		/* a multi-byte sequence: lead byte and continuations */
		k = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 ? 1 : 0;
		if (!k || c > 0xf4)
			return 0;
		for (size_t m = 1; m <= k; m++)
			if (i + m >= n - 1 || (s[i + m] & 0xc0) != 0x80)
				return 0;
		i += k;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t bytes[256];
	char hex[2 * sizeof(bytes) + 1];
	char *out = NULL;
	size_t len = 0;
	FILE *f;
	int n;

	for (unsigned int flags = 0; flags <= TSM_JSON_ASCII; flags += TSM_JSON_ASCII) {
		f = open_memstream(&out, &len);
		CHECK(f);
		CHECK(tsm_json_escape(f, (const char *)data, size, flags) == 0);
		CHECK(fclose(f) == 0);
		CHECK(json_string_ok((const unsigned char *)out, len));
		if (flags & TSM_JSON_ASCII)
			for (size_t i = 0; i < len; i++)
				CHECK((unsigned char)out[i] < 0x80);
		free(out);
		out = NULL;
	}
	n = tsm_hex_decode((const char *)data, size, bytes, sizeof(bytes), 0);
	if (n >= 0) {
		CHECK((size_t)n * 2 == size);
		CHECK(tsm_hex_encode(bytes, (size_t)n, hex, sizeof(hex)) == 2 * n);
		for (int i = 0; i < 2 * n; i++)
			CHECK(hex[i] == data[i] ||
			      (data[i] >= 'A' && data[i] <= 'F' &&
			       hex[i] == data[i] - 'A' + 'a'));
	} else {
		CHECK(n == -EINVAL || n == -ENOSPC);
	}
	return 0;
}
