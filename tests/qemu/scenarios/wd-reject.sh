#!/bin/sh
# Rule 5: "reject" fires the action now.
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed mode=relaxed timeout="$(ts 30)" grace="$(ts 30)" poll_ms=100 action=log
events_reset
dmesg_mark
expect_ok reject
wait_state fired "$(ts 1)"
expect_attr fire_count 1
expect_event fired
expect_attr last_event fired
expect_dmesg tsm_watchdog
# A valid ack re-arms; a second reject fires again.
expect_ok "ack $TCB1"
expect_attr state armed
expect_ok reject
wait_state fired "$(ts 1)"
expect_attr fire_count 2
pass
