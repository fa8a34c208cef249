#!/bin/sh
# SEV-SNP firmware hot load, acked, then backed out before commit: CURRENT_TCB
# falls back to COMMITTED_TCB. That is below the baseline but not below the
# floor held at the last ack: "reverted", then a change with grace
# (relaxed); userspace acks it and nothing fires. Both events are uevents
# too.
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_SIM_LIB:-/usr/share/tsm-watchdog/sim-lib.sh}"

sim_setup snp mode=relaxed timeout="$(ts 60)" grace="$(ts 30)" poll_ms=100 action=log
snp_renew_tcb2

uevents_start "$(ts 30)"
sim_knob revert 1
wait_state changed "$(ts 2)"
expect_attr current_tcb "$TCB1"
expect_attr floor_tcb "$TCB1"
expect_attr acked_tcb "$TCB2"
expect_ok "ack $TCB1"
expect_attr state armed
expect_attr acked_tcb "$TCB1"
expect_attr fire_count 0
expect_events "reverted $TCB1" "changed $TCB1" "armed $TCB1"
# reverted and changed also go out as uevents (DESIGN: uevent list)
uevents_stop
expect_uevent reverted "$TCB1"
expect_uevent changed "$TCB1"
pass
