/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tcb-renewd: internal interfaces between the daemon's modules.
 *
 *   log.c       one-line log messages to stderr (journal priority prefixes)
 *   config.c    /etc/tcb-renewd.conf, parsed with inih, fully validated
 *   state.c     the persisted floor (atomic replace) and the status file
 *   device.c    /dev/tsm_watchdog: command formatting, event lines
 *   verifier.c  the tenant's verifier hook: fork/exec with a timeout
 *   policy.c    the approval decision and one whole verification
 *   notify.c    sd_notify through libsystemd (compiled out without it)
 *   daemon.c    the event loop (epoll over timerfd, device, signalfd)
 *   status.c    the `status` command
 *   main.c      command line, phases
 *
 * Functions return 0 (or a count) on success and a negative errno on
 * failure unless their comment says otherwise. Functions that can fail for
 * a reason a human must read also fill a caller-provided message buffer.
 */
#ifndef TCB_RENEWD_H
#define TCB_RENEWD_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include <linux/tsm-watchdog.h>

#include "tsm.h"

#define RD_CONFIG_DEFAULT	"/etc/tcb-renewd.conf"
#define RD_DEVICE_DEFAULT	TSM_WATCHDOG_DEVICE
#define RD_STATE_DEFAULT	"/var/lib/tcb-renewd/state"
#define RD_SYSFS_DEFAULT	TSM_WATCHDOG_SYSFS
#define RD_RUNDIR_DEFAULT	"/run/tcb-renewd"
#define RD_SYSTEMD_RUN_DEFAULT	"/usr/bin/systemd-run"
#define RD_SYSTEMCTL_DEFAULT	"/usr/bin/systemctl"
#define RD_HELPER_DEFAULT	"/usr/sbin/tcb-renewd"
#define RD_TDX_GUEST_DEFAULT	"/dev/tdx_guest"
#define RD_HEARTBEAT_DEFAULT	10
#define RD_VERIFIER_TIMEOUT_DEFAULT 10
#define RD_REPORT_TIMEOUT_DEFAULT_MS 5000
/* The module's Kconfig defaults, for check-config when it is not loaded. */
#define RD_KERNEL_TIMEOUT_DEFAULT 60
#define RD_KERNEL_GRACE_DEFAULT	30

#define RD_APPROVE_MAX		64	/* TCBs in [policy] approve */
#define RD_EXPECT_MAX		TSM_WATCHDOG_EXPECT_MAX
#define RD_HEARTBEAT_MAX	86400
#define RD_VERIFIER_TIMEOUT_MAX	3600
#define RD_REPORT_TIMEOUT_MAX_MS (600 * 1000)
#define RD_ACK_ATTEMPTS		3	/* a verification's reports at most */
#define RD_MSG_MAX		512	/* error and reason messages */
#define RD_CMD_MAX		(TSM_WATCHDOG_CMD_MAX + 1) /* incl. '\n' */
#define RD_USER_MAX		64
/* The longest sysfs value `status` shows: expected_tcbs, one TCB a line. */
#define RD_SYSFS_VALUE_MAX	(RD_EXPECT_MAX * TSM_TCB_TEXT_MAX + 1)
/* The status file (RUNDIR/status) as the daemon writes it, whole. */
#define RD_STATUS_FILE_MAX	8192

/* ---- log.c ------------------------------------------------------------ */

/* Priorities as syslog(3): LOG_ERR, LOG_WARNING, LOG_NOTICE, LOG_INFO,
 * LOG_DEBUG. Messages above the current level are dropped. */
void rd_log_set_level(int level);
int rd_log_get_level(void);
void rd_log(int prio, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Route libtsm's messages into rd_log(). */
void rd_log_tsm(void *data, int prio, const char *file, int line,
		const char *fn, const char *fmt, va_list ap);

/* ---- config.c --------------------------------------------------------- */

enum rd_on_deny {
	RD_DENY_REJECT = 0,	/* write `reject`: the action fires now */
	RD_DENY_WITHHOLD = 1,	/* stop acking: the watchdog expires */
};

/* What raises the persisted floor (key `floor`). */
enum rd_floor_mode {
	RD_FLOOR_HIGHEST = 0,	/* the highest TCB ever approved (DESIGN) */
	RD_FLOOR_COMMITTED,	/* SNP: the approved report's COMMITTED_TCB */
};

enum rd_runner {
	RD_RUNNER_AUTO = 0,	/* systemd when started by systemd, else fork */
	RD_RUNNER_FORK,		/* a child of the daemon */
	RD_RUNNER_SYSTEMD,	/* a transient unit of its own (systemd-run) */
};

struct rd_tcb_list {
	unsigned int n;
	struct tsm_tcb v[RD_APPROVE_MAX];
};

struct rd_config {
	char path[PATH_MAX];		/* the file it came from */
	char device[PATH_MAX];
	unsigned int heartbeat;		/* seconds */
	char configfs[PATH_MAX];
	char tdx_guest[PATH_MAX];	/* TDREPORT device (TDX guests) */
	unsigned int report_timeout_ms;	/* one report at most */
	struct rd_tcb_list approve;
	struct rd_tcb_list expect;	/* n <= RD_EXPECT_MAX */
	bool has_minimum;
	struct tsm_tcb minimum;
	enum rd_on_deny on_deny;
	enum rd_floor_mode floor_mode;
	char state[PATH_MAX];
	char verifier[PATH_MAX];	/* "" = no verifier hook */
	unsigned int verifier_timeout;	/* seconds */
	char verifier_user[RD_USER_MAX];	/* "" = the daemon's user */
	enum rd_runner runner;
	char metrics[PATH_MAX];		/* "" = no metrics textfile */
};

/**
 * rd_config_load() - read and validate a configuration file
 * @path: the file
 * @out: receives a new configuration (free with rd_config_free())
 * @err: on failure "FILE:LINE: key: message" (or "FILE: message" for
 *	what concerns the whole file)
 * Returns 0, -ENOENT/-EACCES/... (file unreadable), -EINVAL (refused).
 */
int rd_config_load(const char *path, struct rd_config **out,
		   char *err, size_t errlen);
void rd_config_free(struct rd_config *cfg);
const char *rd_on_deny_name(enum rd_on_deny d);
const char *rd_floor_mode_name(enum rd_floor_mode m);
const char *rd_runner_name(enum rd_runner r);
/** rd_runner_resolve() - auto becomes systemd when this process is a
 *	systemd service ($INVOCATION_ID and /run/systemd/system), else fork. */
enum rd_runner rd_runner_resolve(enum rd_runner r);

/* ---- state.c ---------------------------------------------------------- */

/**
 * rd_state_load() - read the persisted floor
 * @has: false when the file does not exist (no floor yet)
 * Returns 0, or -EBADMSG (corrupt: refused, never silently reset) or the
 * errno of the failed read; @err says which.
 */
int rd_state_load(const char *path, struct tsm_tcb *floor, bool *has,
		  char *err, size_t errlen);
/**
 * rd_state_save() - replace the state file atomically: write PATH.tmp,
 * fsync it, rename it over PATH, fsync the directory. On failure before
 * the rename PATH is untouched and PATH.tmp removed; when only the
 * directory's fsync fails, PATH already holds the new floor, @err says so
 * and the -errno tells the caller to save again (it is not durable).
 */
int rd_state_save(const char *path, const struct tsm_tcb *floor,
		  char *err, size_t errlen);
/** rd_write_file_atomic() - the same for arbitrary text, mode 0644 (no
 *	fsync when @durable is false: status and metrics files). Returns 0,
 *	-errno (PATH untouched) or, when @durable and only the directory's
 *	fsync failed after the rename, RD_ATOMIC_NOT_DURABLE(-errno) > 0. */
#define RD_ATOMIC_NOT_DURABLE(neg_errno)	(-(neg_errno))
#define RD_ATOMIC_ERRNO(ret)			(ret)
int rd_write_file_atomic(const char *path, const char *text, size_t len,
			 bool durable);
/** rd_mkdir_p() - create @path and its parents (mode 0755). */
int rd_mkdir_p(const char *path);

/* ---- device.c --------------------------------------------------------- */

enum rd_event_type {
	RD_EV_UNKNOWN = 0,
	RD_EV_ARMED,
	RD_EV_ACKED,
	RD_EV_CHANGED,
	RD_EV_RENEWED,
	RD_EV_ROLLBACK,
	RD_EV_PRETIMEOUT,
	RD_EV_EXPIRED,
	RD_EV_FIRED,
	RD_EV_DISARMED,
	RD_EV_SOURCE_ERROR,
	RD_EV_OVERFLOW,
	RD_EV_REVERTED,
	RD_EV_SOURCE_LOST,
	RD_EV_SOURCE_GONE,
	RD_EV_RESUMED,
};

/**
 * struct rd_event - one line read from the device, `<seq> <event> [<arg>]`
 * @seq: sequence number
 * @type: known event, or RD_EV_UNKNOWN (@name says which)
 * @name: the event word as read
 * @arg: the rest of the line after the event word ("" if none)
 * @has_tcb: @arg parsed as a TCB into @tcb
 * @count: for overflow, the number of dropped events
 */
struct rd_event {
	uint64_t seq;
	enum rd_event_type type;
	char name[32];
	char arg[RD_CMD_MAX];
	bool has_tcb;
	struct tsm_tcb tcb;
	uint64_t count;
};

/** rd_event_parse() - parse one line (without or with its '\n').
 *	Returns 0 or -EINVAL (no sequence number or no event word). */
int rd_event_parse(const char *line, size_t len, struct rd_event *ev);
const char *rd_event_type_name(enum rd_event_type t);

enum rd_cmd {
	RD_CMD_ACK,
	RD_CMD_EXPECT,
	RD_CMD_UNEXPECT,
	RD_CMD_UNEXPECT_ALL,
	RD_CMD_REJECT,
};

/** rd_cmd_format() - one newline-terminated command into @buf.
 *	@tcb is needed by ack, expect, unexpect and ignored otherwise.
 *	Returns the length, -EINVAL or -ENOSPC. */
int rd_cmd_format(enum rd_cmd cmd, const struct tsm_tcb *tcb, char *buf,
		  size_t size);

struct rd_dev;

typedef ssize_t (*rd_dev_write_fn)(int fd, const void *buf, size_t len);
typedef void (*rd_event_fn)(void *data, const struct rd_event *ev,
			    const char *line);

/** rd_dev_open() - open the device O_RDWR | O_NONBLOCK | O_CLOEXEC.
 *	-EBUSY: another process holds it. */
int rd_dev_open(const char *path, struct rd_dev **out);
/** rd_dev_new_fd() - wrap an already open fd (tests: one end of a
 *	socketpair); the handle owns and closes it. */
int rd_dev_new_fd(int fd, struct rd_dev **out);
void rd_dev_free(struct rd_dev *dev);
int rd_dev_fd(const struct rd_dev *dev);
/** rd_dev_set_write_fn() - replace write(2) (tests inject errno values). */
void rd_dev_set_write_fn(struct rd_dev *dev, rd_dev_write_fn fn);
/** rd_dev_send() - write one command. Returns 0 or the kernel's -errno
 *	(-ESTALE, -EINVAL, -ENOSPC, -ENOENT, -EPERM, ...). */
int rd_dev_send(struct rd_dev *dev, enum rd_cmd cmd,
		const struct tsm_tcb *tcb);
/** rd_dev_read_events() - read every pending event line and call @fn for
 *	each. Returns the number of lines, 0 when none, or -errno.
 *	Malformed lines are passed on with type RD_EV_UNKNOWN. */
int rd_dev_read_events(struct rd_dev *dev, rd_event_fn fn, void *data);

/* ---- verifier.c ------------------------------------------------------- */

/**
 * struct rd_wait - what a blocking wait (verifier hook, report) keeps doing
 * @fd: also polled (the daemon's signalfd), -1 for none
 * @fn: called when @fd is readable and every 250 ms (systemd
 *	watchdog pings); non-zero aborts the wait
 */
struct rd_wait {
	int fd;
	int (*fn)(void *data);
	void *data;
};

/** rd_wait_fd() - wait for @fd readable until @deadline_ms (monotonic),
 *	running @w meanwhile. Returns 1 readable, 0 deadline, -EINTR aborted
 *	by @w, or -errno. */
int rd_wait_fd(int fd, int64_t deadline_ms, const struct rd_wait *w);

struct rd_hook_input {
	const char *command;		/* absolute path */
	const char *user;		/* NULL or "": the daemon's user */
	enum rd_runner runner;		/* fork or systemd (resolved) */
	const char *helper;		/* systemd: this binary (hook-exec) */
	const char *systemd_run;	/* NULL: RD_SYSTEMD_RUN_DEFAULT */
	const char *systemctl;		/* NULL: RD_SYSTEMCTL_DEFAULT */
	const struct rd_wait *wait;	/* NULL: none */
	unsigned int timeout_ms;
	const char *tmpdir;		/* where the report file goes */
	const void *report;		/* raw outblob */
	size_t report_len;
	const char *tcb_text;
	const char *provider;
	const char *nonce_hex;
};

/**
 * rd_verifier_run() - run the verifier hook once (see verifier.c)
 * Returns 1 (exit 0: approved), 0 (denied: non-zero exit or signal; @why
 * says which), -ETIME (timed out and killed: the caller denies), -EINTR
 * (@in->wait asked to stop; the hook was killed) or another -errno when it could not be run at all (exec,
 * fork, user, report file, systemd-run): an error, never a denial.
 */
int rd_verifier_run(const struct rd_hook_input *in, char *why, size_t len);
/** rd_verifier_check_command() - an executable regular file, or -errno
 *	with @why set. */
int rd_verifier_check_command(const char *path, char *why, size_t len);
/** rd_hook_exec_main() - `tcb-renewd hook-exec COMMAND FILE` inside the
 *	transient unit: runs COMMAND, prints "tcb-renewd-hook: exit N" /
 *	"signal N" / "error ERRNO" on stdout. */
int rd_hook_exec_main(int argc, char **argv);

/* ---- policy.c --------------------------------------------------------- */

enum rd_result {
	RD_APPROVED = 0,
	RD_DENIED = 1,
	RD_ERROR = 2,		/* no usable evidence: nothing decided */
};

const char *rd_result_name(enum rd_result r);

/*
 * Every token struct rd_verification's @reason can take. The code sets it
 * only through RD_REASON(), and metrics.c has a series for each denial
 * and error in rd_reasons[], so the two can not drift apart.
 */
enum rd_reason {
	RD_R_POLICY,			/* approved */
	RD_R_NOT_APPROVED,		/* denied */
	RD_R_BELOW_FLOOR,
	RD_R_VERIFIER_DENIED,
	RD_R_VERIFIER_TIMEOUT,
	RD_R_REPORT,			/* error */
	RD_R_EVIDENCE,
	RD_R_NONCE,
	RD_R_TDREPORT,
	RD_R_VERIFIER_FAILED,
	RD_R_INTERRUPTED,
	RD_R_OUT_OF_TIME,
	RD_R_ACK_STALE,
	RD_R_ACK_REFUSED,
	RD_R_REJECT_REFUSED,
	RD_R_COUNT
};

struct rd_reason_info {
	const char *name;		/* the token */
	enum rd_result result;		/* the result it goes with */
};
extern const struct rd_reason_info rd_reasons[RD_R_COUNT];
#define RD_REASON(r)	(rd_reasons[(r)].name)

/**
 * rd_policy_check() - the static part of the decision
 * @floor: highest TCB approved so far, NULL if none
 * Approved when @tcb is in approve or expect, or meets minimum
 * (component-wise), or none of the three is configured (verifier only);
 * and it is not below @floor. Returns RD_APPROVED or RD_DENIED, @why set.
 */
enum rd_result rd_policy_check(const struct rd_config *cfg,
			       const struct tsm_tcb *floor,
			       const struct tsm_tcb *tcb,
			       char *why, size_t len);

/** rd_floor_raise() - true when @tcb should become the new floor (no floor
 *	yet, or @tcb is component-wise newer than @floor). */
bool rd_floor_raise(const struct tsm_tcb *floor, bool has_floor,
		    const struct tsm_tcb *tcb);

/**
 * struct rd_verification - the outcome of one verification
 * @result: approved, denied or error
 * @reason: a fixed token for counters, RD_REASON(one of enum rd_reason):
 *	approved: "policy"; denied: "not_approved", "below_floor",
 *	"verifier_denied", "verifier_timeout"; error: "report", "evidence",
 *	"nonce", "tdreport", "verifier_failed", "interrupted",
 *	"out_of_time", "ack_stale", "ack_refused", "reject_refused"
 * @why: one sentence for the log
 * @have_tcb: evidence parsed, @tcb / @tcb_text / @components valid
 * @provider: configfs-tsm provider
 */
/*
 * The raw TCB fields of the evidence decided on, to tell which one moved
 * between two verifications.
 */
struct rd_tcb_fields {
	enum tsm_format format;		/* SNP report or TDREPORT */
	uint64_t snp_current, snp_committed, snp_reported, snp_launch;
	uint8_t tee_tcb_svn[16], tee_tcb_svn2[16], cpusvn[16];
	bool has_svn2;
};

struct rd_verification {
	enum rd_result result;
	const char *reason;
	char why[RD_MSG_MAX];
	bool have_tcb;
	struct tsm_tcb tcb;
	char tcb_text[TSM_TCB_TEXT_MAX];
	char components[TSM_COMPONENTS_MAX];
	enum tsm_snp_layout layout;
	char provider[64];
	const char *evidence;		/* "snp-report", "tdreport", ... */
	char floor_text[TSM_TCB_TEXT_MAX];	/* "" where there is none */
	char launch_text[TSM_TCB_TEXT_MAX];
	struct rd_tcb_fields fields;
};

/**
 * rd_floor_candidate() - the TCB an approval raises the floor to
 * @cfg: its `floor` key decides
 * @v: an approved verification
 * @out: receives @v's TCB, or with `floor = committed` and SNP evidence
 *	the report's COMMITTED_TCB: a provisional firmware update is then
 *	approved without raising the floor, and its revert to COMMITTED_TCB
 *	stays approvable (DESIGN rule 4: `reverted`, not a rollback).
 */
void rd_floor_candidate(const struct rd_config *cfg,
			const struct rd_verification *v, struct tsm_tcb *out);

/** rd_fields_moved() - the names of the fields that differ ("cpusvn",
 *	"tee_tcb_svn2", "current_tcb,committed_tcb", ...), "" if none or
 *	the formats differ. */
void rd_fields_moved(const struct rd_tcb_fields *a, const struct rd_tcb_fields *b,
		     char *buf, size_t len);

/**
 * rd_reports_finish() - before exiting: wait for report threads still in
 * the kernel, at most RD_REPORT_DRAIN_MS. An abandoned report (timeout,
 * stop) finishes in its own thread, which then removes its configfs-tsm
 * item; exiting earlier would leave the item behind. Logs what is left.
 */
void rd_reports_finish(void);
#define RD_REPORT_DRAIN_MS	5000

/** rd_verify_budget_ms() - the longest one verification takes:
 *	RD_ACK_ATTEMPTS reports of [report] timeout plus one verifier timeout. */
unsigned int rd_verify_budget_ms(const struct rd_config *cfg);

/**
 * rd_verify() - one full verification: random nonce (getrandom), fresh
 * report through libtsm (in a thread: @wait keeps running while a report
 * read blocks, and a report slower than [report] timeout is an error),
 * nonce in REPORT_DATA, parse, policy, verifier.
 * @tsm: libtsm context (configfs root, log priority)
 * @floor: NULL if none
 * @tmpdir: directory for the verifier's report file
 * @wait: run while waiting for the report or the hook, NULL for none
 * @deadline_ms: CLOCK_MONOTONIC ms by which the verification must end
 *	(the verifier gets at most what is left; running out is an error)
 */
void rd_verify_until(struct tsm_ctx *tsm, const struct rd_config *cfg,
		     const struct tsm_tcb *floor, const char *tmpdir,
		     const struct rd_wait *wait, int64_t deadline_ms,
		     struct rd_verification *v);
/** rd_verify() - the same with the deadline now + rd_verify_budget_ms(). */
void rd_verify(struct tsm_ctx *tsm, const struct rd_config *cfg,
	       const struct tsm_tcb *floor, const char *tmpdir,
	       const struct rd_wait *wait, struct rd_verification *v);
/** rd_verifier_set_helper() - the binary the systemd runner starts as
 *	`hook-exec` in the transient unit (default RD_HELPER_DEFAULT), the
 *	systemd-run to use (NULL: RD_SYSTEMD_RUN_DEFAULT) and the systemctl
 *	that kills an aborted hook's unit (NULL: RD_SYSTEMCTL_DEFAULT). */
void rd_verifier_set_helper(const char *helper, const char *systemd_run,
			    const char *systemctl);
int64_t rd_mono_ms(void);

/** rd_tcb_describe() - "snp:... (bl=4 tee=0 snp=21 ucode=211)" */
void rd_tcb_describe(const struct tsm_tcb *tcb, enum tsm_snp_layout layout,
		     char *buf, size_t size);

/* ---- notify.c --------------------------------------------------------- */

/** rd_notify() - sd_notify(0, @text); no-op without NOTIFY_SOCKET or when
 *	built without libsystemd. */
void rd_notify(const char *text);
void rd_notifyf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** rd_notify_watchdog_usec() - WATCHDOG_USEC for this process, 0 if none. */
uint64_t rd_notify_watchdog_usec(void);
/** rd_notify_backend() - "libsystemd" or "none (static build)". */
const char *rd_notify_backend(void);

/* ---- daemon.c --------------------------------------------------------- */

struct rd_paths {
	const char *config;	/* for reloads */
	const char *sysfs;	/* /sys/class/misc/tsm_watchdog */
	const char *rundir;	/* status file, verifier report files */
};

struct rd_daemon;

/** rd_daemon_new() - takes ownership of @cfg and @dev. */
int rd_daemon_new(const struct rd_paths *paths, struct rd_config *cfg,
		  struct rd_dev *dev, struct rd_daemon **out);
void rd_daemon_free(struct rd_daemon *d);
/** rd_daemon_start() - load the floor, send the expectations, verify once,
 *	arm the timers, READY=1. Fails (with a log line) on a corrupt state
 *	file or a heartbeat that cannot keep the kernel's watchdog fed. */
int rd_daemon_start(struct rd_daemon *d);
/** rd_daemon_once() - `once`: what start does, one verification and its
 *	ack / reject, no loop. Returns an enum rd_result or -errno. */
int rd_daemon_once(struct rd_daemon *d);
/** rd_daemon_step() - wait at most @timeout_ms for one round of events and
 *	handle them. Returns 1 to go on, 0 when asked to stop, -errno. */
int rd_daemon_step(struct rd_daemon *d, int timeout_ms);
/** rd_daemon_run() - steps until stopped; returns the exit status. */
int rd_daemon_run(struct rd_daemon *d);
/** rd_daemon_verify_now() - run one verification and act on it. */
enum rd_result rd_daemon_verify_now(struct rd_daemon *d, const char *reason);
/** rd_daemon_reload() - what SIGHUP does. Returns 0 or -EINVAL (refused). */
int rd_daemon_reload(struct rd_daemon *d);

/* The kernel watchdog's timing, from sysfs. */
struct rd_kernel_timing {
	unsigned int timeout;	/* s */
	unsigned int grace;	/* s */
	bool relaxed;		/* mode relaxed: a change must be acked in grace */
};

/** rd_kernel_timing_read() - timeout, grace, mode from @sysfs; -ENOENT
 *	when the module is not there. */
int rd_kernel_timing_read(const char *sysfs, struct rd_kernel_timing *k);
/**
 * rd_check_timing() - refuse settings that can not keep the watchdog fed:
 * 2 x heartbeat <= timeout; heartbeat + one whole verification (budget:
 * rd_verify_budget_ms()) <= timeout; in relaxed mode the budget <= grace,
 * since a `changed` TCB must be verified and acked within grace.
 * Returns 0 or -ERANGE with @err set.
 */
int rd_check_timing(const struct rd_config *cfg, const struct rd_kernel_timing *k,
		    char *err, size_t len);

struct rd_counter {
	const char *name;	/* a reason token (static string) */
	unsigned long n;
};
#define RD_REASONS_MAX	24

/* What the metrics file shows of the daemon (daemon.c fills it). */
struct rd_snapshot {
	const struct rd_config *cfg;
	bool has_floor, floor_saved;
	struct tsm_tcb floor;
	bool have_last;
	const struct rd_verification *last;
	time_t last_time;
	unsigned long n_verify, n_approved, n_denied, n_error;
	unsigned long n_acks, n_stale, n_refused;
	const struct rd_counter *reasons;	/* RD_REASONS_MAX */
};
void rd_daemon_snapshot(const struct rd_daemon *d, struct rd_snapshot *s);

/** rd_read_sysfs() - one attribute, trailing newline stripped. */
int rd_read_sysfs(const char *dir, const char *attr, char *buf, size_t len);

/* ---- metrics.c -------------------------------------------------------- */

/**
 * rd_metrics_write() - the Prometheus text file for node-exporter's
 * textfile collector, replaced atomically (PATH.tmp + rename).
 * Kernel values come from @sysfs. Returns 0 or -errno with @err set.
 */
int rd_metrics_write(const char *path, const char *sysfs,
		     const struct rd_snapshot *s, char *err, size_t len);
/** rd_metrics_render() - the same text into @buf; the length or -ENOSPC. */
int rd_metrics_render(const char *sysfs, const struct rd_snapshot *s,
		      char *buf, size_t size);

/* ---- status.c --------------------------------------------------------- */

int rd_status_main(const struct rd_paths *paths, bool json);

#endif /* TCB_RENEWD_H */
