/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rules.h - the watchdog's transition rules (DESIGN.md rules 2-4, 6, 8, 11-14),
 * written once and used by both checkers:
 *
 *   - model.pml (Promela, checked exhaustively by spin) calls them through
 *     c_code { }, so the kernel process of the model *is* this code;
 *   - wd-model (the C predictor of the differential test, predict.c) calls
 *     them for every step of a random sequence run against the real kernel.
 *
 * This file is the single source of truth for "what does the core do with a
 * TCB it has just read" and "is this ack valid". Time (timers, grace,
 * resume) lives in the callers, which model it differently: counters of
 * poll periods in Promela, milliseconds in the predictor (see README.md).
 *
 * The deliberately broken variants that `make model` uses to show that every
 * property can fail are the BUG_* macros below; none is ever defined in a
 * normal build.
 */
#ifndef TSM_WD_MODEL_RULES_H
#define TSM_WD_MODEL_RULES_H

#include "rules-const.h"

/**
 * wd_classify() - rules 3 and 4 for one good read
 * @eq_acked:		the TCB equals the baseline (acked_tcb)
 * @tcb_below_floor:	the TCB is older than the floor held at the last ack
 *			(no floor: older than the baseline)
 * @floor_below_floor:	the reading's floor is older than that floor
 * @below_acked:	the TCB is older than the baseline
 * @expected:		the TCB is one of the expected TCBs
 * @eq_reported:	the TCB is the one a changed/rollback event named last
 * @rep_rollback:	that event was a rollback (a floor lowered under an
 *			already reported TCB is news: a rollback)
 * @reverted:		out: the TCB is a revert (event "reverted" first)
 *
 * Rollback is checked before expectations (rule 4): an expectation never
 * turns a rollback into a renewal.
 */
static inline int wd_classify(int eq_acked, int tcb_below_floor,
			      int floor_below_floor, int below_acked,
			      int expected, int eq_reported, int rep_rollback,
			      int *reverted)
{
	int rollback = tcb_below_floor || floor_below_floor;

#ifdef BUG_NO_FLOOR_CHECK	/* only the TCB is compared, never the floor */
	rollback = tcb_below_floor;
#endif
#ifdef BUG_BASELINE_ROLLBACK	/* the old rule: older than the baseline */
	rollback = below_acked;
#endif
	*reverted = 0;
	/* the baseline itself below the floor held at the ack is a rollback */
	if (eq_acked && !rollback)
		return WD_K_SAME;
#ifdef BUG_EXPECT_FIRST		/* expectations checked before rollback */
	if (expected)
		return WD_K_RENEWAL;
#endif
	if (rollback)
		return eq_reported && rep_rollback ? WD_K_REPEAT :
						     WD_K_ROLLBACK;
	if (below_acked) {
#ifdef BUG_REVERT_IGNORED	/* a revert is not handled as a change */
		return WD_K_SAME;
#endif
		*reverted = !(eq_reported && !rep_rollback);
	}
	if (expected)
		return WD_K_RENEWAL;
	return eq_reported && !rep_rollback ? WD_K_REPEAT : WD_K_CHANGE;
}

/**
 * wd_effect() - what a running watchdog (armed or changed) does with @kind
 * @mode: WD_PERMISSIVE, WD_RELAXED or WD_STRICT
 * @state: WD_ARMED or WD_CHANGED
 * @kind: from wd_classify()
 *
 * Permissive only reports (rule 10); relaxed gives grace, strict fires at
 * once (rule 3); a rollback fires in relaxed and strict (rule 4). A TCB
 * back at the baseline ends a pending change (armed again).
 */
static inline int wd_effect(int mode, int state, int kind)
{
	switch (kind) {
	case WD_K_SAME:
		return state == WD_ARMED ? WD_E_NONE : WD_E_ARM;
	case WD_K_REPEAT:
		return WD_E_NONE;
	case WD_K_ROLLBACK:
		return mode == WD_PERMISSIVE ? WD_E_CHANGED : WD_E_FIRE;
	case WD_K_RENEWAL:
#ifdef BUG_EXPECT_NOT_IN_CHANGED /* no renewal while a change is pending */
		if (state == WD_CHANGED)
			return WD_E_NONE;
#endif
		return WD_E_ARM;
	default:
		return mode == WD_STRICT ? WD_E_FIRE : WD_E_CHANGED;
	}
}

/**
 * wd_ack_valid() - rules 2 and 12: may "ack <tcb>" be accepted
 * @src_ok:	the source answered the ack's read
 * @eq_current:	the acked TCB equals what it answered
 * @eq_last:	the acked TCB equals the last TCB the source reported
 * @last_fresh:	that last good read is not older than grace
 * @eq_acked:	the acked TCB equals the baseline (only the broken variant
 *		looks at it)
 */
static inline int wd_ack_valid(int src_ok, int eq_current, int eq_last,
			       int last_fresh, int eq_acked)
{
	(void)eq_acked;
#ifdef BUG_ACK_VS_BASELINE	/* acks checked against the baseline */
	return eq_acked;
#endif
	if (src_ok)
		return eq_current;
	return eq_last && last_fresh;
}

/**
 * wd_poll_applies() - does a good read change a watchdog in @state
 * @state: the state
 * @kind: from wd_classify()
 *
 * Only a running watchdog (armed, changed) changes on a read; in fired
 * and disarmed reads are reported but change nothing (rule 9: only a
 * valid ack leaves fired).
 */
static inline int wd_poll_applies(int state, int kind)
{
	(void)kind;
#ifdef BUG_FIRED_POLL_REARM	/* the baseline seen again re-arms from fired */
	if (state == WD_FIRED && kind == WD_K_SAME)
		return 1;
#endif
	return state == WD_ARMED || state == WD_CHANGED;
}

/**
 * wd_grace_starts() - does this change start the grace (relaxed)
 * @old_state: the state before the change
 *
 * The grace counts from the first unacked change; a further change while
 * one is pending does not restart it (else a host flipping the TCB would
 * never be acted on: property 1).
 */
static inline int wd_grace_starts(int old_state)
{
#ifdef BUG_GRACE_RESTART	/* every new change restarts the grace */
	return 1;
#endif
	return old_state != WD_CHANGED;
}

/**
 * wd_ack_resets_heartbeat() - rule 2: only a valid ack is a heartbeat
 * @valid: from wd_ack_valid()
 */
static inline int wd_ack_resets_heartbeat(int valid)
{
#ifdef BUG_STALE_ACK_RESETS	/* an ESTALE ack still resets the timer */
	return 1;
#endif
	return valid;
}

/**
 * wd_resume_heartbeat() - rule 13: heartbeat time left after a resume
 * @left: time left before the heartbeat expires (0: due)
 * @grace: the grace
 *
 * Userspace gets one grace to ack before a heartbeat expiry fires.
 */
static inline long wd_resume_heartbeat(long left, long grace)
{
#ifdef BUG_NO_RESUME_GRACE	/* the expiry fires at once after a pause */
	return left;
#endif
	return left > grace ? left : grace;
}

/**
 * wd_rollback_below() - rule 4: the reference a rollback is judged against
 * @has_floor:	the source reports a platform floor (SNP COMMITTED_TCB)
 * @below_floor_ack: the value is older than the floor held at the last ack
 * @below_acked: the value is older than the baseline (acked_tcb)
 *
 * With a floor: older than the floor that held at the last ack. A source
 * without a floor (TDX): older than the baseline, which a renewal moves.
 */
static inline int wd_rollback_below(int has_floor, int below_floor_ack,
				    int below_acked)
{
#ifdef BUG_NOFLOOR_AS_ZERO	/* a missing floor read as the lowest TCB */
	if (!has_floor)
		return 0;
#endif
	return has_floor ? below_floor_ack : below_acked;
}

/**
 * wd_weaker() - rule 11: is @new a weaker setting of @field than @old
 * @field: WD_F_MODE, WD_F_ACTION (higher is stricter) or WD_F_TIME
 *	   (timeout, grace, poll_ms: shorter is stricter)
 * @old: the value now
 * @new: the value asked for
 *
 * An equal value is not weaker.
 */
static inline int wd_weaker(int field, long old, long new)
{
	if (field == WD_F_TIME)
#ifdef BUG_LONGER_IS_STRICTER	/* the time order upside down */
		return new < old;
#else
		return new > old;
#endif
	return new < old;
}

/**
 * wd_binds() - rule 6: does entering @state bind the watchdog for good
 * @nowayout: the nowayout parameter
 * @state: the state entered
 *
 * Under nowayout, being armed binds: no disarm, no unload, no weaker
 * policy from then on. A reject before the first ack fires but does not
 * bind (nowayout binds "once armed").
 */
static inline int wd_binds(int nowayout, int state)
{
	return nowayout && state == WD_ARMED;
}

/**
 * wd_set_err() - rules 6 and 11: may a "set" be applied
 * @bound: wd_binds() held once
 * @weaker: wd_weaker() of the new value
 *
 * Range errors (EINVAL) come first, in the caller.
 */
static inline int wd_set_err(int bound, int weaker)
{
	return bound && weaker ? WD_ERR_PERM : WD_OK;
}

/**
 * wd_disarm_err() - rule 6: may "disarm" be applied
 * @bound: wd_binds() held once
 * @state: the state now
 */
static inline int wd_disarm_err(int bound, int state)
{
#ifdef BUG_DISARM_ONLY_ARMED	/* nowayout checked in "armed" only */
	return bound && state == WD_ARMED ? WD_ERR_PERM : WD_OK;
#endif
	(void)state;
	return bound ? WD_ERR_PERM : WD_OK;
}

/**
 * wd_pinned() - rule 14: are the core and its source module pinned
 * @state: the state
 *
 * Unless disarmed (armed, changed or fired), rmmod of either fails.
 */
static inline int wd_pinned(int state)
{
#ifdef BUG_UNPIN_IN_FIRED	/* pinned only while running */
	return state == WD_ARMED || state == WD_CHANGED;
#endif
	return state != WD_DISARMED;
}

/**
 * wd_queue_overflow() - the event queue is full: drop the oldest event
 * @pending: events dropped since the reader last saw an overflow line
 *
 * Return: the new count, which the next "overflow <n>" line reports
 * before any later event (DESIGN, read(): the oldest are dropped and a
 * line says how many).
 */
static inline int wd_queue_overflow(int pending)
{
#ifdef BUG_OVERFLOW_COUNT_ONE	/* "overflow 1" whatever was dropped */
	return 1;
#endif
	return pending + 1;
}

/**
 * wd_set_mode_effect() - what "set mode" does to a pending change
 * @old_mode: the mode before
 * @new_mode: the mode after
 * @state: the state
 * @rep_rollback: the pending change was reported as a rollback
 *
 * DESIGN does not say (README, finding 10); as the kernel does: a change
 * pending in permissive that was a rollback fires when the mode leaves
 * permissive (rule 4), any pending change fires in strict (rule 3), and a
 * change pending in permissive gets its grace from now in relaxed.
 *
 * Return: WD_E_FIRE, WD_E_CHANGED (the grace starts now) or WD_E_NONE.
 */
static inline int wd_set_mode_effect(int old_mode, int new_mode, int state,
				     int rep_rollback)
{
	if (state != WD_CHANGED)
		return WD_E_NONE;
	if (old_mode == WD_PERMISSIVE && new_mode != WD_PERMISSIVE &&
	    rep_rollback)
		return WD_E_FIRE;
	if (new_mode == WD_STRICT)
		return WD_E_FIRE;
	if (old_mode == WD_PERMISSIVE && new_mode == WD_RELAXED)
		return WD_E_CHANGED;
	return WD_E_NONE;
}

#endif /* TSM_WD_MODEL_RULES_H */
