#!/bin/sh
# A TDX 1.0 module (svn2_valid 0: TEE_TCB_INFO.VALID does not mark
# TEE_TCB_SVN2): the watchdog tracks TEE_TCB_SVN. TEE_TCB_SVN2 bytes are not
# seen; a TEE_TCB_SVN change is. Then the module gains a valid SVN2 (a 1.5
# module): the running SVN becomes TEE_TCB_SVN2.
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_SIM_LIB:-/usr/share/tsm-watchdog/sim-lib.sh}"

load_sim platform=tdx
sim_knob svn2_valid 0
load_wd mode=relaxed timeout="$(ts 60)" grace="$(ts 30)" poll_ms=100 action=log
wait_attr current_tcb "$TDX_A" "$(ts 3)"
expect_ok "ack $TDX_A"
expect_attr launch_tcb "$TDX_A"
events_reset

# SVN2 bytes move but VALID does not mark them: nothing to see
sim_tcb_set "$TDX_C"
expect_eq "$(sim_tcb_get)" "$TDX_A" "host tcb shows TEE_TCB_SVN while SVN2 is not valid"
sleep "$(ts 1)"
expect_attr current_tcb "$TDX_A"
expect_attr state armed
expect_events

# the TDX 1.0 module's own SVN moves: seen
sim_knob tee_tcb_svn "$SVN_B"
wait_state changed "$(ts 2)"
expect_attr current_tcb "$TDX_B"
expect_attr launch_tcb "$TDX_B"
expect_ok "ack $TDX_B"
expect_events "changed $TDX_B" "armed $TDX_B"

# VALID now marks TEE_TCB_SVN2: the running SVN is SVN2 (SVN_C, newer)
events_reset
sim_knob svn2_valid 1
wait_state changed "$(ts 2)"
expect_attr current_tcb "$TDX_C"
expect_attr launch_tcb "$TDX_B"
expect_attr fire_count 0
expect_events "changed $TDX_C"
pass
