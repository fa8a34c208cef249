// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel's TDREPORT decoder (drivers/.../tdx_report.h) for the
 * differential check in fuzz_tdreport.c, built with tests/unit's shim of
 * <linux/types.h> and <linux/string.h>, so no libc header here.
 */
#include "tdx_report.h"

int kernel_tdx_tcb(const u8 *data, size_t size, char *text, size_t len);

/* The kernel's verdict on @data: 0 and its TCB text, or its errno. */
int kernel_tdx_tcb(const u8 *data, size_t size, char *text, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	struct tdx_report_tcb t;
	struct tsm_wd_tcb cur;
	int ret;

	if (size != TDX_TDREPORT_LEN)
		return -EINVAL;	/* the source reads exactly 1024 bytes */
	ret = tdx_report_decode(data, size, &t);
	if (ret)
		return ret;
	tdx_wd_tcb_from_report(&t, &cur, NULL);
	if (len < 4 + 2 * (size_t)cur.len + 1)
		return -ENOSPC;
	memcpy(text, "tdx:", 4);
	for (unsigned int i = 0; i < cur.len; i++) {
		text[4 + 2 * i] = hex[cur.bytes[i] >> 4];
		text[5 + 2 * i] = hex[cur.bytes[i] & 15];
	}
	text[4 + 2 * cur.len] = '\0';
	return 0;
}
