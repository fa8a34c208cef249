#!/bin/sh
# Rule 3 (strict): an unexpected change fires at once; an expected one is
# still a renewal; rule 4: a rollback fires at once in strict too.
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed mode=strict timeout="$(ts 30)" grace="$(ts 30)" poll_ms=100 action=log
expect_attr mode strict
events_reset
sim_tcb_set "$TCB2"
t0=$(now_ms)
wait_state fired "$(ts 2)"
el=$(( $(now_ms) - t0 ))
expect_int_le "$el" "$(ts 1500)" "ms from the change to firing (grace 30 s ignored)"
expect_event changed "$TCB2"
expect_event fired
expect_attr fire_count 1
# Re-arm on the new TCB; an expected change is a renewal, no fire.
echo 1 > "$SIM_DIR/commit" || fail "commit"	# the floor rises (rule 4)
expect_ok "ack $TCB2"
expect_attr state armed
expect_ok "expect $TCB3"
sim_tcb_set "$TCB3"
wait_event renewed "$(ts 2)"
expect_attr state armed
expect_attr acked_tcb "$TCB3"
expect_attr fire_count 1
# Rollback below the floor held at the ack fires at once.
events_reset
sim_tcb_set "$TCB1"
wait_state fired "$(ts 2)"
expect_event rollback "$TCB1"
expect_attr fire_count 2
pass
