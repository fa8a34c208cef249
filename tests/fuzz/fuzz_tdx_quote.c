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

		const struct tsm_tdx_evidence *t = &ev.tdx;
		static const uint8_t zero[16];

		CHECK(t->tee_type == 0x81);
		CHECK(need <= size);
		/* SVN2 only from a TD report 1.5 body, and never all zero */
		CHECK(!t->has_tee_tcb_svn2 || t->body_type == 3);
		CHECK(!t->has_tee_tcb_svn2 || memcmp(t->tee_tcb_svn2, zero, 16));
		/* the QE report certification data fits where it was read */
		CHECK(t->cert_type == 6);
		CHECK(t->sig_data_len >= 134 &&
		      t->cert_size <= t->sig_data_len - 134);
		CHECK((size_t)450 + t->qe_auth_data_size + 6 +
		      t->qe_cert_size <= t->cert_size);
	}
	return 0;
}
