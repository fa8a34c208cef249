// SPDX-License-Identifier: GPL-2.0-only
/*
 * Configuration parser: a complete valid file, the defaults, and every
 * refusal with its exact "FILE:LINE: key: message".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "renewd.h"
#include "testlib.h"


/* Load @text; return the error code, the message in @err. */
static int load(const char *text, struct rd_config **cfg, char *err,
		char *path)
{
	char p[4200];

	tl_write(tl_dir, "t.conf", text, p, sizeof(p));
	if (path)
		strcpy(path, p);
	return rd_config_load(p, cfg, err, RD_MSG_MAX);
}

/* Expect a refusal whose message is "PATH" + @suffix exactly. */
static void refused(const char *text, const char *suffix)
{
	char err[RD_MSG_MAX], path[4200], want[5000];
	struct rd_config *cfg = (void *)1;

	assert_int_equal(load(text, &cfg, err, path), -EINVAL);
	assert_null(cfg);
	snprintf(want, sizeof(want), "%s%s", path, suffix);
	assert_string_equal(err, want);
}

static void test_full(void **state)
{
	char err[RD_MSG_MAX], t[TSM_TCB_TEXT_MAX];
	struct rd_config *cfg;

	(void)state;
	assert_int_equal(load(
		"# comment\n"
		"[watchdog]\n"
		"device = /dev/fake_wd          ; inline comment\n"
		"heartbeat = 7\n"
		"[report]\n"
		"configfs = /tmp/cfs\n"
		"[policy]\n"
		"approve = snp:d315000000000004 snp:d316000000000004,snp:d317000000000004\n"
		"minimum = snp:d315000000000004\n"
		"expect = snp:d318000000000004\n"
		"on_deny = withhold\n"
		"floor = committed\n"
		"state = /tmp/st/state\n"
		"[verifier]\n"
		"command = /bin/true\n"
		"timeout = 5\n", &cfg, err, NULL), 0);
	assert_string_equal(cfg->device, "/dev/fake_wd");
	assert_int_equal(cfg->heartbeat, 7);
	assert_string_equal(cfg->configfs, "/tmp/cfs");
	assert_int_equal(cfg->approve.n, 3);
	tsm_tcb_format(&cfg->approve.v[2], t, sizeof(t));
	assert_string_equal(t, "snp:d317000000000004");
	assert_true(cfg->has_minimum);
	assert_int_equal(cfg->expect.n, 1);
	tsm_tcb_format(&cfg->expect.v[0], t, sizeof(t));
	assert_string_equal(t, "snp:d318000000000004");
	assert_int_equal(cfg->on_deny, RD_DENY_WITHHOLD);
	assert_int_equal(cfg->floor_mode, RD_FLOOR_COMMITTED);
	assert_string_equal(cfg->state, "/tmp/st/state");
	assert_string_equal(cfg->verifier, "/bin/true");
	assert_int_equal(cfg->verifier_timeout, 5);
	rd_config_free(cfg);
}

static void test_defaults(void **state)
{
	char err[RD_MSG_MAX];
	struct rd_config *cfg;

	(void)state;
	assert_int_equal(load("[policy]\nminimum = tdx:0102030405060708090a0b0c0d0e0f100102030405060708090a0b0c0d0e0f10\n",
			      &cfg, err, NULL), 0);
	assert_string_equal(cfg->device, "/dev/tsm_watchdog");
	assert_string_equal(cfg->configfs, "/sys/kernel/config/tsm/report");
	assert_string_equal(cfg->state, "/var/lib/tcb-renewd/state");
	assert_int_equal(cfg->heartbeat, 10);
	assert_int_equal(cfg->on_deny, RD_DENY_REJECT);
	assert_int_equal(cfg->floor_mode, RD_FLOOR_HIGHEST);
	assert_string_equal(cfg->verifier, "");
	assert_int_equal(cfg->verifier_timeout, 10);
	assert_int_equal(cfg->approve.n, 0);
	rd_config_free(cfg);

	/* a verifier alone is a policy */
	assert_int_equal(load("[verifier]\ncommand = /bin/true\n", &cfg,
			      err, NULL), 0);
	rd_config_free(cfg);
}

static void test_unknown(void **state)
{
	(void)state;
	refused("[policy]\napprove = snp:d315000000000004\n[bogus]\nx = 1\n",
		":4: x: unknown section [bogus]");
	refused("[policy]\napprove = snp:d315000000000004\nheartbeat = 5\n",
		":3: heartbeat: unknown key in section [policy]");
	refused("approve = snp:d315000000000004\n",
		":1: approve: key outside of any section");
	refused("[Policy]\napprove = snp:d315000000000004\n",
		":2: approve: unknown section [Policy]");
}

static void test_syntax(void **state)
{
	(void)state;
	refused("[policy]\napprove = snp:d315000000000004\nnonsense\n",
		":3: syntax error: expected '[section]' or 'key = value'");
	refused("[policy\napprove = snp:d315000000000004\n",
		":1: syntax error: expected '[section]' or 'key = value'");
}

static void test_bad_values(void **state)
{
	(void)state;
	refused("[watchdog]\nheartbeat = 0\n[policy]\napprove = snp:d315000000000004\n",
		":2: heartbeat: '0' is not a whole number of seconds in 1..86400");
	refused("[watchdog]\nheartbeat = 86401\n",
		":2: heartbeat: '86401' is not a whole number of seconds in 1..86400");
	refused("[watchdog]\nheartbeat = 10s\n",
		":2: heartbeat: '10s' is not a whole number of seconds in 1..86400");
	refused("[watchdog]\nheartbeat = -5\n",
		":2: heartbeat: '-5' is not a whole number of seconds in 1..86400");
	refused("[watchdog]\nheartbeat = 99999999999999999999\n",
		":2: heartbeat: '99999999999999999999' is not a whole number of seconds in 1..86400");
	refused("[watchdog]\ndevice = dev/tsm_watchdog\n",
		":2: device: 'dev/tsm_watchdog' is not an absolute path");
	refused("[policy]\nstate = /var/lib/my state\n",
		":2: state: '/var/lib/my state': paths with blanks are not supported");
	refused("[policy]\napprove = snp:D315000000000004\n",
		":2: approve: 'snp:D315000000000004' is not a TCB (<scheme>:<lowercase hex>, snp:<16 hex digits>, tdx:<64 hex digits>)");
	refused("[policy]\nexpect = snp:d3150000\n",
		":2: expect: 'snp:d3150000' is not a TCB (<scheme>:<lowercase hex>, snp:<16 hex digits>, tdx:<64 hex digits>)");
	refused("[policy]\nminimum = snp:d315000000000004 snp:d316000000000004\n",
		":2: minimum: takes exactly one TCB");
	refused("[policy]\napprove = snp:d315000000000004\non_deny = panic\n",
		":3: on_deny: 'panic' is neither 'reject' nor 'withhold'");
	refused("[policy]\napprove = snp:d315000000000004\nfloor = current\n",
		":3: floor: 'current' is neither 'highest' nor 'committed'");
	refused("[policy]\napprove =\n",
		":2: approve: empty value");
	refused("[verifier]\ncommand = /bin/true\ntimeout = 3601\n",
		":3: timeout: '3601' is not a whole number of seconds in 1..3600");
}

static void test_contradictions(void **state)
{
	(void)state;
	refused("[watchdog]\nheartbeat = 5\nheartbeat = 6\n",
		":3: heartbeat: set twice (first on line 2)");
	refused("[policy]\napprove = snp:d315000000000004\n[watchdog]\n[policy]\napprove = snp:d316000000000004\n",
		":5: approve: set twice (first on line 2)");
	refused("[policy]\napprove = snp:d315000000000004 snp:d315000000000004\n",
		":2: approve: snp:d315000000000004 listed twice");
	refused("[policy]\nexpect = snp:0000000000000001 snp:0000000000000002 snp:0000000000000003 snp:0000000000000004 snp:0000000000000005 snp:0000000000000006 snp:0000000000000007 snp:0000000000000008 snp:0000000000000009\n",
		":2: expect: more than 8 TCBs (the kernel holds at most 8 expected TCBs)");
	refused("[policy]\napprove = snp:d315000000000004\n[verifier]\ntimeout = 5\n",
		":4: timeout: [verifier] timeout without [verifier] command");
	refused("[watchdog]\nheartbeat = 5\n[policy]\non_deny = reject\n",
		": no policy: set at least one of [policy] approve, minimum, expect or [verifier] command");
	refused("", ": no policy: set at least one of [policy] approve, minimum, expect or [verifier] command");
}

static void test_file_errors(void **state)
{
	char err[RD_MSG_MAX], path[4200], want[4400], *big;
	struct rd_config *cfg;
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "%s/absent.conf", tl_dir);
	assert_int_equal(rd_config_load(path, &cfg, err, sizeof(err)), -ENOENT);
	assert_null(cfg);
	snprintf(want, sizeof(want), "%s: No such file or directory", path);
	assert_string_equal(err, want);

	/* not a regular file: a directory, an endless device */
	assert_int_equal(rd_config_load(tl_dir, &cfg, err, sizeof(err)), -EINVAL);
	snprintf(want, sizeof(want), "%s: not a regular file of at most 1048576 bytes", tl_dir);
	assert_string_equal(err, want);
	assert_int_equal(rd_config_load("/dev/zero", &cfg, err, sizeof(err)), -EINVAL);
	assert_null(cfg);
	/* a FIFO with no writer: refused at once, not a hang in open() */
	snprintf(path, sizeof(path), "%s/fifo.conf", tl_dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(rd_config_load(path, &cfg, err, sizeof(err)), -EINVAL);

	/* an over-long line is refused, not split into two lines */
	big = malloc(8000);
	assert_non_null(big);
	strcpy(big, "[policy]\napprove = ");
	for (int i = 0; i < 300; i++)
		strcat(big, "snp:d315000000000004 ");
	strcat(big, "\n");
	tl_write(tl_dir, "long.conf", big, path, sizeof(path));
	free(big);
	assert_int_equal(rd_config_load(path, &cfg, err, sizeof(err)), -EINVAL);
	snprintf(want, sizeof(want), "%s:2: line longer than 4094 characters", path);
	assert_string_equal(err, want);

	/* a NUL byte */
	snprintf(path, sizeof(path), "%s/nul.conf", tl_dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fwrite("[policy]\napprove = snp:d3150000\0000000004\n", 1, 40, f);
	fclose(f);
	assert_int_equal(rd_config_load(path, &cfg, err, sizeof(err)), -EINVAL);
	snprintf(want, sizeof(want), "%s:2: NUL byte in line", path);
	assert_string_equal(err, want);
}

static void test_many_approved(void **state)
{
	char err[RD_MSG_MAX], text[8192];
	struct rd_config *cfg;
	int n;

	(void)state;
	/* 64 fit on one line and are accepted; 65 are refused */
	n = snprintf(text, sizeof(text), "[policy]\napprove =");
	for (int i = 0; i < 64; i++)
		n += snprintf(text + n, sizeof(text) - (size_t)n,
			      " snp:%016x", i + 1);
	snprintf(text + n, sizeof(text) - (size_t)n, "\n");
	assert_int_equal(load(text, &cfg, err, NULL), 0);
	assert_int_equal(cfg->approve.n, 64);
	rd_config_free(cfg);
	text[strlen(text) - 1] = '\0';
	strcat(text, " snp:00000000000000ff\n");
	assert_int_equal(load(text, &cfg, err, NULL), -EINVAL);
	assert_non_null(strstr(err, ":2: approve: more than 64 TCBs"));
}

/* Defect 4: the heartbeat and a whole verification fit timeout; a
 * verification after `changed` fits grace (relaxed). */
static void test_timing_check(void **state)
{
	struct rd_config cfg = { .path = "/etc/x.conf", .heartbeat = 10,
				 .verifier_timeout = 10,
				 .report_timeout_ms = 5000 };
	struct rd_kernel_timing k = { .timeout = 20, .grace = 30, .relaxed = true };
	char err[RD_MSG_MAX];

	(void)state;
	/* no verifier: 10 s + 3 x 5 s > 20 s */
	assert_int_equal(rd_verify_budget_ms(&cfg), 15000);
	assert_int_equal(rd_check_timing(&cfg, &k, err, sizeof(err)), -ERANGE);
	assert_string_equal(err, "/etc/x.conf: heartbeat (10 s) + one whole verification (15000 ms: 3 reports of at most 5000 ms ([report] timeout)) must fit the kernel watchdog's timeout (20 s), or a slow verification lets it expire");
	k.timeout = 25;
	assert_int_equal(rd_check_timing(&cfg, &k, err, sizeof(err)), 0);
	k.timeout = 19;
	assert_int_equal(rd_check_timing(&cfg, &k, err, sizeof(err)), -ERANGE);
	assert_string_equal(err, "/etc/x.conf: heartbeat = 10 s cannot keep the kernel watchdog fed: its timeout is 19 s; use heartbeat <= 9 (at most half the timeout)");
	/* with a verifier: 15 s + 10 s must fit the timeout ... */
	strcpy(cfg.verifier, "/bin/v");
	k.timeout = 34;
	assert_int_equal(rd_verify_budget_ms(&cfg), 25000);
	assert_int_equal(rd_check_timing(&cfg, &k, err, sizeof(err)), -ERANGE);
	assert_non_null(strstr(err, "heartbeat (10 s) + one whole verification (25000 ms: 3 reports of at most 5000 ms ([report] timeout) and the verifier's 10 s) must fit"));
	k.timeout = 35;
	assert_int_equal(rd_check_timing(&cfg, &k, err, sizeof(err)), 0);
	/* ... and grace in relaxed mode, where a change must be acked in it */
	k.timeout = 60;
	k.grace = 24;
	assert_int_equal(rd_check_timing(&cfg, &k, err, sizeof(err)), -ERANGE);
	assert_string_equal(err, "/etc/x.conf: a verification after a 'changed' event takes up to 25000 ms (3 reports of at most 5000 ms ([report] timeout) and the verifier's 10 s) but the kernel's grace is 24 s: lower [report] timeout or [verifier] timeout, or raise grace");
	k.relaxed = false;	/* strict fires at once, permissive never */
	assert_int_equal(rd_check_timing(&cfg, &k, err, sizeof(err)), 0);
	k.relaxed = true;
	k.grace = 25;
	assert_int_equal(rd_check_timing(&cfg, &k, err, sizeof(err)), 0);
	/* sub-second report timeouts for fast providers */
	cfg.report_timeout_ms = 500;
	cfg.verifier[0] = '\0';
	k.grace = 2;
	assert_int_equal(rd_check_timing(&cfg, &k, err, sizeof(err)), 0);
}

/* Defect 1: a command that can not run is refused up front. */
static void test_verifier_command(void **state)
{
	char text[8500], file[4200];
	char want[8500];

	(void)state;
	refused("[verifier]\ncommand = /nonexistent/hook\n",
		":2: command: '/nonexistent/hook': No such file or directory: a verifier must be an executable regular file");
	refused("[verifier]\ncommand = /tmp\n",
		":2: command: '/tmp' is not a regular file: a verifier must be an executable regular file");
	tl_write(tl_dir, "hook", "#!/bin/sh\nexit 0\n", file, sizeof(file));
	chmod(file, 0644);
	snprintf(text, sizeof(text), "[verifier]\ncommand = %s\n", file);
	snprintf(want, sizeof(want), ":2: command: '%s' is not executable: a verifier must be an executable regular file", file);
	refused(text, want);
	chmod(file, 0755);
	{
		struct rd_config *cfg;
		char err[RD_MSG_MAX];

		assert_int_equal(load(text, &cfg, err, NULL), 0);
		rd_config_free(cfg);
	}
}

/* Defect 6: one guest, one scheme. */
static void test_schemes(void **state)
{
	(void)state;
	refused("[policy]\napprove = snp:d315000000000004\nminimum = tdx:0000000000000000000000000000000000000000000000000000000000000000\n",
		":2: approve: a snp TCB contradicts the tdx TCB of minimum (line 3): one guest has one TCB scheme");
	refused("[policy]\napprove = snp:d315000000000004\nexpect = tdx:0000000000000000000000000000000100000000000000000000000000000001\n",
		":3: expect: a tdx TCB contradicts the snp TCB of approve (line 2): one guest has one TCB scheme");
	refused("[policy]\napprove = snp:d315000000000004 tdx:0000000000000000000000000000000100000000000000000000000000000001\n",
		":2: approve: a tdx TCB contradicts the snp TCB of approve (line 2): one guest has one TCB scheme");
}

/* The keys added with the hook's isolation, the report timeout, metrics. */
static void test_new_keys(void **state)
{
	struct rd_config *cfg;
	char err[RD_MSG_MAX];

	(void)state;
	assert_int_equal(load("[report]\ntimeout = 0.25\n[verifier]\ncommand = /bin/true\nuser = nobody\nrunner = systemd\n[metrics]\ntextfile = /var/lib/prometheus/node-exporter/tcb-renewd.prom\n",
			      &cfg, err, NULL), 0);
	assert_int_equal(cfg->report_timeout_ms, 250);
	assert_string_equal(cfg->verifier_user, "nobody");
	assert_int_equal(cfg->runner, RD_RUNNER_SYSTEMD);
	assert_string_equal(cfg->metrics, "/var/lib/prometheus/node-exporter/tcb-renewd.prom");
	rd_config_free(cfg);
	assert_int_equal(load("[policy]\napprove = snp:d315000000000004\n", &cfg, err, NULL), 0);
	assert_int_equal(cfg->report_timeout_ms, 5000);
	assert_int_equal(cfg->runner, RD_RUNNER_AUTO);
	assert_string_equal(cfg->verifier_user, "");
	assert_string_equal(cfg->metrics, "");
	rd_config_free(cfg);
	refused("[report]\ntimeout = 0.0001\n[policy]\napprove = snp:d315000000000004\n",
		":2: timeout: '0.0001' is not a number of seconds in 0.050..600 (at most three decimals)");
	refused("[report]\ntimeout = 601\n[policy]\napprove = snp:d315000000000004\n",
		":2: timeout: '601' is not a number of seconds in 0.050..600 (at most three decimals)");
	refused("[report]\ntimeout = 1.\n[policy]\napprove = snp:d315000000000004\n",
		":2: timeout: '1.' is not a number of seconds in 0.050..600 (at most three decimals)");
	refused("[policy]\napprove = snp:d315000000000004\n[verifier]\nuser = nobody\n",
		":4: user: [verifier] user without [verifier] command");
	refused("[verifier]\ncommand = /bin/true\nuser = -rf\n",
		":3: user: '-rf' is not a user name");
	refused("[verifier]\ncommand = /bin/true\nrunner = docker\n",
		":3: runner: 'docker' is not one of auto, fork, systemd");
	refused("[policy]\napprove = snp:d315000000000004\n[metrics]\ntextfile = metrics.prom\n",
		":4: textfile: 'metrics.prom' is not an absolute path");
	/* issue 13: the collector reads only *.prom files */
	refused("[policy]\napprove = snp:d315000000000004\n[metrics]\ntextfile = /var/lib/prometheus/node-exporter/tcb-renewd.txt\n",
		":4: textfile: '/var/lib/prometheus/node-exporter/tcb-renewd.txt' does not end in .prom (node-exporter's textfile collector reads only *.prom files)");
	refused("[policy]\napprove = snp:d315000000000004\n[metrics]\ntextfile = /var/lib/tcb-renewd.prom/\n",
		":4: textfile: '/var/lib/tcb-renewd.prom/' does not end in .prom (node-exporter's textfile collector reads only *.prom files)");
	refused("[policy]\napprove = snp:d315000000000004\n[metrics]\ntextfile = /var/lib/tcb-renewd.prom.tmp\n",
		":4: textfile: '/var/lib/tcb-renewd.prom.tmp' does not end in .prom (node-exporter's textfile collector reads only *.prom files)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_full, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_defaults, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_unknown, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_syntax, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_bad_values, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_contradictions, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_file_errors, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_many_approved, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test(test_timing_check),
		cmocka_unit_test_setup_teardown(test_verifier_command, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_schemes, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_new_keys, tl_setup_tmpdir, tl_teardown_tmpdir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
