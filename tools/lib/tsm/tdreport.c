// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libtsm: a TDREPORT from Linux's tdx-guest driver (/dev/tdx_guest,
 * ioctl TDX_CMD_GET_REPORT0). The TDX module writes the TDREPORT, so unlike
 * a quote (which the host assembles) the guest can decide on its TCB.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "internal.h"

#if defined(__has_include)
#if __has_include(<linux/tdx-guest.h>)
#include <linux/tdx-guest.h>
#endif
#endif

/*
 * Debian 12's linux-libc-dev (6.1) predates linux/tdx-guest.h: the UAPI
 * (Linux 6.2+, include/uapi/linux/tdx-guest.h) restated, same layout.
 */
#ifndef TDX_CMD_GET_REPORT0
#define TDX_REPORTDATA_LEN	64
#define TDX_REPORT_LEN		1024
struct tdx_report_req {
	uint8_t reportdata[TDX_REPORTDATA_LEN];
	uint8_t tdreport[TDX_REPORT_LEN];
};
#define TDX_CMD_GET_REPORT0	_IOWR('T', 1, struct tdx_report_req)
#endif

_Static_assert(TSM_TDREPORT_LEN == TDX_REPORT_LEN, "TDREPORT length");
_Static_assert(TSM_REPORT_DATA_LEN == TDX_REPORTDATA_LEN, "REPORTDATA");

struct tsm_tdreport {
	unsigned int refcount;
	uint8_t data[TSM_TDREPORT_LEN];
	struct tsm_evidence ev;
};

static int get_report0(struct tsm_ctx *ctx, struct tdx_report_req *req)
{
	const char *path = tsm_ctx_get_tdx_guest_path(ctx);
	int fd, ret;

	fd = open(path, O_RDWR | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		ret = -errno;
		tsm_err(ctx, "%s: %s", path, tsm_errstr(ret));
		return ret;
	}
	do {
		ret = ioctl(fd, TDX_CMD_GET_REPORT0, req);
	} while (ret < 0 && errno == EINTR);
	ret = ret < 0 ? -errno : 0;
	if (ret)
		tsm_err(ctx, "%s: TDX_CMD_GET_REPORT0: %s", path,
			tsm_errstr(ret));
	close(fd);
	return ret;
}

int tsm_tdreport_new(struct tsm_ctx *ctx, const void *reportdata, size_t len,
		     struct tsm_tdreport **out)
{
	struct tdx_report_req req;
	struct tsm_tdreport *r;
	int ret;

	if (!out)
		return -EINVAL;
	*out = NULL;
	if (!ctx || !reportdata || len == 0 || len > TSM_REPORT_DATA_LEN)
		return -EINVAL;
	memset(&req, 0, sizeof(req));
	memcpy(req.reportdata, reportdata, len);
	ret = get_report0(ctx, &req);
	if (ret)
		return ret;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	memcpy(r->data, req.tdreport, sizeof(r->data));
	ret = tsm_parse_tdreport(r->data, sizeof(r->data), &r->ev);
	if (ret) {
		tsm_err(ctx, "%s: TDREPORT does not parse: %s",
			tsm_ctx_get_tdx_guest_path(ctx), r->ev.why);
		free(r);
		return ret;
	}
	if (memcmp(r->ev.report_data, req.reportdata, TSM_REPORT_DATA_LEN)) {
		tsm_err(ctx, "%s: TDREPORT REPORTDATA is not the one requested",
			tsm_ctx_get_tdx_guest_path(ctx));
		free(r);
		return TSM_E_NONCE;
	}
	r->refcount = 1;
	*out = r;
	return 0;
}

struct tsm_tdreport *tsm_tdreport_ref(struct tsm_tdreport *r)
{
	if (r)
		r->refcount++;
	return r;
}

struct tsm_tdreport *tsm_tdreport_unref(struct tsm_tdreport *r)
{
	if (r && --r->refcount == 0)
		free(r);
	return NULL;
}

const uint8_t *tsm_tdreport_get_data(const struct tsm_tdreport *r,
				     size_t *len)
{
	if (len)
		*len = r ? sizeof(r->data) : 0;
	return r ? r->data : NULL;
}

const struct tsm_evidence *
tsm_tdreport_get_evidence(const struct tsm_tdreport *r)
{
	return r ? &r->ev : NULL;
}
