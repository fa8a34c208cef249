// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target: SEV-SNP ATTESTATION_REPORT parser. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tsm_evidence ev;
	int ret = tsm_parse_snp_report(data, size, &ev);

	check_evidence(ret, &ev);
	if (!ret) {
		CHECK(size >= 1184);
		CHECK(ev.snp.version == 2 || ev.snp.version == 3 ||
		      ev.snp.version == 5);
		CHECK(ev.snp.layout_assumed == (ev.snp.version == 2));
	} else if (size < 1184) {
		CHECK(ret == TSM_E_TRUNCATED || ret == TSM_E_VERSION);
	}
	return 0;
}
