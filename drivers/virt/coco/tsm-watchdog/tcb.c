// SPDX-License-Identifier: GPL-2.0-only
/*
 * TCB values: the "<scheme>:<hex>" text form of the userspace ABI (the
 * parser itself is the pure tcb_text.h, shared with the host tests).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/string.h>

#include "tcb_text.h"
#include "tsm_wd.h"

/**
 * tsm_wd_scheme_valid() - is @scheme a valid scheme name
 * @scheme: NUL-terminated string
 *
 * Return: true for [a-z0-9]{1,15}.
 */
bool tsm_wd_scheme_valid(const char *scheme)
{
	return tsm_wd_scheme_text_valid(scheme);
}

/**
 * tsm_wd_tcb_format() - write the text form of a TCB
 * @tcb: the value
 * @buf: destination
 * @size: size of @buf; TSM_WD_TCB_TEXT_MAX always suffices
 *
 * Return: characters written, NUL excluded.
 */
int tsm_wd_tcb_format(const struct tsm_wd_tcb *tcb, char *buf, size_t size)
{
	return scnprintf(buf, size, "%s:%*phN", tcb->scheme, tcb->len,
			 tcb->bytes);
}

/**
 * tsm_wd_tcb_equal() - compare two TCB values
 * @a: one value
 * @b: the other
 *
 * Return: true when scheme and bytes are equal.
 */
bool tsm_wd_tcb_equal(const struct tsm_wd_tcb *a, const struct tsm_wd_tcb *b)
{
	return a->len == b->len && !strcmp(a->scheme, b->scheme) &&
	       !memcmp(a->bytes, b->bytes, a->len);
}

/**
 * tsm_wd_name_index() - look a keyword up in a name table
 * @names: table of @n names
 * @n: entries in @names
 * @s: keyword
 *
 * Return: the index, or -EINVAL when @s is not in the table.
 */
int tsm_wd_name_index(const char *const *names, int n, const char *s)
{
	int i = match_string(names, n, s);

	return i < 0 ? -EINVAL : i;
}
