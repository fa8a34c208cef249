#!/bin/sh
# Issue 12 defect 9: no source read (a TDCALL, or a guest request the host
# relays and throttles) while the watchdog is disarmed and nothing needs
# the TCB. Counted as failed reads while the sim fails every read: none
# while disarmed and closed; reads while the device is open (its reader
# follows the events) or armed; one read per sysfs current_tcb read, per
# ack, per pushed host update.
# timeout: 90
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

load_sim
sim_tcb_set "$TCB1"
load_wd mode=relaxed action=log timeout="$(ts 60)" grace="$(ts 60)" poll_ms=50
wait_attr current_tcb "$TCB1" "$(ts 3)"
sim_errno 5
e0=$(wd_attr source_errors)
sleep "$(ts 1)"
expect_attr source_errors "$e0"
ok "no read in $(ts 1) s while disarmed and closed (poll_ms 50)"
# A sysfs read of current_tcb reads the source (and keeps the last TCB).
expect_attr current_tcb "$TCB1"
expect_attr source_errors $(( e0 + 1 ))
# The device open: polled, every event is followed.
wdctl hold "$(ts 1)" > /dev/null
n=$(( $(wd_attr source_errors) - e0 - 1 ))
expect_int_ge "$n" 3 "failed reads while the device was open $(ts 1) s"
e1=$(wd_attr source_errors)
sleep "$(ts 0.5)"
expect_attr source_errors "$e1"
ok "closed again: no reads"
# An ack reads once (and is accepted against the last TCB, within grace).
expect_ok "ack $TCB1"
expect_attr state armed
# Armed: polled.
e2=$(wd_attr source_errors)
sleep "$(ts 1)"
n=$(( $(wd_attr source_errors) - e2 ))
expect_int_ge "$n" 3 "failed reads while armed for $(ts 1) s"
sim_errno 0
wait_attr current_tcb "$TCB1" "$(ts 1)"
expect_ok disarm
e3=$(wd_attr source_errors)
sim_errno 5
sleep "$(ts 1)"
expect_attr source_errors "$e3"
ok "disarmed again: no reads"
sim_errno 0
pass
