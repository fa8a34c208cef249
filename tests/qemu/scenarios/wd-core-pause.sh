#!/bin/sh
# Rule 13: a guest that did not run (the sim's freeze_ms: every CPU stops
# while the clocks run, as a host pause or migration blackout) must not
# fire "expired" on resume before the equally paused daemon can ack: the
# core polls at once, emits "resumed <ms>" (event and uevent) and gives one
# grace before a heartbeat expiry. A TCB change seen on resume follows
# rules 3 and 4: relaxed gives grace, a rollback still fires at once.
# timeout: 180
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

# The freeze is not scaled: the heartbeat deadline (T after the ack) falls
# inside it on any kernel as long as starting it takes less than T.
T=2
F=3500
G=$(ts 10)

freeze() {
	log "host: pausing the guest for $1 ms"
	echo "$1" > "$SIM_DIR/freeze_ms" || fail "write $1 to $SIM_DIR/freeze_ms"
}

# resumed_ms: the argument of the (one) resumed event in $EVLOG.
resumed_ms() {
	awk '$2 == "resumed" { print $3 }' "$EVLOG"
}

log "clocksource: $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"
setup_loaded mode=relaxed action=log timeout=$T grace="$G" poll_ms=100
uevents_start "$(ts 120)"

# --- 1: a pause across the heartbeat deadline ------------------------------
events_reset
expect_ok "ack $TCB1"
t0=$(now_ms)
freeze $F
el=$(( $(now_ms) - t0 ))
expect_int_ge "$el" $(( F - 100 )) "ms the guest was paused (uptime counts on)"
wait_event resumed "$(ts 2)"
ms=$(resumed_ms)
expect_int_ge "$ms" 1000 "resumed: ms late"
expect_int_le "$ms" $(( F + $(ts 1000) )) "resumed: ms late"
expect_attr state armed
expect_attr fire_count 0
expect_no_event expired
tl=$(wd_attr timeleft)
# the deadline had passed; one grace from the resume (slow kernels read later)
expect_int_ge "$tl" $(( G / 2 )) "timeleft after the pause (one grace)"
# The daemon, paused too, acks now: nothing fired. (A long timeout from
# here on, so that a slow guest's own checks never starve the heartbeat.)
expect_ok "ack $TCB1"
expect_ok "set timeout 60"
expect_attr state armed
sleep 1
expect_attr fire_count 0
expect_no_event fired
expect_eq "$(count_events resumed)" 1 "resumed events for one pause"

# --- 2: a TCB change during the pause (relaxed: grace) ---------------------
# ack first: on a slow guest more than $T s may have passed since part 1's
# ack, and "set timeout" would then put the deadline in the past (part 4)
expect_ok "ack $TCB1"
expect_ok "set timeout $T"
expect_ok "ack $TCB1"
events_reset
# The host update's read is slowed down so that its value is read only
# after the pause.
sim_delay "$(ts 1000)"
echo "$TCB2" > "$SIM_DIR/tcb" || fail "write $SIM_DIR/tcb"
freeze $F
sim_delay 0
wait_event changed "$(ts 3)"
expect_event changed "$TCB2"
expect_event resumed
expect_attr state changed
expect_attr fire_count 0
expect_no_event expired
expect_ok "ack $TCB2"
expect_ok "set timeout 60"
expect_attr state armed
sleep 1
expect_attr fire_count 0

# --- 3: a rollback during the pause fires at once ---------------------------
# a fresh heartbeat whose deadline falls inside the pause, as in part 1
expect_ok "ack $TCB2"
expect_ok "set timeout $T"
events_reset
sim_delay "$(ts 1000)"
echo "$TCB_OLD" > "$SIM_DIR/tcb" || fail "write $SIM_DIR/tcb"
freeze $F
sim_delay 0
wait_state fired "$(ts 3)"
expect_event rollback "$TCB_OLD"
expect_event resumed
expect_no_event expired
expect_attr fire_count 1
order=$(awk '$2 == "rollback" || $2 == "fired" { printf "%s ", $2 }' "$EVLOG")
expect_eq "$order" "rollback fired " "the rollback fired"

# --- 4: a deadline a new policy puts in the past is not a pause ------------
sim_tcb_set "$TCB2"
expect_ok "set timeout 60"
expect_ok "ack $TCB2"
sleep 2.5
events_reset
expect_ok "set timeout 1"
wait_state fired "$(ts 1)"
expect_event expired
expect_no_event resumed
expect_attr fire_count 2

uevents_stop
grep -q "TSM_WATCHDOG_EVENT=resumed" /tmp/ue.txt || fail "no uevent resumed"
ok "uevent resumed"
pass
