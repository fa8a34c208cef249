#!/bin/sh
# Racing report readers and writers: other processes use configfs-tsm at the
# same time (tsm-report in a loop) and one keeps writing into every report
# item it finds, the daemon's included. The daemon must never ack on a
# report that is not its own (nonce), never crash, and keep or regain the
# armed state.
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
# every item was removed, the racer's writes notwithstanding
sleep 0.5
left=$(ls "$R" | wc -l)
expect_eq "$left" 0 "report items left in configfs"
daemon_stop
pass
