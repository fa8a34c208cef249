#!/bin/sh
# Rules 6 and 11 in detail: before the first ack nowayout restricts nothing;
# once armed: a fired watchdog still can not be disarmed or unloaded; the
# orders permissive < relaxed < strict and log < warn < reboot < poweroff <
# panic hold, and setting the current value again is no weakening.
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

load_sim
sim_tcb_set "$TCB1"
load_wd nowayout=1 mode=strict action=poweroff timeout=100 grace=100 poll_ms=200
wait_attr current_tcb "$TCB1" "$(ts 3)"
# Not armed yet: weakening is allowed, disarm is harmless.
expect_ok "set action log"
expect_ok "set mode permissive"
expect_ok "set timeout 200"
expect_ok disarm
expect_attr state disarmed
expect_attr action log
expect_attr mode permissive
expect_attr timeout 200
# Armed, then fired (action log): still no way out.
expect_ok "ack $TCB1"
expect_ok reject
wait_state fired "$(ts 1)"
expect_errno disarm EPERM
rmmod tsm_watchdog 2>/dev/null && fail "rmmod succeeded on a fired nowayout watchdog"
ok "rmmod refused while fired"
expect_ok "ack $TCB1"
expect_attr state armed
# Timeout: equal is fine, longer is not.
expect_ok "set timeout 150"
expect_ok "set timeout 150"
expect_errno "set timeout 151" EPERM
# Mode order.
expect_ok "set mode permissive"
expect_ok "set mode relaxed"
expect_errno "set mode permissive" EPERM
expect_ok "set mode relaxed"
expect_ok "set mode strict"
expect_errno "set mode relaxed" EPERM
expect_attr mode strict
# Action order.
expect_ok "set action log"
expect_ok "set action warn"
expect_errno "set action log" EPERM
expect_ok "set action reboot"
expect_errno "set action warn" EPERM
expect_ok "set action poweroff"
expect_errno "set action reboot" EPERM
expect_ok "set action panic"
expect_errno "set action poweroff" EPERM
expect_attr action panic
expect_errno disarm EPERM
expect_attr state armed
expect_attr fire_count 1
pass
