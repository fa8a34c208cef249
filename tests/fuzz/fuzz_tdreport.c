// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target: raw TDREPORT parser. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tsm_evidence ev;
	int ret = tsm_parse_tdreport(data, size, &ev);

	check_evidence(ret, &ev);
	if (!ret) {
		uint64_t valid = ev.tdx.tee_tcb_info_valid;

		CHECK(size == 1024 && data[0] == 0x81);
		/* TEE_TCB_INFO.VALID: TEE_TCB_SVN (bits 1-2) marked, and
		 * TEE_TCB_SVN2 used exactly when bits 16-17 both are */
		CHECK((valid & 0x6) == 0x6);
		CHECK(ev.tdx.has_tee_tcb_svn2 == ((valid & 0x30000) == 0x30000));
		CHECK(!memcmp(ev.tdx.cpusvn, data + 16, 16));
	}
	return 0;
}
