// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target: raw TDREPORT parser. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tsm_evidence ev;
	int ret = tsm_parse_tdreport(data, size, &ev);

	check_evidence(ret, &ev);
	if (!ret)
		CHECK(size == 1024 && data[0] == 0x81);
	return 0;
}
