#!/bin/sh
# sysfs timeleft: seconds until the action fires on its own. Armed: the
# heartbeat; changed (relaxed): the grace or the heartbeat, whichever ends
# first, running down; 0 when nothing is due to fire (disarmed, fired,
# changed in permissive).
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

load_sim
sim_tcb_set "$TCB1"
load_wd mode=relaxed timeout="$(ts 60)" grace="$(ts 10)" poll_ms=100 action=log
wait_attr current_tcb "$TCB1" "$(ts 3)"
expect_attr state disarmed
expect_attr timeleft 0
expect_ok "ack $TCB1"
tl=$(wd_attr timeleft)
expect_int_le "$tl" "$(ts 60)" "timeleft armed"
expect_int_ge "$tl" "$(( $(ts 60) - $(ts 10) ))" "timeleft armed"

# changed: the grace (10 s) ends before the heartbeat (60 s).
sim_tcb_set "$TCB2"
wait_state changed "$(ts 5)"
tl=$(wd_attr timeleft)
expect_int_le "$tl" "$(ts 10)" "timeleft changed (grace first)"
expect_int_ge "$tl" 1 "timeleft changed (grace first)"
sleep "$(ts 2)"
tl2=$(wd_attr timeleft)
expect_int_le "$tl2" "$((tl - 1))" "timeleft changed, $(ts 2) s later"
expect_ok "ack $TCB2"
expect_attr state armed

# changed: the heartbeat (12 s) ends before the grace (60 s).
expect_ok "set grace $(ts 60)" "set timeout $(ts 12)" "ack $TCB2"
sim_tcb_set "$TCB3"
wait_state changed "$(ts 5)"
tl=$(wd_attr timeleft)
expect_int_le "$tl" "$(ts 12)" "timeleft changed (heartbeat first)"
expect_int_ge "$tl" 1 "timeleft changed (heartbeat first)"

# changed in permissive: nothing fires on its own.
expect_ok "set mode permissive"
expect_attr state changed
expect_attr timeleft 0
expect_ok "set mode relaxed" "set timeout $(ts 60)" "ack $TCB3"
expect_int_ge "$(wd_attr timeleft)" 1 "timeleft armed again"

# disarmed and fired: 0.
expect_ok disarm
expect_attr state disarmed
expect_attr timeleft 0
expect_ok "ack $TCB3"
expect_int_ge "$(wd_attr timeleft)" 1 "timeleft re-armed"
expect_ok reject
expect_attr state fired
expect_attr timeleft 0
pass
