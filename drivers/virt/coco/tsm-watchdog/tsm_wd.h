/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tsm-watchdog core: internal declarations shared by the core's files.
 */
#ifndef _TSM_WD_H
#define _TSM_WD_H

#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/miscdevice.h>
#include <linux/mutex.h>
#include <linux/tsm-watchdog.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <uapi/linux/tsm-watchdog.h>

enum tsm_wd_state {
	TSM_WD_DISARMED,
	TSM_WD_ARMED,
	TSM_WD_CHANGED,
	TSM_WD_FIRED,
};

/* Ordered from the weakest to the strictest: nowayout compares them. */
enum tsm_wd_mode {
	TSM_WD_PERMISSIVE,
	TSM_WD_RELAXED,
	TSM_WD_STRICT,
	TSM_WD_NR_MODES,
};

/* Ordered from the weakest to the strictest: nowayout compares them. */
enum tsm_wd_action {
	TSM_WD_ACT_LOG,
	TSM_WD_ACT_WARN,
	TSM_WD_ACT_REBOOT,
	TSM_WD_ACT_POWEROFF,
	TSM_WD_ACT_PANIC,
	TSM_WD_NR_ACTIONS,
};

/* Names in tsm_wd_event_names[] (events.c), in this order. */
enum tsm_wd_event_type {
	TSM_WD_EV_ARMED,
	TSM_WD_EV_ACKED,
	TSM_WD_EV_CHANGED,
	TSM_WD_EV_RENEWED,
	TSM_WD_EV_REVERTED,
	TSM_WD_EV_ROLLBACK,
	TSM_WD_EV_PRETIMEOUT,
	TSM_WD_EV_EXPIRED,
	TSM_WD_EV_FIRED,
	TSM_WD_EV_DISARMED,
	TSM_WD_EV_SOURCE_ERROR,
	TSM_WD_EV_SOURCE_LOST,
	TSM_WD_EV_SOURCE_GONE,
	TSM_WD_EV_RESUMED,
	TSM_WD_NR_EVENTS,
};

/* The longest event line: "<seq> <event> <tcb>\n" */
#define TSM_WD_LINE_MAX (20 + 1 + 16 + 1 + TSM_WD_TCB_TEXT_MAX + 1)

/**
 * struct tsm_wd_event - one queued event
 * @seq: sequence number
 * @type: what happened
 * @has_tcb: @tcb is valid (the TCB the event concerns; also its uevent's)
 * @tcb: the TCB
 * @has_num: the event line's argument is @num instead of @tcb
 * @num: a number ("resumed <ms>")
 */
struct tsm_wd_event {
	u64 seq;
	enum tsm_wd_event_type type;
	bool has_tcb;
	struct tsm_wd_tcb tcb;
	bool has_num;
	u64 num;
};

/**
 * struct tsm_wd_policy - the knobs "set" changes
 * @mode: permissive, relaxed or strict
 * @action: what firing does
 * @timeout: heartbeat timeout in seconds
 * @grace: seconds userspace has to ack an unexpected TCB (relaxed)
 * @poll_ms: TCB poll interval
 */
struct tsm_wd_policy {
	enum tsm_wd_mode mode;
	enum tsm_wd_action action;
	unsigned int timeout;
	unsigned int grace;
	unsigned int poll_ms;
};

/**
 * struct tsm_wd - the one watchdog instance
 * @misc: /dev/tsm_watchdog and its sysfs directory
 * @open: set while the device is open (one opener at a time)
 * @src_lock: serialises source registration and every read_tcb() call
 *	with applying what the read returned, so that readings are applied
 *	in the order they were read and unregistering waits for an
 *	in-flight read; taken before @lock
 * @src: registered source or NULL; written under @src_lock and @lock,
 *	read under either
 * @lock: protects every field below
 * @pol: current policy
 * @nowayout: once armed, no disarm and no weaker policy
 * @state: enum tsm_wd_state
 * @bound: armed under nowayout: disarm and weaker policy are refused for
 *	good
 * @pinned: not disarmed: a reference on this module is held (rule 14)
 * @src_pinned: not disarmed: a reference on @src->owner is held
 * @tcb_static: what @src said about runtime TCB changes at registration
 * @have_current: @current_tcb holds the last successful source read
 * @current_tcb: the TCB the source reported last
 * @have_floor: @floor_tcb is valid
 * @floor_tcb: the floor the source reported last (SNP COMMITTED_TCB)
 * @have_launch: @launch_tcb is valid
 * @launch_tcb: the launch TCB the source reported last
 * @have_ack_floor: @ack_floor is valid
 * @ack_floor: the floor that held at the last ack (the rollback bound)
 * @have_reported: @reported_tcb is valid
 * @reported_tcb: last TCB a changed/reverted/rollback event named (no
 *	repeats)
 * @reported_rollback: that event was a rollback
 * @source_failing: the last source read failed (source-error sent once)
 * @source_lost: source-lost was reported for this run of failures
 * @failed_reads: failed reads since the last good one
 * @source_errors: failed reads since the module loaded; only grows
 * @last_good: when the source last produced a TCB (or registered)
 * @have_acked: @acked_tcb is valid
 * @acked_tcb: the baseline: last acked TCB, or the TCB a renewal moved to
 * @expected: pre-approved TCBs, @n_expected of them
 * @n_expected: number of valid entries in @expected
 * @last_ack: when the last valid ack came (heartbeat start)
 * @hb_deadline: when the heartbeat expires
 * @pretimeout_at: when the pretimeout event is due
 * @pretimeout_sent: pretimeout already reported for this heartbeat
 * @changed_at: when the state last became "changed"
 * @grace_deadline: when the grace of a change ends
 * @resume_handled: a pause that ended at this time was already handled
 * @fire_count: how many times an action fired; only grows
 * @last_event: type of the newest event, TSM_WD_NR_EVENTS for none
 * @timer: hrtimer at the next pretimeout / expiry / grace deadline
 * @timer_due: when @timer was set to expire
 * @timer_armed: @timer_due is set and its deadline checks have not run yet
 *	(the timer is queued, or its work pending or running)
 * @timer_work: runs the deadline checks @timer queues
 * @poll_timer: hrtimer at the next poll
 * @poll_due: when the next periodic poll is due (written by the poll work
 *	only, read with READ_ONCE())
 * @poll_kicked: set by tsm_wd_kick_poll(): the next poll reads the source
 *	even when nothing polls (tsm_wd_polling())
 * @poll_work: reads the source; queued by @poll_timer and by kicks
 * @stopping: module exit: timers and works must not re-arm themselves
 * @ev: event ring, oldest at @ev_head, @ev_count of them
 * @ev_head: index of the oldest event in @ev
 * @ev_count: number of queued events (poll() reads it locklessly)
 * @ev_dropped: events dropped since the last read (overflow; as @ev_count)
 * @ev_drop_seq: sequence number of the newest dropped event
 * @seq: sequence number of the next event
 * @waitq: readers and pollers wait here for events
 * @read_lock: serialises readers; held across copy_to_user(), so never
 *	needed by the timers; taken before @lock
 * @rd_line: the line being read, already off the queue: @rd_len bytes,
 *	@rd_off of them read. Written under @read_lock (and @lock when a
 *	new line is taken), read locklessly by poll()
 * @rd_off: see @rd_line
 * @rd_len: see @rd_line
 *
 * Times are CLOCK_MONOTONIC (ktime_get()), which keeps counting while the
 * host pauses the guest: that is how a pause is recognised (rule 13).
 */
struct tsm_wd {
	struct miscdevice misc;
	atomic_t open;

	struct mutex src_lock;		/* see @src_lock above */
	struct tsm_wd_source *src;

	struct mutex lock;		/* see @lock above */
	struct tsm_wd_policy pol;
	bool nowayout;
	enum tsm_wd_state state;
	bool bound;
	bool pinned;
	bool src_pinned;
	int tcb_static;

	bool have_current;
	struct tsm_wd_tcb current_tcb;
	bool have_floor;
	struct tsm_wd_tcb floor_tcb;
	bool have_launch;
	struct tsm_wd_tcb launch_tcb;
	bool have_ack_floor;
	struct tsm_wd_tcb ack_floor;
	bool have_reported;
	struct tsm_wd_tcb reported_tcb;
	bool reported_rollback;
	bool source_failing;
	bool source_lost;
	unsigned int failed_reads;
	unsigned int source_errors;
	ktime_t last_good;
	bool have_acked;
	struct tsm_wd_tcb acked_tcb;
	struct tsm_wd_tcb expected[TSM_WATCHDOG_EXPECT_MAX];
	unsigned int n_expected;

	ktime_t last_ack;
	ktime_t hb_deadline;
	ktime_t pretimeout_at;
	bool pretimeout_sent;
	ktime_t changed_at;
	ktime_t grace_deadline;
	ktime_t resume_handled;
	unsigned int fire_count;
	enum tsm_wd_event_type last_event;

	struct hrtimer timer;
	ktime_t timer_due;
	bool timer_armed;
	struct work_struct timer_work;
	struct hrtimer poll_timer;
	ktime_t poll_due;
	atomic_t poll_kicked;
	struct work_struct poll_work;
	bool stopping;

	struct tsm_wd_event ev[TSM_WATCHDOG_EVENTS_MAX];
	unsigned int ev_head;
	unsigned int ev_count;
	unsigned int ev_dropped;
	u64 ev_drop_seq;
	u64 seq;
	wait_queue_head_t waitq;

	struct mutex read_lock;		/* see @read_lock above */
	char rd_line[TSM_WD_LINE_MAX];
	unsigned int rd_off;
	unsigned int rd_len;
};

extern const char *const tsm_wd_state_names[];
extern const char *const tsm_wd_mode_names[];
extern const char *const tsm_wd_action_names[];
extern const char *const tsm_wd_event_names[];
extern const struct attribute_group *tsm_wd_groups[];
extern const struct file_operations tsm_wd_fops;

/* tcb.c */
int tsm_wd_tcb_format(const struct tsm_wd_tcb *tcb, char *buf, size_t size);
bool tsm_wd_tcb_equal(const struct tsm_wd_tcb *a, const struct tsm_wd_tcb *b);
bool tsm_wd_scheme_valid(const char *scheme);
int tsm_wd_name_index(const char *const *names, int n, const char *s);

/* events.c */
void tsm_wd_event(struct tsm_wd *wd, enum tsm_wd_event_type type,
		  const struct tsm_wd_tcb *tcb);
void tsm_wd_event_num(struct tsm_wd *wd, enum tsm_wd_event_type type,
		      const struct tsm_wd_tcb *tcb, u64 num);
bool tsm_wd_events_pending(struct tsm_wd *wd);
ssize_t tsm_wd_events_read(struct tsm_wd *wd, char __user *buf, size_t count,
			   bool nonblock);
void tsm_wd_events_release(struct tsm_wd *wd);

/* state.c: every function here is called with wd->lock held */
int tsm_wd_ack(struct tsm_wd *wd, const struct tsm_wd_tcb *tcb,
	       const struct tsm_wd_tcb *cur);
int tsm_wd_expect(struct tsm_wd *wd, const struct tsm_wd_tcb *tcb);
int tsm_wd_unexpect(struct tsm_wd *wd, const struct tsm_wd_tcb *tcb);
void tsm_wd_reject(struct tsm_wd *wd);
int tsm_wd_disarm(struct tsm_wd *wd);
int tsm_wd_set_policy(struct tsm_wd *wd, const struct tsm_wd_policy *pol);
void tsm_wd_reading_observed(struct tsm_wd *wd,
			     const struct tsm_wd_reading *r);
void tsm_wd_source_failed(struct tsm_wd *wd, int err);
bool tsm_wd_source_fresh(struct tsm_wd *wd);
void tsm_wd_source_changed(struct tsm_wd *wd, struct tsm_wd_source *src);
bool tsm_wd_resumed(struct tsm_wd *wd, ktime_t due, ktime_t now);
void tsm_wd_timer_expired(struct tsm_wd *wd);
void tsm_wd_schedule_timer(struct tsm_wd *wd);
unsigned int tsm_wd_timeleft(struct tsm_wd *wd);
bool tsm_wd_polling(struct tsm_wd *wd);

/* core.c */
int tsm_wd_refresh(struct tsm_wd *wd);
int tsm_wd_ack_current(struct tsm_wd *wd, const struct tsm_wd_tcb *tcb);
void tsm_wd_kick_poll(struct tsm_wd *wd);
int tsm_wd_policy_check(const struct tsm_wd_policy *pol);

/* fault.c: test-only knobs (CONFIG_TSM_WATCHDOG_FAULT_INJECTION) */
#if IS_ENABLED(CONFIG_TSM_WATCHDOG_FAULT_INJECTION)
void tsm_wd_fault_init(void);
void tsm_wd_fault_exit(void);
void tsm_wd_fault_before_apply(struct tsm_wd *wd);
#else
static inline void tsm_wd_fault_init(void) { }
static inline void tsm_wd_fault_exit(void) { }
static inline void tsm_wd_fault_before_apply(struct tsm_wd *wd) { }
#endif

#endif /* _TSM_WD_H */
