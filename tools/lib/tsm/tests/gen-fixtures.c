// SPDX-License-Identifier: GPL-2.0-only
/*
 * Write the unit-test fixtures as files: seed corpora for the fuzzers and
 * saved evidence for the tsm-report CLI tests. Usage: gen-fixtures DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

static int put(const char *dir, const char *name, const uint8_t *p, size_t n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f)) {
		perror(path);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static uint8_t s[FX_SNP_SIZE], q[FX_QUOTE_MAX], r[FX_TDREPORT_SIZE];
	int rc = 0;
	size_t n;

	if (argc != 2) {
		fprintf(stderr, "usage: gen-fixtures DIR\n");
		return 2;
	}
	fx_snp(s, 2, 0);
	rc |= put(argv[1], "snp-v2.bin", s, sizeof(s));
	fx_snp(s, 3, 0x19);
	rc |= put(argv[1], "snp-v3-milan.bin", s, sizeof(s));
	fx_snp(s, 3, 0x1a);
	rc |= put(argv[1], "snp-v3-turin.bin", s, sizeof(s));
	fx_snp(s, 5, 0x1a);
	rc |= put(argv[1], "snp-v5-turin.bin", s, sizeof(s));
	fx_snp(s, 5, 0x19);
	rc |= put(argv[1], "snp-v5-genoa.bin", s, sizeof(s));
	n = fx_tdx_quote(q, 4, 2);
	rc |= put(argv[1], "tdx-quote-v4.bin", q, n);
	n = fx_tdx_quote(q, 5, 2);
	rc |= put(argv[1], "tdx-quote-v5-td10.bin", q, n);
	n = fx_tdx_quote(q, 5, 3);
	rc |= put(argv[1], "tdx-quote-v5-td15.bin", q, n);
	fx_tdreport(r, 0, false);
	rc |= put(argv[1], "tdreport-v0.bin", r, sizeof(r));
	fx_tdreport(r, 1, true);
	rc |= put(argv[1], "tdreport-v1.bin", r, sizeof(r));
	/* a TDX 1.0 module: SVN2 bytes there, VALID bits 16-17 clear */
	fx_put64(r + 256, 0x1ff);
	rc |= put(argv[1], "tdreport-v1-svn2-invalid.bin", r, sizeof(r));
	/* quote v5 type 3 whose TEE_TCB_SVN2 is all zero */
	n = fx_tdx_quote(q, 5, 3);
	memset(q + 54 + 584, 0, 16);
	rc |= put(argv[1], "tdx-quote-v5-td15-svn2-zero.bin", q, n);
	return rc;
}
