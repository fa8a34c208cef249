#!/bin/sh
# Rule 7: action "log" writes a kernel warning (no WARN splat) and the
# machine keeps running.
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed timeout="$(ts 30)" poll_ms=100 action=log
dmesg_mark
expect_ok reject
wait_state fired "$(ts 1)"
dmesg_since
expect_dmesg tsm_watchdog
dmesg_since | grep -q 'WARNING:' && fail "action log produced a WARN splat"
ok "no WARNING: line"
expect_attr fire_count 1
pass
