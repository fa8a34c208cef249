// SPDX-License-Identifier: GPL-2.0-only
/*
 * wd-model - model-based differential test of the tsm-watchdog core.
 *
 *   wd-model run MODE SEED STEPS   (in a QEMU guest: tsm_watchdog and
 *                                   tsm_wd_sim loaded, watchdog disarmed)
 *   wd-model print MODE SEED STEPS (anywhere: the sequence and predictions)
 *
 * A seeded random sequence of device commands (ack, stale ack, expect,
 * reject) and host actions (sim debugfs: tcb, errno, commit, revert) is
 * predicted step by step by the same transition rules the Promela model
 * runs (rules.h: one source of truth), and in "run" mode applied to the
 * real kernel. After every step the errno of the command, sysfs state,
 * fire_count, acked_tcb, floor_tcb (when the kernel has it) and the events
 * are compared; the first divergence prints the seed and step and exits 1.
 *
 * Timer-free: the scenario loads the core with timeout = grace = 86400 s and
 * poll_ms = 600000, so nothing happens unless a step makes it happen; a tcb
 * write push-notifies the core, and the tool waits until the predicted
 * events have arrived (or 3 s) before comparing.
 *
 * TCB values are the model's levels 0..3: snp:d3LL000000000004 with
 * LL = 14 + level (SNP firmware SVN; one component, as in model.pml).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rules.h"

#define NLEV	4
#define DEV	"/dev/tsm_watchdog"
#define SYS	"/sys/class/misc/tsm_watchdog/"
#define SIM	"/sys/kernel/debug/tsm_wd_sim/"

static const char *state_names[] = { "disarmed", "armed", "changed", "fired" };

/* ---- the predictor: the watchdog as the model sees it ---- */
struct wd {
	int mode, state, have_acked, acked, floor_ack;
	int cur, curfloor, have_cur;	/* last good read */
	int have_rep, rep, rep_rb;
	unsigned int exp;
	int fire_count;
	int src_failing;
	/* host */
	int h_cur, h_floor, h_errno, has_floor;
	/* events of this step */
	char ev[16][48];
	int nev;
};

static void tcb_text(int lev, char *buf, size_t n)
{
	snprintf(buf, n, "snp:d3%02d000000000004", 14 + lev);
}

static void event(struct wd *w, const char *name, int lev)
{
	char t[40];

	if (w->nev == 16)
		return;
	if (lev < 0) {
		snprintf(w->ev[w->nev++], 48, "%s", name);
		return;
	}
	tcb_text(lev, t, sizeof(t));
	snprintf(w->ev[w->nev++], 48, "%s %s", name, t);
}

static void fire(struct wd *w, int lev)
{
	w->state = WD_FIRED;
	w->fire_count++;
	event(w, "fired", lev);
}

/* A good read of the source (a poll or an ack's read): rules 3, 4, 8. */
static void observe(struct wd *w, int t, int f)
{
	int kind, eff, rev, running;

	/* no baseline yet: a TCB other than the last read is still reported */
	if (!w->have_acked && w->have_cur && t != w->cur)
		event(w, "changed", t);
	w->cur = t;
	w->curfloor = f;
	w->have_cur = 1;
	w->src_failing = 0;
	if (!w->have_acked)
		return;
	kind = wd_classify(t == w->acked,
			   w->has_floor ? t < w->floor_ack : t < w->acked,
			   w->has_floor ? f < w->floor_ack : 0,
			   w->has_floor ? t < w->acked : 0,
			   (w->exp >> t) & 1,
			   w->have_rep && w->rep == t, w->rep_rb, &rev);
	running = wd_poll_applies(w->state, kind);
	eff = running ? wd_effect(w->mode, w->state, kind) : WD_E_NONE;
	if (kind == WD_K_SAME || kind == WD_K_REPEAT) {
		if (eff == WD_E_ARM) {
			w->have_rep = 0;
			w->state = WD_ARMED;
			event(w, "armed", t);
		}
		return;
	}
	if (rev)
		event(w, "reverted", t);
	if (kind == WD_K_RENEWAL) {
		if (!running)
			return;
		w->acked = t;
		w->exp &= ~(1u << t);
		w->have_rep = 0;
		w->state = WD_ARMED;
		event(w, "renewed", t);
		return;
	}
	w->have_rep = 1;
	w->rep = t;
	w->rep_rb = kind == WD_K_ROLLBACK;
	event(w, kind == WD_K_ROLLBACK ? "rollback" : "changed", t);
	if (eff == WD_E_FIRE)
		fire(w, t);
	else if (eff == WD_E_CHANGED)
		w->state = WD_CHANGED;
}

/* A poll (after a host change notified the core). */
static void poll_src(struct wd *w)
{
	if (w->h_errno) {
		if (!w->src_failing)
			event(w, "source-error", -1);
		w->src_failing = 1;
		return;
	}
	observe(w, w->h_cur, w->h_floor);
}

/* "ack <t>": rules 2 and 12 (grace is a day: the last read is fresh). */
static int ack(struct wd *w, int t)
{
	int valid = wd_ack_valid(!w->h_errno, t == w->h_cur,
				 w->have_cur && t == w->cur, 1,
				 w->have_acked && t == w->acked);

	if (w->h_errno && !w->src_failing) {
		/* the ack's own read failed: rule 12 reports every failing read */
		event(w, "source-error", -1);
		w->src_failing = 1;
	}
	/* the ack's own read is an observation like a poll's, even when the
	 * ack is refused (rules 4 and 12) */
	if (!w->h_errno && (!w->have_cur || w->h_cur != w->cur ||
			    w->h_floor != w->curfloor))
		observe(w, w->h_cur, w->h_floor);
	if (!valid)
		return ESTALE;
	/* rule 4: the platform floor held at this ack, even when userspace
	 * acks a TCB below it (that TCB is then a rollback) */
	w->floor_ack = w->h_errno ? w->curfloor : w->h_floor;
	w->acked = t;
	w->have_acked = 1;
	w->have_rep = 0;
	event(w, w->state == WD_ARMED ? "acked" : "armed", t);
	w->state = WD_ARMED;
	return 0;
}

/* ---- the sequence ---- */
enum { S_ACK, S_ACK_STALE, S_EXPECT, S_REJECT, S_TCB, S_ERRNO, S_COMMIT,
       S_REVERT, S_NR };
static const char *step_names[] = { "ack", "ack-stale", "expect", "reject",
				    "host-tcb", "host-errno", "host-commit",
				    "host-revert" };

static unsigned long long rng;
static unsigned int rnd(unsigned int n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned int)(rng % n);
}

struct step { int kind, arg; };

static struct step gen(const struct wd *w)
{
	struct step s;

	for (;;) {
		s.kind = (int)rnd(S_NR);
		s.arg = (int)rnd(NLEV);
		if ((s.kind == S_COMMIT || s.kind == S_REVERT) && !w->has_floor)
			continue;
		if (s.kind == S_REJECT && rnd(3))
			continue;	/* rarer: it fires */
		if (s.kind == S_ACK_STALE && s.arg == w->h_cur)
			s.arg = (s.arg + 1) % NLEV;
		if (s.kind == S_ERRNO)
			s.arg = w->h_errno ? 0 : 5;	/* toggle -EIO */
		return s;
	}
}

/* Apply @s to the predictor; returns the predicted errno of a command. */
static int predict(struct wd *w, struct step s)
{
	w->nev = 0;
	switch (s.kind) {
	case S_ACK:
		return ack(w, w->h_errno ? w->cur : w->h_cur);
	case S_ACK_STALE:
		return ack(w, s.arg);
	case S_EXPECT:
		w->exp |= 1u << s.arg;
		poll_src(w);	/* the core polls at once: maybe a renewal */
		return 0;
	case S_REJECT:
		fire(w, w->have_cur ? w->cur : w->acked);
		return 0;
	case S_TCB:
		w->h_cur = s.arg;
		poll_src(w);
		return 0;
	case S_ERRNO:
		w->h_errno = s.arg;
		return 0;
	case S_COMMIT:
		w->h_floor = w->h_cur;
		poll_src(w);	/* the sim notifies the core */
		return 0;
	case S_REVERT:
		w->h_cur = w->h_floor;
		poll_src(w);
		return 0;
	}
	return 0;
}

/* ---- the real kernel ---- */
static int dev_fd = -1;

static int rd(const char *path, char *buf, size_t n)
{
	int fd = open(path, O_RDONLY);
	ssize_t r;

	buf[0] = 0;
	if (fd < 0)
		return -1;
	r = read(fd, buf, n - 1);
	close(fd);
	if (r < 0)
		return -1;
	buf[r] = 0;
	while (r > 0 && buf[r - 1] == '\n')
		buf[--r] = 0;
	return 0;
}

static int wr(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	int ok;

	if (fd < 0)
		return errno;
	ok = write(fd, s, strlen(s)) == (ssize_t)strlen(s);
	close(fd);
	return ok ? 0 : errno;
}

static int cmd(const char *fmt, ...)
{
	char buf[128];
	va_list ap;
	ssize_t r;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	r = write(dev_fd, buf, strlen(buf));
	return r < 0 ? errno : 0;
}

/* Read event lines, without their sequence numbers, into @ev. */
static char rbuf[8192];
static size_t rlen;
static int read_events(char ev[][48], int max, int want, int wait_ms)
{
	int n = 0;
	struct timespec ts = { 0, 20 * 1000000 };

	for (int waited = 0;; waited += 20) {
		ssize_t r = read(dev_fd, rbuf + rlen, sizeof(rbuf) - 1 - rlen);

		if (r > 0)
			rlen += (size_t)r;
		for (char *nl; (nl = memchr(rbuf, '\n', rlen));) {
			char *sp = memchr(rbuf, ' ', (size_t)(nl - rbuf));

			*nl = 0;
			if (n < max)
				snprintf(ev[n++], 48, "%.47s", sp ? sp + 1 : rbuf);
			rlen -= (size_t)(nl + 1 - rbuf);
			memmove(rbuf, nl + 1, rlen);
		}
		if (n >= want && waited >= 60)
			return n;
		if (waited >= wait_ms)
			return n;
		nanosleep(&ts, NULL);
	}
}

static void do_real(struct step s, const struct wd *before, int *err)
{
	char t[40];

	*err = 0;
	switch (s.kind) {
	case S_ACK:
		tcb_text(before->h_errno ? before->cur : before->h_cur, t, sizeof(t));
		*err = cmd("ack %s\n", t);
		break;
	case S_ACK_STALE:
		tcb_text(s.arg, t, sizeof(t));
		*err = cmd("ack %s\n", t);
		break;
	case S_EXPECT:
		tcb_text(s.arg, t, sizeof(t));
		*err = cmd("expect %s\n", t);
		break;
	case S_REJECT:
		*err = cmd("reject\n");
		break;
	case S_TCB:
		tcb_text(s.arg, t, sizeof(t));
		wr(SIM "tcb", t);
		break;
	case S_ERRNO:
		snprintf(t, sizeof(t), "%d", s.arg);
		wr(SIM "errno", t);
		break;
	case S_COMMIT:
		wr(SIM "commit", "1");
		break;
	case S_REVERT:
		wr(SIM "revert", "1");
		break;
	}
}

/*
 * After a host change the core polls from a work item: wait until sysfs
 * current_tcb shows the new TCB (3 s at most), or 300 ms when the source
 * fails and nothing shows it.
 */
static void settle(const struct wd *w, int floor_attr)
{
	struct timespec ts = { 0, 20 * 1000000 };
	struct timespec rest = { 0, 200 * 1000000 };
	char want[40], wantf[40], buf[64];

	nanosleep(&rest, NULL);
	if (w->h_errno)
		return;
	tcb_text(w->h_cur, want, sizeof(want));
	tcb_text(w->h_floor, wantf, sizeof(wantf));
	for (int i = 0; i < 150; i++) {
		rd(SYS "current_tcb", buf, sizeof(buf));
		if (!strcmp(buf, want)) {
			if (!floor_attr || !w->has_floor)
				return;
			rd(SYS "floor_tcb", buf, sizeof(buf));
			if (!strcmp(buf, wantf))
				return;
		}
		nanosleep(&ts, NULL);
	}
}

static int diverged;
static void check(unsigned long long seed, int step, const char *what,
		  const char *want, const char *got)
{
	if (!strcmp(want, got))
		return;
	printf("FAIL: model-diff: seed %llu step %d: %s: predicted '%s', kernel '%s'\n",
	       seed, step, what, want, got);
	diverged = 1;
}

int main(int argc, char **argv)
{
	struct wd w = { .h_cur = 1, .h_floor = 1, .cur = 1, .curfloor = 1,
			.have_cur = 1 };
	unsigned long long seed;
	int real, steps, has_floor_attr;
	char buf[256], want[64];

	if (argc != 5 || (strcmp(argv[1], "run") && strcmp(argv[1], "print"))) {
		fprintf(stderr, "usage: wd-model run|print MODE SEED STEPS\n");
		return 2;
	}
	real = !strcmp(argv[1], "run");
	w.mode = !strcmp(argv[2], "strict") ? WD_STRICT :
		 !strcmp(argv[2], "permissive") ? WD_PERMISSIVE : WD_RELAXED;
	seed = strtoull(argv[3], NULL, 0);
	steps = atoi(argv[4]);
	rng = seed * 2654435761ULL + 88172645463325252ULL;
	w.has_floor = real ? access(SIM "commit", W_OK) == 0 : 1;
	has_floor_attr = real && access(SYS "floor_tcb", R_OK) == 0;
	if (real) {
		dev_fd = open(DEV, O_RDWR | O_NONBLOCK);
		if (dev_fd < 0) {
			perror(DEV);
			return 2;
		}
	}
	printf("wd-model: mode %s seed %llu steps %d floor %s\n", argv[2], seed,
	       steps, w.has_floor ? "yes (sim commit/revert)" : "no (old sim)");
	for (int i = 1; i <= steps && !diverged; i++) {
		struct wd before = w;
		struct step s = gen(&w);
		int perr = predict(&w, s), err = 0;
		char got[16][48];
		int n;

		char arg[40] = "";

		if (s.kind == S_ACK_STALE || s.kind == S_EXPECT ||
		    s.kind == S_TCB)
			tcb_text(s.arg, arg, sizeof(arg));
		else if (s.kind == S_ERRNO)
			snprintf(arg, sizeof(arg), "%d", s.arg);
		printf("step %d: %s %s -> %s%s state %s fire_count %d events:",
		       i, step_names[s.kind], arg, perr ? "errno " : "ok",
		       perr ? strerrorname_np(perr) : "",
		       state_names[w.state], w.fire_count);
		for (int e = 0; e < w.nev; e++)
			printf(" [%s]", w.ev[e]);
		printf("\n");
		if (!real)
			continue;
		do_real(s, &before, &err);
		if (s.kind == S_TCB || s.kind == S_REVERT || s.kind == S_COMMIT ||
		    s.kind == S_EXPECT)
			settle(&w, has_floor_attr);
		n = read_events(got, 16, w.nev, w.nev ? 3000 : 60);
		check(seed, i, "errno", perr ? strerrorname_np(perr) : "0",
		      err ? strerrorname_np(err) : "0");
		rd(SYS "state", buf, sizeof(buf));
		check(seed, i, "state", state_names[w.state], buf);
		rd(SYS "fire_count", buf, sizeof(buf));
		snprintf(want, sizeof(want), "%d", w.fire_count);
		check(seed, i, "fire_count", want, buf);
		rd(SYS "acked_tcb", buf, sizeof(buf));
		if (w.have_acked)
			tcb_text(w.acked, want, sizeof(want));
		else
			strcpy(want, "none");
		check(seed, i, "acked_tcb", want, buf);
		if (has_floor_attr && w.has_floor && w.have_cur && !w.h_errno) {
			rd(SYS "floor_tcb", buf, sizeof(buf));
			tcb_text(w.curfloor, want, sizeof(want));
			check(seed, i, "floor_tcb", want, buf);
		}
		for (int e = 0; e < (n > w.nev ? n : w.nev); e++)
			check(seed, i, "event", e < w.nev ? w.ev[e] : "(none)",
			      e < n ? got[e] : "(none)");
	}
	if (diverged)
		return 1;
	printf("PASS: model-diff mode %s seed %llu, %d steps\n", argv[2], seed,
	       steps);
	return 0;
}
