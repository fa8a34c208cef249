#!/bin/sh
# SIGKILL and SIGSTOP of tcb-renewd: nobody acks any more, so the watchdog
# expires within its timeout and the configured action (log) runs; a
# restarted (or continued) daemon re-arms it.
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
load_wd mode=relaxed action=log timeout=3 grace=2 poll_ms=200
daemon_conf 1 "approve = $TCB1"
daemon_start
wait_attr state armed 10

# SIGKILL: expired within timeout (3 s) + 1 s, action log in dmesg
dmesg_mark
kill -KILL "$DPID"
wait "$DPID" 2>/dev/null
t0=$(now_ms)
log "daemon killed with SIGKILL"
wait_state fired 6
expect_int_le "$(( $(now_ms) - t0 ))" 4500 "ms from SIGKILL to fired"
expect_attr fire_count 1
expect_attr last_event fired
expect_dmesg "fired: heartbeat expired (tcb $TCB1, action log)"

# a restarted daemon re-arms it (the device is free again)
daemon_start
wait_attr state armed 6
expect_attr fire_count 1

# SIGSTOP: the process exists but does not ack: fired as well
dmesg_mark
kill -STOP "$DPID"
log "daemon stopped with SIGSTOP"
wait_state fired 6
expect_attr fire_count 2
expect_dmesg "fired: heartbeat expired (tcb $TCB1, action log)"
# SIGCONT: it reads the queued events and acks again
kill -CONT "$DPID"
wait_attr state armed 6
wait_log "kernel: event [0-9]* fired" 5
daemon_alive || fail "daemon died after SIGCONT"
expect_attr fire_count 2
daemon_stop
pass
