#!/bin/sh
# read() and poll(): with nothing pending a non-blocking read has nothing to
# give; poll() wakes a waiting reader when an event arrives.
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed mode=relaxed timeout="$(ts 30)" grace="$(ts 30)" poll_ms=100 action=log
events_reset
expect_eq "$(wdctl read)" "" "read with no event pending"
wdctl wait changed "$(ts 1)" > /tmp/w.out && fail "wait returned without an event: $(cat /tmp/w.out)"
ok "poll() stays quiet with no event pending"
# A reader blocked in poll() is woken by a TCB change.
wdctl wait changed "$(ts 10)" > /tmp/w.out &
w=$!
sleep "$(ts 1)"
kill -0 $w 2>/dev/null || fail "waiter ended early: $(cat /tmp/w.out)"
t0=$(now_ms)
sim_tcb_set "$TCB2"
wait $w || fail "waiter: $(cat /tmp/w.out)"
el=$(( $(now_ms) - t0 ))
cat /tmp/w.out
grep -q "^[0-9][0-9]* changed $TCB2\$" /tmp/w.out || fail "waiter did not read the changed event"
ok "waiter read 'changed $TCB2'"
expect_int_le "$el" "$(ts 1500)" "ms from the change to the wakeup"
# Consumed: nothing left.
expect_eq "$(wdctl read)" "" "read after the waiter consumed the event"
pass
