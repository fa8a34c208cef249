// SPDX-License-Identifier: LGPL-2.1-or-later
/* libtsm: the one hex codec of the project's tools (lowercase out). */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "tsm-util.h"

static const char hex_digits[] = "0123456789abcdef";

int tsm_hex_encode(const void *buf, size_t len, char *out, size_t size)
{
	const uint8_t *b = buf;

	if (!out || (!buf && len))
		return -EINVAL;
	if (len > ((size_t)INT_MAX - 1) / 2)
		return -EOVERFLOW;
	if (size < 2 * len + 1) {
		if (size)
			out[0] = '\0';
		return -ENOSPC;
	}
	for (size_t i = 0; i < len; i++) {
		out[2 * i] = hex_digits[b[i] >> 4];
		out[2 * i + 1] = hex_digits[b[i] & 0xf];
	}
	out[2 * len] = '\0';
	return (int)(2 * len);
}

static int digit(char c, unsigned int flags)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (!(flags & TSM_HEX_LOWER) && c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int tsm_hex_decode(const char *hex, size_t hexlen, void *out, size_t size,
		   unsigned int flags)
{
	uint8_t *o = out;
	size_t n;

	if (!hex || (!out && hexlen) || (flags & ~TSM_HEX_LOWER) || hexlen % 2)
		return -EINVAL;
	n = hexlen / 2;
	if (n > INT_MAX)
		return -EOVERFLOW;
	if (n > size)
		return -ENOSPC;
	/* validate everything first: @out is untouched on error */
	for (size_t i = 0; i < hexlen; i++)
		if (digit(hex[i], flags) < 0)
			return -EINVAL;
	for (size_t i = 0; i < n; i++)
		o[i] = (uint8_t)(digit(hex[2 * i], flags) << 4 |
				 digit(hex[2 * i + 1], flags));
	return (int)n;
}

int tsm_hex_decode_str(const char *hex, void *out, size_t size,
		       unsigned int flags)
{
	if (!hex)
		return -EINVAL;
	return tsm_hex_decode(hex, strlen(hex), out, size, flags);
}

int tsm_hex_fputs(FILE *f, const void *buf, size_t len)
{
	const uint8_t *b = buf;
	char two[2];

	if (!f || (!buf && len))
		return -EINVAL;
	for (size_t i = 0; i < len; i++) {
		two[0] = hex_digits[b[i] >> 4];
		two[1] = hex_digits[b[i] & 0xf];
		if (fwrite(two, 1, 2, f) != 2)
			return -EIO;
	}
	return ferror(f) ? -EIO : 0;
}
