#!/bin/sh
# Rule 7: action "warn" is a WARN() (a "WARNING:" line and a backtrace);
# without panic_on_warn the machine keeps running.
# expect-warn: tsm_watchdog
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

expect_eq "$(cat /proc/sys/kernel/panic_on_warn)" 0 "panic_on_warn"
setup_armed timeout="$(ts 30)" poll_ms=100 action=warn
dmesg_mark
expect_ok reject
wait_state fired "$(ts 1)"
dmesg_since | head -n 30
expect_dmesg 'WARNING:'
dmesg_since | grep 'WARNING:' | grep -q 'tsm_watchdog\|tsm_wd' ||
	fail "the WARNING: line does not point into tsm_watchdog"
ok "WARNING: line names tsm_watchdog"
expect_attr fire_count 1
expect_attr state fired
# Still alive and re-armable.
expect_ok "ack $TCB1"
expect_attr state armed
pass
