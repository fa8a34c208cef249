#!/bin/sh
# Only "ack <tcb>" is a heartbeat: set, expect, unexpect and a stale ack
# written all the time do not keep the watchdog from expiring.
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed timeout="$(ts 2)" grace="$(ts 5)" poll_ms=100 action=log
t0=$(now_ms)
expect_ok "set timeout $(ts 2)" "set grace $(ts 5)" "expect $TCB2" "unexpect all"
expect_errno "ack $TCB2" ESTALE
end=$(( t0 + $(ts 4000) ))
while [ "$(wd_attr state)" = armed ] && [ "$(now_ms)" -lt "$end" ]; do
	wd "set timeout $(ts 2)" "set grace $(ts 5)" "set poll_ms 100" "set mode relaxed" \
		"set action log" "expect $TCB2" "unexpect all" > /dev/null
	wd "ack $TCB2" > /dev/null
	sleep "$(ts 0.3)"
done
el=$(( $(now_ms) - t0 ))
expect_attr state fired
expect_int_le "$el" "$(ts 3000)" "ms from the last real ack to firing"
expect_attr fire_count 1
expect_event expired
pass
