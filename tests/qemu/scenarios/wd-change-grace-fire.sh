#!/bin/sh
# Rule 3 (relaxed): an unexpected TCB change gives the event "changed" and
# state "changed"; without an ack of the new TCB it fires after grace.
# Timed by the kernel's clock (kmark, the "fired:" line): the change lies
# between the marks "change" and "changed", and it fires grace after the
# poll saw it: not before the grace, within grace + 1 s (poll_ms 100).
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

G=$(ts 4)
G_MS=$(awk -v t="$G" 'BEGIN { printf "%d\n", t * 1000 }')
setup_armed mode=relaxed timeout="$(ts 30)" grace="$G" poll_ms=100 action=log
events_reset
dmesg_mark
kmark change
tb=$KMARK_MS
sim_tcb_set "$TCB2"
kmark changed
t0=$KMARK_MS
wait_event changed "$(ts 3)"
expect_event changed "$TCB2"
expect_attr state changed
expect_attr current_tcb "$TCB2"
expect_attr acked_tcb "$TCB1"
expect_attr fire_count 0
# The old TCB is no heartbeat any more.
expect_errno "ack $TCB1" ESTALE
wait_state fired "$(ts 10)"
expect_fired_kernel "$tb" "$t0" "$G_MS" "the change"
expect_attr fire_count 1
expect_event fired
expect_attr acked_tcb "$TCB1"
pass
