// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel's TDREPORT decoder (drivers/.../tdx_report.h) for the
 * differential check in fuzz_tdreport.c, built with tests/unit's shim of
 * <linux/types.h> and <linux/string.h>, so no libc header here.
 */
#include "tdx_report.h"

int kernel_tdx_tcb(const u8 *data, size_t size, u8 *tcb, size_t *len);

/*
 * The kernel's verdict on @data: 0 and the "tdx" TCB's bytes in @tcb
 * (TSM_WD_TCB_MAX of room) and @len, or its errno.
 */
int kernel_tdx_tcb(const u8 *data, size_t size, u8 *tcb, size_t *len)
{
	struct tdx_report_tcb t;
	struct tsm_wd_tcb cur;
	int ret;

	if (size != TDX_TDREPORT_LEN)
		return -EINVAL;	/* the source reads exactly 1024 bytes */
	ret = tdx_report_decode(data, size, &t);
	if (ret)
		return ret;
	tdx_wd_tcb_from_report(&t, &cur, NULL);
	memcpy(tcb, cur.bytes, cur.len);
	*len = cur.len;
	return 0;
}
