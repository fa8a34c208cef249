// SPDX-License-Identifier: GPL-2.0-only
/*
 * The verifier hook: the tenant's attestation agent decides whether a TCB
 * is acceptable. It runs as a child in its own process group:
 *	argv[0] = the command, argv[1] = a file with the raw report
 *	TCB_RENEWD_TCB, TCB_RENEWD_PROVIDER, TCB_RENEWD_NONCE (hex)
 *	stdin /dev/null, stdout/stderr inherited (they reach the log)
 * Exit status 0 approves; anything else, a signal or the timeout denies.
 * On timeout the whole process group gets SIGKILL, so a hook that forked
 * helpers cannot leave them behind, and the daemon never waits longer
 * than the timeout (plus the time SIGKILL takes).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "renewd.h"

static int write_report(const char *dir, const void *buf, size_t len,
			char *path, size_t size)
{
	const char *p = buf;
	int fd;

	if (snprintf(path, size, "%s/report.XXXXXX", dir) >= (int)size)
		return -ENAMETOOLONG;
	fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0)
		return -errno;
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

static void child_exec(const struct rd_hook_input *in, const char *file)
{
	sigset_t none;
	int fd;

	setpgid(0, 0);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	fd = open("/dev/null", O_RDONLY);
	if (fd >= 0 && fd != STDIN_FILENO) {
		dup2(fd, STDIN_FILENO);
		close(fd);
	}
	if (setenv("TCB_RENEWD_TCB", in->tcb_text ? in->tcb_text : "", 1) ||
	    setenv("TCB_RENEWD_PROVIDER", in->provider ? in->provider : "", 1) ||
	    setenv("TCB_RENEWD_NONCE", in->nonce_hex ? in->nonce_hex : "", 1))
		_exit(126);
	execl(in->command, in->command, file, (char *)NULL);
	fprintf(stderr, "tcb-renewd: verifier %s: %s\n", in->command,
		strerror(errno));
	_exit(127);
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait for @pid until @deadline (ms, CLOCK_MONOTONIC). 1 exited, 0 not. */
static int wait_until(pid_t pid, int pidfd, int64_t deadline, int *status,
		      const struct rd_hook_tick *tick)
{
	for (;;) {
		pid_t r = waitpid(pid, status, WNOHANG);
		int64_t left;

		if (r == pid)
			return 1;
		if (r < 0 && errno != EINTR)
			return -errno;
		left = deadline - now_ms();
		if (left <= 0)
			return 0;
		if (tick && tick->fn)
			tick->fn(tick->data);
		if (pidfd >= 0) {
			struct pollfd pfd = { .fd = pidfd, .events = POLLIN };

			poll(&pfd, 1, (int)(left > 1000 ? 1000 : left));
		} else {
			struct timespec ts = { 0, 10 * 1000 * 1000 };

			nanosleep(&ts, NULL);
		}
	}
}

int rd_verifier_run(const struct rd_hook_input *in, char *why, size_t len)
{
	char file[PATH_MAX];
	int status = 0, pidfd, ret;
	pid_t pid;

	ret = write_report(in->tmpdir, in->report, in->report_len, file,
			   sizeof(file));
	if (ret) {
		snprintf(why, len, "cannot write the report for the verifier in %s: %s",
			 in->tmpdir, strerror(-ret));
		return ret;
	}
	pid = fork();
	if (pid < 0) {
		ret = -errno;
		unlink(file);
		snprintf(why, len, "cannot start the verifier: %s",
			 strerror(-ret));
		return ret;
	}
	if (pid == 0)
		child_exec(in, file);
	/* also from the parent: the group exists before we may kill it */
	setpgid(pid, pid);
	pidfd = (int)syscall(SYS_pidfd_open, pid, 0);

	ret = wait_until(pid, pidfd, now_ms() + in->timeout_ms, &status,
			 in->tick);
	if (ret == 0) {
		kill(-pid, SIGKILL);
		kill(pid, SIGKILL);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		snprintf(why, len, "verifier %s timed out after %u ms (process group killed)",
			 in->command, in->timeout_ms);
	} else if (ret < 0) {
		snprintf(why, len, "verifier %s: wait failed: %s", in->command,
			 strerror(-ret));
	} else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		snprintf(why, len, "verifier %s approved", in->command);
		ret = 1;
	} else if (WIFEXITED(status)) {
		snprintf(why, len, "verifier %s denied (exit status %d)",
			 in->command, WEXITSTATUS(status));
		ret = 0;
	} else {
		snprintf(why, len, "verifier %s denied (killed by signal %d)",
			 in->command, WTERMSIG(status));
		ret = 0;
	}
	/* leftovers of an approving or denying hook go too */
	if (ret >= 0)
		kill(-pid, SIGKILL);
	if (pidfd >= 0)
		close(pidfd);
	unlink(file);
	return ret;
}
