// SPDX-License-Identifier: GPL-2.0-only
/*
 * Policy decisions (approve, expect, minimum, floor, verifier-only) and
 * whole verifications through libtsm against the fake configfs-tsm:
 * fresh nonce, stale report, provider failure, racing writer, verifier
 * approve / deny / timeout.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "renewd.h"
#include "testlib.h"

static char dir[2048], root[2100];

static int setup(void **state)
{
	(void)state;
	tl_tmpdir(dir, sizeof(dir));
	snprintf(root, sizeof(root), "%s/report", dir);
	assert_int_equal(mkdir(root, 0755), 0);
	fake_tsm_start(root);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fake_tsm_stop();
	tl_rmtree(dir);
	return 0;
}

static struct rd_config *config(const char *text)
{
	char path[4200], err[RD_MSG_MAX];
	struct rd_config *cfg;

	tl_write(dir, "t.conf", text, path, sizeof(path));
	if (rd_config_load(path, &cfg, err, sizeof(err)))
		fail_msg("%s", err);
	snprintf(cfg->configfs, sizeof(cfg->configfs), "%s", root);
	return cfg;
}

static enum rd_result check(const struct rd_config *cfg, const char *floor,
			    const char *tcb, char *why)
{
	struct tsm_tcb t, f;

	assert_int_equal(tsm_tcb_parse(tcb, &t), 0);
	if (floor)
		assert_int_equal(tsm_tcb_parse(floor, &f), 0);
	return rd_policy_check(cfg, floor ? &f : NULL, &t, why, RD_MSG_MAX);
}

static void test_lists(void **state)
{
	struct rd_config *cfg = config("[policy]\napprove = snp:d315000000000004\nexpect = snp:d316000000000004\n");
	char why[RD_MSG_MAX];

	(void)state;
	assert_int_equal(check(cfg, NULL, "snp:d315000000000004", why), RD_APPROVED);
	assert_string_equal(why, "listed in approve");
	assert_int_equal(check(cfg, NULL, "snp:d316000000000004", why), RD_APPROVED);
	assert_string_equal(why, "listed in expect");
	assert_int_equal(check(cfg, NULL, "snp:d317000000000004", why), RD_DENIED);
	assert_string_equal(why, "snp:d317000000000004 is not in approve or expect");
	rd_config_free(cfg);
}

static void test_minimum(void **state)
{
	/* Milan/Genoa: ucode 0xd3, snp 0x15, tee 0, bl 4 */
	struct rd_config *cfg = config("[policy]\nminimum = snp:d315000000000004\n");
	char why[RD_MSG_MAX];

	(void)state;
	assert_int_equal(check(cfg, NULL, "snp:d315000000000004", why), RD_APPROVED);
	assert_string_equal(why, "meets minimum");
	assert_int_equal(check(cfg, NULL, "snp:d416000000000105", why), RD_APPROVED);
	/* one component lower (bl 3) is enough to fail */
	assert_int_equal(check(cfg, NULL, "snp:ff16000000000003", why), RD_DENIED);
	assert_string_equal(why, "snp:ff16000000000003 is not in approve or expect and does not meet minimum");
	/* another scheme never meets it */
	assert_int_equal(check(cfg, NULL, "tdx:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", why), RD_DENIED);
	rd_config_free(cfg);
}

static void test_floor(void **state)
{
	struct rd_config *cfg = config("[policy]\napprove = snp:d315000000000004 snp:d316000000000004 snp:d214000000000009\n");
	char why[RD_MSG_MAX];

	(void)state;
	/* at or above the floor: fine */
	assert_int_equal(check(cfg, "snp:d315000000000004", "snp:d315000000000004", why), RD_APPROVED);
	assert_int_equal(check(cfg, "snp:d315000000000004", "snp:d316000000000004", why), RD_APPROVED);
	/* listed but below the floor: denied */
	assert_int_equal(check(cfg, "snp:d316000000000004", "snp:d315000000000004", why), RD_DENIED);
	assert_string_equal(why, "snp:d315000000000004 is below the floor snp:d316000000000004 (highest TCB approved so far)");
	/* incomparable (bl higher, ucode lower) is below too */
	assert_int_equal(check(cfg, "snp:d315000000000004", "snp:d214000000000009", why), RD_DENIED);
	/* floor of another scheme: not comparable, denied */
	assert_int_equal(check(cfg, "tdx:0000000000000000000000000000000000000000000000000000000000000000", "snp:d315000000000004", why), RD_DENIED);
	assert_non_null(strstr(why, "not comparable"));
	rd_config_free(cfg);
}

static void test_floor_raise(void **state)
{
	struct tsm_tcb a, b, c;

	(void)state;
	tsm_tcb_parse("snp:d315000000000004", &a);
	tsm_tcb_parse("snp:d316000000000004", &b);
	tsm_tcb_parse("snp:d214000000000009", &c);
	assert_true(rd_floor_raise(&a, false, &a));
	assert_true(rd_floor_raise(&a, true, &b));
	assert_false(rd_floor_raise(&b, true, &a));
	assert_false(rd_floor_raise(&a, true, &a));
	assert_false(rd_floor_raise(&a, true, &c));
}

static void test_verifier_only(void **state)
{
	struct rd_config *cfg = config("[verifier]\ncommand = /bin/true\n");
	char why[RD_MSG_MAX];

	(void)state;
	assert_int_equal(check(cfg, NULL, "snp:0000000000000001", why), RD_APPROVED);
	assert_int_equal(check(cfg, "snp:0000000000000002", "snp:0000000000000001", why), RD_DENIED);
	rd_config_free(cfg);
}

static void test_verify_fresh_report(void **state)
{
	struct rd_config *cfg = config("[policy]\napprove = snp:d316000000000004\n");
	struct rd_verification v;
	struct tsm_ctx *tsm;

	(void)state;
	assert_int_equal(tsm_ctx_new(&tsm), 0);
	tsm_ctx_set_configfs_root(tsm, root);

	fake_tsm_set_tcb(0xd316000000000004ull);
	rd_verify(tsm, cfg, NULL, dir, NULL, &v);
	assert_int_equal(v.result, RD_APPROVED);
	assert_true(v.have_tcb);
	assert_string_equal(v.tcb_text, "snp:d316000000000004");
	assert_string_equal(v.components, "bl=4 tee=0 snp=22 ucode=211");
	assert_string_equal(v.provider, "tsm_wd_sim");
	assert_int_equal(fake_tsm_reports(), 1);
	assert_int_equal(fake_tsm_items_left(), 0);

	/* the host moved to a TCB not approved */
	fake_tsm_set_tcb(0xd317000000000004ull);
	rd_verify(tsm, cfg, NULL, dir, NULL, &v);
	assert_int_equal(v.result, RD_DENIED);
	assert_string_equal(v.tcb_text, "snp:d317000000000004");

	/* a report that does not carry our nonce is not evidence */
	fake_tsm_set_tcb(0xd316000000000004ull);
	fake_tsm_set_stale_nonce(true);
	rd_verify(tsm, cfg, NULL, dir, NULL, &v);
	assert_int_equal(v.result, RD_ERROR);
	assert_false(v.have_tcb);
	assert_non_null(strstr(v.why, "not fresh"));
	fake_tsm_set_stale_nonce(false);

	/* provider failure */
	fake_tsm_set_errno(EIO);
	rd_verify(tsm, cfg, NULL, dir, NULL, &v);
	assert_int_equal(v.result, RD_ERROR);
	assert_non_null(strstr(v.why, "no report from"));
	fake_tsm_set_errno(0);
	assert_int_equal(fake_tsm_items_left(), 0);

	/* a racing writer: libtsm retries, the answer is still right */
	fake_tsm_set_races(1);
	rd_verify(tsm, cfg, NULL, dir, NULL, &v);
	assert_int_equal(v.result, RD_APPROVED);
	assert_int_equal(fake_tsm_items_left(), 0);
	/* a writer that never stops racing: an error, never a guess */
	fake_tsm_set_races(100);
	rd_verify(tsm, cfg, NULL, dir, NULL, &v);
	assert_int_equal(v.result, RD_ERROR);
	fake_tsm_set_races(0);

	tsm_ctx_unref(tsm);
	rd_config_free(cfg);
}

static void verify_with_hook(const char *body, unsigned int timeout,
			     struct rd_verification *v)
{
	char text[8192], hook[4200];
	struct rd_config *cfg;
	struct tsm_ctx *tsm;

	tl_script(dir, "hook", body, hook, sizeof(hook));
	snprintf(text, sizeof(text),
		 "[policy]\napprove = snp:d315000000000004\n[verifier]\ncommand = %s\ntimeout = %u\n",
		 hook, timeout);
	cfg = config(text);
	assert_int_equal(tsm_ctx_new(&tsm), 0);
	tsm_ctx_set_configfs_root(tsm, root);
	rd_verify(tsm, cfg, NULL, dir, NULL, v);
	tsm_ctx_unref(tsm);
	rd_config_free(cfg);
}

static void test_verify_hook(void **state)
{
	struct rd_verification v;
	char body[8192], out[4200], text[256];
	time_t t0;

	(void)state;
	snprintf(out, sizeof(out), "%s/env", dir);
	snprintf(body, sizeof(body),
		 "echo \"$TCB_RENEWD_TCB $TCB_RENEWD_PROVIDER ${#TCB_RENEWD_NONCE} $(wc -c < \"$1\")\" > %s",
		 out);
	verify_with_hook(body, 5, &v);
	assert_int_equal(v.result, RD_APPROVED);
	assert_string_equal(v.why, "listed in approve, verifier approved");
	tl_read(out, text, sizeof(text));
	/* 64-byte nonce = 128 hex digits; the raw 1184-byte report */
	assert_string_equal(text, "snp:d315000000000004 tsm_wd_sim 128 1184\n");

	verify_with_hook("exit 1", 5, &v);
	assert_int_equal(v.result, RD_DENIED);
	assert_non_null(strstr(v.why, "denied (exit status 1)"));

	t0 = time(NULL);
	verify_with_hook("sleep 100", 1, &v);
	assert_int_equal(v.result, RD_DENIED);
	assert_non_null(strstr(v.why, "timed out"));
	assert_true(time(NULL) - t0 <= 3);

	/* the static policy denies first: the hook is not even asked */
	fake_tsm_set_tcb(0xd399000000000004ull);
	snprintf(body, sizeof(body), "touch %s/asked", dir);
	verify_with_hook(body, 5, &v);
	assert_int_equal(v.result, RD_DENIED);
	snprintf(out, sizeof(out), "%s/asked", dir);
	assert_int_equal(tl_read(out, text, sizeof(text)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_lists, setup, teardown),
		cmocka_unit_test_setup_teardown(test_minimum, setup, teardown),
		cmocka_unit_test_setup_teardown(test_floor, setup, teardown),
		cmocka_unit_test(test_floor_raise),
		cmocka_unit_test_setup_teardown(test_verifier_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify_fresh_report, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify_hook, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
