/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * model.pml - the tsm-watchdog protocol (DESIGN.md rules 1-14) as a Promela
 * model: a host, the kernel watchdog, tcb-renewd and its verifier.
 *
 * The kernel's decisions on a TCB read and on an ack are not written here:
 * they are the C functions of rules.h, called through c_code, the same code
 * the differential test's predictor runs against the real kernel. This file
 * adds what Promela needs: the processes, time, and the properties.
 *
 * Bounds (what "exhaustive" means; see README.md):
 *   TCB values 0..3, one component (0 is below launch); launch TCB and floor 1;
 *   time in poll periods: grace G = 2, heartbeat timeout T = 4, a source is
 *   lost after > G periods and >= 3 failed polls;
 *   the host does at most HOSTN = 3 things (update, commit, revert, roll back
 *   the TCB, lower the floor, fail/unfail the source, pause/resume);
 *   -DNOFLOOR: a source without a floor (TDX): update, roll back, fail,
 *   pause; rollback is judged against the baseline (rule 4);
 *   properties 8, 9: an administrator does at most ADMINN = 2 things
 *   (set mode / action / timeout, disarm, rmmod), nowayout 0 or 1;
 *   property 10: the event queue alone (Q = 2 lines, sequence numbers
 *   modulo 8), any interleaving of events and reads;
 *   the daemon crashes at most once; its policy pre-approves one TCB (chosen
 *   at start: 0, 2 or 3); mode chosen at start (permissive, relaxed, strict);
 *   action log or warn (both leave the guest running: rule 9).
 *   Counters saturate, so the state space is finite although time is not
 *   bounded: every property holds for runs of any length.
 *
 * Properties: compile with -DPROP=n (1..10) to check one; see `make model`.
 * Broken variants: -DBUG_... (rules.h), each must make one property fail.
 */
#include "rules-const.h"

#define MAXTCB	3
#define G	2	/* grace, poll periods */
#define T	4	/* heartbeat timeout, poll periods */
#define LOSTPOLLS 3	/* rule 12: at least three polls */
#define ADMINN	2	/* properties 8, 9 */
#define Q	2	/* event queue lines (property 10; the kernel's: 256) */
#define SEQM	8	/* sequence numbers modulo SEQM (property 10) */

#ifdef NOFLOOR
#define HAS_FLOOR 0
#else
#define HAS_FLOOR 1
#endif
/* the specification's rollback: below the ghost floor (no floor: baseline) */
#define GHOST_RB(t, f)	((t) < g_floor || (HAS_FLOOR && (f) < g_floor))

#ifndef PROP
#define PROP 0		/* 0: every property */
#endif
#define CHECK(n)	(PROP == 0 || PROP == n)

/* Each property's own ghosts exist only in its run (smaller state space). */
#if PROP == 0 || PROP == 1
#define GH1(s)	s
#else
#define GH1(s)	skip
#endif
#if PROP == 0 || PROP == 2
#define GH2(s)	s
#else
#define GH2(s)	skip
#endif
#if PROP == 0 || PROP == 6
#define GH6(s)	s
#else
#define GH6(s)	skip
#endif
#if PROP == 8 || PROP == 9
#define ADMIN	1	/* the administrator runs (properties 8, 9 only) */
#define GH8(s)	s
#define HOSTN	1	/* ... with a host that does one thing */
#else
#define ADMIN	0
#define GH8(s)	skip
#define HOSTN	3
#endif

c_decl {
#include "rules.h"
}

/* ---- the host: the platform's TCB, its floor, the source's availability */
byte h_cur = 1;		/* SNP CURRENT_TCB */
byte h_floor = 1;	/* SNP COMMITTED_TCB */
bool src_ok = true;	/* guest requests answered (rule 12) */
bool paused;		/* the guest does not run (rule 13) */
byte h_left = HOSTN;
bool h_paused_once;
bool h_ticked;		/* a tick passed while paused */

/* ---- the kernel watchdog (names as in sysfs where there is one) */
byte mode;
byte k_state = WD_DISARMED;
bool k_have_acked;
byte k_acked;		/* acked_tcb: the baseline */
byte k_floor_ack;	/* the floor that held at the last ack (rule 4) */
byte k_cur = 1;		/* current_tcb: last good read */
byte k_curfloor = 1;	/* floor_tcb of that read */
bool k_have_rep;
byte k_rep;		/* TCB named by the last changed/rollback event */
bool k_rep_rb;		/* that event was a rollback */
byte k_exp;		/* expected_tcbs, a bit per TCB value */
byte k_hb;		/* poll periods until the heartbeat expires */
byte k_grace;		/* poll periods of grace left (relaxed, changed) */
byte k_good_age;	/* periods since the last good read, saturates at G+1 */
byte k_failed;		/* failed polls since then, saturates at LOSTPOLLS */
bool k_lost;		/* source-lost reported */
byte k_fire_count;	/* saturates at 3: still never decreases */
bool k_nowayout;	/* module parameter (rule 6) */
bool k_bound;		/* armed once under nowayout (rule 6) */
byte k_action;		/* log 0, warn 1 (rule 11 order) */
byte k_timeout = 2;	/* timeout as set (1..3): stands for the three time
			 * fields, one order decides them (rule 11); the
			 * timers keep the bounds G and T */
bool src_present = true;	/* the source module is loaded (rule 14) */

/* scratch for the c_code calls */
byte o_t, o_f, o_kind, o_eff, o_s0;
bool o_rev, o_valid, o_reset;
byte a_tcb, a_err;

/* ---- ghosts: the specification's view, kept apart from the kernel's */
byte g_base;		/* last validly acked TCB, or a renewal it pre-approved */
bool g_have_base;
byte g_floor;		/* floor at the last valid ack */
byte g_pre;		/* TCBs the daemon expected (until renewed) */
bool g_pre_cur;		/* h_cur was pre-approved when the host moved to it */
byte g_age;		/* periods an unapproved TCB ran un-acted-on */
bool g_age_srcfail;	/* a poll failed during that time */
byte g_hb;		/* periods until the heartbeat is due; 0: due */
bool g_resumed;		/* a resume happened since the last valid ack */
byte g_since_resume;	/* running periods since that resume, sat. at G */
byte s_state, s_fc;	/* state and fire_count before a kernel step */
bool s_valid_ack;	/* this step was a valid ack */

bool g_bound;		/* a valid ack under nowayout happened */
byte g_mode, g_action, g_timeout;	/* policy when bound, then as set */
bool g_engaged;		/* acked or rejected since the last disarm */

/* ---- the event queue (property 10): the kernel's side */
byte q[Q];		/* sequence numbers, oldest at q_head */
byte q_head, q_len;
byte q_over;		/* dropped since the last overflow line */
byte k_seq;		/* next event's sequence number */
/* the reader's side (ghost): the sequence number it expects next */
byte r_next;

/* ---- the daemon */
byte d_expect;		/* the TCB its policy pre-approves */
bool d_hung;		/* the verifier hangs until the next tick */

#define running	(k_state == WD_ARMED || k_state == WD_CHANGED)
#define bit(x)	(1 << (x))

inline step_begin() {
	s_state = k_state; s_fc = k_fire_count; s_valid_ack = false
}

/* Property 7 (rules 9, 1): fire_count only grows, and the state leaves
 * "fired" only through a valid ack. Checked after every kernel step. */
inline step_end() {
	if
	:: CHECK(7) ->
		assert(k_fire_count >= s_fc);
		assert(s_state != WD_FIRED || k_state == WD_FIRED || s_valid_ack)
	:: else -> skip
	fi;
	/* scratch back to 0: it must not multiply the states */
	o_t = 0; o_f = 0; o_kind = 0; o_eff = 0; o_rev = 0; o_valid = 0;
	o_reset = 0; a_tcb = 0; s_state = 0; s_fc = 0; s_valid_ack = 0
}

inline fire(why, tcb) {
	/* Property 2 (rules 3, 8): a TCB the daemon pre-approved before the
	 * host moved to it never fires as an unexpected change. */
	if
	:: CHECK(2) && (why == WD_WHY_GRACE || why == WD_WHY_STRICT) ->
		assert(!(g_pre_cur && k_cur == h_cur))
	:: else -> skip
	fi;
	/* Property 4 (rule 4): a revert above the floor never fires as a
	 * rollback: only a TCB or floor below the floor at the last ack does. */
	if
	:: CHECK(4) && why == WD_WHY_ROLLBACK ->
		assert(GHOST_RB(o_t, o_f))
	:: else -> skip
	fi;
	/* Property 6 (rule 13): a guest pause alone never fires before
	 * userspace had one grace after it. */
	if
	:: CHECK(6) && why == WD_WHY_EXPIRED && g_resumed ->
		assert(g_since_resume >= G)
	:: else -> skip
	fi;
	printf("MSC: kernel fires (why %d) state %d cur %d acked %d floor@ack %d\n", why, k_state, k_cur, k_acked, k_floor_ack);
	k_state = WD_FIRED; k_hb = 0; k_grace = 0; g_hb = 0;
	if :: k_fire_count < 3 -> k_fire_count++ :: else -> skip fi;
	skip
}

/* A good read of (o_t, o_f): rules 3, 4, 8 through rules.h. */
inline observe() {
	k_cur = o_t; k_curfloor = o_f; k_good_age = 0; k_failed = 0;
	k_lost = false;
	/* Property 1 counts what the core's reads can tell apart: a read
	 * (an ack's, between two polls) that sees the baseline ends the
	 * unapproved run, as it ends the pending change (README, finding 10) */
	GH1(if :: g_have_base && o_t == g_base -> g_age = 0; g_age_srcfail = false
	       :: else -> skip fi);
	if
	:: k_have_acked ->
		c_code {
			int rev;
			now.o_kind = wd_classify(now.o_t == now.k_acked,
				wd_rollback_below(HAS_FLOOR,
					now.o_t < now.k_floor_ack,
					now.o_t < now.k_acked),
				HAS_FLOOR && now.o_f < now.k_floor_ack,
				HAS_FLOOR && now.o_t < now.k_acked,
				(now.k_exp >> now.o_t) & 1,
				now.k_have_rep && now.k_rep == now.o_t,
				now.k_rep_rb, &rev);
			now.o_rev = rev;
			now.o_eff = wd_poll_applies(now.k_state, now.o_kind) ?
				wd_effect(now.mode, now.k_state, now.o_kind) :
				WD_E_NONE;
		};
		printf("MSC: kernel reads tcb %d floor %d: kind %d effect %d reverted %d\n", o_t, o_f, o_kind, o_eff, o_rev);
		if
		:: o_kind == WD_K_ROLLBACK || o_kind == WD_K_CHANGE ->
			k_rep = o_t; k_have_rep = true;
			k_rep_rb = (o_kind == WD_K_ROLLBACK)
		:: else -> skip
		fi;
		if
		:: o_eff == WD_E_ARM ->
			if
			:: o_kind == WD_K_RENEWAL ->
				k_acked = o_t; k_exp = k_exp & ~bit(o_t);
				/* the daemon reads "renewed": ghost follows */
				g_pre = g_pre & ~bit(o_t);
				if :: g_have_base -> g_base = o_t :: else -> skip fi;
				/* no floor: the baseline is the reference */
				if :: !HAS_FLOOR && g_have_base -> g_floor = o_t :: else -> skip fi;
				GH1(g_age = 0); GH1(g_age_srcfail = false)
			:: else -> skip
			fi;
			k_have_rep = false; k_rep = 0; k_rep_rb = false;
			k_state = WD_ARMED; k_grace = 0;
			c_code { if (wd_binds(now.k_nowayout, WD_ARMED)) now.k_bound = 1; }
		:: o_eff == WD_E_CHANGED ->
			c_code { now.o_reset = wd_grace_starts(now.k_state); };
			if :: o_reset -> k_grace = G :: else -> skip fi;
			k_state = WD_CHANGED
		:: o_eff == WD_E_FIRE ->
			if
			:: o_kind == WD_K_ROLLBACK -> fire(WD_WHY_ROLLBACK, o_t)
			:: else -> fire(WD_WHY_STRICT, o_t)
			fi
		:: o_eff == WD_E_NONE && !running && o_kind == WD_K_RENEWAL ->
			/* fired or disarmed: the renewal moves the baseline
			 * and consumes the expectation, the state stays (as
			 * the kernel does; README, finding 6) */
			k_acked = o_t; k_exp = k_exp & ~bit(o_t);
			g_pre = g_pre & ~bit(o_t);
			if :: g_have_base -> g_base = o_t :: else -> skip fi;
			if :: !HAS_FLOOR && g_have_base -> g_floor = o_t :: else -> skip fi;
			k_have_rep = false; k_rep = 0; k_rep_rb = false
		:: o_eff == WD_E_NONE && o_kind == WD_K_SAME ->
			/* back at the baseline: a reported change is over */
			k_have_rep = false; k_rep = 0; k_rep_rb = false
		:: else -> skip
		fi
	:: else -> skip
	fi
}

inline source_failed() {
	if :: k_failed < LOSTPOLLS -> k_failed++ :: else -> skip fi;
	if
	:: k_good_age > G && k_failed >= LOSTPOLLS && !k_lost ->
		k_lost = true;
		if
		:: running && mode != WD_PERMISSIVE -> fire(WD_WHY_LOST, k_cur)
		:: else -> skip
		fi
	:: else -> skip
	fi
}

inline poll() {
	if
	:: !src_present -> skip		/* rule 14: the source went away */
	:: src_present && src_ok ->
		o_t = h_cur; o_f = h_floor;
		/* Property 3 (rule 4): a TCB (or floor) below the floor held at
		 * the last ack always fires at once, whatever is expected. */
		if
		:: CHECK(3) && running && mode != WD_PERMISSIVE && g_have_base &&
		   GHOST_RB(o_t, o_f) ->
			observe();
			assert(k_state == WD_FIRED)
		:: else -> observe()
		fi
	:: src_present && !src_ok -> source_failed()
	fi
}

inline deadlines() {
	if
	:: running && mode != WD_PERMISSIVE && k_hb == 0 ->
		fire(WD_WHY_EXPIRED, k_cur)
	:: running && mode == WD_RELAXED && k_state == WD_CHANGED &&
	   k_grace == 0 && k_hb > 0 ->
		fire(WD_WHY_GRACE, k_rep)
	:: else -> skip
	fi
}

/* Properties 1 and 5, after each period in which the guest ran. */
inline check_period() {
	/* Property 1 (rules 3, 12): no unapproved TCB runs un-acted-on
	 * longer than grace (relaxed) or one poll (strict; grace while the
	 * source fails, rule 12). */
	if
	:: running && mode != WD_PERMISSIVE && g_have_base &&
	   h_cur != g_base && !(g_pre & bit(h_cur)) ->
		GH1(if :: g_age < 2 * G + 1 -> g_age++ :: else -> skip fi);
		GH1(if :: !src_ok -> g_age_srcfail = true :: else -> skip fi)
	:: else -> GH1(g_age = 0); GH1(g_age_srcfail = false)
	fi;
	if
	/* relaxed: grace; strict: one poll. A failing source (rule 12) may
	 * hide the change for up to grace first: then 2 x grace (relaxed),
	 * grace + one poll (strict). See README, "DESIGN findings". */
	:: CHECK(1) && mode == WD_RELAXED ->
		assert(g_age <= G || (g_age_srcfail && g_age <= 2 * G))
	:: CHECK(1) && mode == WD_STRICT ->
		assert(g_age <= 1 || (g_age_srcfail && g_age <= G + 1))
	:: else -> skip
	fi;
	/* Property 5 (rules 1, 13): a starved watchdog fires within timeout
	 * of the last valid ack (or one grace after a resume). */
	if
	:: CHECK(5) && running && mode != WD_PERMISSIVE && g_have_base ->
		assert(g_hb > 0)
	:: else -> skip
	fi
}

/* Time: one step is one poll period of wall-clock time. */
proctype clock()
{
	do
	:: atomic {
		step_begin();
		printf("MSC: tick\n");
		if :: k_hb > 0 -> k_hb-- :: else -> skip fi;
		if :: k_grace > 0 -> k_grace-- :: else -> skip fi;
		if :: k_good_age <= G -> k_good_age++ :: else -> skip fi;
		if :: g_hb > 0 -> g_hb-- :: else -> skip fi;
		d_hung = false;
		if
		:: paused -> h_ticked = true
		:: else ->
			GH6(if :: g_resumed && g_since_resume < G -> g_since_resume++ :: else -> skip fi);
			poll();
			deadlines();
			check_period()
		fi;
		step_end()
	   }
	od
}

/* The host: any HOSTN of these, in any order, at any time. */
proctype host()
{
	do
	:: atomic { h_left > 0 && h_cur < MAXTCB -> h_left--;	/* update */
		h_cur++; printf("MSC: host update to %d\n", h_cur); GH2(g_pre_cur = (g_pre >> h_cur) & 1) }
#ifndef NOFLOOR
	:: atomic { h_left > 0 && h_floor != h_cur -> h_left--;	/* commit */
		h_floor = h_cur; printf("MSC: host commit %d\n", h_cur) }
	:: atomic { h_left > 0 && h_cur != h_floor -> h_left--;	/* revert */
		h_cur = h_floor; printf("MSC: host revert to %d\n", h_cur); GH2(g_pre_cur = (g_pre >> h_cur) & 1) }
	:: atomic { h_left > 0 && h_floor > 0 -> h_left--;	/* roll back */
		h_cur = h_floor - 1; printf("MSC: host rollback to %d\n", h_cur); GH2(g_pre_cur = (g_pre >> h_cur) & 1) }
	:: atomic { h_left > 0 && h_floor > 0 -> h_left--;	/* lower floor */
		h_floor--; printf("MSC: host lowers floor to %d\n", h_floor) }
#else
	/* TDX: no floor, no commit, no revert; a rollback is any step down */
	:: atomic { h_left > 0 && h_cur > 0 -> h_left--;	/* roll back */
		h_cur--; printf("MSC: host rollback to %d\n", h_cur); GH2(g_pre_cur = (g_pre >> h_cur) & 1) }
#endif
	:: atomic { h_left > 0 -> h_left--; src_ok = !src_ok; printf("MSC: host source ok=%d\n", src_ok) }	/* throttle */
	:: atomic { h_left > 0 && !h_paused_once -> h_left--;	/* pause */
		h_paused_once = true; paused = true; h_ticked = false; printf("MSC: host pauses the guest\n") }
	:: atomic { paused && h_ticked ->			/* resume */
		step_begin();
		paused = false; printf("MSC: host resumes the guest\n");
		/* rule 13: poll at once, one grace before a heartbeat expiry */
		if
		:: running ->
			o_t = k_hb;
			c_code { now.k_hb = wd_resume_heartbeat(now.o_t, G); };
		:: else -> skip
		fi;
		if :: g_hb < G -> g_hb = G :: else -> skip fi;
		GH6(g_resumed = true); GH6(g_since_resume = 0);
		poll();
		deadlines();
		step_end() }
	od
}

/* "ack <t>" from the daemon: rules 2 and 12, then 1 and 9. */
inline k_ack(t) {
	step_begin();
	a_tcb = t; printf("MSC: daemon acks %d\n", t);
	c_code {
		now.o_valid = wd_ack_valid(now.src_ok, now.a_tcb == now.h_cur,
			now.a_tcb == now.k_cur, now.k_good_age <= G,
			now.k_have_acked && now.a_tcb == now.k_acked);
	};
	/* Property 2 (rule 2): the daemon is never left unable to feed: an
	 * ack of what the source reports now is accepted; a stale one not. */
	if
	:: CHECK(2) ->
		assert(o_valid == (src_ok && t == h_cur ||
			!src_ok && t == k_cur && k_good_age <= G))
	:: else -> skip
	fi;
	if
	:: src_ok && src_present ->
		/* the ack's read is an observation like a poll's, applied
		 * first, also when the ack is refused (README, finding 9) */
		o_t = h_cur; o_f = h_floor; observe()
	:: else -> skip
	fi;
	/* after observe(), which uses o_reset as its own scratch */
	c_code { now.o_reset = wd_ack_resets_heartbeat(now.o_valid); };
	if :: o_reset -> k_hb = T :: else -> skip fi;
	if
	:: o_valid ->
		a_err = 0;
		k_acked = t; k_have_acked = true; k_have_rep = false; k_rep = 0; k_rep_rb = false;
		/* the platform floor at this ack (rule 4); an acked TCB below
		 * it is still a rollback (see README) */
		if :: src_ok -> k_floor_ack = h_floor :: else -> k_floor_ack = k_curfloor fi;
		k_state = WD_ARMED;
		c_code { if (wd_binds(now.k_nowayout, WD_ARMED)) now.k_bound = 1; };
		s_valid_ack = true;
		/* ghosts */
		g_base = t; g_have_base = true; GH1(g_age = 0); GH1(g_age_srcfail = false);
		if
		:: !HAS_FLOOR -> g_floor = t
		:: HAS_FLOOR && src_ok -> g_floor = h_floor
		:: HAS_FLOOR && !src_ok -> g_floor = k_curfloor
		fi;
		GH8(g_engaged = true);
		GH8(if :: k_nowayout && !g_bound -> g_bound = true;
			g_mode = mode; g_action = k_action; g_timeout = k_timeout
		    :: else -> skip fi);
		g_hb = T; GH6(g_resumed = false); GH6(g_since_resume = 0)
	:: else -> a_err = 1; printf("MSC: ack refused ESTALE\n")
	fi;
	step_end()
}

/* tcb-renewd with its verifier. Every step needs the guest running. */
proctype daemon()
{
	byte r;
	bool have_r;

	do
	:: atomic { !paused && src_ok && src_present ->	/* fresh report */
		r = h_cur; have_r = true }
	:: atomic { !paused && have_r && !d_hung ->
		/* verifier approves: one write "expect P\nack r" */
		step_begin();
		k_exp = k_exp | bit(d_expect); g_pre = g_pre | bit(d_expect);
		step_end();
		k_ack(r);
		have_r = false; r = 0; a_err = 0 }
	:: atomic { !paused && have_r && !d_hung ->
		/* verifier (or the daemon's floor) denies: on_deny=reject */
		step_begin();
		printf("MSC: daemon rejects\n"); fire(WD_WHY_REJECT, k_cur);
		GH8(g_engaged = true);
		step_end();
		have_r = false; r = 0 }
	:: atomic { !paused && have_r && !d_hung ->
		/* verifier hangs: nothing until its timeout (a tick), then
		 * the timeout is a denial (the branch above) */
		d_hung = true }
	:: atomic { have_r ->	/* crash and restart: the report is lost */
		have_r = false; r = 0; d_hung = false }
	od
}

/* Property 8 (rules 6, 11): under nowayout, once armed, the watchdog is
 * never disarmed and no policy setting ever becomes weaker (mode, action,
 * and the time fields, of which timeout stands for all three).
 * Checked after every administrator step. */
inline check_bound() {
	if
	:: CHECK(8) && g_bound ->
		assert(k_state != WD_DISARMED);
		assert(mode >= g_mode && k_action >= g_action &&
		       k_timeout <= g_timeout);
		g_mode = mode; g_action = k_action; g_timeout = k_timeout
	:: else -> skip
	fi
}

/* "set <field> <v>": rules 6 and 11 through rules.h. */
inline k_set(field, v) {
	step_begin();
	c_code {
		int old = now.a_tcb == WD_F_MODE ? now.mode :
			  now.a_tcb == WD_F_ACTION ? now.k_action : now.k_timeout;
		now.a_err = wd_set_err(now.k_bound,
				       wd_weaker(now.a_tcb, old, now.o_t));
	};
	printf("MSC: admin set %d %d: err %d\n", field, v, a_err);
	if
	:: a_err == WD_OK && field == WD_F_MODE ->
		c_code { now.o_eff = wd_set_mode_effect(now.mode, now.o_t,
				now.k_state, now.k_rep_rb); };
		mode = v;
		if
		:: o_eff == WD_E_FIRE && k_rep_rb -> fire(WD_WHY_ROLLBACK, k_rep)
		:: o_eff == WD_E_FIRE && !k_rep_rb -> fire(WD_WHY_STRICT, k_rep)
		:: o_eff == WD_E_CHANGED -> k_grace = G
		:: else -> skip
		fi
	:: a_err == WD_OK && field == WD_F_ACTION -> k_action = v
	:: a_err == WD_OK && field == WD_F_TIME -> k_timeout = v
	:: else -> skip
	fi;
	check_bound();
	a_err = 0;
	step_end()
}

/* An administrator: set, disarm, rmmod (rules 6, 11, 14). */
proctype admin()
{
	byte left = ADMINN;

	do
	:: atomic { left > 0 -> left--; a_tcb = WD_F_MODE;
		if :: o_t = WD_PERMISSIVE :: o_t = WD_RELAXED :: o_t = WD_STRICT fi;
		k_set(WD_F_MODE, o_t) }
	:: atomic { left > 0 -> left--; a_tcb = WD_F_ACTION;
		if :: o_t = 0 :: o_t = 1 fi;
		k_set(WD_F_ACTION, o_t) }
	:: atomic { left > 0 -> left--; a_tcb = WD_F_TIME;
		if :: o_t = 1 :: o_t = 3 fi;
		k_set(WD_F_TIME, o_t) }
	:: atomic { left > 0 -> left--;	/* disarm */
		step_begin();
		c_code { now.a_err = wd_disarm_err(now.k_bound, now.k_state); };
		printf("MSC: admin disarm: err %d\n", a_err);
		if
		:: a_err == WD_OK && k_state != WD_DISARMED ->
			k_state = WD_DISARMED; k_have_rep = false; k_rep = 0;
			k_rep_rb = false; k_hb = 0; k_grace = 0;
			g_engaged = false
		:: else -> skip
		fi;
		check_bound();
		a_err = 0;
		step_end() }
	:: atomic { left > 0 && src_present -> left--;	/* rmmod the source */
		c_code { now.a_err = wd_pinned(now.k_state) ? WD_ERR_PERM : WD_OK; };
		printf("MSC: admin rmmod source: err %d\n", a_err);
		/* Property 9 (rule 14): unless disarmed (acked or rejected
		 * since the last disarm), the source module can not go away
		 * (nor the core: the same pin); after disarm it can, and the
		 * core then reports source-gone and stops reading it. */
		if
		:: a_err == WD_OK ->
			assert(!CHECK(9) || !g_engaged);
			src_present = false
		:: else -> skip
		fi;
		a_err = 0 }
	od
}

/* Property 10 (DESIGN, read(): the bounded queue): the reader never
 * loses an event unknowingly: every line it reads is the event after the
 * one before, or an "overflow <n>" line whose n counts exactly the events
 * dropped; the queue never holds more than Q lines. The queue does not
 * depend on what the events say, so it is checked on its own: events and
 * reads in any interleaving (an over-approximation of the full model). */
inline k_event() {
	if
	:: q_len == Q ->	/* full: drop the oldest */
		q_head = (q_head + 1) % Q; q_len--;
		c_code { now.q_over = wd_queue_overflow(now.q_over) % SEQM; };
	:: else -> skip
	fi;
	q[(q_head + q_len) % Q] = k_seq; q_len++;
	k_seq = (k_seq + 1) % SEQM;
	assert(q_len <= Q)
}

proctype emitter()
{
	do
	:: atomic { k_event() }
	od
}

proctype reader()
{
	do
	:: atomic { q_over > 0 ->	/* "<seq> overflow <n>" comes first */
		r_next = (r_next + q_over) % SEQM; q_over = 0 }
	:: atomic { q_over == 0 && q_len > 0 ->
		assert(q[q_head] == r_next);
		r_next = (r_next + 1) % SEQM;
		q_head = (q_head + 1) % Q; q_len-- }
	od
}

init {
	atomic {
#if PROP == 10
		run emitter(); run reader()
	}
}
#else
		if
#ifdef MODE
		:: mode = MODE
#else
		:: mode = WD_PERMISSIVE
		:: mode = WD_RELAXED
		:: mode = WD_STRICT
#endif
		fi;
		if :: d_expect = 0 :: d_expect = 2 :: d_expect = 3 fi;
		if :: ADMIN -> if :: k_nowayout = 0 :: k_nowayout = 1 fi
		   :: else -> skip fi;
		run clock(); run host(); run daemon();
		if :: ADMIN -> run admin() :: else -> skip fi
	}
}
#endif
