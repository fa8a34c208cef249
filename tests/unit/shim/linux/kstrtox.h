/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host shim: kstrtouint() with the kernel's documented rules for base 10:
 * an optional '+', at least one digit, an optional trailing newline and
 * nothing else; -ERANGE on overflow, -EINVAL otherwise.
 */
#ifndef _TSM_WD_SHIM_LINUX_KSTRTOX_H
#define _TSM_WD_SHIM_LINUX_KSTRTOX_H

#include <errno.h>
#include <limits.h>

static inline int kstrtouint(const char *s, unsigned int base,
			     unsigned int *res)
{
	unsigned long long v = 0;
	const char *d;

	if (base != 10)
		return -EINVAL;	/* the only base the driver uses */
	if (*s == '+')
		s++;
	for (d = s; *d >= '0' && *d <= '9'; d++) {
		v = v * 10 + (unsigned int)(*d - '0');
		if (v > UINT_MAX)
			return -ERANGE;
	}
	if (d == s)
		return -EINVAL;
	if (*d == '\n')
		d++;
	if (*d)
		return -EINVAL;
	*res = (unsigned int)v;
	return 0;
}

#endif
