#!/bin/sh
# Rules 6 and 11: under nowayout an armed watchdog refuses "disarm" (EPERM)
# and weaker policy (EPERM), accepts stricter policy, checks the range
# first (EINVAL before EPERM) and can not be unloaded.
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed nowayout=1 mode=relaxed action=log timeout=100 grace=100 poll_ms=500
expect_attr nowayout 1
expect_errno disarm EPERM
expect_attr state armed
# timeout
expect_errno "set timeout 101" EPERM
expect_errno "set timeout 86401" EINVAL
expect_errno "set timeout 0" EINVAL
expect_ok "set timeout 80"
expect_attr timeout 80
# grace
expect_errno "set grace 200" EPERM
expect_errno "set grace 86401" EINVAL
expect_ok "set grace 50"
expect_attr grace 50
# poll_ms
expect_errno "set poll_ms 1000" EPERM
expect_errno "set poll_ms 49" EINVAL
expect_errno "set poll_ms 600001" EINVAL
expect_ok "set poll_ms 200"
expect_attr poll_ms 200
# mode: permissive < relaxed < strict
expect_errno "set mode permissive" EPERM
expect_errno "set mode lenient" EINVAL
expect_ok "set mode strict"
expect_attr mode strict
expect_errno "set mode relaxed" EPERM
# action: log < warn < reboot < poweroff < panic
expect_ok "set action warn"
expect_attr action warn
expect_errno "set action log" EPERM
expect_errno "set action explode" EINVAL
expect_attr action warn
# Keep it fed (the action is warn now).
expect_ok "ack $TCB1"
# No unload while armed.
if rmmod tsm_watchdog 2>/dev/null; then
	fail "rmmod tsm_watchdog succeeded under nowayout"
fi
ok "rmmod tsm_watchdog refused"
[ -c "$WD_DEV" ] || fail "$WD_DEV gone"
expect_attr state armed
expect_attr timeout 80
expect_attr fire_count 0
expect_ok "ack $TCB1"
pass
