#!/bin/sh
# A microcode update on the simulated TDX host moves CPUSVN, the second half
# of the tdx TCB value: detected as "changed", acked within grace, no fire.
# A CPUSVN older in one byte, with the module SVN unchanged, is a rollback
# (each CPUSVN byte is compared on its own) and fires at once in relaxed.
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_SIM_LIB:-/usr/share/tsm-watchdog/sim-lib.sh}"

UCODE=tdx:$SVN_A$CPU_B
sim_setup tdx mode=relaxed timeout="$(ts 60)" grace="$(ts 30)" poll_ms=100 action=log
sim_tcb_set "$UCODE"
wait_state changed "$(ts 2)"
expect_attr current_tcb "$UCODE"
expect_ok "ack $UCODE"
expect_attr state armed
expect_attr acked_tcb "$UCODE"
expect_attr fire_count 0
expect_events "changed $UCODE" "armed $UCODE"

# microcode back to the old CPUSVN: older in byte 1, a rollback
events_reset
sim_tcb_set "$TDX_A"
wait_state fired "$(ts 2)"
expect_events "rollback $TDX_A" "fired $TDX_A"
expect_attr fire_count 1
expect_attr acked_tcb "$UCODE"
pass
