#!/bin/sh
# Issue 12 defect 6: TCB changes, rollbacks and source errors are reported
# as events (and uevents where DESIGN lists them) in every state: disarmed
# (before any ack, and after a disarm), and fired; nothing fires from
# there and the state does not move.
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_loaded mode=relaxed action=log timeout="$(ts 60)" grace="$(ts 60)" poll_ms=100
uevents_start "$(ts 60)"

# Disarmed, never acked: a change is still an event (a host update pushes
# a notification, so the core reads the source although nothing polls).
events_reset
sim_tcb_set "$TCB2"
wait_event changed "$(ts 3)"
expect_event changed "$TCB2"
expect_attr state disarmed

# Disarmed after an ack: the baseline still classifies what the source says.
echo 1 > "$SIM_DIR/commit" || fail "commit"	# the floor rises (rule 4)
expect_ok "ack $TCB2"
expect_ok disarm
events_reset
sim_tcb_set "$TCB3"
wait_event changed "$(ts 3)"
expect_event changed "$TCB3"
sim_tcb_set "$TCB1"
wait_event rollback "$(ts 3)"
expect_event rollback "$TCB1"
expect_attr state disarmed
expect_attr fire_count 0
expect_attr acked_tcb "$TCB2"
# A source error while disarmed: reported by the next read (here the one
# the open device's poll makes).
sim_errno 5
wdctl hold "$(ts 2)" > /dev/null
wait_event source-error "$(ts 3)"
sim_errno 0

# Fired: events go on, nothing fires again.
sim_tcb_set "$TCB2"
expect_ok "ack $TCB2"
expect_ok reject
expect_attr state fired
expect_attr fire_count 1
events_reset
sim_tcb_set "$TCB3"
wait_event changed "$(ts 3)"
expect_event changed "$TCB3"
sim_tcb_set "$TCB_OLD"
wait_event rollback "$(ts 3)"
expect_event rollback "$TCB_OLD"
sim_errno 5
wait_event source-error "$(ts 3)"
sim_errno 0
sleep "$(ts 0.5)"
expect_attr state fired
expect_attr fire_count 1
expect_no_event fired

uevents_stop
expect_uevent changed "$TCB2"
expect_uevent changed "$TCB3"
expect_uevent rollback "$TCB1"
expect_uevent rollback "$TCB_OLD"
pass
