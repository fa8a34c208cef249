#!/bin/sh
# Provider faults: while report generation fails (the sim's errno knob)
# the daemon acks nothing and says why, does not crash, and the watchdog
# expires; slow reports (delay_ms) are still verified in time; once the
# fault clears the daemon re-arms the watchdog on its own.
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
load_wd mode=relaxed action=log timeout=4 grace=4 poll_ms=200
daemon_conf 1 "approve = $TCB1"
daemon_start
wait_attr state armed 10

# slow provider: 800 ms per report, heartbeat 1 s, timeout 4 s: still fed
sim_delay 800
sleep 6
expect_attr state armed
expect_attr fire_count 0
sim_delay 0

# failing provider: no evidence, no ack; the watchdog expires
sim_errno 5
wait_log "verification failed, no ack sent: no report from /sys/kernel/config/tsm/report" 5
wait_state fired 7
daemon_alive || fail "daemon died on provider errors"
expect_attr fire_count 1
sed -n 's/^last_result=//p' /run/tcb-renewd/status | grep -qx error || fail "status file does not say error"
ok "status file: last_result=error"

# recovery
sim_errno 0
wait_attr state armed 5
expect_attr acked_tcb "$TCB1"
# no leftover report items in configfs
left=$(ls /sys/kernel/config/tsm/report | wc -l)
expect_eq "$left" 0 "report items left in configfs"
daemon_stop
pass
