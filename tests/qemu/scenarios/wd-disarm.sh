#!/bin/sh
# Without nowayout, "disarm" stops the watchdog: event "disarmed", nothing
# fires afterwards (waited for a whole timeout after the disarm), closing
# never disarmed it before, and the module unloads once disarmed.
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

T=$(ts 5)
setup_armed timeout="$T" poll_ms=100 action=log
expect_attr nowayout 0
events_reset
sleep "$(ts 1)"
expect_attr state armed
expect_ok disarm
expect_attr state disarmed
expect_event disarmed
# The deadline the disarm cancelled lies within T of it.
sleep "$T"
expect_attr state disarmed
expect_attr fire_count 0
expect_no_event expired
expect_no_event fired
# An ack arms it again.
expect_ok "ack $TCB1"
expect_attr state armed
expect_ok disarm
unload_wd
[ -e "$WD_DEV" ] && fail "$WD_DEV still there after rmmod"
ok "module unloaded after disarm"
pass
