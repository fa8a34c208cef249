// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every parser and codec with a NULL buffer and a non-zero length, built
 * with clang's UBSan (which, unlike GCC's, reports pointer arithmetic on a
 * NULL pointer: issue 13, tdx.c computed TEE_TCB_INFO / TDINFO pointers
 * from the buffer before checking it). Prints PASS/FAIL lines itself.
 */
#include <stdio.h>

#include "fuzz_common.h"
#include "tsm-util.h"

int main(void)
{
	struct tsm_evidence ev;
	enum tsm_format fmt;
	uint8_t out[8];
	char txt[8];

	CHECK(tsm_parse_tdreport(NULL, 1024, &ev) == -EINVAL);
	CHECK(tsm_parse_tdx_quote(NULL, 4096, &ev) == -EINVAL);
	CHECK(tsm_parse_snp_report(NULL, 1184, &ev) == -EINVAL);
	CHECK(tsm_evidence_parse(NULL, 1024, TSM_FORMAT_AUTO, &ev) == -EINVAL);
	CHECK(tsm_evidence_parse(NULL, 1024, TSM_FORMAT_TDREPORT, &ev) == -EINVAL);
	CHECK(tsm_format_detect(NULL, 1024, &fmt) == -EINVAL);
	CHECK(tsm_hex_decode(NULL, 2, out, sizeof(out), 0) == -EINVAL);
	CHECK(tsm_hex_encode(NULL, 2, txt, sizeof(txt)) == -EINVAL);
	CHECK(tsm_json_escape(stdout, NULL, 3, 0) == -EINVAL);
	printf("PASS: fuzz/null-args\n");
	return 0;
}
