// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: format detection + dispatch (what `tsm-report parse`
 * does), and the provider-name dispatch with the first byte as selector.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const providers[] = {
		"sev_guest", "tdx_guest", "tsm_wd_sim", "other" };
	struct tsm_evidence ev;
	enum tsm_format fmt;
	int ret;

	ret = tsm_evidence_parse(data, size, TSM_FORMAT_AUTO, &ev);
	check_evidence(ret, &ev);
	if (!ret) {
		CHECK(tsm_format_detect(data, size, &fmt) == 0);
		CHECK(fmt == ev.format);
	}
	if (size) {
		ret = tsm_evidence_parse_provider(providers[data[0] & 3],
						  data + 1, size - 1, &ev);
		check_evidence(ret, &ev);
	}
	return 0;
}
