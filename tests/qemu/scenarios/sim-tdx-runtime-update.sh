#!/bin/sh
# TDX module runtime update on the simulated TDX host: TEE_TCB_SVN2 moves,
# TEE_TCB_SVN (the launch value) does not. The watchdog tracks the running
# module's SVN: a pre-approved update renews, an unapproved one is a
# "changed" that fires when grace runs out (relaxed). launch_tcb stays
# TEE_TCB_SVN + CPUSVN, and TDX has no floor.
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_SIM_LIB:-/usr/share/tsm-watchdog/sim-lib.sh}"

sim_setup tdx mode=relaxed timeout="$(ts 60)" grace="$(ts 3)" poll_ms=100 action=log
expect_eq "$T0" "$TDX_A" "TCB at launch: TEE_TCB_SVN (= SVN2) and CPUSVN"
expect_attr source sim
expect_attr launch_tcb "$TDX_A"
expect_attr floor_tcb none
expect_attr tcb_static 0

# a pre-approved runtime update renews
expect_ok "expect $TDX_B"
sim_tcb_set "$TDX_B"
wait_attr acked_tcb "$TDX_B" "$(ts 3)"
expect_attr state armed
expect_attr current_tcb "$TDX_B"
expect_eq "$(cat "$SIM_DIR/tee_tcb_svn")" "$SVN_A" "host: TEE_TCB_SVN unchanged by the update"
expect_attr launch_tcb "$TDX_A"
expect_attr expected_tcbs ""
expect_attr fire_count 0
expect_events "renewed $TDX_B"

# an unapproved one is detected and fires when grace runs out
events_reset
sim_tcb_set "$TDX_C"
wait_state changed "$(ts 2)"
wait_state fired "$(ts 5)"
expect_events "changed $TDX_C" "expired $TDX_C" "fired $TDX_C"
expect_attr fire_count 1
expect_attr acked_tcb "$TDX_B"
expect_attr current_tcb "$TDX_C"
expect_attr launch_tcb "$TDX_A"
expect_attr floor_tcb none
pass
