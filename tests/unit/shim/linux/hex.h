/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: hex2bin() as the kernel's lib/hexdump.c documents it. */
#ifndef _TSM_WD_SHIM_LINUX_HEX_H
#define _TSM_WD_SHIM_LINUX_HEX_H

#include <errno.h>
#include <linux/types.h>

static inline int shim_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* @count bytes from 2 * @count hex digits; -EINVAL on a non-hex digit */
static inline int hex2bin(u8 *dst, const char *src, size_t count)
{
	while (count--) {
		int hi = shim_hex_digit(*src++);
		int lo;

		if (hi < 0)
			return -EINVAL;
		lo = shim_hex_digit(*src++);
		if (lo < 0)
			return -EINVAL;
		*dst++ = (u8)(hi << 4 | lo);
	}
	return 0;
}

#endif
