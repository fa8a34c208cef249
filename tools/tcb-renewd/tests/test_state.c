// SPDX-License-Identifier: GPL-2.0-only
/*
 * The persisted floor: round trip, missing file, corrupt files refused,
 * and atomic replacement (a failed save leaves the old file intact).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "renewd.h"
#include "testlib.h"

static void test_missing_is_no_floor(void **state)
{
	char path[4200], err[RD_MSG_MAX];
	struct tsm_tcb f;
	bool has = true;

	(void)state;
	snprintf(path, sizeof(path), "%s/state", tl_dir);
	assert_int_equal(rd_state_load(path, &f, &has, err, sizeof(err)), 0);
	assert_false(has);
}

static void test_roundtrip(void **state)
{
	char path[4200], err[RD_MSG_MAX], text[4400], t[TSM_TCB_TEXT_MAX];
	struct tsm_tcb in, out;
	bool has = false;

	(void)state;
	snprintf(path, sizeof(path), "%s/state", tl_dir);
	assert_int_equal(tsm_tcb_parse("snp:d316000000000004", &in), 0);
	assert_int_equal(rd_state_save(path, &in, err, sizeof(err)), 0);
	assert_int_equal(rd_state_load(path, &out, &has, err, sizeof(err)), 0);
	assert_true(has);
	assert_true(tsm_tcb_equal(&in, &out));
	tl_read(path, text, sizeof(text));
	assert_non_null(strstr(text, "floor = snp:d316000000000004\n"));
	/* replaced, not appended */
	assert_int_equal(tsm_tcb_parse("snp:d317000000000004", &in), 0);
	assert_int_equal(rd_state_save(path, &in, err, sizeof(err)), 0);
	assert_int_equal(rd_state_load(path, &out, &has, err, sizeof(err)), 0);
	tsm_tcb_format(&out, t, sizeof(t));
	assert_string_equal(t, "snp:d317000000000004");
	snprintf(text, sizeof(text), "%s.tmp", path);
	assert_int_equal(access(text, F_OK), -1);
}

static void corrupt(const char *content, int line)
{
	char path[4200], err[RD_MSG_MAX], want[4400];
	struct tsm_tcb f;
	bool has = true;

	tl_write(tl_dir, "state", content, path, sizeof(path));
	assert_int_equal(rd_state_load(path, &f, &has, err, sizeof(err)), -EBADMSG);
	assert_false(has);
	snprintf(want, sizeof(want), "%s:%d: corrupt state file", path, line);
	assert_non_null(strstr(err, want));
}

static void test_corrupt(void **state)
{
	(void)state;
	corrupt("", 0);
	corrupt("# only a comment\n", 1);
	corrupt("floor = snp:d316000000000004", 1);		/* truncated */
	corrupt("floor = snp:d31600000000\n", 1);
	corrupt("floor = snp:d316000000000004\nfloor = snp:d316000000000004\n", 2);
	corrupt("# x\nceiling = snp:d316000000000004\n", 2);
}

static void test_atomic_failure_keeps_old(void **state)
{
	char path[4200], tmp[4300], err[RD_MSG_MAX];
	struct tsm_tcb a, b, out;
	bool has;

	(void)state;
	snprintf(path, sizeof(path), "%s/state", tl_dir);
	tsm_tcb_parse("snp:d315000000000004", &a);
	tsm_tcb_parse("snp:d399000000000004", &b);
	assert_int_equal(rd_state_save(path, &a, err, sizeof(err)), 0);
	/* the temporary file cannot be created: the save fails ... */
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	assert_int_equal(mkdir(tmp, 0700), 0);
	assert_true(rd_state_save(path, &b, err, sizeof(err)) < 0);
	assert_non_null(strstr(err, "cannot save the floor"));
	/* ... and the old floor is intact */
	assert_int_equal(rd_state_load(path, &out, &has, err, sizeof(err)), 0);
	assert_true(has);
	assert_true(tsm_tcb_equal(&out, &a));
	rmdir(tmp);
	/* a stale .tmp left by a crash does not matter */
	tl_write(tl_dir, "state.tmp", "garbage", NULL, 0);
	assert_int_equal(rd_state_load(path, &out, &has, err, sizeof(err)), 0);
	assert_true(tsm_tcb_equal(&out, &a));
	assert_int_equal(rd_state_save(path, &b, err, sizeof(err)), 0);
	assert_int_equal(rd_state_load(path, &out, &has, err, sizeof(err)), 0);
	assert_true(tsm_tcb_equal(&out, &b));
	assert_int_equal(access(tmp, F_OK), -1);
}

static void test_unwritable_dir(void **state)
{
	char path[4200], err[RD_MSG_MAX];
	struct tsm_tcb a;

	(void)state;
	snprintf(path, sizeof(path), "%s/no/such/dir/state", tl_dir);
	tsm_tcb_parse("snp:d315000000000004", &a);
	assert_int_equal(rd_state_save(path, &a, err, sizeof(err)), -ENOENT);
	/* mkdir -p then works */
	snprintf(path, sizeof(path), "%s/no/such/dir", tl_dir);
	assert_int_equal(rd_mkdir_p(path), 0);
	assert_int_equal(rd_mkdir_p(path), 0);
	strcat(path, "/state");
	assert_int_equal(rd_state_save(path, &a, err, sizeof(err)), 0);
}

static void test_unreadable(void **state)
{
	char path[4200], err[RD_MSG_MAX];
	struct tsm_tcb f;
	bool has;

	(void)state;
	/* a directory where the file should be: an error, not "no floor" */
	snprintf(path, sizeof(path), "%s/statedir", tl_dir);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_true(rd_state_load(path, &f, &has, err, sizeof(err)) < 0);
	assert_false(has);
	/* a FIFO: refused at once */
	snprintf(path, sizeof(path), "%s/statefifo", tl_dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(rd_state_load(path, &f, &has, err, sizeof(err)), -EBADMSG);
	assert_non_null(strstr(err, "not a regular file"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_missing_is_no_floor, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_roundtrip, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_corrupt, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_atomic_failure_keeps_old, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_unwritable_dir, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_unreadable, tl_setup_tmpdir, tl_teardown_tmpdir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
