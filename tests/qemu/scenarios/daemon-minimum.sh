#!/bin/sh
# Per-component minimum: a host update to a TCB that meets `minimum` (not
# known in advance, so not expected) shows as `changed`; the daemon
# verifies it at once and acks it within the kernel's grace (relaxed mode):
# nothing fires. An update below the minimum in one component is rejected.
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
load_wd mode=relaxed action=log timeout=6 grace=3 poll_ms=200
daemon_conf 1 "minimum = $TCB1"
daemon_start
wait_attr state armed 10
wait_log "approved and acked $TCB1 (bl=4 tee=0 snp=21 ucode=211): meets minimum" 3
# newer SNP firmware and microcode: meets the minimum
NEWER=snp:d416000000000004
sim_tcb_set "$NEWER"
wait_attr acked_tcb "$NEWER" 3
wait_log "kernel: event [0-9]* changed $NEWER" 2
wait_log "approved and acked $NEWER (bl=4 tee=0 snp=22 ucode=212): meets minimum" 2
sleep 4
expect_attr state armed
expect_attr fire_count 0
# bootloader SVN 3 < 4: below the minimum in one component (and the floor)
LOWER=snp:ff20000000000003
sim_tcb_set "$LOWER"
wait_state fired 4
wait_log "denied $LOWER" 2
expect_attr acked_tcb "$NEWER"
daemon_stop
pass
