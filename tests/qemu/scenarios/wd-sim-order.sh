#!/bin/sh
# The sim works whether it loads before or after the core.
# timeout: 90
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

# Core first, sim later.
load_wd mode=relaxed timeout="$(ts 30)" grace="$(ts 1)" poll_ms=100 action=log
expect_attr source none
load_sim tcb="$TCB2"
wait_attr source sim "$(ts 3)"
wait_attr current_tcb "$TCB2" "$(ts 3)"
expect_errno "ack $TCB1" ESTALE
expect_ok "ack $TCB2"
expect_attr acked_tcb "$TCB2"
sim_tcb_set "$TCB3"
wait_event changed "$(ts 2)"
expect_ok "ack $TCB3"
expect_ok disarm
expect_attr state disarmed
unload_wd
unload_sim

# Sim first, core later.
load_sim tcb="$TCB1"
load_wd mode=relaxed timeout="$(ts 30)" grace="$(ts 1)" poll_ms=100 action=log
wait_attr source sim "$(ts 3)"
wait_attr current_tcb "$TCB1" "$(ts 3)"
expect_errno "ack $TCB2" ESTALE
expect_ok "ack $TCB1"
events_reset
sim_tcb_set "$TCB2"
wait_event changed "$(ts 2)"
expect_event changed "$TCB2"
wait_state fired "$(ts 3)"
expect_attr fire_count 1
# Core unloaded under the sim (after disarm), then reloaded: bound again.
expect_ok disarm
unload_wd
load_wd mode=relaxed timeout="$(ts 30)" grace="$(ts 1)" poll_ms=100 action=log
wait_attr source sim "$(ts 3)"
wait_attr current_tcb "$TCB2" "$(ts 3)"
expect_ok "ack $TCB2"
pass
