// SPDX-License-Identifier: GPL-2.0-only
/*
 * The verifier hook: approve, deny, signal, missing command, timeout
 * (bounded, whole process group killed), argv[1] and environment.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "renewd.h"
#include "testlib.h"

static char dir[4096];

static int setup(void **state)
{
	(void)state;
	tl_tmpdir(dir, sizeof(dir));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tl_rmtree(dir);
	return 0;
}

static int run(const char *body, unsigned int timeout_ms, char *why)
{
	char cmd[4200];
	struct rd_hook_input in = {
		.command = cmd, .timeout_ms = timeout_ms, .tmpdir = dir,
		.report = "REPORT-BYTES", .report_len = 12,
		.tcb_text = "snp:d315000000000004", .provider = "tsm_wd_sim",
		.nonce_hex = "00ff",
	};

	tl_script(dir, "hook", body, cmd, sizeof(cmd));
	return rd_verifier_run(&in, why, RD_MSG_MAX);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_approve_and_inputs(void **state)
{
	char why[RD_MSG_MAX], body[8192], out[4200], text[1024];

	(void)state;
	snprintf(out, sizeof(out), "%s/seen", dir);
	snprintf(body, sizeof(body),
		 "{ echo \"tcb=$TCB_RENEWD_TCB\"; echo \"provider=$TCB_RENEWD_PROVIDER\";"
		 " echo \"nonce=$TCB_RENEWD_NONCE\"; echo \"report=$(cat \"$1\")\"; echo \"args=$#\"; } > %s\n"
		 "exit 0", out);
	assert_int_equal(run(body, 5000, why), 1);
	assert_non_null(strstr(why, "approved"));
	assert_true(tl_read(out, text, sizeof(text)) > 0);
	assert_string_equal(text, "tcb=snp:d315000000000004\nprovider=tsm_wd_sim\nnonce=00ff\nreport=REPORT-BYTES\nargs=1\n");
	/* the report file is gone afterwards */
	snprintf(body, sizeof(body), "ls %s/report.* >/dev/null 2>&1", dir);
	assert_int_not_equal(system(body), 0);
}

static void test_deny(void **state)
{
	char why[RD_MSG_MAX];

	(void)state;
	assert_int_equal(run("exit 3", 5000, why), 0);
	assert_non_null(strstr(why, "denied (exit status 3)"));
	assert_int_equal(run("kill -TERM $$", 5000, why), 0);
	assert_non_null(strstr(why, "killed by signal 15"));
}

static void test_missing_command(void **state)
{
	char why[RD_MSG_MAX];
	struct rd_hook_input in = {
		.command = "/nonexistent/verifier", .timeout_ms = 5000,
		.tmpdir = dir, .report = "x", .report_len = 1,
	};

	(void)state;
	assert_int_equal(rd_verifier_run(&in, why, sizeof(why)), 0);
	assert_non_null(strstr(why, "exit status 127"));
	/* no directory for the report file: an error, counted as a denial */
	in.tmpdir = "/nonexistent/dir";
	assert_true(rd_verifier_run(&in, why, sizeof(why)) < 0);
	assert_non_null(strstr(why, "cannot write the report"));
}

static void test_timeout_kills_group(void **state)
{
	char why[RD_MSG_MAX], body[8192], pidfile[4200], text[64];
	double t0;
	long pid;

	(void)state;
	snprintf(pidfile, sizeof(pidfile), "%s/child.pid", dir);
	/* a helper in the background plus a hang in the foreground */
	snprintf(body, sizeof(body),
		 "sleep 300 &\necho $! > %s\nexec sleep 300", pidfile);
	t0 = now();
	assert_int_equal(run(body, 500, why), 0);
	assert_true(now() - t0 < 3.0);
	assert_true(now() - t0 >= 0.45);
	assert_non_null(strstr(why, "timed out after 500 ms"));
	assert_true(tl_read(pidfile, text, sizeof(text)) > 0);
	pid = strtol(text, NULL, 10);
	assert_true(pid > 0);
	/* the background helper died with its group (it may be a zombie
	 * reparented to init for a moment) */
	for (int i = 0; i < 100; i++) {
		char st[256], path[64];

		snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
		if (tl_read(path, st, sizeof(st)) < 0 || strstr(st, ") Z "))
			return;
		usleep(20000);
	}
	fail_msg("background helper %ld survived the timeout", pid);
}

static void count_tick(void *data)
{
	(*(int *)data)++;
}

/* A slow hook: the caller's tick runs about once a second meanwhile. */
static void test_tick(void **state)
{
	char why[RD_MSG_MAX], cmd[4200];
	int ticks = 0;
	struct rd_hook_tick tick = { .fn = count_tick, .data = &ticks };
	struct rd_hook_input in = {
		.command = cmd, .tick = &tick, .timeout_ms = 10000,
		.tmpdir = dir, .report = "x", .report_len = 1,
	};

	(void)state;
	tl_script(dir, "hook", "sleep 2.5", cmd, sizeof(cmd));
	assert_int_equal(rd_verifier_run(&in, why, sizeof(why)), 1);
	assert_true(ticks >= 2);
	assert_true(ticks <= 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_approve_and_inputs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deny, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_command, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timeout_kills_group, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tick, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
