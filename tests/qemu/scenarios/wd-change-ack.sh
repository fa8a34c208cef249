#!/bin/sh
# Rule 3 (relaxed): acking the new TCB within grace returns to "armed",
# makes it the baseline, and nothing fires.
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed mode=relaxed timeout="$(ts 20)" grace="$(ts 2)" poll_ms=100 action=log
events_reset
sim_tcb_set "$TCB2"
wait_event changed "$(ts 2)"
expect_attr state changed
expect_ok "ack $TCB2"
expect_attr state armed
expect_attr acked_tcb "$TCB2"
sleep "$(ts 3)"
expect_attr state armed
expect_attr fire_count 0
expect_no_event fired
# Only one "changed" for one change.
expect_eq "$(count_events changed)" 1 "changed events"
pass
