#!/bin/sh
# Rule 10: permissive never fires on its own (expiry, unexpected change,
# rollback), but reports the events; "reject" still fires.
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed mode=permissive timeout="$(ts 1)" grace="$(ts 1)" poll_ms=100 action=log
expect_attr mode permissive
events_reset
# Heartbeat starved for 3 timeouts.
sleep "$(ts 3)"
expect_ne "$(wd_attr state)" fired "state after 3 s without heartbeat"
expect_attr fire_count 0
# Unexpected change, past grace.
sim_tcb_set "$TCB2"
wait_event changed "$(ts 2)"
expect_event changed "$TCB2"
sleep "$(ts 2.5)"
expect_ne "$(wd_attr state)" fired "state 2.5 s after an unacked change"
expect_attr fire_count 0
expect_attr current_tcb "$TCB2"
# Rollback below the floor held at the ack.
echo 1 > "$SIM_DIR/commit" || fail "commit"	# the floor rises (rule 4)
expect_ok "ack $TCB2"
expect_attr acked_tcb "$TCB2"
sim_tcb_set "$TCB1"
wait_event rollback "$(ts 2)"
expect_event rollback "$TCB1"
sleep "$(ts 1)"
expect_ne "$(wd_attr state)" fired "state after a rollback"
expect_attr fire_count 0
expect_no_event fired
# reject still fires.
expect_ok reject
wait_state fired "$(ts 1)"
expect_attr fire_count 1
expect_event fired
pass
