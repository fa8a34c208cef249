#!/bin/sh
# Rule 1: a watchdog fed more often than its timeout stays armed over
# several timeouts and never fires. Counted in heartbeats, not wall time:
# at least 8 heartbeats and at least 4 timeouts, however slow the guest;
# each heartbeat comes a sixth of the timeout after the previous one returned,
# and a gap between two acks of a timeout or more (a guest too slow for the
# test, where an expiry would be right) fails with that reason.
# timeout: 90
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

to=$(ts 3)
to_ms=$(awk -v t="$to" 'BEGIN { printf "%d\n", t * 1000 }')
setup_armed timeout="$to" poll_ms=100 action=log
expect_event armed
expect_int_le "$(wd_attr timeleft)" "$to" "timeleft right after the ack"
expect_int_ge "$(wd_attr timeleft)" 1 "timeleft right after the ack"
events_reset
t0=$(now_ms)
last=$t0
maxgap=0
n=0
while [ "$n" -lt 8 ] || [ $(( $(now_ms) - t0 )) -lt $(( 4 * to_ms )) ]; do
	sleep "$(ts 0.5)"
	now=$(now_ms)
	gap=$((now - last))
	[ "$gap" -lt "$to_ms" ] ||
		fail "heartbeat $n: $gap ms since the last ack, timeout $to_ms ms: the guest is too slow for this test"
	[ "$gap" -le "$maxgap" ] || maxgap=$gap
	r=$(wd "ack $TCB1")
	[ "$r" = ok ] || fail "heartbeat ack $n: $r"
	last=$now
	n=$((n + 1))
	[ "$(wd_attr state)" = armed ] || fail "state $(wd_attr state) after $n heartbeats"
done
ok "$n heartbeats over $(( $(now_ms) - t0 )) ms (timeout $to_ms ms, longest gap $maxgap ms)"
expect_attr state armed
expect_attr fire_count 0
expect_no_event expired
expect_no_event fired
expect_eq "$(count_events acked)" "$n" "acked events, one per heartbeat"
expect_seq_increasing
pass
