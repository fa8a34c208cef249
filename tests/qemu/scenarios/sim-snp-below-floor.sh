#!/bin/sh
# SEV-SNP: a CURRENT_TCB below the floor held at the last ack (COMMITTED_TCB)
# is a rollback and fires at once in relaxed, even though userspace expects
# that very TCB: an expectation never turns a rollback into a renewal.
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_SIM_LIB:-/usr/share/tsm-watchdog/sim-lib.sh}"

sim_setup snp mode=relaxed timeout="$(ts 60)" grace="$(ts 30)" poll_ms=100 action=log
snp_renew_tcb2 commit
expect_ok "expect $TCB1"
events_reset

# a hostile host: CURRENT_TCB below COMMITTED_TCB
sim_tcb_set "$TCB1"
wait_state fired "$(ts 2)"
expect_events "rollback $TCB1" "fired $TCB1"
expect_attr fire_count 1
expect_attr acked_tcb "$TCB2"
expect_attr floor_tcb "$TCB2"
expect_attr expected_tcbs "$TCB1"
pass
