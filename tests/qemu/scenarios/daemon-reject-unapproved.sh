#!/bin/sh
# An unapproved host update (the sim's tcb knob) is detected by the kernel
# (changed) and rejected by tcb-renewd within one poll interval plus one
# verification: the action fires long before the grace period ends.
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
# a long grace: only the daemon's reject can make it fire this early
load_wd mode=relaxed action=log timeout=10 grace=30 poll_ms=250
daemon_conf 2 "approve = $TCB1" "on_deny = reject"
daemon_start
wait_attr state armed 10
dmesg_mark
t0=$(now_ms)
sim_tcb_set "$TCB3"
wait_state fired 5
dt=$(( $(now_ms) - t0 ))
log "host update to $TCB3 -> fired after $dt ms (poll 250 ms + one verification)"
expect_int_le "$dt" 2500 "ms from the unapproved update to fired"
expect_attr fire_count 1
wait_log "kernel: event [0-9]* changed $TCB3" 3
wait_log "denied $TCB3 (bl=4 tee=0 snp=23 ucode=211)" 3
wait_log "sent reject for $TCB3" 3
expect_dmesg "fired: rejected by userspace (tcb $TCB3, action log)"
# it is never acked, and rejected only once while it stays
sleep 3
expect_attr acked_tcb "$TCB1"
expect_attr state fired
expect_attr fire_count 1
# the host backs out: the daemon verifies TCB1 again and re-arms
sim_tcb_set "$TCB1"
wait_attr state armed 5
expect_attr fire_count 1
daemon_stop
pass
