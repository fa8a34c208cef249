// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: TCB text parser, formatter, comparison, components.
 * Input: two texts separated by the first '|' (the second may be empty).
 */
#include "fuzz_common.h"

static void check_one(const struct tsm_tcb *t, const uint8_t *text,
		      size_t len)
{
	char buf[TSM_TCB_TEXT_MAX], comp[TSM_COMPONENTS_MAX];
	struct tsm_tcb u;
	int n;

	n = tsm_tcb_format(t, buf, sizeof(buf));
	CHECK(n > 0);
	/* canonical: formatting gives back the input (minus one '\n') */
	CHECK((size_t)n == len || ((size_t)n + 1 == len && text[n] == '\n'));
	CHECK(!memcmp(buf, text, (size_t)n));
	CHECK(tsm_tcb_parse(buf, &u) == 0 && tsm_tcb_equal(t, &u));
	CHECK(tsm_tcb_components(t, TSM_SNP_LAYOUT_MILAN_GENOA, comp,
				 sizeof(comp)) > 0);
	CHECK(tsm_tcb_components(t, TSM_SNP_LAYOUT_TURIN, comp,
				 sizeof(comp)) > 0);
	CHECK(tsm_tcb_components(t, TSM_SNP_LAYOUT_TURIN, comp, 3) == -ENOSPC);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *bar = memchr(data, '|', size);
	size_t la = bar ? (size_t)(bar - data) : size;
	struct tsm_tcb a, b;
	enum tsm_tcb_order o, r;
	int ra, rb, rc;

	ra = tsm_tcb_parse_n((const char *)data, la, &a);
	CHECK(ra == 0 || ra == -EINVAL);
	if (!ra)
		check_one(&a, data, la);
	if (!bar)
		return 0;
	rb = tsm_tcb_parse_n((const char *)bar + 1, size - la - 1, &b);
	CHECK(rb == 0 || rb == -EINVAL);
	if (rb)
		return 0;
	check_one(&b, bar + 1, size - la - 1);
	if (ra)
		return 0;
	rc = tsm_tcb_compare(&a, &b, &o);
	if (rc) {
		CHECK(strcmp(a.scheme, b.scheme) || a.len != b.len);
		return 0;
	}
	/* antisymmetry and consistency with equality / rollback */
	CHECK(tsm_tcb_compare(&b, &a, &r) == 0);
	CHECK(o == TSM_TCB_INCOMPARABLE ? r == o : r == (enum tsm_tcb_order)-o);
	CHECK((o == TSM_TCB_EQUAL) == tsm_tcb_equal(&a, &b));
	CHECK(tsm_tcb_is_rollback(&a, &b) ==
	      (o == TSM_TCB_OLDER || o == TSM_TCB_INCOMPARABLE));
	return 0;
}
