#!/bin/sh
# Rule 4: a TCB older than the baseline fires at once (relaxed), even with
# a long grace period.
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed mode=relaxed timeout="$(ts 30)" grace="$(ts 30)" poll_ms=100 action=log
events_reset
sim_tcb_set "$TCB_OLD"
t0=$(now_ms)
wait_state fired "$(ts 2)"
el=$(( $(now_ms) - t0 ))
expect_int_le "$el" "$(ts 1500)" "ms from the rollback to firing"
expect_event rollback "$TCB_OLD"
expect_event fired
expect_attr fire_count 1
expect_attr acked_tcb "$TCB1"
pass
