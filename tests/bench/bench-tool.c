// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-tool - measuring helper for `make bench`, run inside the QEMU guest.
 *
 * Every subcommand measures with CLOCK_MONOTONIC and prints its results as
 * lines the host side (tests/bench/run) collects:
 *   BENCH-S <key> <v1> <v2> ...     raw samples (milliseconds unless noted)
 *   BENCH-M <key> <n> <median> <p95> <max> <mean>  statistics of a large set
 *   BENCH-V <key> <value>           one value
 *   BENCH-N <text>                  a note for the report
 * Progress and errors go to stderr. Exit status 0, 1 on a measurement
 * failure (the shell records it as a note and goes on), 2 on usage errors.
 *
 * Subcommands (see usage()):
 *   now                 print CLOCK_MONOTONIC in ms (for shell timing)
 *   detect              host TCB write -> `changed` readable on the device
 *   fire                deadline (ack + timeout) -> `fired` readable
 *   decide              host TCB write -> the daemon's verdict in the kernel
 *                       (uevents + sysfs; the daemon holds the device)
 *   report              libtsm report cycles per second
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "tsm.h"

#define DEV_PATH	"/dev/tsm_watchdog"
#define WD_SYS		"/sys/class/misc/tsm_watchdog"
#define SIM_DIR		"/sys/kernel/debug/tsm_wd_sim"
#define MAX_SAMPLES	65536

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void sleep_ms(double ms)
{
	struct timespec ts;

	if (ms <= 0)
		return;
	ts.tv_sec = (time_t)(ms / 1e3);
	ts.tv_nsec = (long)((ms - ts.tv_sec * 1e3) * 1e6);
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static void usage(void)
{
	fputs("usage: bench-tool COMMAND [ARGS]\n"
	      "  now\n"
	      "  detect KEY push|poll REPS POLL_MS [LIMIT_MS]\n"
	      "      the watchdog must be armed on the sim's TCB; holds the device.\n"
	      "      push: write a newer TCB to the sim's tcb knob (the sim calls\n"
	      "      tsm_wd_source_notify()), time until `changed` is read.\n"
	      "      poll: make the source fail (errno knob), write the TCB (its\n"
	      "      notify-triggered read fails), wait a random 0..POLL_MS, then\n"
	      "      clear errno: only the periodic poll can see the change.\n"
	      "  fire KEY TIMEOUT_S REPS\n"
	      "      set timeout, ack, time the `fired` event against ack + timeout\n"
	      "  decide KEY renewed|approved|denied TCB TIMEOUT_S\n"
	      "      write TCB to the sim's knob, time the kernel's first reaction\n"
	      "      (uevent) and the daemon's verdict (sysfs, 1 ms polling)\n"
	      "  report KEY SECONDS NONCE_LEN [GAP_MS]\n"
	      "      libtsm report cycles (mkdir, inblob, outblob, parse, rmdir),\n"
	      "      back to back or GAP_MS apart (a cold cycle, as a heartbeat's)\n",
	      stderr);
	exit(2);
}

/* ---- small file helpers ---------------------------------------------- */

static int read_text(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return 0;
}

/* pread() at 0 regenerates a sysfs attribute; keeps one fd open. */
static int pread_text(int fd, char *buf, size_t len)
{
	ssize_t n = pread(fd, buf, len - 1, 0);

	if (n < 0)
		return -errno;
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return 0;
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	if (n < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	close(fd);
	return 0;
}

/* ---- TCB values: "snp:%016llx" --------------------------------------- */

static int tcb_parse(const char *text, uint64_t *v)
{
	char *end;

	if (strncmp(text, "snp:", 4) || strlen(text) != 20)
		return -EINVAL;
	errno = 0;
	*v = strtoull(text + 4, &end, 16);
	return (errno || *end) ? -EINVAL : 0;
}

static void tcb_format(uint64_t v, char *buf, size_t len)
{
	snprintf(buf, len, "snp:%016" PRIx64, v);
}

/* Milan/Genoa TCB_VERSION: snp SVN is bits 48..55; newer by one. */
static uint64_t tcb_next(uint64_t v)
{
	return v + (1ULL << 48);
}

/*
 * The next newer TCB of either scheme, in place: "snp:" the SNP firmware
 * SVN + 1; "tdx:" (the running TDX module's SVN, then CPUSVN) the module's
 * first SVN byte + 1, as a TDX module runtime update moves it.
 */
static int tcb_next_text(char *text, size_t len)
{
	unsigned int b;
	uint64_t v;
	char hex[3];

	if (!tcb_parse(text, &v)) {
		tcb_format(tcb_next(v), text, len);
		return 0;
	}
	if (strncmp(text, "tdx:", 4) || strlen(text) != 4 + 64 ||
	    sscanf(text + 4, "%2x", &b) != 1 || b >= 0xff)
		return -EINVAL;
	snprintf(hex, sizeof(hex), "%02x", b + 1);
	memcpy(text + 4, hex, 2);
	return 0;
}

/* ---- results ---------------------------------------------------------- */

static void print_samples(const char *key, const double *s, size_t n)
{
	printf("BENCH-S %s", key);
	for (size_t i = 0; i < n; i++)
		printf(" %.3f", s[i]);
	printf("\n");
	fflush(stdout);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * For large sample sets: "BENCH-M <key> <n> <median> <p95> <max> <mean>"
 * (nearest-rank percentiles, the same rule as tests/bench/run uses).
 */
static void print_stats(const char *key, double *s, size_t n)
{
	double sum = 0;
	size_t p95;

	if (!n)
		return;
	qsort(s, n, sizeof(*s), cmp_double);
	for (size_t i = 0; i < n; i++)
		sum += s[i];
	p95 = (size_t)((95 * n + 99) / 100);
	printf("BENCH-M %s %zu %.4f %.4f %.4f %.4f\n", key, n,
	       n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2,
	       s[p95 - 1], s[n - 1], sum / (double)n);
	fflush(stdout);
}

/* ---- the device -------------------------------------------------------- */

struct dev {
	int fd;
	char buf[8192];
	size_t have;
};

static int dev_open(struct dev *d)
{
	d->have = 0;
	d->fd = open(DEV_PATH, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	return d->fd < 0 ? -errno : 0;
}

static int dev_cmd(struct dev *d, const char *cmd)
{
	char line[300];
	ssize_t n;

	snprintf(line, sizeof(line), "%s\n", cmd);
	n = write(d->fd, line, strlen(line));
	return n < 0 ? -errno : 0;
}

/*
 * Read pending event lines; return 1 (and the line's time) as soon as a
 * line naming @want is read, 0 when none is pending, -errno on errors.
 * Lines after the match stay buffered for the next call.
 */
static int dev_next_event(struct dev *d, const char *want, char *tcb_out,
			  size_t tcb_len)
{
	for (;;) {
		char *nl = memchr(d->buf, '\n', d->have);

		while (nl) {
			char seq[32] = "", ev[64] = "", tcb[256] = "";
			size_t l = (size_t)(nl - d->buf) + 1;
			int match;

			*nl = '\0';
			sscanf(d->buf, "%31s %63s %255s", seq, ev, tcb);
			match = !strcmp(ev, want);
			memmove(d->buf, d->buf + l, d->have - l);
			d->have -= l;
			if (match) {
				if (tcb_out)
					snprintf(tcb_out, tcb_len, "%s", tcb);
				return 1;
			}
			nl = memchr(d->buf, '\n', d->have);
		}
		ssize_t n = read(d->fd, d->buf + d->have,
				 sizeof(d->buf) - d->have);
		if (n < 0)
			return (errno == EAGAIN || errno == EINTR) ? 0 : -errno;
		if (n == 0)
			return 0;
		d->have += (size_t)n;
	}
}

/* Wait up to @limit_ms for @want; returns 1 with *@t set, 0 timeout. */
static int dev_wait_event(struct dev *d, const char *want, double limit_ms,
			  double *t)
{
	double end = now_ms() + limit_ms;

	for (;;) {
		struct pollfd pfd = { .fd = d->fd, .events = POLLIN };
		int r = dev_next_event(d, want, NULL, 0);
		double left;

		if (r) {
			*t = now_ms();
			return r;
		}
		left = end - now_ms();
		if (left <= 0)
			return 0;
		poll(&pfd, 1, (int)left + 1);
	}
}

static void dev_drain(struct dev *d)
{
	while (dev_next_event(d, "\x01", NULL, 0) > 0)
		;
	d->have = 0;
}

/* ---- detect ------------------------------------------------------------ */

static int cmd_detect(int argc, char **argv)
{
	static double lat[MAX_SAMPLES], wr[MAX_SAMPLES];
	char cur[160], key[200], text[160];
	bool poll_mode;
	long reps, poll_ms, limit_ms;
	size_t n = 0;
	struct dev d;
	int ret;

	if (argc != 4 && argc != 5)
		usage();
	poll_mode = !strcmp(argv[1], "poll");
	if (!poll_mode && strcmp(argv[1], "push"))
		usage();
	reps = strtol(argv[2], NULL, 10);
	poll_ms = strtol(argv[3], NULL, 10);
	limit_ms = argc == 5 ? strtol(argv[4], NULL, 10) : 2 * poll_ms + 5000;
	if (reps < 1 || reps > MAX_SAMPLES || poll_ms < 1 || limit_ms < 1)
		usage();
	if (read_text(WD_SYS "/current_tcb", cur, sizeof(cur)) ||
	    (snprintf(text, sizeof(text), "%s", cur), tcb_next_text(text, sizeof(text)))) {
		fprintf(stderr, "detect: no current TCB (%s)\n", cur);
		return 1;
	}
	ret = dev_open(&d);
	if (ret) {
		fprintf(stderr, "detect: open %s: %s\n", DEV_PATH, strerror(-ret));
		return 1;
	}
	snprintf(key, sizeof(key), "ack %s", cur);
	if (dev_cmd(&d, key)) {
		fprintf(stderr, "detect: %s: %s\n", key, strerror(errno));
		return 1;
	}
	srand((unsigned int)now_ms());
	for (long i = 0; i < reps; i++) {
		double t0, t1, tw;

		if (i)
			tcb_next_text(text, sizeof(text));
		dev_drain(&d);
		if (poll_mode) {
			if (write_file(SIM_DIR "/errno", "5")) {
				fprintf(stderr, "detect: errno knob: %s\n", strerror(errno));
				return 1;
			}
			/* the first failing periodic poll reports it */
			if (dev_wait_event(&d, "source-error", 2.0 * poll_ms + 3000, &t1) != 1) {
				fprintf(stderr, "detect: no source-error event\n");
				return 1;
			}
			if (write_file(SIM_DIR "/tcb", text)) {
				fprintf(stderr, "detect: tcb knob: %s\n", strerror(errno));
				return 1;
			}
			/* a random phase against the poll period */
			sleep_ms((double)rand() / RAND_MAX * poll_ms);
			t0 = now_ms();
			ret = write_file(SIM_DIR "/errno", "0");
		} else {
			t0 = now_ms();
			ret = write_file(SIM_DIR "/tcb", text);
		}
		tw = now_ms();
		if (ret) {
			fprintf(stderr, "detect: knob write: %s\n", strerror(-ret));
			return 1;
		}
		if (dev_wait_event(&d, "changed", (double)limit_ms, &t1) != 1) {
			fprintf(stderr, "detect: no changed event for %s\n", text);
			return 1;
		}
		lat[n] = t1 - t0;
		wr[n++] = tw - t0;
		snprintf(key, sizeof(key), "ack %s", text);
		if (dev_cmd(&d, key)) {
			fprintf(stderr, "detect: %s: %s\n", key, strerror(errno));
			return 1;
		}
	}
	close(d.fd);
	print_samples(argv[0], lat, n);
	snprintf(key, sizeof(key), "%s.knob_write", argv[0]);
	print_samples(key, wr, n);
	return 0;
}

/* ---- fire -------------------------------------------------------------- */

static int cmd_fire(int argc, char **argv)
{
	static double late[MAX_SAMPLES], exp_late[MAX_SAMPLES];
	char cur[64], cmd[128], key[128];
	long timeout, reps;
	size_t n = 0;
	struct dev d;
	int ret;

	if (argc != 3)
		usage();
	timeout = strtol(argv[1], NULL, 10);
	reps = strtol(argv[2], NULL, 10);
	if (timeout < 1 || reps < 1 || reps > MAX_SAMPLES)
		usage();
	if (read_text(WD_SYS "/current_tcb", cur, sizeof(cur))) {
		fprintf(stderr, "fire: no current TCB\n");
		return 1;
	}
	ret = dev_open(&d);
	if (ret) {
		fprintf(stderr, "fire: open: %s\n", strerror(-ret));
		return 1;
	}
	snprintf(cmd, sizeof(cmd), "set timeout %ld", timeout);
	if (dev_cmd(&d, cmd)) {
		fprintf(stderr, "fire: %s: %s\n", cmd, strerror(errno));
		return 1;
	}
	snprintf(cmd, sizeof(cmd), "ack %s", cur);
	for (long i = 0; i < reps; i++) {
		double ta0, ta1, deadline, tf, te = 0;

		dev_drain(&d);
		ta0 = now_ms();
		ret = dev_cmd(&d, cmd);
		ta1 = now_ms();
		if (ret) {
			fprintf(stderr, "fire: %s: %s\n", cmd, strerror(-ret));
			return 1;
		}
		/* the kernel took the ack somewhere inside the write() */
		deadline = (ta0 + ta1) / 2 + timeout * 1e3;
		if (dev_wait_event(&d, "expired", timeout * 1e3 + 5000, &te) != 1 ||
		    dev_wait_event(&d, "fired", 5000, &tf) != 1) {
			fprintf(stderr, "fire: no expired/fired event\n");
			return 1;
		}
		late[n] = tf - deadline;
		exp_late[n++] = te - deadline;
	}
	close(d.fd);
	print_samples(argv[0], late, n);
	snprintf(key, sizeof(key), "%s.expired", argv[0]);
	print_samples(key, exp_late, n);
	return 0;
}

/* ---- decide ------------------------------------------------------------ */

static int uevent_open(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = 1 };
	int sz = 1 << 20;
	int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
			NETLINK_KOBJECT_UEVENT);

	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

/* Read queued uevents; returns the TSM_WATCHDOG_EVENT of the last one of ours. */
static void uevent_read(int fd, char *event, size_t len)
{
	static char buf[16384];

	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf) - 1, 0);

		if (n <= 0)
			return;
		buf[n] = '\0';
		for (ssize_t off = 0; off < n; off += (ssize_t)strlen(buf + off) + 1)
			if (!strncmp(buf + off, "TSM_WATCHDOG_EVENT=", 19))
				snprintf(event, len, "%s", buf + off + 19);
	}
}

static int cmd_decide(int argc, char **argv)
{
	char key[160], ev[64] = "", state[32], last[32], acked[64];
	double t0, t_kernel = -1, t_verdict = -1, end;
	const char *want_kernel;
	int nl, fd_state, fd_last, fd_acked, ret;
	long limit;
	enum { RENEWED, APPROVED, DENIED } kind;

	if (argc != 4)
		usage();
	if (!strcmp(argv[1], "renewed"))
		kind = RENEWED;
	else if (!strcmp(argv[1], "approved"))
		kind = APPROVED;
	else if (!strcmp(argv[1], "denied"))
		kind = DENIED;
	else
		usage();
	limit = strtol(argv[3], NULL, 10);
	if (limit < 1)
		usage();
	want_kernel = kind == RENEWED ? "renewed" : "changed";
	nl = uevent_open();
	fd_state = open(WD_SYS "/state", O_RDONLY | O_CLOEXEC);
	fd_last = open(WD_SYS "/last_event", O_RDONLY | O_CLOEXEC);
	fd_acked = open(WD_SYS "/acked_tcb", O_RDONLY | O_CLOEXEC);
	if (nl < 0 || fd_state < 0 || fd_last < 0 || fd_acked < 0) {
		fprintf(stderr, "decide: uevent socket or sysfs: %s\n",
			strerror(nl < 0 ? -nl : errno));
		return 1;
	}
	t0 = now_ms();
	ret = write_file(SIM_DIR "/tcb", argv[2]);
	if (ret) {
		fprintf(stderr, "decide: tcb knob: %s\n", strerror(-ret));
		return 1;
	}
	end = t0 + limit * 1e3;
	while (now_ms() < end) {
		struct pollfd pfd = { .fd = nl, .events = POLLIN };

		poll(&pfd, 1, 1);
		ev[0] = '\0';
		uevent_read(nl, ev, sizeof(ev));
		if (t_kernel < 0 && !strcmp(ev, want_kernel))
			t_kernel = now_ms();
		if (kind == DENIED) {
			if (!strcmp(ev, "fired")) {
				t_verdict = now_ms();
				break;
			}
			continue;
		}
		/*
		 * acked_tcb is read first: once it names the new TCB (set by
		 * the daemon's ack, or by the kernel's renewal together with
		 * last_event "renewed"), a later last_event "acked" or state
		 * "armed" can only come from the daemon's ack of it. Under
		 * load the daemon may even ack (or reject) before the kernel's
		 * own poll ran; then there is no kernel uevent to time.
		 */
		if (pread_text(fd_acked, acked, sizeof(acked)) ||
		    strcmp(acked, argv[2]))
			continue;
		if (kind == RENEWED) {
			if (!pread_text(fd_last, last, sizeof(last)) &&
			    !strcmp(last, "acked")) {
				t_verdict = now_ms();
				break;
			}
		} else if (!pread_text(fd_state, state, sizeof(state)) &&
			   !strcmp(state, "armed")) {
			t_verdict = now_ms();
			break;
		}
	}
	close(nl);
	close(fd_state);
	close(fd_last);
	close(fd_acked);
	if (t_verdict < 0) {
		fprintf(stderr, "decide %s %s: no verdict within %ld s (kernel %s %s)\n",
			argv[1], argv[2], limit, want_kernel,
			t_kernel < 0 ? "not seen" : "seen");
		return 1;
	}
	/* one sample each; the shell concatenates the repetitions */
	if (t_kernel >= 0)
		printf("BENCH-S %s.kernel %.3f\n", argv[0], t_kernel - t0);
	else
		printf("BENCH-N decide %s %s: the daemon's verdict came before the kernel's own poll saw the TCB (no %s uevent)\n",
		       argv[1], argv[2], want_kernel);
	snprintf(key, sizeof(key), "%s.verdict", argv[0]);
	printf("BENCH-S %s %.3f\n", key, t_verdict - t0);
	fflush(stdout);
	return 0;
}

/* ---- report ------------------------------------------------------------ */

static int cmd_report(int argc, char **argv)
{
	static double lat[MAX_SAMPLES];
	struct tsm_ctx *ctx = NULL;
	double secs, t_start, t_end, c_start, c_end, gap_ms;
	size_t nonce_len, n = 0, total = 0;
	uint8_t nonce[TSM_INBLOB_MAX];
	char key[128];
	int ret;

	if (argc != 3 && argc != 4)
		usage();
	secs = strtod(argv[1], NULL);
	nonce_len = (size_t)strtoul(argv[2], NULL, 10);
	gap_ms = argc == 4 ? strtod(argv[3], NULL) : 0;
	if (secs <= 0 || nonce_len < 1 || nonce_len > TSM_INBLOB_MAX)
		usage();
	ret = tsm_ctx_new(&ctx);
	if (ret) {
		fprintf(stderr, "report: %s\n", tsm_strerror(ret));
		return 1;
	}
	t_start = now_ms();
	c_start = cpu_ms();
	do {
		struct tsm_report *rep = NULL;
		struct tsm_evidence ev;
		const uint8_t *blob;
		size_t len;
		double t0 = now_ms();

		if (getrandom(nonce, nonce_len, 0) != (ssize_t)nonce_len) {
			perror("getrandom");
			return 1;
		}
		ret = tsm_report_new(ctx, nonce, nonce_len, NULL, &rep);
		if (!ret) {
			blob = tsm_report_get_outblob(rep, &len);
			ret = tsm_evidence_parse_provider(tsm_report_get_provider(rep),
							  blob, blob ? len : 0, &ev);
		}
		if (!ret)
			ret = tsm_evidence_check_nonce(&ev, nonce, nonce_len);
		tsm_report_unref(rep);
		if (ret) {
			fprintf(stderr, "report: %s\n", tsm_strerror(ret));
			return 1;
		}
		if (n < MAX_SAMPLES)
			lat[n++] = now_ms() - t0;
		total++;
		sleep_ms(gap_ms);
	} while (now_ms() - t_start < secs * 1e3);
	t_end = now_ms();
	c_end = cpu_ms();
	tsm_ctx_unref(ctx);
	print_stats(argv[0], lat, n);
	printf("BENCH-V %s.count %zu\n", argv[0], total);
	printf("BENCH-V %s.elapsed_ms %.3f\n", argv[0], t_end - t_start);
	printf("BENCH-V %s.cpu_ms_per_report %.4f\n", argv[0],
	       (c_end - c_start) / (double)total);
	if (!gap_ms) {	/* back to back: a throughput */
		snprintf(key, sizeof(key), "%s.per_s", argv[0]);
		printf("BENCH-V %s %.2f\n", key, total * 1e3 / (t_end - t_start));
	}
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		usage();
	if (!strcmp(argv[1], "now")) {
		printf("%.3f\n", now_ms());
		return 0;
	}
	if (argc < 3)
		usage();
	if (!strcmp(argv[1], "detect"))
		return cmd_detect(argc - 2, argv + 2);
	if (!strcmp(argv[1], "fire"))
		return cmd_fire(argc - 2, argv + 2);
	if (!strcmp(argv[1], "decide"))
		return cmd_decide(argc - 2, argv + 2);
	if (!strcmp(argv[1], "report"))
		return cmd_report(argc - 2, argv + 2);
	usage();
	return 2;
}
