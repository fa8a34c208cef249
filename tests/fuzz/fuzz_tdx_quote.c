// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target: TDX quote v4/v5 parser. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tsm_evidence ev;
	int ret = tsm_parse_tdx_quote(data, size, &ev);

	check_evidence(ret, &ev);
	if (!ret) {
		size_t need = (ev.tdx.quote_version == 4 ? 48 : 54) +
			      (size_t)ev.tdx.body_size + 4 + ev.tdx.sig_data_len;

		CHECK(ev.tdx.tee_type == 0x81);
		CHECK(need <= size);
		CHECK(ev.tdx.has_tee_tcb_svn2 == (ev.tdx.body_type == 3));
	}
	return 0;
}
