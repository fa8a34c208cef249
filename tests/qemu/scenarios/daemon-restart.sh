#!/bin/sh
# Restart after a crash: a daemon killed with SIGKILL and started again at
# once re-arms the watchdog within its timeout: nothing fires.
# timeout: 300
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_DAEMON_LIB:-/usr/share/tsm-watchdog/daemon-lib.sh}"

load_sim
sim_tcb_set "$TCB1"
load_wd mode=relaxed action=log timeout=4 grace=2 poll_ms=200
daemon_conf 1 "approve = $TCB1"
for i in 1 2 3; do
	daemon_start
	wait_attr state armed 10
	sleep 1
	kill -KILL "$DPID"
	wait "$DPID" 2>/dev/null
	log "crash $i: killed with SIGKILL"
	t0=$(now_ms)
	daemon_start
	wait_log "running: heartbeat" 4
	t1=$(now_ms)
	expect_int_le "$((t1 - t0))" 3000 "ms to be running again"
	sleep 1
	expect_attr state armed
	expect_attr fire_count 0
	kill -KILL "$DPID"
	wait "$DPID" 2>/dev/null
	: > "$DLOG"
	rm -f /run/tcb-renewd/status
done
# a second instance while one runs: the device is busy, it says so
daemon_start
wait_log "running: heartbeat" 5
first=$DPID
timeout 10 tcb-renewd run -c "$DCONF" > /tmp/second.log 2>&1
rc=$?
expect_eq "$rc" 1 "exit status of a second instance"
grep -q "is busy: another process (another tcb-renewd?) holds it" /tmp/second.log ||
	fail "second instance: $(cat /tmp/second.log)"
ok "second instance refused: device busy"
DPID=$first
sleep 5
expect_attr state armed
expect_attr fire_count 0
daemon_stop
pass
