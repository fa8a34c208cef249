/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libtsm internals: shared by the library's C files only. */
#ifndef TSM_INTERNAL_H
#define TSM_INTERNAL_H

#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <syslog.h>

#include "tsm.h"

struct tsm_ctx {
	unsigned int refcount;
	char *root;
	char *tdx_guest;		/* NULL: TSM_TDX_GUEST_DEFAULT */
	unsigned int max_retries;
	tsm_log_fn log_fn;
	void *log_data;
	int log_priority;
};

__attribute__((format(printf, 6, 7)))
void tsm_log(const struct tsm_ctx *ctx, int priority, const char *file,
	     int line, const char *fn, const char *format, ...);

#define tsm_log_cond(ctx, prio, ...)					\
	do {								\
		if ((ctx) && (ctx)->log_fn && (prio) <= (ctx)->log_priority) \
			tsm_log((ctx), (prio), __FILE__, __LINE__,	\
				__func__, __VA_ARGS__);			\
	} while (0)
#define tsm_err(ctx, ...)	tsm_log_cond(ctx, LOG_ERR, __VA_ARGS__)
#define tsm_warn(ctx, ...)	tsm_log_cond(ctx, LOG_WARNING, __VA_ARGS__)
#define tsm_info(ctx, ...)	tsm_log_cond(ctx, LOG_INFO, __VA_ARGS__)
#define tsm_dbg(ctx, ...)	tsm_log_cond(ctx, LOG_DEBUG, __VA_ARGS__)

/* Little-endian loads from a byte buffer; callers check bounds first. */
static inline uint16_t get_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 |
	       (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t get_le64(const uint8_t *p)
{
	return (uint64_t)get_le32(p) | (uint64_t)get_le32(p + 4) << 32;
}

/* Set ev->why (printf style) and return err. */
__attribute__((format(printf, 3, 4)))
int tsm_fail(struct tsm_evidence *ev, int err, const char *fmt, ...);

/* Text of an errno (either sign), thread-compatible. */
const char *tsm_errstr(int err);

/* On error keep only ev->why; returns ret. */
int tsm_parse_finish(struct tsm_evidence *ev, int ret);

/* Fill ev->tcb_text from ev->tcb. */
void tsm_evidence_set_tcb_text(struct tsm_evidence *ev);

#endif /* TSM_INTERNAL_H */
