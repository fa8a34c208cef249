#!/bin/sh
# Rule 3 (relaxed): an unexpected TCB change gives the event "changed" and
# state "changed"; without an ack of the new TCB it fires after grace.
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed mode=relaxed timeout="$(ts 20)" grace="$(ts 2)" poll_ms=100 action=log
events_reset
sim_tcb_set "$TCB2"
t0=$(now_ms)
wait_event changed "$(ts 2)"
expect_event changed "$TCB2"
expect_attr state changed
expect_attr current_tcb "$TCB2"
expect_attr acked_tcb "$TCB1"
expect_attr fire_count 0
# The old TCB is no heartbeat any more.
expect_errno "ack $TCB1" ESTALE
wait_state fired "$(ts 4)"
el=$(( $(now_ms) - t0 ))
expect_int_ge "$el" "$(ts 1800)" "ms from the change to firing (grace 2 s)"
expect_int_le "$el" "$(ts 3500)" "ms from the change to firing (grace 2 s)"
expect_attr fire_count 1
expect_event fired
expect_attr acked_tcb "$TCB1"
pass
