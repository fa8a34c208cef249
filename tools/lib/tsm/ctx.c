// SPDX-License-Identifier: LGPL-2.1-or-later
/* libtsm: library context, logging and error strings. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define TSM_RETRIES_LIMIT	100

int tsm_ctx_new(struct tsm_ctx **out)
{
	struct tsm_ctx *ctx;

	if (!out)
		return -EINVAL;
	*out = NULL;
	ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	ctx->root = strdup(TSM_CONFIGFS_DEFAULT);
	if (!ctx->root) {
		free(ctx);
		return -ENOMEM;
	}
	ctx->refcount = 1;
	ctx->max_retries = TSM_RETRIES_DEFAULT;
	ctx->log_priority = LOG_ERR;
	*out = ctx;
	return 0;
}

struct tsm_ctx *tsm_ctx_ref(struct tsm_ctx *ctx)
{
	if (ctx)
		ctx->refcount++;
	return ctx;
}

struct tsm_ctx *tsm_ctx_unref(struct tsm_ctx *ctx)
{
	if (!ctx || --ctx->refcount > 0)
		return NULL;
	free(ctx->root);
	free(ctx->tdx_guest);
	free(ctx);
	return NULL;
}

void tsm_ctx_set_log_fn(struct tsm_ctx *ctx, tsm_log_fn fn, void *data)
{
	if (!ctx)
		return;
	ctx->log_fn = fn;
	ctx->log_data = data;
}

void tsm_ctx_set_log_priority(struct tsm_ctx *ctx, int priority)
{
	if (ctx)
		ctx->log_priority = priority;
}

int tsm_ctx_get_log_priority(const struct tsm_ctx *ctx)
{
	return ctx ? ctx->log_priority : LOG_ERR;
}

int tsm_ctx_set_configfs_root(struct tsm_ctx *ctx, const char *root)
{
	char *copy;

	if (!ctx)
		return -EINVAL;
	if (!root)
		root = TSM_CONFIGFS_DEFAULT;
	if (!*root || strlen(root) >= PATH_MAX)
		return -EINVAL;
	copy = strdup(root);
	if (!copy)
		return -ENOMEM;
	free(ctx->root);
	ctx->root = copy;
	return 0;
}

const char *tsm_ctx_get_configfs_root(const struct tsm_ctx *ctx)
{
	return ctx ? ctx->root : NULL;
}

int tsm_ctx_set_tdx_guest_path(struct tsm_ctx *ctx, const char *path)
{
	char *copy = NULL;

	if (!ctx || (path && (!*path || strlen(path) >= PATH_MAX)))
		return -EINVAL;
	if (path) {
		copy = strdup(path);
		if (!copy)
			return -ENOMEM;
	}
	free(ctx->tdx_guest);
	ctx->tdx_guest = copy;
	return 0;
}

const char *tsm_ctx_get_tdx_guest_path(const struct tsm_ctx *ctx)
{
	if (!ctx)
		return NULL;
	return ctx->tdx_guest ? ctx->tdx_guest : TSM_TDX_GUEST_DEFAULT;
}

int tsm_ctx_set_max_retries(struct tsm_ctx *ctx, unsigned int retries)
{
	if (!ctx || retries > TSM_RETRIES_LIMIT)
		return -EINVAL;
	ctx->max_retries = retries;
	return 0;
}

void tsm_log(const struct tsm_ctx *ctx, int priority, const char *file,
	     int line, const char *fn, const char *format, ...)
{
	va_list ap;

	va_start(ap, format);
	ctx->log_fn(ctx->log_data, priority, file, line, fn, format, ap);
	va_end(ap);
}

const char *tsm_strerror(int err)
{
	if (err > 0)
		err = -err;
	switch (err) {
	case 0:
		return "success";
	case TSM_E_TRUNCATED:
		return "evidence truncated";
	case TSM_E_VERSION:
		return "unsupported evidence version or type";
	case TSM_E_MALFORMED:
		return "malformed evidence";
	case TSM_E_UNKNOWN_FORMAT:
		return "unknown evidence format or provider";
	case TSM_E_TOOBIG:
		return "configfs blob larger than 32 KiB";
	case TSM_E_RACE:
		return "report item kept changing under a racing writer";
	case TSM_E_NONCE:
		return "report data does not carry the nonce";
	default:
		if (err < -TSM_E_BASE && err >= -TSM_E_LAST)
			return "unknown libtsm error";
		return tsm_errstr(err);
	}
}

/* strerror() without its static buffer (thread-compatible). */
const char *tsm_errstr(int err)
{
	const char *s = NULL;

	if (err < 0)
		err = -err;
#ifdef __GLIBC__
	s = strerrordesc_np(err);
#endif
	return s ? s : "unknown error";
}

int tsm_fail(struct tsm_evidence *ev, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ev->why, sizeof(ev->why), fmt, ap);
	va_end(ap);
	return err;
}
