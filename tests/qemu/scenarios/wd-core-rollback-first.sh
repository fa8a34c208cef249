#!/bin/sh
# Rule 4: rollback is checked before expectations: a TCB below the floor
# held at the last ack (without a floor: below the baseline) is a rollback
# even when it is expected, and fires at once in relaxed mode; the
# expectation stays held (not consumed by a renewal). TCB_OLD is below
# every TCB the sim had, so this holds with or without a floor.
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

load_sim
sim_tcb_set "$TCB2"
load_wd mode=relaxed action=log timeout="$(ts 30)" grace="$(ts 30)" poll_ms=100
wait_attr current_tcb "$TCB2" "$(ts 3)"
expect_ok "ack $TCB2"
log "floor_tcb $(wd_attr floor_tcb), launch_tcb $(wd_attr launch_tcb)"
expect_ok "expect $TCB_OLD"
expect_ok "expect $TCB3"
events_reset
sim_tcb_set "$TCB_OLD"
wait_state fired "$(ts 2)"
expect_event rollback "$TCB_OLD"
expect_no_event renewed
expect_attr acked_tcb "$TCB2"
expect_attr fire_count 1
expect_attr expected_tcbs "$TCB_OLD
$TCB3"
# A newer expected TCB is still a renewal once re-armed.
sim_tcb_set "$TCB2"
expect_ok "ack $TCB2"
events_reset
sim_tcb_set "$TCB3"
wait_event renewed "$(ts 2)"
expect_attr acked_tcb "$TCB3"
expect_attr state armed
expect_attr fire_count 1
pass
