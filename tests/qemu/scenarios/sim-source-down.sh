#!/bin/sh
# A source that stays down past grace (every read fails): the TCB becomes
# unverifiable, "source-lost", and relaxed fires; in permissive the same is
# only reported.
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_SIM_LIB:-/usr/share/tsm-watchdog/sim-lib.sh}"

sim_setup snp mode=relaxed timeout="$(ts 60)" grace="$(ts 2)" poll_ms=100 action=log
sim_errno -5
wait_state fired "$(ts 5)"
expect_events "source-error" "source-lost $TCB1" "fired $TCB1"
expect_attr fire_count 1
expect_attr acked_tcb "$TCB1"

# recover, disarm, go permissive: the same outage is only reported
sim_errno 0
expect_ok disarm
expect_ok "set mode permissive"
wait_attr current_tcb "$TCB1" "$(ts 3)"
expect_ok "ack $TCB1"
events_reset
sim_errno -5
wait_event source-lost "$(ts 5)"
sleep "$(ts 2)"
expect_attr fire_count 1
expect_attr state armed
expect_events "source-error" "source-lost $TCB1"
pass
