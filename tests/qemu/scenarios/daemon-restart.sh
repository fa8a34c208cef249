#!/bin/sh
# Restart after a crash: a daemon killed with SIGKILL and started again at
# once re-arms the watchdog within its timeout: nothing fires.
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

# --- tcb-renewd helpers (each daemon scenario carries its own copy) ---
# A scenario that ends without reaching `pass` fails; no daemon outlives it.
pass() {
	DAEMON_PASSED=1
	echo "PASS: $SCENARIO"
	exit 0
}
trap '_rc=$?
[ -n "$DPID" ] && kill -KILL "$DPID" 2>/dev/null
if [ "$_rc" = 0 ] && [ -z "${DAEMON_PASSED:-}" ]; then
	echo "FAIL: $SCENARIO: ended without reaching pass"
	exit 1
fi' EXIT
DCONF=/etc/tcb-renewd.conf
DLOG=/tmp/tcb-renewd.log
DSTATE=/var/lib/tcb-renewd/state
DPID=
mkdir -p /etc /var/lib/tcb-renewd /run
: > "$DLOG"

# daemon_conf HEARTBEAT POLICY-LINES...: write the config file.
daemon_conf() {
	_hb=$1
	shift
	{
		printf '[watchdog]\nheartbeat = %s\n[policy]\nstate = %s\n' "$_hb" "$DSTATE"
		for _l in "$@"; do printf '%s\n' "$_l"; done
	} > "$DCONF"
}

# daemon_start: tcb-renewd run in the background, its log in $DLOG.
daemon_start() {
	tcb-renewd run -c "$DCONF" >> "$DLOG" 2>&1 &
	DPID=$!
	log "tcb-renewd started (pid $DPID)"
}

daemon_alive() { kill -0 "$DPID" 2>/dev/null; }

# wait_log PATTERN TIMEOUT_S: the daemon's log gets a line matching PATTERN.
wait_log() {
	_end=$(( $(now_ms) + $2 * 1000 ))
	until grep -q -- "$1" "$DLOG"; do
		[ "$(now_ms)" -lt "$_end" ] || {
			sed 's/^/  log: /' "$DLOG"
			fail "daemon log lacks '$1' after $2 s"
		}
		sleep 0.1
	done
	ok "daemon log: '$1'"
}

# daemon_stop: SIGTERM and wait.
daemon_stop() {
	[ -n "$DPID" ] || return 0
	kill -TERM "$DPID" 2>/dev/null
	wait "$DPID" 2>/dev/null
	DPID=
}

show_log() { sed 's/^/  log: /' "$DLOG"; }
# --- end of tcb-renewd helpers ---

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
