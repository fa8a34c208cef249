#!/bin/sh
# Provider faults (the sim's errno knob) give "source-error" events without
# a crash; clearing the fault restores polling (a change is seen again).
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed mode=relaxed timeout="$(ts 20)" grace="$(ts 20)" poll_ms=100 action=log
expect_attr source sim
events_reset
sim_errno 5
wait_event source-error "$(ts 2)"
sleep "$(ts 1)"
expect_attr fire_count 0
expect_ne "$(wd_attr state)" fired "state while the source fails"
# A different errno, and a delay, still no crash.
sim_errno -110
sim_delay 300
sleep "$(ts 1)"
expect_attr fire_count 0
# The heartbeat keeps working while the source fails? The watchdog must
# at least keep answering and keep its baseline.
r=$(wd "ack $TCB1")
log "ack while the source fails -> $r"
expect_attr acked_tcb "$TCB1"
# Recovery.
sim_errno 0
sim_delay 0
wait_attr current_tcb "$TCB1" "$(ts 3)"
expect_ok "ack $TCB1"
expect_attr state armed
events_reset
sim_tcb_set "$TCB2"
wait_event changed "$(ts 2)"
expect_event changed "$TCB2"
expect_ok "ack $TCB2"
expect_attr state armed
expect_attr fire_count 0
pass
