# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# Helpers for QEMU guest scenarios (busybox /bin/sh). In the guest this file is
# /usr/share/tsm-watchdog/guest-lib.sh ($TSM_WD_GUEST_LIB); a scenario starts with
#   . "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
# Every assertion prints one line "ok: WHAT" or "FAIL: WHAT: WHY"; the first
# failure dumps the watchdog's sysfs, events and dmesg tail, and exits 1.
# A scenario that reaches its end calls `pass`.
#
# Device commands go through wdctl (build/guest-bin/wdctl): every call opens and
# closes /dev/tsm_watchdog, since it admits one opener at a time.

WD_DEV=/dev/tsm_watchdog
WD_SYS=/sys/class/misc/tsm_watchdog
SIM_DIR=/sys/kernel/debug/tsm_wd_sim
WD_MODDIR=/lib/modules/tsm-watchdog
EVLOG=/tmp/wd-events.log
SCENARIO=${SCENARIO:-$(basename "$0" .sh)}
WD_ATTRS="state mode action timeout timeleft grace poll_ms nowayout source current_tcb acked_tcb expected_tcbs fire_count last_event"

# Time scale: the debug kernel (KASAN, lockdep, ...) under TCG is several times
# slower, so scenarios write every time (module parameters, waits, bounds)
# through ts: `ts 2` is 2 s on the distro kernel, 6 s on the debug kernel.
case "${TSM_WD_KERNEL:-distro}" in
debug) TS=${TSM_WD_TIME_SCALE:-3} ;;
*) TS=${TSM_WD_TIME_SCALE:-1} ;;
esac
ts() { awk -v x="$1" -v s="$TS" 'BEGIN { print x * s }'; }

# shellcheck disable=SC2034 # used by the scenarios
# Handy TCB values in the sim's scheme (SNP TCB_VERSION, Milan/Genoa layout):
# TCB2 is TCB1 with a newer SNP firmware SVN, TCB3 newer still, TCB_OLD older.
TCB1=snp:d315000000000004
TCB2=snp:d316000000000004
TCB3=snp:d317000000000004
TCB_OLD=snp:d314000000000004

: > "$EVLOG"

log() { echo "[$SCENARIO] $*"; }
ok() { echo "ok: $*"; }

# fail WHY: print why, dump the state, exit 1.
fail() {
	echo "FAIL: $SCENARIO: $*"
	echo "--- sysfs"
	for _a in $WD_ATTRS; do
		[ -r "$WD_SYS/$_a" ] && printf '  %s=%s\n' "$_a" "$(tr '\n' ' ' < "$WD_SYS/$_a")"
	done
	echo "--- events"
	[ -e "$WD_DEV" ] && events_collect
	sed 's/^/  /' "$EVLOG"
	echo "--- dmesg (tail)"
	dmesg | tail -n 25 | sed 's/^/  /'
	exit 1
}

pass() {
	echo "PASS: $SCENARIO"
	exit 0
}

# now_ms: milliseconds since boot.
now_ms() {
	awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime
}

# --- modules -------------------------------------------------------------------

# load_wd [PARAM=VALUE...]: insmod the core with module parameters.
load_wd() {
	insmod "$WD_MODDIR/tsm_watchdog.ko" "$@" || fail "insmod tsm_watchdog $*"
	[ -c "$WD_DEV" ] || fail "$WD_DEV missing after insmod"
	log "loaded tsm_watchdog $*"
}

# load_sim [PARAM=VALUE...]
load_sim() {
	insmod "$WD_MODDIR/tsm_wd_sim.ko" "$@" || fail "insmod tsm_wd_sim $*"
	[ -d "$SIM_DIR" ] || fail "$SIM_DIR missing after insmod tsm_wd_sim"
	log "loaded tsm_wd_sim $*"
}

unload_sim() { rmmod tsm_wd_sim || fail "rmmod tsm_wd_sim"; }
unload_wd() { rmmod tsm_watchdog || fail "rmmod tsm_watchdog"; }

# --- the simulated host --------------------------------------------------------

sim_tcb_set() {
	echo "$1" > "$SIM_DIR/tcb" || fail "write $1 to $SIM_DIR/tcb"
	log "host: TCB is now $1"
}
sim_tcb_get() { cat "$SIM_DIR/tcb"; }
sim_errno() { echo "$1" > "$SIM_DIR/errno" || fail "write $1 to $SIM_DIR/errno"; }
sim_delay() { echo "$1" > "$SIM_DIR/delay_ms" || fail "write $1 to $SIM_DIR/delay_ms"; }

# --- the watchdog --------------------------------------------------------------

wd_attr() { cat "$WD_SYS/$1"; }

# wd_snapshot: every attribute but timeleft (it runs down) as NAME=VALUE lines.
wd_snapshot() {
	for _a in $WD_ATTRS; do
		[ "$_a" = timeleft ] && continue
		printf '%s=%s\n' "$_a" "$(tr '\n' ' ' < "$WD_SYS/$_a")"
	done
}

# wd CMD...: one write of the commands; prints ok or the errno name.
wd() { wdctl write "$@"; }

# expect_eq ACTUAL EXPECTED WHAT
expect_eq() {
	[ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"
	ok "$3 = '$2'"
}

# expect_ne ACTUAL UNEXPECTED WHAT
expect_ne() {
	[ "$1" != "$2" ] || fail "$3: got '$1', expected anything else"
	ok "$3 != '$2' ('$1')"
}

# expect_attr NAME VALUE
expect_attr() { expect_eq "$(wd_attr "$1")" "$2" "sysfs $1"; }

# expect_ok CMD...: the write (all commands in one write) succeeds.
expect_ok() {
	_r=$(wdctl write "$@")
	[ "$_r" = ok ] || fail "write '$*': got $_r, expected ok"
	ok "write '$*' -> ok"
}

# expect_errno CMD ERRNO: writing CMD fails with ERRNO (e.g. EINVAL).
expect_errno() {
	_r=$(wdctl write "$1")
	[ "$_r" = "$2" ] || fail "write '$1': got $_r, expected $2"
	ok "write '$1' -> $2"
}

# expect_int_le A B WHAT / expect_int_ge A B WHAT
expect_int_le() {
	[ "$1" -le "$2" ] 2>/dev/null || fail "$3: $1 is not <= $2"
	ok "$3: $1 <= $2"
}
expect_int_ge() {
	[ "$1" -ge "$2" ] 2>/dev/null || fail "$3: $1 is not >= $2"
	ok "$3: $1 >= $2"
}

# ack_current: ack the TCB the watchdog sees now (the sim's).
ack_current() {
	_t=$(wd_attr current_tcb)
	expect_ok "ack $_t"
}

# wait_attr NAME VALUE TIMEOUT_S: poll sysfs every 100 ms; prints nothing.
wait_attr() {
	_end=$(( $(now_ms) + $(awk -v x="$3" 'BEGIN { printf "%d", x * 1000 }') ))
	while [ "$(wd_attr "$1")" != "$2" ]; do
		[ "$(now_ms)" -lt "$_end" ] ||
			fail "sysfs $1 did not become '$2' within $3 s (is '$(wd_attr "$1")')"
		sleep 0.1
	done
	ok "sysfs $1 became '$2'"
}

# wait_state STATE TIMEOUT_S: wait for the state; sets WAITED_MS.
wait_state() {
	_t0=$(now_ms)
	wait_attr state "$1" "$2"
	WAITED_MS=$(( $(now_ms) - _t0 ))
}

# --- events --------------------------------------------------------------------
# Reading events consumes them, so every helper appends what it reads to
# $EVLOG and the checks look there.

events_collect() {
	wdctl read >> "$EVLOG" || true
}

# events_reset: forget the events seen so far (and drain the device).
events_reset() {
	events_collect
	: > "$EVLOG"
}

# has_event EVENT [TCB]: true when an event line matches.
has_event() {
	events_collect
	if [ $# -ge 2 ]; then
		grep -q "^[0-9][0-9]* $1 $2\$" "$EVLOG"
	else
		grep -q "^[0-9][0-9]* $1\( \|\$\)" "$EVLOG"
	fi
}

# count_events EVENT: how many lines name EVENT.
count_events() {
	events_collect
	grep -c "^[0-9][0-9]* $1\( \|\$\)" "$EVLOG"
}

expect_event() {
	has_event "$@" || fail "no event '$*' (events: $(tr '\n' ';' < "$EVLOG"))"
	ok "event '$*'"
}

# expect_no_event EVENT [TCB]: fails too when the device can not be read.
expect_no_event() {
	wdctl read > /tmp/wd-read.out ||
		fail "no event '$*': can not read $WD_DEV: $(cat /tmp/wd-read.out)"
	cat /tmp/wd-read.out >> "$EVLOG"
	! has_event "$@" || fail "unexpected event '$*' (events: $(tr '\n' ';' < "$EVLOG"))"
	ok "no event '$*'"
}

# wait_event EVENT TIMEOUT_S: poll() the device until EVENT arrives.
wait_event() {
	events_collect
	if grep -q "^[0-9][0-9]* $1\( \|\$\)" "$EVLOG"; then
		ok "event $1 (already queued)"
		return 0
	fi
	wdctl wait "$1" "$2" > /tmp/wd-wait.out
	_rc=$?
	grep -v '^timeout' /tmp/wd-wait.out >> "$EVLOG"
	[ $_rc = 0 ] || fail "event $1 did not arrive within $2 s"
	ok "event $1"
}

# expect_seq_increasing: event sequence numbers in $EVLOG grow strictly.
expect_seq_increasing() {
	events_collect
	awk 'NR > 1 && $1 <= prev { bad = 1 } { prev = $1 } END { exit bad }' "$EVLOG" ||
		fail "event sequence numbers not increasing: $(tr '\n' ';' < "$EVLOG")"
	ok "event sequence numbers increase"
}

# --- kernel log ----------------------------------------------------------------

# dmesg_mark: remember where the kernel log is; dmesg_since prints what came after.
dmesg_mark() { DMESG_MARK=$(dmesg | wc -l); }
dmesg_since() { dmesg | tail -n +$(( ${DMESG_MARK:-0} + 1 )); }

expect_dmesg() {
	dmesg_since | grep -q -- "$1" || fail "kernel log lacks '$1'"
	ok "kernel log has '$1'"
}

# Timing a kernel action by the kernel's clock, without the latency of
# observing it (a loaded or slow guest may take a second to notice):
# kmark TEXT writes a line to the kernel log and sets KMARK_MS to its
# timestamp in ms; kmsg_ms PATTERN prints the timestamp in ms of the last
# kernel log line matching PATTERN (grep -E; empty when none). Both carry
# the same clock, so their difference is what the kernel did, e.g. from a
# mark before an ack to "fired:".
kmsg_ms() {
	dmesg | grep -E -- "$1" | tail -n 1 |
		awk -F'[][]' '{ printf "%d\n", $2 * 1000 }'
}
kmark() {
	echo "<6>tsm-wd-test: mark $*" > /dev/kmsg || fail "write /dev/kmsg"
	KMARK_MS=$(kmsg_ms "tsm-wd-test: mark $*\$")
	[ -n "$KMARK_MS" ] || fail "kernel log lacks the mark '$*'"
}

# ack_timed TCB: a valid ack between two marks, KMARK_BEFORE and KMARK_MS.
ack_timed() {
	kmark "before ack $1"
	KMARK_BEFORE=$KMARK_MS
	expect_ok "ack $1"
	kmark "after ack $1"
}

# expect_fired_kernel BEFORE AFTER DUE_MS WHAT: the kernel logged "fired:"
# (the last one) no earlier than DUE_MS after mark BEFORE and at most
# DUE_MS + 1 s (scaled) after mark AFTER, where the event that started the
# countdown lies between the two marks. Sets KFIRED_MS.
expect_fired_kernel() {
	KFIRED_MS=$(kmsg_ms 'tsm_watchdog: fired: ')
	[ -n "$KFIRED_MS" ] || fail "kernel log lacks 'tsm_watchdog: fired: '"
	expect_int_ge "$(( KFIRED_MS - $1 ))" "$(( $3 - 20 ))" "kernel ms from before $4 to firing (due $3 ms)"
	expect_int_le "$(( KFIRED_MS - $2 ))" "$(( $3 + $(ts 1000) ))" "kernel ms from after $4 to firing (due $3 ms + $(ts 1) s)"
}

# --- common setup ----------------------------------------------------------------

# setup_loaded [WD PARAMS...]: sim at TCB1, core loaded with the given
# parameters and reading TCB1, disarmed.
setup_loaded() {
	load_sim
	sim_tcb_set "$TCB1"
	load_wd "$@"
	wait_attr current_tcb "$TCB1" "$(ts 3)"
}

# setup_armed [WD PARAMS...]: setup_loaded, then armed by an ack of TCB1.
setup_armed() {
	setup_loaded "$@"
	expect_ok "ack $TCB1"
	expect_attr state armed
	expect_attr acked_tcb "$TCB1"
}

# --- uevents ---------------------------------------------------------------------

# uevents_start SECONDS: listen to the watchdog's uevents for at most SECONDS
# in the background (wdctl uevents, into /tmp/ue.txt); returns once the
# listener is ready, so that no uevent after this is missed.
uevents_start() {
	wdctl uevents "$1" > /tmp/ue.txt 2>/tmp/ue.err &
	UE_PID=$!
	_end=$(( $(now_ms) + $(awk -v x="$(ts 5)" 'BEGIN { printf "%d", x * 1000 }') ))
	until grep -q listening /tmp/ue.err; do
		[ "$(now_ms)" -lt "$_end" ] ||
			fail "uevent listener did not start within $(ts 5) s: $(cat /tmp/ue.err)"
		sleep 0.1
	done
}

# uevents_stop: stop the listener and print what it heard.
uevents_stop() {
	kill "$UE_PID" 2>/dev/null
	wait "$UE_PID" 2>/dev/null
	cat /tmp/ue.txt
}

# expect_uevent EVENT TCB: the listener heard EVENT carrying TCB.
expect_uevent() {
	grep "TSM_WATCHDOG_EVENT=$1\( \|\$\)" /tmp/ue.txt | grep -q "TSM_WATCHDOG_TCB=$2\( \|\$\)" ||
		fail "no uevent with TSM_WATCHDOG_EVENT=$1 TSM_WATCHDOG_TCB=$2"
	ok "uevent $1 $2"
}
