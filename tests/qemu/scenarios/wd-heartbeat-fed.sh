#!/bin/sh
# Rule 1: a watchdog fed more often than its timeout stays armed over
# several timeouts and never fires.
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed timeout="$(ts 2)" poll_ms=100 action=log
expect_event armed
expect_int_le "$(wd_attr timeleft)" "$(ts 2)" "timeleft right after the ack"
expect_int_ge "$(wd_attr timeleft)" 1 "timeleft right after the ack"
# 4 timeouts (8 s), fed every 0.7 s.
end=$(( $(now_ms) + $(ts 8000) ))
n=0
while [ "$(now_ms)" -lt "$end" ]; do
	r=$(wd "ack $TCB1")
	[ "$r" = ok ] || fail "heartbeat ack $n: $r"
	[ "$(wd_attr state)" = armed ] || fail "state $(wd_attr state) after $n heartbeats"
	n=$((n + 1))
	sleep "$(ts 0.7)"
done
expect_int_ge "$n" 8 "heartbeats sent"
expect_attr state armed
expect_attr fire_count 0
expect_no_event expired
expect_no_event fired
expect_int_ge "$(count_events acked)" 8 "acked events"
expect_seq_increasing
pass
