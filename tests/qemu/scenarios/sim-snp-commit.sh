#!/bin/sh
# SEV-SNP firmware hot load, then commit: the provisional CURRENT_TCB is a
# pre-approved renewal while COMMITTED_TCB (the floor) stays; the host's
# commit raises floor_tcb. No fire, nothing else happens.
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_SIM_LIB:-/usr/share/tsm-watchdog/sim-lib.sh}"

sim_setup snp mode=relaxed timeout="$(ts 60)" grace="$(ts 3)" poll_ms=100 action=log
expect_eq "$T0" "$TCB1" "TCB at launch"
expect_attr floor_tcb "$TCB1"
expect_attr launch_tcb "$TCB1"

expect_ok "expect $TCB2"
sim_tcb_set "$TCB2"
wait_attr acked_tcb "$TCB2" "$(ts 3)"
expect_attr state armed
expect_attr floor_tcb "$TCB1"
sim_knob commit 1
wait_attr floor_tcb "$TCB2" "$(ts 3)"
expect_attr acked_tcb "$TCB2"
expect_attr launch_tcb "$TCB1"
expect_attr state armed
expect_attr fire_count 0
expect_events "renewed $TCB2"
pass
