#!/bin/sh
# SEV-SNP: COMMITTED_TCB falling below the floor held at the last ack is a
# rollback (the anti-rollback floor itself went back), although CURRENT_TCB
# did not change: fires at once in relaxed.
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_SIM_LIB:-/usr/share/tsm-watchdog/sim-lib.sh}"

sim_setup snp mode=relaxed timeout="$(ts 60)" grace="$(ts 30)" poll_ms=100 action=log
snp_renew_tcb2 commit

sim_knob committed "$TCB1"
wait_state fired "$(ts 2)"
expect_attr floor_tcb "$TCB1"
expect_attr current_tcb "$TCB2"
expect_attr fire_count 1
expect_attr acked_tcb "$TCB2"
expect_events "rollback $TCB2" "fired $TCB2"
pass
