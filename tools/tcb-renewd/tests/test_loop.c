// SPDX-License-Identifier: GPL-2.0-only
/*
 * The daemon's main loop against a fake device (one end of a socketpair
 * stands in for /dev/tsm_watchdog: the test reads the commands the daemon
 * writes and writes the kernel's event lines), the fake configfs-tsm and
 * a fake sysfs directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "renewd.h"
#include "testlib.h"

#define TCB1	0xd315000000000004ull
#define TCB2	0xd316000000000004ull
#define TCB3	0xd317000000000004ull

struct fx {
	char dir[2048], root[2100], sysfs[2100], rundir[2100], conf[2100];
	char state[2100];
	int peer;
	struct rd_daemon *d;
};

static struct fx fx;

static void write_conf(const char *extra_policy, const char *extra)
{
	char text[16384];

	snprintf(text, sizeof(text),
		 "[watchdog]\ndevice = /dev/unused\nheartbeat = 1\n"
		 "[report]\nconfigfs = %s\n"
		 "[policy]\nstate = %s\n%s\n%s",
		 fx.root, fx.state, extra_policy, extra);
	tl_write(fx.dir, "renewd.conf", text, fx.conf, sizeof(fx.conf));
}

static int setup(void **state)
{
	(void)state;
	memset(&fx, 0, sizeof(fx));
	fx.peer = -1;
	rd_log_set_level(LOG_WARNING);
	tl_tmpdir(fx.dir, sizeof(fx.dir));
	snprintf(fx.root, sizeof(fx.root), "%s/report", fx.dir);
	snprintf(fx.sysfs, sizeof(fx.sysfs), "%s/sysfs", fx.dir);
	snprintf(fx.rundir, sizeof(fx.rundir), "%s/run", fx.dir);
	snprintf(fx.state, sizeof(fx.state), "%s/lib/state", fx.dir);
	assert_int_equal(mkdir(fx.root, 0755), 0);
	assert_int_equal(mkdir(fx.sysfs, 0755), 0);
	tl_write(fx.sysfs, "timeout", "60\n", NULL, 0);
	tl_write(fx.sysfs, "action", "log\n", NULL, 0);
	fake_tsm_start(fx.root);
	fake_tsm_set_tcb(TCB1);
	write_conf("approve = snp:d315000000000004\nexpect = snp:d316000000000004", "");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rd_daemon_free(fx.d);
	if (fx.peer >= 0)
		close(fx.peer);
	fake_tsm_stop();
	tl_rmtree(fx.dir);
	return 0;
}

/* Build the daemon over a socketpair; returns rd_daemon_start()'s result. */
static int start(void)
{
	struct rd_paths paths = { .config = fx.conf, .sysfs = fx.sysfs,
				  .rundir = fx.rundir };
	char err[RD_MSG_MAX];
	struct rd_config *cfg;
	struct rd_dev *dev;
	int sv[2];

	assert_int_equal(rd_config_load(fx.conf, &cfg, err, sizeof(err)), 0);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
	fx.peer = sv[1];
	fcntl(fx.peer, F_SETFL, O_NONBLOCK);
	assert_int_equal(rd_dev_new_fd(sv[0], &dev), 0);
	assert_int_equal(rd_daemon_new(&paths, cfg, dev, &fx.d), 0);
	return rd_daemon_start(fx.d);
}

/* Everything the daemon wrote to the device since the last call. */
static const char *cmds(void)
{
	static char buf[8192];
	size_t n = 0;
	ssize_t r;

	while ((r = read(fx.peer, buf + n, sizeof(buf) - 1 - n)) > 0)
		n += (size_t)r;
	buf[n] = '\0';
	return buf;
}

static void kernel_says(const char *line)
{
	assert_int_equal(write(fx.peer, line, strlen(line)), (ssize_t)strlen(line));
}

static void status_has(const char *kv)
{
	char path[2200], text[4096];

	snprintf(path, sizeof(path), "%s/status", fx.rundir);
	assert_true(tl_read(path, text, sizeof(text)) > 0);
	if (!strstr(text, kv))
		fail_msg("status file lacks '%s':\n%s", kv, text);
}

static void floor_is(const char *tcb)
{
	char text[512], want[128];

	assert_true(tl_read(fx.state, text, sizeof(text)) > 0);
	snprintf(want, sizeof(want), "floor = %s\n", tcb);
	assert_non_null(strstr(text, want));
}

/* The kernel queues @events; one daemon step sends exactly @want_cmds. */
static void kernel_then(const char *events, const char *want_cmds)
{
	kernel_says(events);
	assert_int_equal(rd_daemon_step(fx.d, 200), 1);
	assert_string_equal(cmds(), want_cmds);
}

static void test_start(void **state)
{
	(void)state;
	assert_int_equal(start(), 0);
	assert_string_equal(cmds(),
		"unexpect all\nexpect snp:d316000000000004\nack snp:d315000000000004\n");
	floor_is("snp:d315000000000004");
	status_has("state=running\n");
	status_has("last_result=approved\n");
	status_has("last_tcb=snp:d315000000000004\n");
	status_has("last_components=bl=4 tee=0 snp=21 ucode=211\n");
	assert_int_equal(fake_tsm_items_left(), 0);
}

static void test_events(void **state)
{
	(void)state;
	assert_int_equal(start(), 0);
	cmds();
	/* routine events: nothing to do */
	kernel_then("1 armed snp:d315000000000004\n2 acked snp:d315000000000004\n",
		    "");

	/* the host moved to the expected TCB2: renewed, verified, acked */
	fake_tsm_set_tcb(TCB2);
	kernel_then("3 renewed snp:d316000000000004\n",
		    "ack snp:d316000000000004\n");
	floor_is("snp:d316000000000004");

	/* an unapproved TCB3: changed, verified at once, rejected once */
	fake_tsm_set_tcb(TCB3);
	kernel_then("4 changed snp:d317000000000004\n",
		    "reject\n");
	status_has("last_result=denied\n");
	kernel_then("5 fired snp:d317000000000004\n6 changed snp:d317000000000004\n",
		    "");
	floor_is("snp:d316000000000004");

	/* overflow: events were lost, so verify again */
	fake_tsm_set_tcb(TCB2);
	kernel_then("300 overflow 17\n",
		    "ack snp:d316000000000004\n");
	/* garbage lines are logged and ignored */
	kernel_then("what is this\n",
		    "");
	/* the guest was paused (rule 13: one grace to ack): verify now */
	kernel_then("301 resumed 2500\n",
		    "ack snp:d316000000000004\n");
	/* 9: the garbage line counts too; the status is written after a
	 * verification */
	status_has("events=9\n");
}

static void test_withhold(void **state)
{
	(void)state;
	write_conf("approve = snp:d315000000000004\non_deny = withhold", "");
	fake_tsm_set_tcb(TCB3);
	assert_int_equal(start(), 0);
	assert_string_equal(cmds(), "unexpect all\n");
	status_has("last_result=denied\n");
	kernel_then("1 changed snp:d317000000000004\n",
		    "");
}

static char written[4096];
static int stale_acks;

/* The kernel refuses the first ack: the TCB moved on meanwhile. */
static ssize_t stale_write(int fd, const void *buf, size_t len)
{
	size_t n = strlen(written);

	snprintf(written + n, sizeof(written) - n, "%.*s", (int)len, (const char *)buf);
	if (!strncmp(buf, "ack ", 4) && stale_acks > 0) {
		stale_acks--;
		fake_tsm_set_tcb(TCB2);
		errno = ESTALE;
		return -1;
	}
	return write(fd, buf, len);
}

static void test_estale_reverifies(void **state)
{
	struct rd_paths paths;
	char err[RD_MSG_MAX];
	struct rd_config *cfg;
	struct rd_dev *dev;
	int sv[2];

	(void)state;
	written[0] = '\0';
	stale_acks = 1;
	paths = (struct rd_paths){ .config = fx.conf, .sysfs = fx.sysfs,
				   .rundir = fx.rundir };
	assert_int_equal(rd_config_load(fx.conf, &cfg, err, sizeof(err)), 0);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	fx.peer = sv[1];
	fcntl(fx.peer, F_SETFL, O_NONBLOCK);
	assert_int_equal(rd_dev_new_fd(sv[0], &dev), 0);
	rd_dev_set_write_fn(dev, stale_write);
	assert_int_equal(rd_daemon_new(&paths, cfg, dev, &fx.d), 0);
	assert_int_equal(rd_daemon_start(fx.d), 0);
	assert_string_equal(written,
		"unexpect all\nexpect snp:d316000000000004\nack snp:d315000000000004\nack snp:d316000000000004\n");
	assert_int_equal(fake_tsm_reports(), 2);
	status_has("stale_acks=1\n");

	/* a kernel that keeps refusing: bounded retries, no endless loop */
	written[0] = '\0';
	stale_acks = 100;
	assert_int_equal(rd_daemon_verify_now(fx.d, "test"), RD_ERROR);
	assert_int_equal(fake_tsm_reports(), 5);
	status_has("last_result=error\n");
	status_has("last_reason=ack refused three times (ESTALE): the TCB keeps changing\n");
}

static void test_heartbeat(void **state)
{
	struct timespec t0, t1;

	(void)state;
	assert_int_equal(start(), 0);
	cmds();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(rd_daemon_step(fx.d, 3000), 1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_string_equal(cmds(), "ack snp:d315000000000004\n");
	/* heartbeat = 1 s: not before ~1 s, not much later */
	assert_true(t1.tv_sec - t0.tv_sec <= 2);
	assert_int_equal(rd_daemon_step(fx.d, 3000), 1);
	assert_string_equal(cmds(), "ack snp:d315000000000004\n");
	status_has("verifications=3\n");
}

static void test_reload(void **state)
{
	(void)state;
	assert_int_equal(start(), 0);
	cmds();
	/* a bad file is refused, the running configuration stays */
	tl_write(fx.dir, "renewd.conf", "[policy]\napprove = nonsense\n", NULL, 0);
	kill(getpid(), SIGHUP);
	assert_int_equal(rd_daemon_step(fx.d, 1000), 1);
	assert_string_equal(cmds(), "");
	status_has("reloads=0\n");
	fake_tsm_set_tcb(TCB1);
	assert_int_equal(rd_daemon_verify_now(fx.d, "test"), RD_APPROVED);
	cmds();

	/* a good one: new expectations, verified at once */
	write_conf("approve = snp:d315000000000004\nexpect = snp:d317000000000004", "");
	kill(getpid(), SIGHUP);
	assert_int_equal(rd_daemon_step(fx.d, 1000), 1);
	assert_string_equal(cmds(),
		"unexpect all\nexpect snp:d317000000000004\nack snp:d315000000000004\n");
	status_has("reloads=1\n");

	/* the device cannot change on reload */
	tl_write(fx.dir, "renewd.conf", "[watchdog]\ndevice = /dev/other\n[policy]\napprove = snp:d315000000000004\n", NULL, 0);
	kill(getpid(), SIGHUP);
	assert_int_equal(rd_daemon_step(fx.d, 1000), 1);
	status_has("reloads=1\n");

	/* a reload whose heartbeat the kernel timeout cannot take */
	write_conf("approve = snp:d315000000000004", "");
	tl_write(fx.sysfs, "timeout", "1\n", NULL, 0);
	kill(getpid(), SIGHUP);
	assert_int_equal(rd_daemon_step(fx.d, 1000), 1);
	status_has("reloads=1\n");
}

static void test_sigterm(void **state)
{
	(void)state;
	assert_int_equal(start(), 0);
	kill(getpid(), SIGTERM);
	assert_int_equal(rd_daemon_step(fx.d, 1000), 0);
	assert_int_equal(rd_daemon_run(fx.d), 0);
	status_has("state=stopped\n");
	/* stopping never disarms */
	assert_null(strstr(cmds(), "disarm"));
}

static void test_hangup(void **state)
{
	(void)state;
	assert_int_equal(start(), 0);
	close(fx.peer);
	fx.peer = -1;
	assert_int_equal(rd_daemon_run(fx.d), 1);
}

static void test_heartbeat_vs_kernel_timeout(void **state)
{
	(void)state;
	tl_write(fx.sysfs, "timeout", "1\n", NULL, 0);
	assert_int_equal(start(), -ERANGE);
	assert_string_equal(cmds(), "");
}

static void test_no_configfs(void **state)
{
	(void)state;
	rmdir(fx.root);
	assert_int_equal(start(), -ENOENT);
	assert_string_equal(cmds(), "");
}

static void test_corrupt_state(void **state)
{
	(void)state;
	snprintf(fx.state, sizeof(fx.state), "%s/state", fx.dir);
	write_conf("approve = snp:d315000000000004", "");
	tl_write(fx.dir, "state", "floor = garbage\n", NULL, 0);
	assert_int_equal(start(), -EBADMSG);
	assert_string_equal(cmds(), "");
}

static void test_floor_blocks_older(void **state)
{
	char err[RD_MSG_MAX];
	struct tsm_tcb f;

	(void)state;
	/* a floor from an earlier run above the (listed) current TCB */
	assert_int_equal(tsm_tcb_parse("snp:d316000000000004", &f), 0);
	snprintf(fx.state, sizeof(fx.state), "%s/state", fx.dir);
	assert_int_equal(rd_state_save(fx.state, &f, err, sizeof(err)), 0);
	write_conf("approve = snp:d315000000000004\nexpect = snp:d315000000000004 snp:d317000000000004", "");
	fake_tsm_set_tcb(TCB1);
	assert_int_equal(start(), 0);
	/* TCB1 is never expected nor acked: below the floor */
	assert_string_equal(cmds(), "unexpect all\nexpect snp:d317000000000004\nreject\n");
	floor_is("snp:d316000000000004");
}

static void test_provider_error(void **state)
{
	(void)state;
	fake_tsm_set_errno(EIO);
	assert_int_equal(start(), 0);
	/* no evidence: neither ack nor reject */
	assert_string_equal(cmds(), "unexpect all\nexpect snp:d316000000000004\n");
	status_has("last_result=error\n");
	fake_tsm_set_errno(0);
	assert_int_equal(rd_daemon_step(fx.d, 3000), 1);
	assert_string_equal(cmds(), "ack snp:d315000000000004\n");
}

/* `once`: the same start-up, one verification and its command, no loop. */
static void test_once(void **state)
{
	struct rd_paths paths = { .config = fx.conf, .sysfs = fx.sysfs,
				  .rundir = fx.rundir };
	char err[RD_MSG_MAX], path[2200], text[64];
	struct rd_config *cfg;
	struct rd_dev *dev;
	int sv[2];

	(void)state;
	assert_int_equal(rd_config_load(fx.conf, &cfg, err, sizeof(err)), 0);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	fx.peer = sv[1];
	fcntl(fx.peer, F_SETFL, O_NONBLOCK);
	assert_int_equal(rd_dev_new_fd(sv[0], &dev), 0);
	assert_int_equal(rd_daemon_new(&paths, cfg, dev, &fx.d), 0);
	assert_int_equal(rd_daemon_once(fx.d), RD_APPROVED);
	assert_string_equal(cmds(),
		"unexpect all\nexpect snp:d316000000000004\nack snp:d315000000000004\n");
	floor_is("snp:d315000000000004");
	snprintf(path, sizeof(path), "%s/status", fx.rundir);
	assert_int_equal(tl_read(path, text, sizeof(text)), -1);
	/* denied */
	fake_tsm_set_tcb(TCB3);
	assert_int_equal(rd_daemon_verify_now(fx.d, "test"), RD_DENIED);
	assert_string_equal(cmds(), "reject\n");
}

/* sd_notify through libsystemd: READY, STATUS, WATCHDOG pings, STOPPING. */
static void test_notify(void **state)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char got[8192] = "", pid[32], buf[1024];
	int s;

	(void)state;
	s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	assert_true(s >= 0);
	assert_true(strlen(fx.dir) + 8 < sizeof(sa.sun_path));
	memcpy(sa.sun_path, fx.dir, strlen(fx.dir));
	strcat(sa.sun_path, "/notify");
	assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof(sa)), 0);
	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	setenv("NOTIFY_SOCKET", sa.sun_path, 1);
	setenv("WATCHDOG_USEC", "300000", 1);
	setenv("WATCHDOG_PID", pid, 1);
	assert_int_equal(start(), 0);
	/* the watchdog ping (every 150 ms) comes before the heartbeat (1 s) */
	for (int i = 0; i < 5 && !strstr(got, "WATCHDOG=1"); i++) {
		ssize_t n;

		assert_int_equal(rd_daemon_step(fx.d, 1000), 1);
		while ((n = recv(s, buf, sizeof(buf) - 1, 0)) > 0) {
			buf[n] = '\0';
			strncat(got, buf, sizeof(got) - strlen(got) - 2);
			strcat(got, "|");
		}
	}
	kill(getpid(), SIGTERM);
	assert_int_equal(rd_daemon_run(fx.d), 0);
	for (ssize_t n; (n = recv(s, buf, sizeof(buf) - 1, 0)) > 0; ) {
		buf[n] = '\0';
		strncat(got, buf, sizeof(got) - strlen(got) - 2);
		strcat(got, "|");
	}
	unsetenv("NOTIFY_SOCKET");
	unsetenv("WATCHDOG_USEC");
	unsetenv("WATCHDOG_PID");
	close(s);
	assert_non_null(strstr(got, "STATUS=approved snp:d315000000000004|READY=1|"));
	assert_non_null(strstr(got, "|WATCHDOG=1|"));
	assert_non_null(strstr(got, "|STOPPING=1|"));
}


/* Defect 2: a floor that could not be saved is saved at the next try. */
static void test_floor_save_retried(void **state)
{
	char dir[2200], blocker[2300], path[2400], text[64];

	(void)state;
	snprintf(dir, sizeof(dir), "%s/lib", fx.dir);
	snprintf(blocker, sizeof(blocker), "%s/state.tmp", dir);
	assert_int_equal(mkdir(dir, 0755), 0);
	/* PATH.tmp is a directory: the save fails (EISDIR), even for root */
	assert_int_equal(mkdir(blocker, 0755), 0);
	assert_int_equal(start(), 0);
	assert_string_equal(cmds(),
		"unexpect all\nexpect snp:d316000000000004\nack snp:d315000000000004\n");
	assert_int_equal(tl_read(fx.state, text, sizeof(text)), -1);
	status_has("floor=snp:d315000000000004\nfloor_saved=no\n");
	assert_int_equal(rmdir(blocker), 0);
	/* the same TCB again: nothing to raise, but the save is retried */
	assert_int_equal(rd_daemon_step(fx.d, 3000), 1);
	assert_string_equal(cmds(), "ack snp:d315000000000004\n");
	floor_is("snp:d315000000000004");
	status_has("floor_saved=yes\n");
	snprintf(path, sizeof(path), "%s/state", dir);
	assert_string_equal(path, fx.state);
}

/* Defect 6 (state.c): the rename succeeded but the directory's fsync did
 * not: the file holds the new floor and the save counts as not done. */
static void test_floor_dir_fsync(void **state)
{
	(void)state;
	fake_set_fsync_dir_errno(EIO);
	assert_int_equal(start(), 0);
	fake_set_fsync_dir_errno(0);
	cmds();
	floor_is("snp:d315000000000004");
	status_has("floor_saved=no\n");
	assert_int_equal(rd_daemon_step(fx.d, 3000), 1);
	status_has("floor_saved=yes\n");
}

static char refuse_cmd[16];
static int refuse_errno;

static ssize_t refusing_write(int fd, const void *buf, size_t len)
{
	if (!strncmp(buf, refuse_cmd, strlen(refuse_cmd))) {
		errno = refuse_errno;
		return -1;
	}
	return write(fd, buf, len);
}

static struct rd_daemon *new_daemon(rd_dev_write_fn fn)
{
	struct rd_paths paths = { .config = fx.conf, .sysfs = fx.sysfs,
				  .rundir = fx.rundir };
	char err[RD_MSG_MAX];
	struct rd_config *cfg;
	struct rd_daemon *d;
	struct rd_dev *dev;
	int sv[2];

	assert_int_equal(rd_config_load(fx.conf, &cfg, err, sizeof(err)), 0);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
	fx.peer = sv[1];
	fcntl(fx.peer, F_SETFL, O_NONBLOCK);
	assert_int_equal(rd_dev_new_fd(sv[0], &dev), 0);
	if (fn)
		rd_dev_set_write_fn(dev, fn);
	assert_int_equal(rd_daemon_new(&paths, cfg, dev, &d), 0);
	return d;
}

/* Defect 3: an ack or reject the kernel refuses is an error. */
static void test_refused_commands(void **state)
{
	(void)state;
	snprintf(refuse_cmd, sizeof(refuse_cmd), "ack ");
	refuse_errno = EPERM;
	fx.d = new_daemon(refusing_write);
	/* `once` exits 2 (error), not 0 */
	assert_int_equal(rd_daemon_once(fx.d), RD_ERROR);
	assert_non_null(strstr(cmds(), "expect snp:d316000000000004\n"));
	rd_daemon_free(fx.d);
	close(fx.peer);

	snprintf(refuse_cmd, sizeof(refuse_cmd), "reject");
	refuse_errno = EBUSY;
	fake_tsm_set_tcb(TCB3);
	fx.d = new_daemon(refusing_write);
	assert_int_equal(rd_daemon_start(fx.d), 0);
	status_has("last_result=error\nlast_reason_code=reject_refused\n");
	status_has("refused=1\n");
	status_has("last_reason=snp:d317000000000004 is not in approve or expect; but the kernel refused reject: Device or resource busy\n");
	/* tried again on the next heartbeat: never marked as rejected */
	assert_int_equal(rd_daemon_step(fx.d, 3000), 1);
	status_has("refused=2\n");
	status_has("reasons=reject_refused=2\n");
}

static void hook_conf(const char *body)
{
	char hook[2200], text[4400];

	tl_script(fx.dir, "hook", body, hook, sizeof(hook));
	snprintf(text, sizeof(text), "[verifier]\ncommand = %s\ntimeout = 20\n", hook);
	write_conf("approve = snp:d315000000000004", text);
}

/* Defect 5: SIGTERM while the hook runs stops at once, the hook killed. */
static void test_sigterm_during_hook(void **state)
{
	struct timespec t0, t1;
	char pidfile[2200], text[64];

	(void)state;
	snprintf(pidfile, sizeof(pidfile), "%s/hook.pid", fx.dir);
	{
		char body[4400];

		snprintf(body, sizeof(body), "echo $$ > %s\nkill -TERM $PPID\nexec sleep 30", pidfile);
		hook_conf(body);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(start(), 0);
	assert_int_equal(rd_daemon_step(fx.d, 1000), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_true(t1.tv_sec - t0.tv_sec < 5);
	/* neither ack nor reject: nothing was decided */
	assert_string_equal(cmds(), "unexpect all\n");
	status_has("last_reason_code=interrupted\n");
	assert_true(tl_read(pidfile, text, sizeof(text)) > 0);
	assert_true(kill((pid_t)strtol(text, NULL, 10), 0) < 0);
}

/* Defect 5: SIGHUP while the hook runs reloads at once. */
static void test_sighup_during_hook(void **state)
{
	struct timespec t0, t1;
	char body[4400];

	(void)state;
	snprintf(body, sizeof(body),
		 "[ -e %s/hup-sent ] && exit 0\ntouch %s/hup-sent\nkill -HUP $PPID\nexec sleep 30",
		 fx.dir, fx.dir);
	hook_conf(body);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(start(), 0);
	assert_string_equal(cmds(), "unexpect all\n");
	assert_int_equal(rd_daemon_step(fx.d, 1000), 1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_true(t1.tv_sec - t0.tv_sec < 5);
	assert_string_equal(cmds(), "unexpect all\nack snp:d315000000000004\n");
	status_has("reloads=1\n");
}

/* Defect 5: a report read that blocks does not stop the systemd pings;
 * one slower than [report] timeout is an error. */
static void test_report_blocks(void **state)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char got[8192] = "", pid[32], buf[1024];
	int s, pings = 0;

	(void)state;
	s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	assert_true(s >= 0);
	memcpy(sa.sun_path, fx.dir, strlen(fx.dir));
	strcat(sa.sun_path, "/notify");
	assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof(sa)), 0);
	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	setenv("NOTIFY_SOCKET", sa.sun_path, 1);
	setenv("WATCHDOG_USEC", "1000000", 1);
	setenv("WATCHDOG_PID", pid, 1);
	fake_tsm_set_delay_ms(2600);
	assert_int_equal(start(), 0);
	unsetenv("NOTIFY_SOCKET");
	unsetenv("WATCHDOG_USEC");
	unsetenv("WATCHDOG_PID");
	for (ssize_t n; (n = recv(s, buf, sizeof(buf) - 1, 0)) > 0; ) {
		buf[n] = '\0';
		if (strstr(got, "READY=1") == NULL && !strcmp(buf, "WATCHDOG=1"))
			pings++;
		strncat(got, buf, sizeof(got) - strlen(got) - 2);
		strcat(got, "|");
	}
	close(s);
	if (pings < 2)
		fail_msg("%d WATCHDOG=1 while the report blocked 2.6 s: %s", pings, got);
	assert_string_equal(cmds(),
		"unexpect all\nexpect snp:d316000000000004\nack snp:d315000000000004\n");

	/* slower than [report] timeout: an error, no ack */
	rd_daemon_free(fx.d);
	fx.d = NULL;
	close(fx.peer);
	write_conf("approve = snp:d315000000000004", "[report]\ntimeout = 0.3\n");
	fake_tsm_set_delay_ms(800);
	assert_int_equal(start(), 0);
	assert_string_equal(cmds(), "unexpect all\n");
	status_has("last_result=error\nlast_reason_code=report\n");
	status_has("within 300 ms ([report] timeout)");
	/* the daemon goes away while the abandoned report is still in the
	 * kernel: it waits for it, which removes its configfs item */
	assert_int_equal(fake_tsm_items_left(), 1);
	rd_daemon_free(fx.d);
	fx.d = NULL;
	assert_int_equal(fake_tsm_items_left(), 0);
}

/* Defect 6: before any evidence, the floor has no SNP layout to show. */
static void test_floor_described_without_layout(void **state)
{
	char err[RD_MSG_MAX], logfile[2200], text[8192];
	struct tsm_tcb f;
	int saved, fd;

	(void)state;
	assert_int_equal(tsm_tcb_parse("snp:d316000000000004", &f), 0);
	snprintf(fx.state, sizeof(fx.state), "%s/state", fx.dir);
	assert_int_equal(rd_state_save(fx.state, &f, err, sizeof(err)), 0);
	write_conf("approve = snp:d316000000000004", "");
	fake_tsm_set_errno(EIO);
	snprintf(logfile, sizeof(logfile), "%s/log", fx.dir);
	fd = open(logfile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	saved = dup(2);
	dup2(fd, 2);
	rd_log_set_level(LOG_INFO);
	assert_int_equal(start(), 0);
	rd_log_set_level(LOG_WARNING);
	dup2(saved, 2);
	close(saved);
	close(fd);
	assert_true(tl_read(logfile, text, sizeof(text)) > 0);
	if (!strstr(text, "floor snp:d316000000000004 (from ") ||
	    strstr(text, "bl="))
		fail_msg("floor described with a layout before any evidence:\n%s", text);
}

/* Defect 4: a grace the verification can not fit is refused at start. */
static void test_grace_too_short(void **state)
{
	(void)state;
	tl_write(fx.sysfs, "grace", "2\n", NULL, 0);
	tl_write(fx.sysfs, "mode", "relaxed\n", NULL, 0);
	assert_int_equal(start(), -ERANGE);
	assert_string_equal(cmds(), "");
	rd_daemon_free(fx.d);
	fx.d = NULL;
	close(fx.peer);
	write_conf("approve = snp:d315000000000004", "[report]\ntimeout = 0.5\n");
	assert_int_equal(start(), 0);
}

/* [metrics] textfile: written after each verification. */
static void test_metrics_file(void **state)
{
	char path[2200], text[16384], conf[2400];

	(void)state;
	snprintf(path, sizeof(path), "%s/tcb-renewd.prom", fx.dir);
	snprintf(conf, sizeof(conf), "[metrics]\ntextfile = %s\n", path);
	write_conf("approve = snp:d315000000000004", conf);
	tl_write(fx.sysfs, "state", "armed\n", NULL, 0);
	tl_write(fx.sysfs, "fire_count", "2\n", NULL, 0);
	assert_int_equal(start(), 0);
	fake_tsm_set_tcb(TCB3);
	assert_int_equal(rd_daemon_step(fx.d, 3000), 1);
	assert_true(tl_read(path, text, sizeof(text)) > 0);
	assert_non_null(strstr(text, "\ntsm_watchdog_state{state=\"armed\"} 1\n"));
	assert_non_null(strstr(text, "\ntsm_watchdog_fires_total 2\n"));
	assert_non_null(strstr(text, "floor=\"snp:d315000000000004\"} 1\n"));
	assert_non_null(strstr(text, "\ntcb_renewd_verifications_total{result=\"approved\"} 1\n"));
	assert_non_null(strstr(text, "\ntcb_renewd_verifications_total{result=\"denied\"} 1\n"));
	assert_non_null(strstr(text, "\ntcb_renewd_denials_total{reason=\"not_approved\"} 1\n"));
	assert_non_null(strstr(text, "\ntcb_renewd_last_verification_result{result=\"denied\"} 1\n"));
}

/* The TCB a TDREPORT from the fake device carries, in text form. */
static void tdreport_tcb(char *text, size_t len)
{
	uint8_t b[1024];
	struct tsm_evidence ev;

	fake_tdreport(b, NULL);
	assert_int_equal(tsm_parse_tdreport(b, sizeof(b), &ev), 0);
	snprintf(text, len, "%s", ev.tcb_text);
}

/* Issue 10 item 4: on TDX the TDREPORT decides, not the host's quote. */
static void test_tdx_decides_on_tdreport(void **state)
{
	char dev[2200], tcb[TSM_TCB_TEXT_MAX], policy[512], want[512];
	char conf[4400];

	(void)state;
	snprintf(dev, sizeof(dev), "%s/tdx_guest", fx.dir);
	tl_write(fx.dir, "tdx_guest", "", NULL, 0);
	/* the quote says a TCB the TDREPORT does not: the host lies */
	fake_tdx_start(dev, 0x40);
	tdreport_tcb(tcb, sizeof(tcb));
	snprintf(policy, sizeof(policy), "approve = %s", tcb);
	snprintf(conf, sizeof(conf), "[report]\ntdx_guest = %s\n", dev);
	write_conf(policy, conf);
	assert_int_equal(start(), 0);
	snprintf(want, sizeof(want), "unexpect all\nack %s\n", tcb);
	assert_string_equal(cmds(), want);
	status_has("evidence=tdreport\n");
	status_has("platform_floor=\n");
	{
		char line[600];

		snprintf(line, sizeof(line), "current_tcb=%s\n", tcb);
		status_has(line);
	}
	/* a microcode update: CPUSVN moves, which the status names */
	fake_tdx_set(0x0d, 0x22);
	assert_int_equal(rd_daemon_step(fx.d, 3000), 1);
	status_has("moved=cpusvn\n");
	/* a TDX module runtime update: TEE_TCB_SVN2 moves */
	fake_tdx_set(0x0e, 0x22);
	assert_int_equal(rd_daemon_step(fx.d, 3000), 1);
	status_has("moved=tee_tcb_svn2\n");
	rd_daemon_free(fx.d);
	fx.d = NULL;
	close(fx.peer);

	/* no TDREPORT device: an error, neither ack nor reject */
	fake_tdx_set(0x0d, 0x21);
	snprintf(conf, sizeof(conf),
		 "[report]\ntdx_guest = %s/none\n[metrics]\ntextfile = %s/m.prom\n",
		 fx.dir, fx.dir);
	write_conf(policy, conf);
	assert_int_equal(start(), 0);
	assert_string_equal(cmds(), "unexpect all\n");
	status_has("last_result=error\nlast_reason_code=tdreport\n");
	/* the metrics count it by its reason too (issue 13 A.3) */
	{
		char path[2200], text[16384];

		snprintf(path, sizeof(path), "%s/m.prom", fx.dir);
		assert_true(tl_read(path, text, sizeof(text)) > 0);
		assert_non_null(strstr(text, "\ntcb_renewd_verifications_total{result=\"error\"} 1\n"));
		assert_non_null(strstr(text, "\ntcb_renewd_errors_total{reason=\"tdreport\"} 1\n"));
	}
	rd_daemon_free(fx.d);
	fx.d = NULL;
	close(fx.peer);

	/* approving what the quote says is not approving the TDREPORT's TCB */
	{
		uint8_t q[1024];
		struct tsm_evidence ev;

		fake_tdreport(q, NULL);
		q[256 + 8] ^= 0x40;	/* the quote's lie, as a TDREPORT */
		q[256 + 128] ^= 0x40;
		q[16] ^= 0x40;
		assert_int_equal(tsm_parse_tdreport(q, sizeof(q), &ev), 0);
		snprintf(policy, sizeof(policy), "approve = %s\non_deny = reject", ev.tcb_text);
	}
	snprintf(conf, sizeof(conf), "[report]\ntdx_guest = %s\n", dev);
	write_conf(policy, conf);
	assert_int_equal(start(), 0);
	assert_string_equal(cmds(), "unexpect all\nreject\n");
	status_has("last_result=denied\n");
}

/*
 * SNP firmware hot load, approved, then backed out before the host
 * committed it: CURRENT_TCB falls back to COMMITTED_TCB (the kernel says
 * `reverted`, then `changed`). With floor = highest (the default) the
 * provisional TCB became the floor and the revert is denied; with
 * floor = committed the floor stays at COMMITTED_TCB and the revert is
 * acked. A report whose COMMITTED_TCB fell below that floor is denied.
 */
static void snp_provisional_then_revert(const char *floor_key,
					const char *after_revert,
					const char *floor_after)
{
	char policy[256];

	snprintf(policy, sizeof(policy),
		 "approve = snp:d315000000000004 snp:d316000000000004\n%s",
		 floor_key);
	write_conf(policy, "");
	assert_int_equal(start(), 0);
	assert_string_equal(cmds(), "unexpect all\nack snp:d315000000000004\n");
	floor_is("snp:d315000000000004");

	/* provisional: CURRENT_TCB rises, COMMITTED_TCB stays */
	fake_tsm_set_committed(TCB1);
	fake_tsm_set_tcb(TCB2);
	kernel_then("1 changed snp:d316000000000004\n",
		    "ack snp:d316000000000004\n");
	floor_is(floor_after);

	/* the host backs it out */
	fake_tsm_set_tcb(TCB1);
	kernel_then("2 reverted snp:d315000000000004\n3 changed snp:d315000000000004\n",
		    after_revert);
}

static void test_snp_revert_floor_highest(void **state)
{
	(void)state;
	snp_provisional_then_revert("", "reject\n", "snp:d316000000000004");
	status_has("last_result=denied\n");
	status_has("floor=snp:d316000000000004\n");
}

static void test_snp_revert_floor_committed(void **state)
{
	(void)state;
	snp_provisional_then_revert("floor = committed",
				    "ack snp:d315000000000004\n",
				    "snp:d315000000000004");
	status_has("last_result=approved\n");

	/* the host commits TCB2: the floor follows COMMITTED_TCB */
	fake_tsm_set_committed(0);
	fake_tsm_set_tcb(TCB2);
	kernel_then("4 changed snp:d316000000000004\n",
		    "ack snp:d316000000000004\n");
	floor_is("snp:d316000000000004");

	/* a report whose CURRENT_TCB is listed but COMMITTED_TCB fell below
	 * the floor: denied */
	fake_tsm_set_committed(TCB1);
	kernel_then("5 rollback snp:d316000000000004\n", "reject\n");
	status_has("last_result=denied\n");
	status_has("COMMITTED_TCB snp:d315000000000004 is below the floor snp:d316000000000004");
	floor_is("snp:d316000000000004");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_start, setup, teardown),
		cmocka_unit_test_setup_teardown(test_events, setup, teardown),
		cmocka_unit_test_setup_teardown(test_withhold, setup, teardown),
		cmocka_unit_test_setup_teardown(test_estale_reverifies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_heartbeat, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reload, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sigterm, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hangup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_heartbeat_vs_kernel_timeout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_configfs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_floor_blocks_older, setup, teardown),
		cmocka_unit_test_setup_teardown(test_provider_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notify, setup, teardown),
		cmocka_unit_test_setup_teardown(test_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_floor_save_retried, setup, teardown),
		cmocka_unit_test_setup_teardown(test_floor_dir_fsync, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_commands, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sigterm_during_hook, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sighup_during_hook, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_blocks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_floor_described_without_layout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_grace_too_short, setup, teardown),
		cmocka_unit_test_setup_teardown(test_metrics_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tdx_decides_on_tdreport, setup, teardown),
		cmocka_unit_test_setup_teardown(test_snp_revert_floor_highest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_snp_revert_floor_committed, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
