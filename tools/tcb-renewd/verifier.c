// SPDX-License-Identifier: GPL-2.0-only
/*
 * The verifier hook: the tenant's attestation agent decides whether a TCB
 * is acceptable. It runs as a child:
 *	argv[0] = the command, argv[1] = a file with the raw report
 *	TCB_RENEWD_TCB, TCB_RENEWD_PROVIDER, TCB_RENEWD_NONCE (hex) added to
 *	the environment; NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID removed
 *	(the hook is not the service: it must not talk to systemd for it)
 *	stdin /dev/null, stdout/stderr inherited (they reach the log), no
 *	other file descriptor (every fd >= 3 is close-on-exec at exec time,
 *	close_range() being the backstop for any fd opened without O_CLOEXEC)
 * Exit status 0 approves; any other exit status, a signal or the timeout
 * denies. A hook that can not be run at all (exec fails, no such user,
 * fork or the report file fails) is an error, never a denial: exec errors
 * come back through a close-on-exec pipe, so a hook exiting 127 on its own
 * still is a denial.
 *
 * Lifetime: the daemon is a child subreaper, so whatever the hook starts
 * stays below the daemon even after setsid() or a double fork. When the
 * hook is done (exit, timeout, or the daemon must stop), its process group
 * and every remaining descendant are SIGKILLed before the hook is reaped
 * (its pid can not be reused meanwhile), then everything is reaped.
 *
 * Runners: "fork" runs the command directly below the daemon. "systemd"
 * runs it in a transient service of its own (systemd-run), where it may
 * have the network and a User= the daemon's sandbox does not have;
 * inside that unit `tcb-renewd hook-exec` (rd_hook_exec_main()) starts the
 * command and writes its outcome as one line to stdout, so that
 * systemd-run's own failures are errors and not denials. The unit has
 * KillMode=control-group and KillSignal=SIGKILL: at RuntimeMaxSec systemd
 * SIGKILLs its whole cgroup at once. Killing systemd-run would leave the
 * unit running, so when no outcome comes back (the daemon's own deadline,
 * a stop or reload, systemd-run failing) the daemon also runs `systemctl
 * kill --signal=SIGKILL --kill-whom=all` and `systemctl stop` on the unit,
 * within RD_UNIT_STOP_MS, before it returns.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "renewd.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC	(1U << 2)
#endif

extern char **environ;

#define ENV_MAX		256
/* systemd runner: how long an aborted hook's unit may take to be stopped,
 * by us (systemctl kill, then stop) and by systemd after its SIGKILL */
#define RD_UNIT_STOP_MS		5000
#define RD_UNIT_STOP_TIMEOUT	"2s"

static int write_report(const char *dir, const void *buf, size_t len,
			bool world_readable, char *path, size_t size)
{
	const char *p = buf;
	int fd;

	if (snprintf(path, size, "%s/report.XXXXXX", dir) >= (int)size)
		return -ENAMETOOLONG;
	fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* a hook running as another user must be able to read it */
	if (world_readable && fchmod(fd, 0644)) {
		int ret = -errno;

		close(fd);
		unlink(path);
		return ret;
	}
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int ret = -errno;

			close(fd);
			unlink(path);
			return ret;
		}
		p += n;
		len -= (size_t)n;
	}
	close(fd);
	return 0;
}

static bool env_dropped(const char *e)
{
	static const char *const drop[] = {
		"NOTIFY_SOCKET=", "WATCHDOG_USEC=", "WATCHDOG_PID=",
		"TCB_RENEWD_TCB=", "TCB_RENEWD_PROVIDER=", "TCB_RENEWD_NONCE=",
	};

	for (size_t i = 0; i < sizeof(drop) / sizeof(drop[0]); i++)
		if (!strncmp(e, drop[i], strlen(drop[i])))
			return true;
	return false;
}

struct hook_env {
	char *envp[ENV_MAX + 4];
	char tcb[16 + TSM_TCB_TEXT_MAX], provider[32 + 64];
	char nonce[32 + 2 * TSM_INBLOB_MAX + 1];
};

/* Built before fork(): the child only calls async-signal-safe functions. */
static void build_env(const struct rd_hook_input *in, struct hook_env *e)
{
	size_t n = 0;

	for (char **p = environ; p && *p && n < ENV_MAX; p++)
		if (!env_dropped(*p))
			e->envp[n++] = *p;
	snprintf(e->tcb, sizeof(e->tcb), "TCB_RENEWD_TCB=%s",
		 in->tcb_text ? in->tcb_text : "");
	snprintf(e->provider, sizeof(e->provider), "TCB_RENEWD_PROVIDER=%s",
		 in->provider ? in->provider : "");
	snprintf(e->nonce, sizeof(e->nonce), "TCB_RENEWD_NONCE=%s",
		 in->nonce_hex ? in->nonce_hex : "");
	e->envp[n++] = e->tcb;
	e->envp[n++] = e->provider;
	e->envp[n++] = e->nonce;
	e->envp[n] = NULL;
}

/* Every fd >= 3 closes at exec; the exec-error pipe thus survives until
 * then. Without close_range() (Linux < 5.11) the same by hand. */
static void cloexec_from_3(void)
{
	long max;

	if (!syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC))
		return;
	max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (int fd = 3; fd < max; fd++)
		fcntl(fd, F_SETFD, FD_CLOEXEC);
}

struct hook_ids {
	bool set;
	uid_t uid;
	gid_t gid;
};

/* The child after fork(): async-signal-safe calls only. Never returns. */
static void child_exec(char *const argv[], char *const envp[],
		       const struct hook_ids *ids, int errfd, int outfd)
{
	sigset_t none;
	int fd, err;

	setpgid(0, 0);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && fd != STDIN_FILENO)
		dup2(fd, STDIN_FILENO);
	if (outfd >= 0 && outfd != STDOUT_FILENO)
		dup2(outfd, STDOUT_FILENO);
	cloexec_from_3();
	if (ids->set && (setgroups(1, &ids->gid) || setgid(ids->gid) ||
			 setuid(ids->uid)))
		goto fail;
	execve(argv[0], argv, envp);
fail:
	err = errno;
	if (write(errfd, &err, sizeof(err)) < 0)
		_exit(127);
	_exit(127);
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int rd_wait_fd(int fd, int64_t deadline_ms, const struct rd_wait *w)
{
	for (;;) {
		struct pollfd pfd[2] = {
			{ .fd = fd, .events = POLLIN },
			{ .fd = w ? w->fd : -1, .events = POLLIN },
		};
		int64_t left = deadline_ms - now_ms();
		int r;

		if (w && w->fn && w->fn(w->data))
			return -EINTR;
		if (left <= 0)
			return 0;
		r = poll(pfd, 2, (int)(left > 250 ? 250 : left));
		if (r < 0 && errno != EINTR)
			return -errno;
		if (r > 0 && pfd[0].revents)
			return 1;
	}
}

/* /proc/PID/stat's ppid, or -1; *@zombie: its state is Z (or X). */
static pid_t ppid_of(const char *pid, bool *zombie)
{
	char path[300], buf[512], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%s/stat", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strrchr(buf, ')');
	if (!p || p[1] != ' ' || !p[2] || p[3] != ' ')
		return -1;
	*zombie = p[2] == 'Z' || p[2] == 'X';
	return (pid_t)strtol(p + 4, NULL, 10);
}

/*
 * SIGKILL the hook's group and every descendant of @hook or of ourselves
 * (orphans land here: we are a subreaper) other than @hook itself, which
 * stays unreaped. Repeated until a pass finds nothing new, so a process
 * forking meanwhile is caught by the next pass. Returns how many it hit.
 */
static int kill_descendants(pid_t hook)
{
	int total = 0;

	kill(-hook, SIGKILL);
	for (int pass = 0; pass < 20; pass++) {
		pid_t tree[1024];
		bool dead[1024] = { false };
		size_t nt = 0;
		bool grew = true;
		int hit = 0;

		tree[nt++] = getpid();
		tree[nt++] = hook;
		/* a fixpoint over /proc: parents before children or not */
		while (grew) {
			DIR *d = opendir("/proc");
			struct dirent *e;

			grew = false;
			if (!d)
				return total;
			while ((e = readdir(d)) && nt < 1024) {
				pid_t p, pp;
				bool known = false, zombie = false;

				if (e->d_name[0] < '0' || e->d_name[0] > '9')
					continue;
				p = (pid_t)strtol(e->d_name, NULL, 10);
				for (size_t i = 0; i < nt && !known; i++)
					known = tree[i] == p;
				if (known)
					continue;
				pp = ppid_of(e->d_name, &zombie);
				for (size_t i = 0; i < nt; i++) {
					if (tree[i] != pp)
						continue;
					dead[nt] = zombie;
					tree[nt++] = p;
					grew = true;
					break;
				}
			}
			closedir(d);
		}
		/* a zombie is dead already (kill() would "succeed" forever) */
		for (size_t i = 2; i < nt; i++)
			if (!dead[i] && !kill(tree[i], SIGKILL))
				hit++;
		total += hit;
		if (!hit)
			break;
	}
	return total;
}

/* Reap the hook's orphans (they were killed); bounded to about 2 s. */
static void reap_orphans(pid_t hook)
{
	for (int i = 0; i < 200; i++) {
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		pid_t r = waitpid(-1, NULL, WNOHANG);

		if (r < 0 && errno == ECHILD)
			return;
		if (r > 0 && r != hook)
			continue;
		/* one dying or just forked: kill again now and then, not in
		 * a busy loop over /proc */
		if (i % 20 == 19)
			kill_descendants(hook);
		nanosleep(&ts, NULL);
	}
}

static int lookup_user(const char *user, struct hook_ids *ids, char *why,
		       size_t len)
{
	struct passwd pw, *res = NULL;
	char buf[4096];
	int r;

	ids->set = false;
	if (!user || !user[0])
		return 0;
	r = getpwnam_r(user, &pw, buf, sizeof(buf), &res);
	if (!res) {
		r = r ? r : ENOENT;
		snprintf(why, len, "verifier user '%s': %s", user,
			 r == ENOENT ? "no such user" : strerror(r));
		return -r;
	}
	ids->set = true;
	ids->uid = pw.pw_uid;
	ids->gid = pw.pw_gid;
	return 0;
}

/*
 * One run of argv[] with the lifetime rules above. Returns 1 exited (in
 * @status), 0 timed out (killed), -EINTR aborted by @in->wait (killed),
 * other -errno could not run (@why says why).
 */
static int spawn_wait(const struct rd_hook_input *in, char *const argv[],
		      const struct hook_ids *ids, int outfd, int *status,
		      char *why, size_t len)
{
	struct hook_env env;
	int errpipe[2], pidfd, err = 0, ret;
	ssize_t n;
	pid_t pid;

	why[0] = '\0';
	build_env(in, &env);
	/* orphans of the hook are re-parented here, not to init */
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	if (pipe2(errpipe, O_CLOEXEC)) {
		ret = -errno;
		snprintf(why, len, "cannot start the verifier: pipe: %s",
			 strerror(-ret));
		return ret;
	}
	pid = fork();
	if (pid < 0) {
		ret = -errno;
		close(errpipe[0]);
		close(errpipe[1]);
		snprintf(why, len, "cannot start the verifier: fork: %s",
			 strerror(-ret));
		return ret;
	}
	if (pid == 0)
		child_exec(argv, env.envp, ids, errpipe[1], outfd);
	close(errpipe[1]);
	setpgid(pid, pid);	/* also here: the group exists before a kill */
	do {
		n = read(errpipe[0], &err, sizeof(err));
	} while (n < 0 && errno == EINTR);
	close(errpipe[0]);
	if (n == (ssize_t)sizeof(err)) {
		while (waitpid(pid, status, 0) < 0 && errno == EINTR)
			;
		if (ids->set)
			snprintf(why, len, "cannot run the verifier %s as uid %u: %s",
				 argv[0], (unsigned int)ids->uid, strerror(err));
		else
			snprintf(why, len, "cannot run the verifier %s: %s",
				 argv[0], strerror(err));
		return err ? -err : -EIO;
	}
	pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	ret = 0;
	for (int64_t deadline = now_ms() + in->timeout_ms;;) {
		siginfo_t si = { .si_pid = 0 };

		/* WNOWAIT: seen, not reaped; its pid stays ours until the kill */
		if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) &&
		    errno != EINTR) {
			ret = -errno;
			snprintf(why, len, "verifier %s: wait failed: %s",
				 argv[0], strerror(-ret));
			break;
		}
		if (si.si_pid == pid) {
			ret = 1;
			break;
		}
		if (pidfd >= 0) {
			ret = rd_wait_fd(pidfd, deadline, in->wait);
		} else {
			struct timespec ts = { 0, 20 * 1000 * 1000 };

			ret = deadline > now_ms() ? 1 : 0;
			if (in->wait && in->wait->fn && in->wait->fn(in->wait->data))
				ret = -EINTR;
			if (ret == 1)
				nanosleep(&ts, NULL);
		}
		if (ret != 1)
			break;
	}
	/* exited, timed out or aborted: kill what is left, then reap */
	kill_descendants(pid);
	if (ret != 1)
		kill(pid, SIGKILL);
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
	if (ret == 0)
		snprintf(why, len, "verifier %s timed out after %u ms (killed with its process group and descendants)",
			 argv[0], in->timeout_ms);
	else if (ret == -EINTR)
		snprintf(why, len, "verifier %s interrupted: the daemon must stop or reload (killed)",
			 argv[0]);
	else if (ret < 0 && !why[0])
		snprintf(why, len, "verifier %s: %s", argv[0], strerror(-ret));
	reap_orphans(pid);
	if (pidfd >= 0)
		close(pidfd);
	return ret;
}

static int outcome(const char *cmd, int status, char *why, size_t len)
{
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		snprintf(why, len, "verifier %s approved", cmd);
		return 1;
	}
	if (WIFEXITED(status))
		snprintf(why, len, "verifier %s denied (exit status %d)", cmd,
			 WEXITSTATUS(status));
	else
		snprintf(why, len, "verifier %s denied (killed by signal %d)",
			 cmd, WTERMSIG(status));
	return 0;
}

static int run_fork(const struct rd_hook_input *in, const char *file,
		    char *why, size_t len)
{
	char *argv[] = { (char *)in->command, (char *)file, NULL };
	struct hook_ids ids;
	int status = 0, ret;

	ret = lookup_user(in->user, &ids, why, len);
	if (ret)
		return ret;
	ret = spawn_wait(in, argv, &ids, -1, &status, why, len);
	if (ret == 1)
		return outcome(in->command, status, why, len);
	return ret == 0 ? -ETIME : ret;	/* timeout: the caller denies */
}

/* ---- runner "systemd" --------------------------------------------------- */

/* The last "tcb-renewd-hook: ..." line of the helper's output. */
static int parse_helper(const char *out, const char *cmd, char *why,
			size_t len)
{
	const char *l = NULL, *p = out;
	int v;

	while ((p = strstr(p, "tcb-renewd-hook: "))) {
		l = p + strlen("tcb-renewd-hook: ");
		p = l;
	}
	if (!l) {
		snprintf(why, len, "verifier %s: no outcome from the transient unit (systemd-run failed?)",
			 cmd);
		return -EPROTO;
	}
	if (sscanf(l, "exit %d", &v) == 1)
		return outcome(cmd, v << 8, why, len);
	if (sscanf(l, "signal %d", &v) == 1)
		return outcome(cmd, v & 0x7f, why, len);
	if (sscanf(l, "error %d", &v) == 1) {
		snprintf(why, len, "cannot run the verifier %s in its unit: %s",
			 cmd, strerror(v));
		return v > 0 ? -v : -EIO;
	}
	snprintf(why, len, "verifier %s: unrecognised outcome from the transient unit",
		 cmd);
	return -EPROTO;
}

/*
 * The transient unit dies as a whole and at once: every process in its
 * cgroup gets SIGKILL (no 90 s TimeoutStopSec after a SIGTERM the hook may
 * ignore), whether systemd stops it at RuntimeMaxSec or we stop it.
 */
static const char *const unit_props[] = {
	"KillMode=control-group", "KillSignal=SIGKILL",
	"TimeoutStopSec=" RD_UNIT_STOP_TIMEOUT,
};

struct systemd_args {
	char *argv[40];
	char unit[96], tmax[64], user[96], e1[64 + TSM_TCB_TEXT_MAX];
	char e2[96 + 64], e3[64 + 2 * TSM_INBLOB_MAX];
};

/* systemd-run's command line; @name gets the unit's full name. */
static void systemd_argv(const struct rd_hook_input *in, const char *file,
			 struct systemd_args *a, char *name, size_t len)
{
	static unsigned int seq;
	char **argv = a->argv;
	int n = 0;

	snprintf(name, len, "tcb-renewd-verify-%d-%u.service", (int)getpid(),
		 ++seq);
	snprintf(a->unit, sizeof(a->unit), "--unit=%s", name);
	snprintf(a->tmax, sizeof(a->tmax), "RuntimeMaxSec=%u.%03us",
		 in->timeout_ms / 1000, in->timeout_ms % 1000);
	snprintf(a->e1, sizeof(a->e1), "TCB_RENEWD_TCB=%s",
		 in->tcb_text ? in->tcb_text : "");
	snprintf(a->e2, sizeof(a->e2), "TCB_RENEWD_PROVIDER=%s",
		 in->provider ? in->provider : "");
	snprintf(a->e3, sizeof(a->e3), "TCB_RENEWD_NONCE=%s",
		 in->nonce_hex ? in->nonce_hex : "");
	argv[n++] = (char *)(in->systemd_run ? in->systemd_run :
			     RD_SYSTEMD_RUN_DEFAULT);
	argv[n++] = "--quiet";
	argv[n++] = "--wait";
	argv[n++] = "--pipe";
	argv[n++] = "--collect";
	argv[n++] = "--service-type=exec";
	argv[n++] = a->unit;
	for (size_t i = 0; i < sizeof(unit_props) / sizeof(unit_props[0]); i++) {
		argv[n++] = "-p";
		argv[n++] = (char *)unit_props[i];
	}
	argv[n++] = "-p";
	argv[n++] = a->tmax;
	if (in->user && in->user[0]) {
		snprintf(a->user, sizeof(a->user), "User=%s", in->user);
		argv[n++] = "-p";
		argv[n++] = a->user;
	}
	argv[n++] = "-E";
	argv[n++] = a->e1;
	argv[n++] = "-E";
	argv[n++] = a->e2;
	argv[n++] = "-E";
	argv[n++] = a->e3;
	argv[n++] = "--";
	argv[n++] = (char *)in->helper;
	argv[n++] = "hook-exec";
	argv[n++] = (char *)in->command;
	argv[n++] = (char *)file;
	argv[n] = NULL;
}

/* While the unit is being stopped: keep the caller's tick (watchdog pings,
 * signals noted), but a pending stop or reload must not abort the kill. */
static int tick_only(void *data)
{
	const struct rd_wait *w = data;

	if (w && w->fn)
		w->fn(w->data);
	return 0;
}

/* `systemctl VERB [OPTIONS] UNIT`, bounded by @deadline; 0 if it exited 0. */
static int systemctl_cmd(const struct rd_hook_input *in, char *const argv[],
			 const char *unit, int64_t deadline)
{
	struct rd_wait tick = {
		.fd = -1, .fn = tick_only, .data = (void *)in->wait,
	};
	struct rd_hook_input in2 = *in;
	struct hook_ids none = { .set = false };
	int64_t left = deadline - now_ms();
	char why[RD_MSG_MAX];
	int status = 0, ret;

	if (left <= 0) {
		rd_log(LOG_WARNING, "verifier %s: no time left for systemctl %s %s",
		       in->command, argv[1], unit);
		return -ETIME;
	}
	in2.wait = &tick;
	in2.timeout_ms = (unsigned int)left;
	ret = spawn_wait(&in2, argv, &none, -1, &status, why, sizeof(why));
	if (ret == 1 && WIFEXITED(status) && !WEXITSTATUS(status))
		return 0;
	if (ret == 1) {
		/* e.g. the unit is gone already; systemctl said why */
		rd_log(LOG_DEBUG, "verifier %s: systemctl %s %s failed (%s %d)",
		       in->command, argv[1], unit,
		       WIFEXITED(status) ? "exit status" : "signal",
		       WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		return -EIO;
	}
	if (ret == 0)
		rd_log(LOG_WARNING, "verifier %s: systemctl %s %s did not finish within %u ms (killed)",
		       in->command, argv[1], unit, RD_UNIT_STOP_MS);
	else
		rd_log(LOG_WARNING, "verifier %s: systemctl %s %s: %s",
		       in->command, argv[1], unit, why);
	return ret == 0 ? -ETIME : ret;
}

/*
 * The hook's outcome did not come back (timeout, stop or reload, or
 * systemd-run died): killing systemd-run left the unit running, so SIGKILL
 * everything in its cgroup and stop it, waiting at most RD_UNIT_STOP_MS.
 */
static void stop_unit(const struct rd_hook_input *in, const char *unit)
{
	char *ctl = (char *)(in->systemctl ? in->systemctl :
			     RD_SYSTEMCTL_DEFAULT);
	char *kill_argv[] = {
		ctl, "kill", "--signal=SIGKILL", "--kill-whom=all",
		(char *)unit, NULL,
	};
	char *stop_argv[] = { ctl, "stop", (char *)unit, NULL };
	int64_t deadline = now_ms() + RD_UNIT_STOP_MS;

	systemctl_cmd(in, kill_argv, unit, deadline);
	systemctl_cmd(in, stop_argv, unit, deadline);
}

static int read_all(int fd, char *buf, size_t size)
{
	size_t got = 0;
	ssize_t r;

	while (got < size - 1 && (r = read(fd, buf + got, size - 1 - got)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		got += (size_t)r;
	}
	buf[got] = '\0';
	return (int)got;
}

static int run_systemd(const struct rd_hook_input *in, const char *file,
		       char *why, size_t len)
{
	struct hook_ids none = { .set = false };
	struct rd_hook_input in2 = *in;
	struct systemd_args a;
	char unit[80], out[512];
	int pipefd[2], status = 0, ret;
	bool timed_out;
	int64_t t0;

	systemd_argv(in, file, &a, unit, sizeof(unit));
	/*
	 * Our end does not block: systemd-run --pipe hands the write end to
	 * the unit, which keeps it open after systemd-run is gone (abort,
	 * failure), so a blocking read would wait for the hook. Its outcome
	 * line is in the pipe once systemd-run --wait has returned.
	 */
	if (pipe2(pipefd, O_CLOEXEC)) {
		ret = -errno;
		snprintf(why, len, "cannot start the verifier: pipe: %s",
			 strerror(-ret));
		return ret;
	}
	fcntl(pipefd[0], F_SETFL, O_NONBLOCK);
	/* systemd stops the unit at RuntimeMaxSec; allow it 5 s to say so */
	in2.timeout_ms = in->timeout_ms + 5000;
	t0 = now_ms();
	ret = spawn_wait(&in2, a.argv, &none, pipefd[1], &status, why, len);
	close(pipefd[1]);
	read_all(pipefd[0], out, sizeof(out));
	close(pipefd[0]);
	if (ret == 1)
		ret = parse_helper(out, in->command, why, len);
	else if (ret == 0)
		ret = -ETIME;
	if (ret != -ETIME && ret != -EINTR && ret != -EPROTO)
		return ret;
	/* RuntimeMaxSec hit: systemd killed the unit, the helper said nothing */
	timed_out = ret == -ETIME ||
		    (ret == -EPROTO && now_ms() - t0 >= (int64_t)in->timeout_ms);
	/* no outcome: the unit may still run (or systemd stopped it) */
	stop_unit(in, unit);
	if (timed_out) {
		snprintf(why, len, "verifier %s timed out after %u ms (its unit %s killed)",
			 in->command, in->timeout_ms, unit);
		return -ETIME;
	}
	if (ret == -EINTR)
		snprintf(why, len, "verifier %s interrupted: the daemon must stop or reload (its unit %s killed)",
			 in->command, unit);
	return ret;
}

int rd_hook_exec_main(int argc, char **argv)
{
	struct rd_hook_input in = { .timeout_ms = 24u * 3600 * 1000 };
	struct hook_ids none = { .set = false };
	char why[RD_MSG_MAX];
	char *hargv[3];
	int status = 0, ret;

	if (argc != 3) {
		fprintf(stderr, "tcb-renewd hook-exec: usage: hook-exec COMMAND REPORT-FILE\n");
		return 2;
	}
	in.command = argv[1];
	in.tcb_text = getenv("TCB_RENEWD_TCB");
	in.provider = getenv("TCB_RENEWD_PROVIDER");
	in.nonce_hex = getenv("TCB_RENEWD_NONCE");
	hargv[0] = argv[1];
	hargv[1] = argv[2];
	hargv[2] = NULL;
	fflush(stdout);
	/* the hook's stdout goes to stderr: stdout carries the outcome */
	ret = spawn_wait(&in, hargv, &none, STDERR_FILENO, &status, why,
			 sizeof(why));
	if (ret == 1 && WIFEXITED(status))
		printf("tcb-renewd-hook: exit %d\n", WEXITSTATUS(status));
	else if (ret == 1)
		printf("tcb-renewd-hook: signal %d\n", WTERMSIG(status));
	else
		printf("tcb-renewd-hook: error %d\n", ret < 0 ? -ret : EIO);
	return ret == 1 ? 0 : 1;
}

int rd_verifier_check_command(const char *path, char *why, size_t len)
{
	struct stat st;

	if (stat(path, &st)) {
		snprintf(why, len, "'%s': %s", path, strerror(errno));
		return -errno;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(why, len, "'%s' is not a regular file", path);
		return -EINVAL;
	}
	if (!(st.st_mode & 0111) || access(path, X_OK)) {
		snprintf(why, len, "'%s' is not executable", path);
		return -EACCES;
	}
	return 0;
}

int rd_verifier_run(const struct rd_hook_input *in, char *why, size_t len)
{
	char file[PATH_MAX];
	bool via_systemd = in->runner == RD_RUNNER_SYSTEMD;
	int ret;

	ret = write_report(in->tmpdir, in->report, in->report_len,
			   via_systemd || (in->user && in->user[0]), file,
			   sizeof(file));
	if (ret) {
		snprintf(why, len, "cannot write the report for the verifier in %s: %s",
			 in->tmpdir, strerror(-ret));
		return ret;
	}
	if (via_systemd)
		ret = run_systemd(in, file, why, len);
	else
		ret = run_fork(in, file, why, len);
	unlink(file);
	return ret;
}
