// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: raw TDREPORT parser, differential against the kernel's
 * decoder (drivers/.../tdx_report.h, built on the host with tests/unit's
 * shim): both accept the same TDREPORTs and give the same "tdx" TCB.
 */
#include "fuzz_common.h"

/* kernel_tdx.c: the kernel's decoder, in a unit of its own (the shim's
 * <linux/types.h> must not meet libc's headers) */
int kernel_tdx_tcb(const uint8_t *data, size_t size, uint8_t *tcb, size_t *len);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tsm_evidence ev;
	int ret = tsm_parse_tdreport(data, size, &ev);

	check_evidence(ret, &ev);
	if (!ret) {
		uint64_t valid = ev.tdx.tee_tcb_info_valid;

		CHECK(size == 1024 && data[0] == 0x81);
		/* TEE_TCB_INFO.VALID: TEE_TCB_SVN (bit 1) marked, and
		 * TEE_TCB_SVN2 used exactly when bit 16 is */
		CHECK(valid & 0x2);
		CHECK(ev.tdx.has_tee_tcb_svn2 == !!(valid & 0x10000));
		CHECK(!memcmp(ev.tdx.cpusvn, data + 16, 16));
	}
	{
		uint8_t ktcb[TSM_TCB_MAX];
		size_t klen = 0;
		int kret = kernel_tdx_tcb(data, size, ktcb, &klen);

		/* the same "tdx" TCB, byte for byte */
		if (!ret)
			CHECK(!kret && !strcmp(ev.tcb.scheme, "tdx") &&
			      klen == ev.tcb.len &&
			      !memcmp(ktcb, ev.tcb.bytes, klen));
		/* what only libtsm refuses: REPORTTYPE versions it does not
		 * know (the kernel reads the TCB part of any version) */
		if (!kret && ret)
			CHECK(ret == TSM_E_VERSION);
	}
	return 0;
}
