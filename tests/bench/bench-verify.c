// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-verify - the verifier hook `make bench` gives tcb-renewd: it
 * answers at once, so the decision latency measures the daemon and the
 * kernel, not an attestation service.
 *
 * Exit 1 (deny) when $TCB_RENEWD_TCB is one of the lines of the file
 * $BENCH_DENY_FILE (default /tmp/bench/deny); else exit 0 (approve).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	const char *tcb = getenv("TCB_RENEWD_TCB");
	const char *path = getenv("BENCH_DENY_FILE");
	char line[256];
	FILE *f;

	if (!tcb || !*tcb)
		return 1;
	f = fopen(path ? path : "/tmp/bench/deny", "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!strcmp(line, tcb)) {
			fclose(f);
			return 1;
		}
	}
	fclose(f);
	return 0;
}
