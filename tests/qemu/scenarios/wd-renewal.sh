#!/bin/sh
# Rules 3 and 8: a change to an expected TCB is a renewal: event "renewed",
# it becomes acked_tcb, the expectation is consumed, nothing fires.
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed mode=relaxed timeout="$(ts 20)" grace="$(ts 1)" poll_ms=100 action=log
expect_ok "expect $TCB2" "expect $TCB3"
expect_eq "$(wd_attr expected_tcbs | sort | tr '\n' ' ')" "$TCB2 $TCB3 " "expected_tcbs"
events_reset
sim_tcb_set "$TCB2"
wait_event renewed "$(ts 2)"
expect_event renewed "$TCB2"
expect_attr state armed
expect_attr acked_tcb "$TCB2"
expect_eq "$(wd_attr expected_tcbs | tr '\n' ' ')" "$TCB3 " "expected_tcbs after the renewal"
sleep "$(ts 2)"
expect_attr state armed
expect_attr fire_count 0
expect_no_event changed
expect_no_event fired
# The new baseline is the heartbeat now.
expect_ok "ack $TCB2"
expect_errno "ack $TCB1" ESTALE
pass
