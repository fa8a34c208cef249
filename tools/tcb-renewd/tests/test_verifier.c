// SPDX-License-Identifier: GPL-2.0-only
/*
 * The verifier hook: approve, deny, signal, missing command, timeout
 * (bounded, whole process group killed), argv[1] and environment.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "renewd.h"
#include "testlib.h"


static int run(const char *body, unsigned int timeout_ms, char *why)
{
	char cmd[4200];
	struct rd_hook_input in = {
		.command = cmd, .timeout_ms = timeout_ms, .tmpdir = tl_dir,
		.report = "REPORT-BYTES", .report_len = 12,
		.tcb_text = "snp:d315000000000004", .provider = "tsm_wd_sim",
		.nonce_hex = "00ff",
	};

	tl_script(tl_dir, "hook", body, cmd, sizeof(cmd));
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
	snprintf(out, sizeof(out), "%s/seen", tl_dir);
	snprintf(body, sizeof(body),
		 "{ echo \"tcb=$TCB_RENEWD_TCB\"; echo \"provider=$TCB_RENEWD_PROVIDER\";"
		 " echo \"nonce=$TCB_RENEWD_NONCE\"; echo \"report=$(cat \"$1\")\"; echo \"args=$#\"; } > %s\n"
		 "exit 0", out);
	assert_int_equal(run(body, 5000, why), 1);
	assert_non_null(strstr(why, "approved"));
	assert_true(tl_read(out, text, sizeof(text)) > 0);
	assert_string_equal(text, "tcb=snp:d315000000000004\nprovider=tsm_wd_sim\nnonce=00ff\nreport=REPORT-BYTES\nargs=1\n");
	/* the report file is gone afterwards */
	snprintf(body, sizeof(body), "ls %s/report.* >/dev/null 2>&1", tl_dir);
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

/* Defect 1: a hook that can not be run is an error, not a denial. */
static void test_missing_command(void **state)
{
	char why[RD_MSG_MAX];
	struct rd_hook_input in = {
		.command = "/nonexistent/verifier", .timeout_ms = 5000,
		.tmpdir = tl_dir, .report = "x", .report_len = 1,
	};

	(void)state;
	assert_int_equal(rd_verifier_run(&in, why, sizeof(why)), -ENOENT);
	assert_string_equal(why, "cannot run the verifier /nonexistent/verifier: No such file or directory");
	/* a hook that exits 127 by itself still denies */
	assert_int_equal(run("exit 127", 5000, why), 0);
	assert_non_null(strstr(why, "denied (exit status 127)"));
	/* not executable: EACCES, an error */
	{
		char cmd[4200];

		tl_write(tl_dir, "noexec", "#!/bin/sh\nexit 0\n", cmd, sizeof(cmd));
		in.command = cmd;
		assert_int_equal(rd_verifier_run(&in, why, sizeof(why)), -EACCES);
		in.command = "/nonexistent/verifier";
	}
	/* an unknown user: an error */
	in.command = "/bin/true";
	in.user = "no-such-user-here";
	assert_int_equal(rd_verifier_run(&in, why, sizeof(why)), -ENOENT);
	assert_string_equal(why, "verifier user 'no-such-user-here': no such user");
	in.user = NULL;
	/* no directory for the report file: an error */
	in.tmpdir = "/nonexistent/dir";
	assert_true(rd_verifier_run(&in, why, sizeof(why)) < 0);
	assert_non_null(strstr(why, "cannot write the report"));
}

/* Defect 5: no systemd notify variables, no fds beyond 0-2. */
static void test_environment_and_fds(void **state)
{
	char why[RD_MSG_MAX], body[8192], out[4200], text[1024];
	int fd;

	(void)state;
	setenv("NOTIFY_SOCKET", "/run/systemd/notify", 1);
	setenv("WATCHDOG_USEC", "30000000", 1);
	setenv("WATCHDOG_PID", "1", 1);
	setenv("TCB_RENEWD_TEST_KEEP", "kept", 1);
	/* an fd opened without O_CLOEXEC, as a library might */
	fd = open("/dev/null", O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(dup2(fd, 37), 37);
	close(fd);
	snprintf(out, sizeof(out), "%s/seen", tl_dir);
	snprintf(body, sizeof(body),
		 "{ echo \"notify=${NOTIFY_SOCKET-unset} usec=${WATCHDOG_USEC-unset} pid=${WATCHDOG_PID-unset} keep=$TCB_RENEWD_TEST_KEEP\";"
		 " [ -e /proc/$$/fd/37 ] && echo fd37=open || echo fd37=closed; } > %s", out);
	assert_int_equal(run(body, 5000, why), 1);
	close(37);
	unsetenv("NOTIFY_SOCKET");
	unsetenv("WATCHDOG_USEC");
	unsetenv("WATCHDOG_PID");
	unsetenv("TCB_RENEWD_TEST_KEEP");
	assert_true(tl_read(out, text, sizeof(text)) > 0);
	assert_string_equal(text, "notify=unset usec=unset pid=unset keep=kept\nfd37=closed\n");
}

static bool gone(long pid)
{
	for (int i = 0; i < 100; i++) {
		char st[256], path[64];

		snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
		if (tl_read(path, st, sizeof(st)) < 0 || strstr(st, ") Z "))
			return true;
		usleep(20000);
	}
	return false;
}

static long read_pid(const char *file)
{
	char text[64];

	assert_true(tl_read(file, text, sizeof(text)) > 0);
	return strtol(text, NULL, 10);
}

/* Defect 5: a child that left the hook's session dies with it, on
 * timeout and after a normal exit. */
static void test_setsid_children_killed(void **state)
{
	char why[RD_MSG_MAX], body[8192], pidfile[4200];
	long pid;

	(void)state;
	snprintf(pidfile, sizeof(pidfile), "%s/escaped.pid", tl_dir);
	snprintf(body, sizeof(body),
		 "setsid sleep 300 </dev/null >/dev/null 2>&1 &\n"
		 "echo $! > %s\nexec sleep 300", pidfile);
	assert_int_equal(run(body, 1000, why), -ETIME);
	pid = read_pid(pidfile);
	assert_true(pid > 0);
	assert_true(getsid((pid_t)pid) < 0 || getsid((pid_t)pid) != getsid(0));
	if (!gone(pid))
		fail_msg("setsid() child %ld survived the timeout", pid);
	/* an approving hook that daemonizes a helper: the helper goes too */
	snprintf(body, sizeof(body),
		 "setsid sleep 300 </dev/null >/dev/null 2>&1 &\n"
		 "echo $! > %s\nsleep 0.2\nexit 0", pidfile);
	assert_int_equal(run(body, 5000, why), 1);
	pid = read_pid(pidfile);
	if (!gone(pid))
		fail_msg("setsid() child %ld of an approving hook survived", pid);
}

static int abort_after(void *data)
{
	return --*(int *)data <= 0;
}

/* Defect 5: the wait's callback (signals) stops a hook at once. */
static void test_abort(void **state)
{
	char why[RD_MSG_MAX], cmd[4200];
	int calls = 2;
	struct rd_wait w = { .fd = -1, .fn = abort_after, .data = &calls };
	struct rd_hook_input in = {
		.command = cmd, .wait = &w, .timeout_ms = 60000,
		.tmpdir = tl_dir, .report = "x", .report_len = 1,
	};
	double t0;

	(void)state;
	tl_script(tl_dir, "hook", "exec sleep 300", cmd, sizeof(cmd));
	t0 = now();
	assert_int_equal(rd_verifier_run(&in, why, sizeof(why)), -EINTR);
	assert_true(now() - t0 < 5.0);
	assert_non_null(strstr(why, "interrupted"));
}

/* A fake systemd-run: records its arguments in DIR/args, exports the -E
 * variables and runs what follows "--" (the helper) in the foreground. */
static void fake_systemd_run(char *fake, size_t len)
{
	char body[8192];

	snprintf(body, sizeof(body),
		 "echo \"$*\" > %s/args\n"
		 "while [ \"$1\" != -- ]; do\n"
		 "  case $1 in -E) export \"$2\"; shift;; esac; shift\n"
		 "done\nshift\nexec \"$@\"", tl_dir);
	tl_script(tl_dir, "systemd-run", body, fake, len);
}

/* A fake systemctl: appends its arguments to DIR/systemctl.log, then runs
 * @tail (e.g. "exit 0"). */
static void fake_systemctl(const char *tail, char *fake, size_t len)
{
	char body[8192];

	snprintf(body, sizeof(body), "echo \"$*\" >> %s/systemctl.log\n%s",
		 tl_dir, tail);
	tl_script(tl_dir, "systemctl", body, fake, len);
}

/* The unit systemd-run was last given (--unit=NAME) into @unit. */
static void last_unit(char *unit, size_t len)
{
	char path[4200], text[4096], *p;
	size_t n;

	snprintf(path, sizeof(path), "%s/args", tl_dir);
	assert_true(tl_read(path, text, sizeof(text)) > 0);
	p = strstr(text, "--unit=");
	assert_non_null(p);
	p += strlen("--unit=");
	n = strcspn(p, " \n");
	assert_true(n > 0 && n < len);
	memcpy(unit, p, n);
	unit[n] = '\0';
}

/* What the fake systemctl was asked since the last call (log removed). */
static void systemctl_log(char *text, size_t len)
{
	char path[4200];

	snprintf(path, sizeof(path), "%s/systemctl.log", tl_dir);
	if (tl_read(path, text, len) < 0)
		text[0] = '\0';
	unlink(path);
}

/* The kill and the stop of @unit, in that order and nothing else. */
static void assert_unit_killed(const char *unit)
{
	char text[4096], want[1024];

	systemctl_log(text, sizeof(text));
	snprintf(want, sizeof(want),
		 "kill --signal=SIGKILL --kill-whom=all %s\nstop %s\n", unit,
		 unit);
	assert_string_equal(text, want);
}

/* The systemd runner: systemd-run's options, and the helper's outcome
 * line; a fake systemd-run runs the rest of its command line. */
static void test_systemd_runner(void **state)
{
	char why[RD_MSG_MAX], cmd[4200], fake[4200], ctl[4200], args[4200];
	char text[4096], unit[128];
	struct rd_hook_input in = {
		.command = cmd, .runner = RD_RUNNER_SYSTEMD,
		.helper = RD_TEST_BINARY, .systemd_run = fake,
		.systemctl = ctl,
		.timeout_ms = 5000, .tmpdir = tl_dir, .report = "x",
		.report_len = 1, .tcb_text = "snp:d315000000000004",
		.provider = "p", .nonce_hex = "00", .user = "nobody",
	};

	(void)state;
	snprintf(args, sizeof(args), "%s/args", tl_dir);
	fake_systemd_run(fake, sizeof(fake));
	fake_systemctl("exit 0", ctl, sizeof(ctl));
	tl_script(tl_dir, "hook", "echo noise; [ \"$TCB_RENEWD_TCB\" = snp:d315000000000004 ] && [ -r \"$1\" ]", cmd, sizeof(cmd));
	assert_int_equal(rd_verifier_run(&in, why, sizeof(why)), 1);
	assert_true(tl_read(args, text, sizeof(text)) > 0);
	assert_non_null(strstr(text, "--quiet --wait --pipe --collect --service-type=exec --unit=tcb-renewd-verify-"));
	/* the whole cgroup gets SIGKILL at once when the unit is stopped */
	assert_non_null(strstr(text, ".service -p KillMode=control-group -p KillSignal=SIGKILL -p TimeoutStopSec=2s -p RuntimeMaxSec=5.000s "));
	assert_non_null(strstr(text, " -p RuntimeMaxSec=5.000s -p User=nobody -E TCB_RENEWD_TCB=snp:d315000000000004 -E TCB_RENEWD_PROVIDER=p -E TCB_RENEWD_NONCE=00 -- " RD_TEST_BINARY " hook-exec "));
	/* an outcome came back: the unit ended by itself, no systemctl */
	systemctl_log(text, sizeof(text));
	assert_string_equal(text, "");
	tl_script(tl_dir, "hook", "exit 3", cmd, sizeof(cmd));
	assert_int_equal(rd_verifier_run(&in, why, sizeof(why)), 0);
	assert_non_null(strstr(why, "denied (exit status 3)"));
	systemctl_log(text, sizeof(text));
	assert_string_equal(text, "");
	/* the command can not run inside the unit: an error */
	unlink(cmd);
	assert_int_equal(rd_verifier_run(&in, why, sizeof(why)), -ENOENT);
	/* systemd-run itself fails (exit 1, no outcome): an error, not a
	 * denial; the unit, if it started, is killed all the same */
	tl_script(tl_dir, "systemd-run", "echo \"$*\" > \"${0%/*}/args\"; echo 'Failed to start transient service unit' >&2; exit 1", fake, sizeof(fake));
	assert_int_equal(rd_verifier_run(&in, why, sizeof(why)), -EPROTO);
	assert_non_null(strstr(why, "no outcome from the transient unit"));
	last_unit(unit, sizeof(unit));
	assert_unit_killed(unit);
}

/*
 * Issue 13 A.1: a hook that outlives the daemon's deadline, or is running
 * when a signal arrives, must not keep its transient unit alive after
 * systemd-run is killed: the unit is SIGKILLed and stopped by name, and
 * a systemctl that hangs does not hold the daemon beyond its bound.
 */
static void test_systemd_abort(void **state)
{
	char why[RD_MSG_MAX], cmd[4200], fake[4200], ctl[4200], unit[128];
	char text[4096];
	int calls = 1000000;
	struct rd_wait w = { .fd = -1, .fn = abort_after, .data = &calls };
	struct rd_hook_input in = {
		.command = cmd, .runner = RD_RUNNER_SYSTEMD,
		.helper = RD_TEST_BINARY, .systemd_run = fake,
		.systemctl = ctl, .wait = &w, .timeout_ms = 200,
		.tmpdir = tl_dir, .report = "x", .report_len = 1,
	};
	double t0;

	(void)state;
	/* the fake systemd-run has no RuntimeMaxSec: the daemon's deadline
	 * (timeout + 5 s) ends it */
	fake_systemd_run(fake, sizeof(fake));
	fake_systemctl("exit 0", ctl, sizeof(ctl));
	tl_script(tl_dir, "hook", "trap '' TERM; exec sleep 300", cmd, sizeof(cmd));
	t0 = now();
	assert_int_equal(rd_verifier_run(&in, why, sizeof(why)), -ETIME);
	assert_true(now() - t0 < 9.0);
	last_unit(unit, sizeof(unit));
	assert_non_null(strstr(why, "timed out after 200 ms"));
	assert_non_null(strstr(why, unit));
	assert_unit_killed(unit);

	/* SIGTERM or SIGHUP while the hook runs: the wait's callback aborts */
	calls = 2;
	in.timeout_ms = 60000;
	t0 = now();
	assert_int_equal(rd_verifier_run(&in, why, sizeof(why)), -EINTR);
	assert_true(now() - t0 < 3.0);
	assert_non_null(strstr(why, "interrupted"));
	last_unit(unit, sizeof(unit));
	assert_non_null(strstr(why, unit));
	assert_unit_killed(unit);

	/* a systemctl that hangs: killed, the daemon goes on after ~5 s */
	fake_systemctl("exec sleep 300", ctl, sizeof(ctl));
	calls = 2;
	t0 = now();
	assert_int_equal(rd_verifier_run(&in, why, sizeof(why)), -EINTR);
	assert_true(now() - t0 < 8.0);
	last_unit(unit, sizeof(unit));
	systemctl_log(text, sizeof(text));
	assert_non_null(strstr(text, "kill --signal=SIGKILL --kill-whom=all "));
	assert_non_null(strstr(text, unit));
}

static void test_timeout_kills_group(void **state)
{
	char why[RD_MSG_MAX], body[8192], pidfile[4200], text[64];
	double t0;
	long pid;

	(void)state;
	snprintf(pidfile, sizeof(pidfile), "%s/child.pid", tl_dir);
	/* a helper in the background plus a hang in the foreground */
	snprintf(body, sizeof(body),
		 "sleep 300 &\necho $! > %s\nexec sleep 300", pidfile);
	t0 = now();
	assert_int_equal(run(body, 500, why), -ETIME);
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

static int count_tick(void *data)
{
	(*(int *)data)++;
	return 0;
}

/* A slow hook: the caller's tick runs about once a second meanwhile. */
static void test_tick(void **state)
{
	char why[RD_MSG_MAX], cmd[4200];
	int ticks = 0;
	struct rd_wait tick = { .fd = -1, .fn = count_tick, .data = &ticks };
	struct rd_hook_input in = {
		.command = cmd, .wait = &tick, .timeout_ms = 10000,
		.tmpdir = tl_dir, .report = "x", .report_len = 1,
	};

	(void)state;
	tl_script(tl_dir, "hook", "sleep 2.5", cmd, sizeof(cmd));
	assert_int_equal(rd_verifier_run(&in, why, sizeof(why)), 1);
	assert_true(ticks >= 2);
	assert_true(ticks <= 15);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_approve_and_inputs, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_deny, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_missing_command, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_timeout_kills_group, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_tick, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_environment_and_fds, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_setsid_children_killed, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_abort, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_systemd_runner, tl_setup_tmpdir, tl_teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_systemd_abort, tl_setup_tmpdir, tl_teardown_tmpdir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
