#!/bin/sh
# Rule 2: an ack of a TCB other than the source's current one fails with
# ESTALE, changes nothing and does not reset the heartbeat timer.
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

load_sim
sim_tcb_set "$TCB1"
load_wd timeout="$(ts 3)" poll_ms=100 action=log
wait_attr current_tcb "$TCB1" "$(ts 3)"
# Disarmed: a stale ack does not arm.
expect_errno "ack $TCB2" ESTALE
expect_attr state disarmed
expect_attr acked_tcb none
expect_ok "ack $TCB1"
t0=$(now_ms)
expect_attr state armed
sleep "$(ts 2)"
expect_errno "ack $TCB2" ESTALE
expect_errno "ack $TCB_OLD" ESTALE
expect_attr acked_tcb "$TCB1"
expect_attr state armed
# Not reset: fires 3 s after the valid ack (a reset would give 5 s).
wait_state fired "$(ts 3)"
el=$(( $(now_ms) - t0 ))
expect_int_le "$el" "$(ts 4300)" "ms from the valid ack to firing"
expect_attr fire_count 1
pass
