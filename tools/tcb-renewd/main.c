// SPDX-License-Identifier: GPL-2.0-only
/*
 * tcb-renewd: keeps the TSM watchdog fed while the guest's TCB is one the
 * tenant approves. main() runs fixed phases: arguments, configuration,
 * privileged resources (the device), then one event loop.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "renewd.h"

#ifndef RD_VERSION
#define RD_VERSION "0.1"
#endif

enum { CMD_NONE, CMD_RUN, CMD_ONCE, CMD_STATUS, CMD_CHECK };

struct args {
	int cmd;
	const char *config;
	struct rd_paths paths;
	bool json;
	bool dry_run;
	int verbose;
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: tcb-renewd COMMAND [OPTIONS]\n"
		"\n"
		"Keep the TSM watchdog (/dev/tsm_watchdog) fed while the guest's TCB is approved.\n"
		"\n"
		"Commands:\n"
		"  run            run the daemon in the foreground (systemd Type=notify)\n"
		"  once           one verification and its ack/reject; exit 0 approved,\n"
		"                 1 denied, 2 error\n"
		"  status         kernel watchdog state and daemon state\n"
		"  check-config   validate the configuration file, and its timing against the\n"
		"                 loaded watchdog (else the module's defaults); exit 0 valid,\n"
		"                 2 not\n"
		"\n"
		"Options:\n"
		"  -c, --config FILE   configuration file (default %s)\n"
		"  -n, --dry-run       once: verify only, do not touch the device or the floor\n"
		"      --json          status: one JSON object\n"
		"      --sysfs DIR     kernel attributes (default %s)\n"
		"      --run-dir DIR   status file and verifier report files (default %s)\n"
		"  -v, --verbose       also log every heartbeat and libtsm's debug messages\n"
		"  -h, --help          this text\n"
		"  -V, --version       version and sd_notify support\n"
		"\n"
		"See tcb-renewd(8) and tcb-renewd.conf(5).\n",
		RD_CONFIG_DEFAULT, RD_SYSFS_DEFAULT, RD_RUNDIR_DEFAULT);
}

/* Returns 0 to go on, 1 to exit 0 (help/version), -1 usage error. */
static int parse_args(int argc, char **argv, struct args *a)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "sysfs", required_argument, NULL, 's' },
		{ "run-dir", required_argument, NULL, 'r' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const names[] = {
		[CMD_RUN] = "run", [CMD_ONCE] = "once",
		[CMD_STATUS] = "status", [CMD_CHECK] = "check-config",
	};
	int c;

	a->config = RD_CONFIG_DEFAULT;
	a->paths.sysfs = RD_SYSFS_DEFAULT;
	a->paths.rundir = RD_RUNDIR_DEFAULT;
	while ((c = getopt_long(argc, argv, "+c:nvhV", opts, NULL)) != -1 ||
	       optind < argc) {
		if (c == -1) {	/* the command word; options may follow it */
			int found = CMD_NONE;

			for (int i = CMD_RUN; i <= CMD_CHECK && !a->cmd; i++)
				if (!strcmp(argv[optind], names[i]))
					found = i;
			if (found == CMD_NONE) {
				fprintf(stderr, "tcb-renewd: unexpected argument '%s'\n",
					argv[optind]);
				return -1;
			}
			a->cmd = found;
			optind++;
			continue;
		}
		switch (c) {
		case 'c': a->config = optarg; break;
		case 'n': a->dry_run = true; break;
		case 'j': a->json = true; break;
		case 's': a->paths.sysfs = optarg; break;
		case 'r': a->paths.rundir = optarg; break;
		case 'v': a->verbose++; break;
		case 'h': usage(stdout); return 1;
		case 'V':
			printf("tcb-renewd %s\nsd_notify: %s\n", RD_VERSION,
			       rd_notify_backend());
			return 1;
		default: return -1;
		}
	}
	if (!a->cmd) {
		fprintf(stderr, "tcb-renewd: missing command (run, once, status, check-config)\n");
		return -1;
	}
	if ((a->json && a->cmd != CMD_STATUS) ||
	    (a->dry_run && a->cmd != CMD_ONCE)) {
		fprintf(stderr, "tcb-renewd: %s is not an option of this command\n",
			a->json ? "--json" : "--dry-run");
		return -1;
	}
	a->paths.config = a->config;
	return 0;
}

static int load_config(const struct args *a, struct rd_config **cfg)
{
	char err[RD_MSG_MAX];

	if (rd_config_load(a->config, cfg, err, sizeof(err))) {
		rd_log(LOG_ERR, "%s", err);
		return -1;
	}
	return 0;
}

static int open_device(const struct rd_config *cfg, struct rd_dev **dev)
{
	int ret = rd_dev_open(cfg->device, dev);

	if (ret == -EBUSY)
		rd_log(LOG_ERR, "%s is busy: another process (another tcb-renewd?) holds it; it allows one opener",
		       cfg->device);
	else if (ret == -ENOENT)
		rd_log(LOG_ERR, "%s: no such device (is the tsm_watchdog module loaded?)",
		       cfg->device);
	else if (ret)
		rd_log(LOG_ERR, "%s: %s", cfg->device, strerror(-ret));
	return ret;
}

/* once -n: the decision only; the device and the floor stay untouched. */
static int dry_run(const struct args *a, struct rd_config *cfg)
{
	struct rd_verification v;
	struct tsm_tcb floor;
	struct tsm_ctx *tsm;
	char err[RD_MSG_MAX];
	bool has_floor;

	if (rd_state_load(cfg->state, &floor, &has_floor, err, sizeof(err))) {
		rd_log(LOG_ERR, "%s", err);
		return 2;
	}
	if (tsm_ctx_new(&tsm) || tsm_ctx_set_configfs_root(tsm, cfg->configfs)) {
		tsm_ctx_unref(tsm);
		rd_log(LOG_ERR, "out of memory");
		return 2;
	}
	tsm_ctx_set_log_fn(tsm, rd_log_tsm, NULL);
	if (rd_mkdir_p(a->paths.rundir))
		rd_log(LOG_WARNING, "cannot create %s", a->paths.rundir);
	rd_verify(tsm, cfg, has_floor ? &floor : NULL, a->paths.rundir, NULL,
		  &v);
	rd_reports_finish();
	tsm_ctx_unref(tsm);
	printf("%s %s%s%s%s: %s\n", rd_result_name(v.result), v.tcb_text,
	       v.have_tcb ? " (" : "", v.components, v.have_tcb ? ")" : "",
	       v.why);
	return (int)v.result;
}

static int cmd_once(const struct args *a, struct rd_config *cfg)
{
	struct rd_daemon *d;
	struct rd_dev *dev;
	int ret;

	if (a->dry_run) {
		ret = dry_run(a, cfg);
		rd_config_free(cfg);
		return ret;
	}
	if (open_device(cfg, &dev)) {
		rd_config_free(cfg);
		return 2;
	}
	if (rd_daemon_new(&a->paths, cfg, dev, &d)) {
		rd_dev_free(dev);
		rd_config_free(cfg);
		return 2;
	}
	ret = rd_daemon_once(d);
	rd_daemon_free(d);
	return ret < 0 ? 2 : ret;
}

static int cmd_run(const struct args *a, struct rd_config *cfg)
{
	struct rd_daemon *d;
	struct rd_dev *dev;
	int ret;

	if (open_device(cfg, &dev)) {
		rd_config_free(cfg);
		return 1;
	}
	if (rd_daemon_new(&a->paths, cfg, dev, &d)) {
		rd_dev_free(dev);
		rd_config_free(cfg);
		rd_log(LOG_ERR, "out of memory");
		return 1;
	}
	ret = rd_daemon_start(d);
	if (!ret)
		ret = rd_daemon_run(d);
	else
		ret = 1;
	rd_daemon_free(d);
	return ret;
}

/* check-config: the file, then its timing against the kernel's. */
static int check_config(const struct args *a, struct rd_config *cfg)
{
	struct rd_kernel_timing k = {
		.timeout = RD_KERNEL_TIMEOUT_DEFAULT,
		.grace = RD_KERNEL_GRACE_DEFAULT, .relaxed = true,
	};
	const char *against = "the module's default timeout and grace (tsm_watchdog not loaded)";
	char err[RD_MSG_MAX];
	int ret = 0;

	if (!rd_kernel_timing_read(a->paths.sysfs, &k))
		against = a->paths.sysfs;
	if (rd_check_timing(cfg, &k, err, sizeof(err))) {
		rd_log(LOG_ERR, "%s (checked against %s)", err, against);
		ret = 2;
	} else {
		printf("%s: valid (timing checked against %s: timeout %u s, grace %u s%s)\n",
		       cfg->path, against, k.timeout, k.grace,
		       k.relaxed ? ", relaxed" : "");
	}
	rd_config_free(cfg);
	return ret;
}

/* The helper the systemd runner starts in the transient unit: ourselves. */
static void set_helper(void)
{
	static char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n > 0) {
		self[n] = '\0';
		rd_verifier_set_helper(self, getenv("TCB_RENEWD_SYSTEMD_RUN"),
				       getenv("TCB_RENEWD_SYSTEMCTL"));
	}
}

int main(int argc, char **argv)
{
	struct args a = { 0 };
	struct rd_config *cfg;
	int ret;

	/* inside the verifier's transient unit (systemd runner) */
	if (argc >= 2 && !strcmp(argv[1], "hook-exec"))
		return rd_hook_exec_main(argc - 1, argv + 1);
	set_helper();

	ret = parse_args(argc, argv, &a);
	if (ret) {
		if (ret < 0)
			fprintf(stderr, "Try 'tcb-renewd --help'.\n");
		return ret < 0 ? 2 : 0;
	}
	rd_log_set_level(a.verbose ? LOG_DEBUG : LOG_INFO);
	if (a.cmd == CMD_STATUS)
		return rd_status_main(&a.paths, a.json);
	if (load_config(&a, &cfg))
		return 2;
	switch (a.cmd) {
	case CMD_CHECK:
		return check_config(&a, cfg);
	case CMD_ONCE:
		return cmd_once(&a, cfg);
	default:
		return cmd_run(&a, cfg);
	}
}
