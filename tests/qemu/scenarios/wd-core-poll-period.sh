#!/bin/sh
# The poll period is what poll_ms says: counted as failed reads (sysfs
# source_errors) while the sim fails every read, at poll_ms 100, after
# "set poll_ms 500", and "set poll_ms 10000": a fault nobody pushes is
# not seen for seconds, while a pushed host update is seen at once.
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

# failed_reads_in MS: failed reads while the source fails for MS ms; the
# window the source really failed for (MS plus a slow guest's own
# commands around it, an upper bound) is left in $FAIL_MS.
failed_reads_in() {
	_e0=$(wd_attr source_errors)
	_t0=$(now_ms)
	sim_errno 5
	sleep "$(awk -v ms="$1" 'BEGIN { print ms / 1000 }')"
	sim_errno 0
	FAIL_MS=$(( $(now_ms) - _t0 ))
	echo $(( $(wd_attr source_errors) - _e0 )) > /tmp/failed_reads
}

# grace and timeout far away: failures here never make the source lost.
setup_armed mode=relaxed action=log timeout="$(ts 120)" grace="$(ts 120)" poll_ms=100
W=$(ts 2000)

# poll_ms 100: about W/100 reads; a driver polling every second makes 2-3.
failed_reads_in "$W"
n=$(cat /tmp/failed_reads)
log "poll_ms 100: $n failed reads in $W ms (at most $FAIL_MS ms)"
expect_int_ge "$n" $(( W / 100 / 3 )) "reads in $W ms at poll_ms 100"
expect_int_le "$n" $(( FAIL_MS / 100 + 3 )) "reads in at most $FAIL_MS ms at poll_ms 100"
# Detection bound: a fault is reported within 3 polls (+ slack).
wait_attr current_tcb "$TCB1" "$(ts 1)"
events_reset
t0=$(now_ms)
sim_errno 5
wait_event source-error "$(ts 1)"
el=$(( $(now_ms) - t0 ))
sim_errno 0
expect_int_le "$el" $(( 3 * 100 + $(ts 500) )) "ms to see a fault at poll_ms 100"

# set poll_ms 500: about W/500 reads.
expect_ok "set poll_ms 500"
expect_attr poll_ms 500
sleep "$(ts 0.3)"
failed_reads_in "$W"
n=$(cat /tmp/failed_reads)
log "poll_ms 500: $n failed reads in $W ms (at most $FAIL_MS ms)"
expect_int_ge "$n" $(( W / 500 / 3 )) "reads in $W ms at poll_ms 500"
expect_int_le "$n" $(( FAIL_MS / 500 + 2 )) "reads in at most $FAIL_MS ms at poll_ms 500"

# set poll_ms 10000: the set polls at once, the next poll is 10 s later.
expect_ok "set poll_ms 10000"
sleep "$(ts 0.5)"
events_reset
e0=$(wd_attr source_errors)
sim_errno 5
sleep 3
expect_attr source_errors "$e0"
expect_no_event source-error
# A pushed host update is read at once, whatever poll_ms says: the read
# fails (errno is still set) and says so.
echo "$TCB2" > "$SIM_DIR/tcb" || fail "write $SIM_DIR/tcb"
wait_event source-error "$(ts 1)"
sim_errno 0
echo "$TCB1" > "$SIM_DIR/tcb" || fail "write $SIM_DIR/tcb"
wait_attr current_tcb "$TCB1" "$(ts 1)"
expect_attr state armed
expect_attr fire_count 0
pass
