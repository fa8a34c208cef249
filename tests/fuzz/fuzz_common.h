/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared checks for the libtsm fuzz targets: a broken invariant aborts. */
#ifndef TSM_FUZZ_COMMON_H
#define TSM_FUZZ_COMMON_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsm.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

/* Invariants of any parser result. */
static inline void check_evidence(int ret, const struct tsm_evidence *ev)
{
	struct tsm_tcb t;
	char buf[TSM_TCB_TEXT_MAX];

	if (ret) {
		CHECK(ret < 0);
		CHECK(ev->why[0] != '\0');
		CHECK(memchr(ev->why, '\0', sizeof(ev->why)));
		CHECK(ev->format == TSM_FORMAT_AUTO);
		CHECK(ev->tcb_text[0] == '\0');
		return;
	}
	CHECK(ev->format != TSM_FORMAT_AUTO);
	CHECK(ev->why[0] == '\0');
	/* the TCB text round-trips through the text parser */
	CHECK(tsm_tcb_parse(ev->tcb_text, &t) == 0);
	CHECK(tsm_tcb_equal(&t, &ev->tcb));
	CHECK(tsm_tcb_format(&t, buf, sizeof(buf)) > 0);
	CHECK(!strcmp(buf, ev->tcb_text));
	CHECK(ev->components[0] != '\0');
	/* "tdx": running module SVN (SVN2 where present) + CPUSVN */
	if (ev->format != TSM_FORMAT_SNP_REPORT) {
		const struct tsm_tdx_evidence *x = &ev->tdx;

		CHECK(ev->tcb.len == 32);
		CHECK(!memcmp(ev->tcb.bytes, x->has_tee_tcb_svn2 ?
			      x->tee_tcb_svn2 : x->tee_tcb_svn, 16));
		CHECK(!memcmp(ev->tcb.bytes + 16, x->cpusvn, 16));
	}
	CHECK(!memcmp(ev->report_data,
		      ev->format == TSM_FORMAT_SNP_REPORT ? ev->snp.report_data
							  : ev->tdx.report_data,
		      64));
}

#endif
