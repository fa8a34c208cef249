// SPDX-License-Identifier: GPL-2.0-only
/*
 * wd-model - model-based differential test of the tsm-watchdog core.
 *
 *   wd-model run MODE SEED STEPS   (in a QEMU guest: tsm_watchdog and
 *                                   tsm_wd_sim loaded, watchdog disarmed)
 *   wd-model print MODE SEED STEPS (anywhere: the sequence and predictions)
 *
 * MODE: relaxed, strict, permissive (nowayout=0), or nowayout (relaxed
 * with nowayout=1: the scenario runs it last, the core can not be unloaded
 * after it).
 *
 * A seeded random sequence of device commands (ack, stale ack, expect,
 * reject, set, disarm), host actions (sim debugfs: tcb, errno, commit,
 * revert) and timed episodes (heartbeat expiry, grace expiry, source-lost
 * under busy throttling, a host pause with freeze_ms) is predicted step by
 * step by the same transition rules the Promela model runs (rules.h: one
 * source of truth), and in "run" mode applied to the real kernel. After
 * every step the errno of the command, sysfs state, fire_count, acked_tcb,
 * floor_tcb (when the kernel has it) and the events are compared; the
 * first divergence prints the seed and step and exits 1.
 *
 * Time: the scenario loads the core with timeout = grace = 86400 s and
 * poll_ms = 600000, so nothing is due unless a step makes it due; a tcb
 * write push-notifies the core. A timed episode shortens the policy with
 * "set" (never under nowayout), waits well past the deadline it made (a
 * deadline already past when set is due at once), compares, and restores
 * the long policy. Never is anything compared close before a deadline: the
 * episodes wait until at least 1.5 s after it, and the freeze episode
 * compares within a 4 s grace only what arrived right after the resume.
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
#define LONG_S	86400		/* the long timeout and grace */
#define LONG_POLL 600000	/* the long poll_ms */
#define NEV	24

static const char *state_names[] = { "disarmed", "armed", "changed", "fired" };
static const char *mode_names[] = { "permissive", "relaxed", "strict" };
static const char *action_names[] = { "log", "warn", "reboot", "poweroff",
				      "panic" };

static int real;

/* Milliseconds: the real monotonic clock, or a virtual one for "print". */
static long vclock;
static long now_ms(void)
{
	struct timespec ts;

	if (!real)
		return vclock;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	if (ms <= 0)
		return;
	if (!real) {
		vclock += ms;
		return;
	}
	nanosleep(&ts, NULL);
}

/* ---- the predictor: the watchdog as the model sees it ---- */
struct wd {
	int mode, action, nowayout, bound;
	long timeout, grace, poll_ms;
	int state, have_acked, acked, floor_ack;
	int cur, curfloor, have_cur;	/* last good read */
	int have_rep, rep, rep_rb;
	unsigned int exp;
	int fire_count;
	int src_failing, lost;
	long t_ack, t_changed;		/* ms: last valid ack, entering changed */
	int followup;			/* the freeze episode's second half */
	long t_resumed;
	/* host */
	int h_cur, h_floor, h_errno, has_floor;
	/* events of this step */
	char ev[NEV][48];
	int nev;
};

static void tcb_text(int lev, char *buf, size_t n)
{
	snprintf(buf, n, "snp:d3%02d000000000004", 14 + lev);
}

static void event(struct wd *w, const char *name, int lev)
{
	char t[40];

	if (w->nev == NEV)
		return;
	if (lev < 0) {
		snprintf(w->ev[w->nev++], 48, "%s", name);
		return;
	}
	tcb_text(lev, t, sizeof(t));
	snprintf(w->ev[w->nev++], 48, "%s %s", name, t);
}

/* The TCB an event about the guest as a whole names. */
static int now_tcb(const struct wd *w)
{
	return w->have_cur ? w->cur : w->have_acked ? w->acked : -1;
}

static int running(const struct wd *w)
{
	return w->state == WD_ARMED || w->state == WD_CHANGED;
}

static void set_state(struct wd *w, int state)
{
	if (wd_binds(w->nowayout, state))
		w->bound = 1;		/* rule 6 */
	if (state == WD_CHANGED && w->state != WD_CHANGED)
		w->t_changed = now_ms();
	w->state = state;
}

static void fire(struct wd *w, int lev)
{
	set_state(w, WD_FIRED);
	w->fire_count++;
	event(w, "fired", lev);
}

/* A good read of the source (a poll or an ack's read): rules 3, 4, 8. */
static void observe(struct wd *w, int t, int f)
{
	int kind, eff, rev, run;

	/* no baseline yet: a TCB other than the last read is still reported */
	if (!w->have_acked && w->have_cur && t != w->cur)
		event(w, "changed", t);
	w->cur = t;
	w->curfloor = f;
	w->have_cur = 1;
	w->src_failing = 0;
	w->lost = 0;
	if (!w->have_acked)
		return;
	kind = wd_classify(t == w->acked,
			   wd_rollback_below(w->has_floor, t < w->floor_ack,
					     t < w->acked),
			   w->has_floor ? f < w->floor_ack : 0,
			   w->has_floor ? t < w->acked : 0,
			   (w->exp >> t) & 1,
			   w->have_rep && w->rep == t, w->rep_rb, &rev);
	run = wd_poll_applies(w->state, kind);
	eff = run ? wd_effect(w->mode, w->state, kind) : WD_E_NONE;
	if (kind == WD_K_SAME || kind == WD_K_REPEAT) {
		if (kind == WD_K_SAME)
			w->have_rep = 0;
		if (eff == WD_E_ARM) {
			set_state(w, WD_ARMED);
			event(w, "armed", t);
		}
		return;
	}
	if (rev)
		event(w, "reverted", t);
	if (kind == WD_K_RENEWAL) {
		w->acked = t;
		w->exp &= ~(1u << t);
		w->have_rep = 0;
		event(w, "renewed", t);
		if (run)
			set_state(w, WD_ARMED);
		return;
	}
	w->have_rep = 1;
	w->rep = t;
	w->rep_rb = kind == WD_K_ROLLBACK;
	event(w, kind == WD_K_ROLLBACK ? "rollback" : "changed", t);
	if (eff == WD_E_FIRE)
		fire(w, t);
	else if (eff == WD_E_CHANGED)
		set_state(w, WD_CHANGED);
}

/* A read that failed (rule 12); "lost" after grace and three reads is
 * only ever predicted by the source-lost episode, which waits for it. */
static void read_failed(struct wd *w)
{
	if (!w->src_failing)
		event(w, "source-error", -1);
	w->src_failing = 1;
}

/* A poll (after a host change notified the core, or a kick). */
static void poll_src(struct wd *w)
{
	if (w->h_errno) {
		read_failed(w);
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

	if (w->h_errno)
		read_failed(w);	/* the ack's own read failed */
	/* the ack's own read is an observation like a poll's, even when the
	 * ack is refused (rules 4 and 12): a TCB acked below the floor is a
	 * rollback at the first read after the ack, this one included */
	if (!w->h_errno)
		observe(w, w->h_cur, w->h_floor);
	if (!valid)
		return ESTALE;
	/* rule 4: the platform floor held at this ack, even when userspace
	 * acks a TCB below it (that TCB is then a rollback) */
	w->floor_ack = w->h_errno ? w->curfloor : w->h_floor;
	w->acked = t;
	w->have_acked = 1;
	w->have_rep = 0;
	w->t_ack = now_ms();
	event(w, w->state == WD_ARMED ? "acked" : "armed", t);
	set_state(w, WD_ARMED);
	return 0;
}

/* "set <field> <value>": ranges (EINVAL) first, then rules 6 and 11. */
enum { F_MODE, F_ACTION, F_TIMEOUT, F_GRACE, F_POLL, F_NR };
static const char *field_names[] = { "mode", "action", "timeout", "grace",
				     "poll_ms" };

static int set(struct wd *w, int field, long v)
{
	long old;
	int f, eff;

	switch (field) {
	case F_MODE:
		if (v < 0 || v > WD_STRICT)
			return EINVAL;
		old = w->mode;
		f = WD_F_MODE;
		break;
	case F_ACTION:
		if (v < 0 || v > 4)
			return EINVAL;
		old = w->action;
		f = WD_F_ACTION;
		break;
	case F_TIMEOUT:
	case F_GRACE:
		if (v < 1 || v > 86400)
			return EINVAL;
		old = field == F_TIMEOUT ? w->timeout : w->grace;
		f = WD_F_TIME;
		break;
	default:
		if (v < 50 || v > 600000)
			return EINVAL;
		old = w->poll_ms;
		f = WD_F_TIME;
		break;
	}
	if (wd_set_err(w->bound, wd_weaker(f, old, v)))
		return EPERM;
	switch (field) {
	case F_MODE:
		eff = wd_set_mode_effect(w->mode, (int)v, w->state, w->rep_rb);
		if (w->mode == WD_PERMISSIVE && v == WD_RELAXED)
			w->t_changed = now_ms();	/* its grace starts now */
		w->mode = (int)v;
		if (eff == WD_E_FIRE)
			fire(w, w->rep);
		break;
	case F_ACTION:
		w->action = (int)v;
		break;
	case F_TIMEOUT:
		w->timeout = v;
		break;
	case F_GRACE:
		w->grace = v;
		break;
	default:
		w->poll_ms = v;
		if (v != old)
			poll_src(w);	/* a new poll_ms polls at once */
		break;
	}
	return 0;
}

static int disarm(struct wd *w)
{
	if (w->state == WD_DISARMED)
		return 0;
	if (wd_disarm_err(w->bound, w->state))
		return EPERM;
	set_state(w, WD_DISARMED);
	w->have_rep = 0;
	event(w, "disarmed", -1);
	return 0;
}

/* ---- the sequence ---- */
enum { S_ACK, S_ACK_STALE, S_EXPECT, S_REJECT, S_TCB, S_ERRNO, S_COMMIT,
       S_REVERT, S_SET, S_DISARM, S_EXPIRE, S_GRACE, S_LOST, S_FREEZE,
       S_FREEZE_WAIT, S_NR };
static const char *step_names[] = { "ack", "ack-stale", "expect", "reject",
				    "host-tcb", "host-errno", "host-commit",
				    "host-revert", "set", "disarm",
				    "wait-expiry", "wait-grace",
				    "wait-source-lost", "freeze",
				    "wait-after-resume" };
/* how often each is drawn (timed episodes cost seconds: rare) */
static const unsigned int weight[] = { 6, 3, 3, 1, 6, 2, 3, 3, 3, 1, 1, 1, 1,
				       1, 0 };

static unsigned long long rng;
static unsigned int rnd(unsigned int n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned int)(rng % n);
}

struct step { int kind, arg; long val; };

/* A "set" value: in range and long (timers stay far), or out of range. */
static long set_value(int field, int nowayout)
{
	static const long mode_v[] = { WD_PERMISSIVE, WD_RELAXED, WD_STRICT, 7 };
	static const long act_v[] = { 0, 0, 9 };	/* log, log, bad */
	static const long time_v[] = { LONG_S, 86000, 0, 86401 };
	static const long poll_v[] = { LONG_POLL, 599000, 49, 600001 };

	switch (field) {
	case F_MODE:
		/* strict in relaxed/permissive sequences fires what is
		 * pending; keep it, but not too often */
		(void)nowayout;
		return mode_v[rnd(4)];
	case F_ACTION:
		return act_v[rnd(3)];
	case F_TIMEOUT:
	case F_GRACE:
		return time_v[rnd(4)];
	default:
		return poll_v[rnd(4)];
	}
}

static struct step gen(const struct wd *w)
{
	struct step s = { 0, 0, 0 };
	unsigned int total = 0, r;

	if (w->followup) {
		s.kind = S_FREEZE_WAIT;
		return s;
	}
	for (int k = 0; k < S_NR; k++)
		total += weight[k];
	for (;;) {
		r = rnd(total);
		for (s.kind = 0; r >= weight[s.kind]; s.kind++)
			r -= weight[s.kind];
		s.arg = (int)rnd(NLEV);
		s.val = 0;
		if ((s.kind == S_COMMIT || s.kind == S_REVERT) && !w->has_floor)
			continue;
		if (s.kind == S_REJECT && rnd(3))
			continue;	/* rarer: it fires */
		/* timed episodes restore the long policy: not under nowayout */
		if (s.kind >= S_EXPIRE && w->nowayout)
			continue;
		if (s.kind == S_FREEZE && w->h_errno)
			continue;
		/* a 1 s grace would first end a pending change's grace */
		if (s.kind == S_LOST && w->state == WD_CHANGED &&
		    w->mode == WD_RELAXED)
			continue;
		if (s.kind == S_ACK_STALE && s.arg == w->h_cur)
			s.arg = (s.arg + 1) % NLEV;
		if (s.kind == S_ERRNO)
			s.arg = w->h_errno ? 0 : 5;	/* toggle -EIO */
		if (s.kind == S_SET) {
			s.arg = (int)rnd(F_NR);
			s.val = set_value(s.arg, w->nowayout);
		}
		return s;
	}
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
	int fd, ok;

	if (!real)
		return 0;
	fd = open(path, O_WRONLY);
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

	if (!real)
		return 0;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	r = write(dev_fd, buf, strlen(buf));
	return r < 0 ? errno : 0;
}

static int cmd_set(int field, long v)
{
	if (field == F_MODE)
		return cmd("set mode %s\n", v >= 0 && v <= 2 ? mode_names[v] :
							   "lenient");
	if (field == F_ACTION)
		return cmd("set action %s\n", v >= 0 && v <= 4 ?
					       action_names[v] : "explode");
	return cmd("set %s %ld\n", field_names[field], v);
}

/* Read event lines, without their sequence numbers, into @ev. */
static char rbuf[8192];
static size_t rlen;
static int got_n;
static char got[NEV][48];

static void read_events(int want, int wait_ms)
{
	struct timespec ts = { 0, 20 * 1000000 };

	if (!real)
		return;
	for (int waited = 0;; waited += 20) {
		ssize_t r = read(dev_fd, rbuf + rlen, sizeof(rbuf) - 1 - rlen);

		if (r > 0)
			rlen += (size_t)r;
		for (char *nl; (nl = memchr(rbuf, '\n', rlen));) {
			char *sp = memchr(rbuf, ' ', (size_t)(nl - rbuf));

			*nl = 0;
			if (got_n < NEV)
				snprintf(got[got_n++], 48, "%.47s",
					 sp ? sp + 1 : rbuf);
			rlen -= (size_t)(nl + 1 - rbuf);
			memmove(rbuf, nl + 1, rlen);
		}
		if (got_n >= want && waited >= 60)
			return;
		if (waited >= wait_ms)
			return;
		nanosleep(&ts, NULL);
	}
}

/*
 * After a host change the core polls from a work item: wait until sysfs
 * current_tcb (and floor_tcb) show the new reading (3 s at most), or
 * 150 ms when the source fails and nothing shows it.
 */
static int floor_attr;
static void settle(const struct wd *w)
{
	struct timespec ts = { 0, 20 * 1000000 };
	char want[40], wantf[40], buf[64];

	if (!real)
		return;
	if (w->h_errno) {
		sleep_ms(150);
		return;
	}
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

/*
 * Run one step on both sides: the predictor's @w and (in "run" mode) the
 * kernel, in the order the kernel sees the commands. Returns the
 * predicted errno of the step's command (0 for host actions and waits)
 * and the kernel's in @err. Events the kernel emits along the way are
 * collected in got[] (compared by the caller).
 */
static int step(struct wd *w, struct step s, int *err)
{
	char t[40];
	int e = 0, lev;
	long wait;

	*err = 0;
	switch (s.kind) {
	case S_ACK:
	case S_ACK_STALE:
		lev = s.kind == S_ACK_STALE ? s.arg :
		      w->h_errno ? w->cur : w->h_cur;
		tcb_text(lev, t, sizeof(t));
		*err = cmd("ack %s\n", t);
		return ack(w, lev);
	case S_EXPECT:
		tcb_text(s.arg, t, sizeof(t));
		*err = cmd("expect %s\n", t);
		w->exp |= 1u << s.arg;
		poll_src(w);	/* the core polls at once: maybe a renewal */
		settle(w);
		return 0;
	case S_REJECT:
		*err = cmd("reject\n");
		fire(w, now_tcb(w));
		return 0;
	case S_TCB:
		tcb_text(s.arg, t, sizeof(t));
		wr(SIM "tcb", t);
		w->h_cur = s.arg;
		poll_src(w);
		settle(w);
		return 0;
	case S_ERRNO:
		snprintf(t, sizeof(t), "%d", s.arg);
		wr(SIM "errno", t);
		w->h_errno = s.arg;
		return 0;
	case S_COMMIT:
		wr(SIM "commit", "1");
		w->h_floor = w->h_cur;
		poll_src(w);	/* the sim notifies the core */
		settle(w);
		return 0;
	case S_REVERT:
		wr(SIM "revert", "1");
		w->h_cur = w->h_floor;
		poll_src(w);
		settle(w);
		return 0;
	case S_SET:
		*err = cmd_set(s.arg, s.val);
		e = set(w, s.arg, s.val);
		if (s.arg == F_POLL)
			settle(w);
		return e;
	case S_DISARM:
		*err = cmd("disarm\n");
		return disarm(w);
	case S_EXPIRE:
		/* rule 1: the heartbeat deadline, made 1 s after the last
		 * valid ack, which is at least 1.5 s ago: due at once */
		if (w->have_acked)
			sleep_ms(w->t_ack + 1500 - now_ms());
		*err = cmd_set(F_TIMEOUT, 1);
		if (running(w) && w->mode != WD_PERMISSIVE) {
			event(w, "expired", now_tcb(w));
			fire(w, now_tcb(w));
		}
		read_events(w->nev, w->nev ? 5000 : 300);
		e = cmd_set(F_TIMEOUT, LONG_S);
		*err = *err ? *err : e;
		return 0;
	case S_GRACE:
		/* rule 3: the grace of a pending change, made 1 s after the
		 * change, which is at least 1.5 s ago: due at once */
		if (w->state == WD_CHANGED)
			sleep_ms(w->t_changed + 1500 - now_ms());
		*err = cmd_set(F_GRACE, 1);
		if (w->state == WD_CHANGED && w->mode == WD_RELAXED) {
			event(w, "expired", w->rep);
			fire(w, w->rep);
		}
		read_events(w->nev, w->nev ? 5000 : 300);
		e = cmd_set(F_GRACE, LONG_S);
		*err = *err ? *err : e;
		return 0;
	case S_LOST:
		/* rule 12: the host answers every read EBUSY; with a 1 s
		 * grace and 100 ms polls, no TCB for more than grace and
		 * at least three polls: source-lost, then relaxed and strict
		 * fire. Then the long policy and an answering host again. */
		wr(SIM "busy", "1000000 0");
		*err = cmd_set(F_GRACE, 1);
		e = cmd_set(F_POLL, 100);
		*err = *err ? *err : e;
		read_failed(w);
		if (!w->lost) {
			w->lost = 1;
			event(w, "source-lost", now_tcb(w));
			if (running(w) && w->mode != WD_PERMISSIVE)
				fire(w, now_tcb(w));
		}
		read_events(w->nev, 6000);
		e = cmd_set(F_GRACE, LONG_S);
		*err = *err ? *err : e;
		wr(SIM "busy", "0 0");
		e = cmd_set(F_POLL, LONG_POLL);
		*err = *err ? *err : e;
		poll_src(w);	/* the new poll_ms polls at once */
		settle(w);
		return 0;
	case S_FREEZE:
		/* rule 13: ack, then a 2 s timeout and a 4 s grace; the host
		 * pauses the guest for 3 s: the heartbeat deadline passes
		 * during the pause. On resume the core emits "resumed" and
		 * gives one grace: pretimeout now, no expiry yet. */
		tcb_text(w->h_cur, t, sizeof(t));
		*err = cmd("ack %s\n", t);
		e = ack(w, w->h_cur);
		if (!*err)
			*err = cmd_set(F_GRACE, 4);
		if (!*err)
			*err = cmd_set(F_TIMEOUT, 2);
		wr(SIM "freeze_ms", "3000");
		if (!real)
			sleep_ms(3000);
		w->t_resumed = now_ms();
		w->followup = 1;
		if (running(w) && w->mode != WD_PERMISSIVE) {
			event(w, "resumed", -1);
			event(w, "pretimeout", now_tcb(w));
			poll_src(w);	/* and it polls at once */
		}
		read_events(w->nev, 2500);
		return e;
	case S_FREEZE_WAIT:
		/* one grace (4 s) after the resume, and 1.5 s more: the
		 * heartbeat expiry has fired; then the long policy again */
		w->followup = 0;
		wait = w->t_resumed + 5500 - now_ms();
		if (running(w) && w->mode != WD_PERMISSIVE) {
			sleep_ms(wait);
			event(w, "expired", now_tcb(w));
			fire(w, now_tcb(w));
		}
		read_events(w->nev, w->nev ? 3000 : 200);
		*err = cmd_set(F_TIMEOUT, LONG_S);
		e = cmd_set(F_GRACE, LONG_S);
		*err = *err ? *err : e;
		return 0;
	}
	return 0;
}

static int diverged;
static void check(unsigned long long seed, int step, const char *what,
		  const char *want, const char *got)
{
	if (!strcmp(want, got))
		return;
	/* "resumed <ms>": the pause's length is the kernel's to measure */
	if (!strcmp(want, "resumed") && !strncmp(got, "resumed ", 8))
		return;
	printf("FAIL: model-diff: seed %llu step %d: %s: predicted '%s', kernel '%s'\n",
	       seed, step, what, want, got);
	diverged = 1;
}

int main(int argc, char **argv)
{
	struct wd w = { .h_cur = 1, .h_floor = 1, .cur = 1, .curfloor = 1,
			.have_cur = 1, .timeout = LONG_S, .grace = LONG_S,
			.poll_ms = LONG_POLL };
	unsigned long long seed;
	int steps;
	long t0;
	char buf[256], want[64];

	if (argc != 5 || (strcmp(argv[1], "run") && strcmp(argv[1], "print"))) {
		fprintf(stderr, "usage: wd-model run|print MODE SEED STEPS\n"
			"MODE: relaxed, strict, permissive or nowayout\n");
		return 2;
	}
	real = !strcmp(argv[1], "run");
	w.mode = !strcmp(argv[2], "strict") ? WD_STRICT :
		 !strcmp(argv[2], "permissive") ? WD_PERMISSIVE : WD_RELAXED;
	w.nowayout = !strcmp(argv[2], "nowayout");
	seed = strtoull(argv[3], NULL, 0);
	steps = atoi(argv[4]);
	rng = seed * 2654435761ULL + 88172645463325252ULL;
	w.has_floor = real ? access(SIM "commit", W_OK) == 0 : 1;
	floor_attr = real && access(SYS "floor_tcb", R_OK) == 0;
	if (real) {
		dev_fd = open(DEV, O_RDWR | O_NONBLOCK);
		if (dev_fd < 0) {
			perror(DEV);
			return 2;
		}
	}
	printf("wd-model: mode %s seed %llu steps %d floor %s\n", argv[2], seed,
	       steps, w.has_floor ? "yes (sim commit/revert)" : "no (old sim)");
	t0 = now_ms();
	for (int i = 1; i <= steps && !diverged; i++) {
		struct step s = gen(&w);
		int perr, err = 0;
		char arg[48] = "";

		w.nev = 0;
		got_n = 0;
		vclock += 100;
		if (s.kind == S_ACK_STALE || s.kind == S_EXPECT ||
		    s.kind == S_TCB)
			tcb_text(s.arg, arg, sizeof(arg));
		else if (s.kind == S_ERRNO)
			snprintf(arg, sizeof(arg), "%d", s.arg);
		else if (s.kind == S_SET)
			snprintf(arg, sizeof(arg), "%s %ld", field_names[s.arg],
				 s.val);
		perr = step(&w, s, &err);
		printf("step %d: %s %s -> %s%s state %s fire_count %d events:",
		       i, step_names[s.kind], arg, perr ? "errno " : "ok",
		       perr ? strerrorname_np(perr) : "",
		       state_names[w.state], w.fire_count);
		for (int e = 0; e < w.nev; e++)
			printf(" [%s]", w.ev[e]);
		printf("\n");
		fflush(stdout);
		if (!real)
			continue;
		read_events(w.nev, w.nev ? 3000 : 60);
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
		if (floor_attr && w.has_floor && w.have_cur && !w.h_errno) {
			rd(SYS "floor_tcb", buf, sizeof(buf));
			tcb_text(w.curfloor, want, sizeof(want));
			check(seed, i, "floor_tcb", want, buf);
		}
		rd(SYS "mode", buf, sizeof(buf));
		check(seed, i, "mode", mode_names[w.mode], buf);
		for (int e = 0; e < (got_n > w.nev ? got_n : w.nev); e++)
			check(seed, i, "event", e < w.nev ? w.ev[e] : "(none)",
			      e < got_n ? got[e] : "(none)");
	}
	if (diverged)
		return 1;
	printf("PASS: model-diff mode %s seed %llu, %d steps in %.1f s\n",
	       argv[2], seed, steps, (now_ms() - t0) / 1000.0);
	return 0;
}
