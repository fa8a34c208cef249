#!/bin/sh
# An ack while the source can not report: checked against the last TCB it
# reported, and accepted only while that read is younger than grace;
# refused after with the source's errno (permissive, so the outage itself
# fires nothing).
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_SIM_LIB:-/usr/share/tsm-watchdog/sim-lib.sh}"

sim_setup snp mode=permissive timeout="$(ts 60)" grace="$(ts 4)" poll_ms=100 action=log
sim_errno -5
wait_event source-error "$(ts 2)"
expect_ok "ack $TCB1"
# within grace the last TCB stands for the current one: TCB2 is stale
expect_errno "ack $TCB2" ESTALE
wait_event source-lost "$(ts 6)"
# after grace the source's own errno (Documentation/ABI dev-tsm_watchdog)
expect_errno "ack $TCB1" EIO
expect_attr acked_tcb "$TCB1"
expect_attr fire_count 0
expect_events "source-error" "acked $TCB1" "source-lost $TCB1"
# the source is back: acks pass again
sim_errno 0
wait_attr current_tcb "$TCB1" "$(ts 3)"
sleep 0.5
expect_ok "ack $TCB1"
pass
