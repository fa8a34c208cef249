// SPDX-License-Identifier: GPL-2.0-only
/*
 * `tcb-renewd status [--json]`: the kernel watchdog's state from sysfs and
 * the daemon's own state from the status file it keeps in its run
 * directory (RUNDIR/status, key=value lines, replaced atomically).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "renewd.h"
#include "tsm-util.h"

static const char *const kernel_attrs[] = {
	"state", "mode", "action", "timeout", "timeleft", "grace", "poll_ms",
	"nowayout", "source", "current_tcb", "acked_tcb", "expected_tcbs",
	"fire_count", "last_event", "floor_tcb", "launch_tcb", "tcb_static",
	"source_errors",
};
#define N_KERNEL (sizeof(kernel_attrs) / sizeof(kernel_attrs[0]))

#define N_DAEMON	48

struct kv {
	char key[32];
	char *val;
};

static void free_kv(struct kv *kv, int n)
{
	for (int i = 0; i < n; i++)
		free(kv[i].val);
}

/*
 * key=value lines of any length: a value is never split, and cut only
 * beyond what the daemon can write (RD_STATUS_FILE_MAX, a forged file).
 */
static int read_status_file(const char *rundir, struct kv *kv, int max)
{
	char path[PATH_MAX], *line = NULL;
	size_t cap = 0;
	ssize_t len;
	FILE *f;
	int n = 0;

	snprintf(path, sizeof(path), "%s/status", rundir);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (n < max && (len = getline(&line, &cap, f)) >= 0) {
		char *eq = strchr(line, '=');

		line[strcspn(line, "\n")] = '\0';
		if (!eq || eq == line || (size_t)(eq - line) >= sizeof(kv->key))
			continue;
		size_t kl = (size_t)(eq - line);

		kv[n].val = strndup(eq + 1, RD_STATUS_FILE_MAX - 1);
		if (!kv[n].val) {
			free_kv(kv, n);
			n = -ENOMEM;
			break;
		}
		memcpy(kv[n].key, line, kl);
		kv[n].key[kl] = '\0';
		n++;
	}
	free(line);
	fclose(f);
	return n;
}

/* A number (no sign, no leading zero, fits) is a JSON number, else a string. */
static int json_val(struct tsm_json *j, const char *key, const char *s)
{
	size_t n = strspn(s, "0123456789");

	if (n && !s[n] && (s[0] != '0' || n == 1) && n < 16)
		return tsm_json_uint(j, key, strtoull(s, NULL, 10));
	return tsm_json_string(j, key, s);
}

/*
 * The daemon holds an exclusive flock on RUNDIR/pid while it runs; a pid
 * alone could belong to any process by now.
 */
static bool daemon_alive(const char *rundir)
{
	char path[PATH_MAX];
	bool alive;
	int fd;

	snprintf(path, sizeof(path), "%s/pid", rundir);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return false;
	alive = flock(fd, LOCK_SH | LOCK_NB) && errno == EWOULDBLOCK;
	close(fd);
	return alive;
}

struct kernel_view {
	char val[N_KERNEL][RD_SYSFS_VALUE_MAX];
	bool have[N_KERNEL];
	bool any;
};

static int print_json(struct kernel_view *k, const struct kv *kv, int n,
		      bool alive, int err)
{
	struct tsm_json *j;
	int ret = tsm_json_new(stdout, 0, &j);

	if (ret)
		return ret;
	tsm_json_begin_object(j, NULL);
	if (!k->any) {
		tsm_json_null(j, "kernel");
	} else {
		tsm_json_begin_object(j, "kernel");
		for (size_t i = 0; i < N_KERNEL; i++) {
			char *save = NULL;

			if (!k->have[i])
				continue;
			if (strcmp(kernel_attrs[i], "expected_tcbs")) {
				json_val(j, kernel_attrs[i], k->val[i]);
				continue;
			}
			tsm_json_begin_array(j, kernel_attrs[i]);
			for (char *t = strtok_r(k->val[i], "\n", &save); t;
			     t = strtok_r(NULL, "\n", &save))
				tsm_json_string(j, NULL, t);
			tsm_json_end_array(j);
		}
		tsm_json_end_object(j);
	}
	tsm_json_begin_object(j, "daemon");
	tsm_json_bool(j, "running", alive);
	if (n < 0 && err != -ENOENT)
		tsm_json_string(j, "error", strerror(-err));
	for (int i = 0; i < n; i++)
		json_val(j, kv[i].key, kv[i].val);
	tsm_json_end_object(j);
	tsm_json_end_object(j);
	return tsm_json_finish(j);
}

static void print_human(const struct rd_paths *paths, struct kernel_view *k,
			const struct kv *kv, int n, bool alive, int err)
{
	printf("kernel watchdog (%s):\n", paths->sysfs);
	if (!k->any)
		printf("  not available (is tsm_watchdog loaded?)\n");
	for (size_t i = 0; i < N_KERNEL; i++) {
		if (!k->have[i])
			continue;
		for (char *p = k->val[i]; *p; p++)
			if (*p == '\n')
				*p = ' ';
		printf("  %-14s %s\n", kernel_attrs[i], k->val[i]);
	}
	if (n < 0 && err != -ENOENT)
		printf("tcb-renewd (%s/status): %s: cannot read the status file: %s\n",
		       paths->rundir, alive ? "running" : "not running",
		       strerror(-err));
	else
		printf("tcb-renewd (%s/status): %s\n", paths->rundir,
		       alive ? "running" : n > 0 ? "not running (last state below)" :
		       "no status file (never started here)");
	for (int i = 0; i < n; i++)
		printf("  %-17s %s\n", kv[i].key, kv[i].val);
}

int rd_status_main(const struct rd_paths *paths, bool json)
{
	struct kernel_view k = { .any = false };
	struct kv kv[N_DAEMON];
	bool alive;
	int n;

	for (size_t i = 0; i < N_KERNEL; i++) {
		k.have[i] = !rd_read_sysfs(paths->sysfs, kernel_attrs[i],
					   k.val[i], sizeof(k.val[i]));
		k.any |= k.have[i];
	}
	n = read_status_file(paths->rundir, kv, N_DAEMON);
	alive = daemon_alive(paths->rundir);
	if (json && print_json(&k, kv, n, alive, n)) {
		fprintf(stderr, "tcb-renewd: status: cannot write JSON\n");
		free_kv(kv, n);
		return 1;
	}
	if (!json)
		print_human(paths, &k, kv, n, alive, n);
	free_kv(kv, n);
	if (!k.any && n <= 0)
		return 1;
	return alive ? 0 : 3;
}
