#!/bin/sh
# Racing report readers and writers: other processes use configfs-tsm at the
# same time (tsm-report in a loop) and one keeps writing into every report
# item it finds, the daemon's included. The daemon must never ack on a
# report that is not its own (nonce), never crash, and keep or regain the
# armed state.
# timeout: 300
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_DAEMON_LIB:-/usr/share/tsm-watchdog/daemon-lib.sh}"

load_sim
sim_tcb_set "$TCB1"
load_wd mode=relaxed action=log timeout=6 grace=6 poll_ms=200
daemon_conf 1 "approve = $TCB1"
daemon_start
wait_attr state armed 10
R=/sys/kernel/config/tsm/report
# readers: fresh reports of their own
( while :; do tsm-report > /dev/null 2>&1; done ) &
reader=$!
# a writer racing every item it sees
( while :; do
	for d in "$R"/*/; do
		[ -d "$d" ] && printf 'racer-racer-racer' > "$d/inblob" 2>/dev/null
	done
  done ) &
racer=$!
sleep 8
kill "$reader" "$racer"
wait "$reader" "$racer" 2>/dev/null
daemon_alive || fail "daemon died during the race"
ok "daemon survived 8 s of racing readers and writers"
! grep -q "denied" "$DLOG" || { show_log; fail "a raced report led to a denial"; }
ok "no denial from a raced report"
n_err=$(sed -n 's/^errors=//p' /run/tcb-renewd/status)
n_ok=$(sed -n 's/^approved=//p' /run/tcb-renewd/status)
log "during the race: $n_ok approved, $n_err errors (races libtsm gave up on)"
wait_attr state armed 5
expect_attr acked_tcb "$TCB1"
# every item was removed, the racer's writes notwithstanding. Counted once
# nobody can be making a report: the daemon (heartbeat 1 s) is stopped and
# the reader loop's last tsm-report has ended (killing the loop leaves it
# running to its end).
daemon_stop
_end=$(( $(now_ms) + 5000 ))
while pidof tsm-report > /dev/null; do
	[ "$(now_ms)" -lt "$_end" ] || fail "tsm-report still running after 5 s"
	sleep 0.1
done
left=$(ls "$R")
expect_eq "$(echo "$left" | grep -c .)" 0 "report items left in configfs ($left)"
pass
