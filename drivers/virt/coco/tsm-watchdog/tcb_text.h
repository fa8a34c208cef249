/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Parsing the "<scheme>:<hex>" text form of a TCB value (tcb.c formats it).
 *
 * Pure functions on strings, no kernel-only calls: tests/unit builds this
 * header on the host (unit tests, the command parser's fuzz target) with a
 * small shim for <linux/...> headers.
 */
#ifndef _TSM_WD_TCB_TEXT_H
#define _TSM_WD_TCB_TEXT_H

#include <linux/errno.h>
#include <linux/hex.h>
#include <linux/string.h>
#include <linux/tsm-watchdog.h>
#include <linux/types.h>

/*
 * [a-z0-9] by value: the kernel's islower() also takes Latin-1 letters,
 * which the text form does not allow.
 */
static inline bool tsm_wd_scheme_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/**
 * tsm_wd_scheme_text_valid() - is @scheme a valid scheme name
 * @scheme: NUL-terminated string
 *
 * Return: true for [a-z0-9]{1,15}.
 */
static inline bool tsm_wd_scheme_text_valid(const char *scheme)
{
	size_t i, len = strnlen(scheme, TSM_WD_SCHEME_MAX + 1);

	if (!len || len > TSM_WD_SCHEME_MAX)
		return false;
	for (i = 0; i < len; i++)
		if (!tsm_wd_scheme_char(scheme[i]))
			return false;
	return true;
}

/**
 * tsm_wd_tcb_text_parse() - parse the text form of a TCB
 * @s: NUL-terminated "<scheme>:<hex>", hex of 1..TSM_WD_TCB_MAX bytes,
 *	either case
 * @tcb: result; untouched on error
 *
 * Return: 0, or -EINVAL for anything malformed.
 */
static inline int tsm_wd_tcb_text_parse(const char *s, struct tsm_wd_tcb *tcb)
{
	struct tsm_wd_tcb t = {};
	const char *colon = strchr(s, ':');
	size_t slen, hlen;

	if (!colon)
		return -EINVAL;
	slen = colon - s;
	hlen = strlen(colon + 1);
	if (!slen || slen > TSM_WD_SCHEME_MAX)
		return -EINVAL;
	if (!hlen || hlen % 2 || hlen > 2 * TSM_WD_TCB_MAX)
		return -EINVAL;
	memcpy(t.scheme, s, slen);
	if (!tsm_wd_scheme_text_valid(t.scheme))
		return -EINVAL;
	if (hex2bin(t.bytes, colon + 1, hlen / 2))
		return -EINVAL;
	t.len = hlen / 2;
	*tcb = t;
	return 0;
}

#endif /* _TSM_WD_TCB_TEXT_H */
