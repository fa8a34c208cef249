#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The product's story, run inside the QEMU guest by tests/demo/run, in three
# chapters (the host is tsm_wd_sim, platform=tdx, then platform=snp):
#
# Intel TDX: the tenant's attestation agent verifies quotes and feeds the
# watchdog (here: the script, through wdctl).
#   1. the TD runs on TDX module SVN 0b.01.04; the agent acks that TCB
#   2. the host updates the TDX module at runtime to 0c.01.04, which nobody
#      approved: in the quote TEE_TCB_SVN stays 0b0104.. (the launch TCB)
#      while TEE_TCB_SVN2 moves; the watchdog sees the running module's SVN
#      move and, unapproved, fires when the grace period ends
#   3. the tenant reviews 0c.01.04 and acks it: re-armed
#   4. the tenant pre-approves 0d.01.04; the host updates to it: a renewal,
#      nothing fires (TEE_TCB_SVN 0b0104.. next to TEE_TCB_SVN2 0d0104..)
# AMD SEV-SNP firmware hot load:
#   5. the host hot-loads pre-approved firmware: CURRENT_TCB rises (renewal),
#      COMMITTED_TCB, the floor, does not: the update is provisional
#   6. the host backs it out: CURRENT_TCB falls back to COMMITTED_TCB;
#      reverted, not a rollback; the agent acks within grace, nothing fires
#   7. the host loads it again and commits: the floor rises
# tcb-renewd, the daemon, on SEV-SNP:
#   8. the daemon verifies the TCB and keeps the watchdog fed
#   9. an unapproved firmware: the daemon's verifier says no, it fires
#  10. the host backs it out: the daemon re-arms the watchdog
#  11. the daemon dies (SIGKILL): nobody feeds the watchdog, it expires
#
# Narration lines start with "@@ " (tests/demo/run shows only those and the
# kernel's tsm_watchdog lines). Every step is checked; exit 0 only if all
# behaved as told. action=log keeps the guest alive through every firing.
# timeout: 200
# shellcheck source=tests/qemu/guest-lib.sh
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
# shellcheck source=tests/qemu/sim-lib.sh
. "${TSM_WD_SIM_LIB:-/usr/share/tsm-watchdog/sim-lib.sh}"

DCONF=/etc/tcb-renewd.conf
DLOG=/tmp/tcb-renewd.log
T0=$(now_ms)
STEP=0
LOGPOS=0
mkdir -p /etc /var/lib/tcb-renewd /tmp/demo
: > "$DLOG"

# TDX: TCB = the running module's SVN (16 bytes) + CPUSVN (16 bytes); the
# values are sim-lib.sh's: TDX_A the module the TD was launched on, TDX_B and
# TDX_C the same module after runtime updates.
GRACE=4

say() {
	_t=$(( $(now_ms) - T0 ))
	printf '@@ [%3d.%01ds] %s\n' $((_t / 1000)) $((_t % 1000 / 100)) "$*"
}
chapter() {
	echo "@@"
	echo "@@ === $* ==="
}
step() {
	STEP=$((STEP + 1))
	echo "@@"
	say "STEP $STEP: $*"
}
check() { say "   ok: $*"; }
broken() {
	say "   FAILED: $*"
	echo "@@"
	echo "@@ DEMO FAILED at step $STEP"
	if [ -s "$DLOG" ]; then
		echo "@@ the daemon's log:"
		sed 's/^/@@   /' "$DLOG"
	fi
	for a in state acked_tcb current_tcb floor_tcb launch_tcb expected_tcbs fire_count last_event; do
		[ -r "$WD_SYS/$a" ] && echo "@@   sysfs $a: $(tr '\n' ' ' < "$WD_SYS/$a")"
	done
	[ -e "$WD_DEV" ] && wdctl read >> "$EVLOG" 2>/dev/null
	echo "@@   events: $(tr '\n' ';' < "$EVLOG")"
	exit 1
}
# guest-lib's helpers report through fail(): make every failure a broken step
# shellcheck disable=SC2317  # called by guest-lib.sh
fail() { broken "$*"; }

# daemon_says: show what the daemon logged since the last call
daemon_says() {
	_n=$(wc -l < "$DLOG")
	if [ "$_n" -gt "$LOGPOS" ]; then
		tail -n +$((LOGPOS + 1)) "$DLOG" | head -n $((_n - LOGPOS)) |
			sed 's/^tcb-renewd: /@@          daemon: /'
	fi
	LOGPOS=$_n
}
attr() { tr '\n' ' ' < "$WD_SYS/$1" | sed 's/ $//'; }
# until_attr NAME VALUE TIMEOUT_S: wait for it, else fail the step
until_attr() {
	_end=$(( $(now_ms) + $3 * 1000 ))
	while [ "$(attr "$1")" != "$2" ]; do
		[ "$(now_ms)" -lt "$_end" ] || broken "$1 is '$(attr "$1")', not '$2' after $3 s"
		sleep 0.1
	done
}
must() {	# must ATTR VALUE
	[ "$(attr "$1")" = "$2" ] || broken "$1 is '$(attr "$1")', expected '$2'"
}
host() {	# host KNOB VALUE: the simulated host acts
	echo "$2" > "$SIM_DIR/$1" || broken "writing '$2' to $SIM_DIR/$1 failed"
	say "   host: echo $2 > $SIM_DIR/$1"
}
# agent CMD: the tenant's attestation agent writes one command
agent() {
	_r=$(wdctl write "$1")
	[ "$_r" = ok ] || broken "'$1' answered $_r"
	say "   tenant's agent: $1"
}
# events_since: the watchdog's events since the last call, one line
events_since() {
	: > /tmp/demo/ev
	wdctl read > /tmp/demo/ev 2>/dev/null
	cat /tmp/demo/ev >> "$EVLOG"
	cut -d' ' -f2 /tmp/demo/ev | tr '\n' ' ' | sed 's/ $//'
}
# expect_events "E1 E2 ...": exactly these events, in this order, arrived
expect_events() {
	_e=$(events_since)
	[ "$_e" = "$1" ] || broken "events were '$_e', expected '$1'"
	check "events, in order: $1"
}
# quote_svns: a fresh quote through configfs-tsm (64-byte nonce), decoded
# by `tsm-report parse --json`; sets Q_SVN (TEE_TCB_SVN), Q_SVN2
# (TEE_TCB_SVN2) and Q_FMT
quote_svns() {
	_d=/sys/kernel/config/tsm/report/demo.$$
	mkdir "$_d" || broken "mkdir $_d failed"
	head -c 64 /dev/urandom > "$_d/inblob" &&
		cat "$_d/outblob" > /tmp/demo/quote.bin
	_rc=$?
	rmdir "$_d"
	[ $_rc = 0 ] || broken "reading a quote through configfs-tsm failed"
	tsm-report parse /tmp/demo/quote.bin --format tdx-quote --json \
		> /tmp/demo/quote.json 2> /tmp/demo/quote.err ||
		broken "tsm-report parse failed: $(cat /tmp/demo/quote.err)"
	Q_SVN=$(sed -n 's/.*"tee_tcb_svn" *: *"\([0-9a-f]*\)".*/\1/p' /tmp/demo/quote.json)
	Q_SVN2=$(sed -n 's/.*"tee_tcb_svn2" *: *"\([0-9a-f]*\)".*/\1/p' /tmp/demo/quote.json)
	Q_FMT=$(sed -n 's/.*"format" *: *"\([a-z0-9-]*\)".*/\1/p' /tmp/demo/quote.json)
}
# expect_quote SVN SVN2: the quote carries these
expect_quote() {
	quote_svns
	[ "$Q_FMT" = tdx-quote ] || broken "the report is '$Q_FMT', not a TDX quote"
	[ "$Q_SVN" = "$1" ] || broken "quote TEE_TCB_SVN is '$Q_SVN', expected $1"
	[ "$Q_SVN2" = "$2" ] || broken "quote TEE_TCB_SVN2 is '$Q_SVN2', expected $2"
	check "quote: TEE_TCB_SVN  $Q_SVN (the TCB at launch)"
	check "quote: TEE_TCB_SVN2 $Q_SVN2 (the TDX module running now)"
}
teardown() {
	[ "$(wdctl write disarm)" = ok ] || broken "disarm failed"
	rmmod tsm_watchdog || broken "rmmod tsm_watchdog failed"
	rmmod tsm_wd_sim || broken "rmmod tsm_wd_sim failed"
	: > "$EVLOG"
}

echo "@@ tsm-watchdog demo: a confidential VM whose TCB changes under it"
echo "@@ (the host is simulated by tsm_wd_sim; the watchdog is the real one)"

# ---------------------------------------------------------------------------
chapter "Intel TDX: a TDX module runtime update"
echo "@@   TCB text form: tdx:<running TDX module SVN, 16 bytes><CPUSVN, 16 bytes>"
echo "@@   $TDX_A  the module the TD was launched on (SVN 0b.01.04)"
echo "@@   $TDX_B  an update nobody approved"
echo "@@   $TDX_C  an update the tenant pre-approves"

step "the TD runs on TDX module SVN 0b.01.04; the tenant's agent verifies and acks it"
insmod "$WD_MODDIR/tsm_wd_sim.ko" platform=tdx || broken "insmod tsm_wd_sim platform=tdx failed"
echo "$SVN_A" > "$SIM_DIR/tee_tcb_svn" || broken "setting the launch TEE_TCB_SVN failed"
echo "$TDX_A" > "$SIM_DIR/tcb" || broken "setting the TCB failed"
load_wd mode=relaxed action=log timeout=120 grace=$GRACE poll_ms=250 nowayout=0 > /dev/null
say "   kernel watchdog loaded: mode=relaxed action=log grace=${GRACE}s poll_ms=250"
until_attr current_tcb "$TDX_A" 5
expect_quote "$SVN_A" "$SVN_A"
agent "ack $TDX_A"
must state armed
must launch_tcb "$TDX_A"
must floor_tcb none
check "state=armed; launch_tcb = current_tcb = $TDX_A; floor_tcb none (TDX has no floor)"
events_since > /dev/null

step "the host updates the TDX module at runtime to SVN 0c.01.04; nobody approved it"
dmesg_mark
t=$(now_ms)
host tcb "$TDX_B"
until_attr state changed 5
dt=$(( $(now_ms) - t ))
check "the watchdog saw the running module change ${dt} ms after the update: state=changed"
expect_quote "$SVN_A" "$SVN_B"
say "   TEE_TCB_SVN did not move: a watchdog on it would have seen nothing"
must launch_tcb "$TDX_A"
say "   nobody acks it; the grace period (${GRACE} s) runs out ..."
until_attr state fired $((GRACE + 4))
dt=$(( $(now_ms) - t ))
must fire_count 1
must acked_tcb "$TDX_A"
dmesg_since | grep -q "fired" || broken "no 'fired' line in the kernel log"
expect_events "changed expired fired"
check "fired ${dt} ms after the update (action log), fire_count=1, acked_tcb still the launch TCB"

step "the tenant reviews SVN 0c.01.04, approves it and acks it"
agent "ack $TDX_B"
must state armed
must acked_tcb "$TDX_B"
must fire_count 1
check "re-armed: state=armed, acked_tcb=$TDX_B"
events_since > /dev/null

step "the tenant pre-approves SVN 0d.01.04; the host updates to it"
agent "expect $TDX_C"
must expected_tcbs "$TDX_C"
host tcb "$TDX_C"
until_attr acked_tcb "$TDX_C" 5
must state armed
must fire_count 1
must expected_tcbs ""
expect_events "renewed"
check "renewed: acked_tcb=$TDX_C, state=armed, nothing fired, the expectation is consumed"
expect_quote "$SVN_A" "$SVN_C"
teardown

# ---------------------------------------------------------------------------
chapter "AMD SEV-SNP: firmware hot load, provisional until committed"
echo "@@   TCB text form: snp:<TCB_VERSION, 16 hex>; CURRENT_TCB is tracked,"
echo "@@   COMMITTED_TCB (the anti-rollback floor) moves only when the host commits"
echo "@@   TCB1 = $TCB1  the firmware the guest was launched on"
echo "@@   TCB2 = $TCB2  a firmware the tenant pre-approves"

step "the host hot-loads TCB2, pre-approved; it is provisional"
insmod "$WD_MODDIR/tsm_wd_sim.ko" platform=snp || broken "insmod tsm_wd_sim platform=snp failed"
echo "$TCB1" > "$SIM_DIR/tcb" || broken "setting the TCB failed"
echo 1 > "$SIM_DIR/commit" || broken "committing the launch TCB failed"
load_wd mode=relaxed action=log timeout=120 grace=$GRACE poll_ms=250 nowayout=0 > /dev/null
until_attr current_tcb "$TCB1" 5
agent "ack $TCB1"
agent "expect $TCB2"
must floor_tcb "$TCB1"
events_since > /dev/null
host tcb "$TCB2"
until_attr acked_tcb "$TCB2" 5
must state armed
must fire_count 0
expect_events "renewed"
must floor_tcb "$TCB1"
check "renewed: acked_tcb=$TCB2; floor_tcb (COMMITTED_TCB) still $TCB1: not committed"

step "the host backs the update out: CURRENT_TCB falls back to COMMITTED_TCB"
host revert 1
until_attr current_tcb "$TCB1" 5
expect_events "reverted changed"
must state changed
check "reverted, not a rollback (TCB1 is not below the floor): grace runs"
agent "ack $TCB1"
must state armed
must acked_tcb "$TCB1"
sleep $((GRACE + 1))
must state armed
must fire_count 0
expect_events "armed"
check "acked within grace; $((GRACE + 1)) s later still armed, fire_count=0: nothing fired"

step "the host loads TCB2 again (pre-approved again) and commits it"
agent "expect $TCB2"
host tcb "$TCB2"
until_attr acked_tcb "$TCB2" 5
host commit 1
until_attr floor_tcb "$TCB2" 5
must state armed
must fire_count 0
expect_events "renewed"
check "renewed, and the floor rose: floor_tcb=$TCB2, fire_count=0"
teardown

# ---------------------------------------------------------------------------
chapter "tcb-renewd: the daemon that verifies and feeds (SEV-SNP)"
TIMEOUT=6
write_conf() {
	printf '[watchdog]\nheartbeat = 2\n[report]\ntimeout = 1\n[policy]\n' > "$DCONF"
	printf 'approve = %s\non_deny = reject\nstate = /var/lib/tcb-renewd/state\n' "$TCB1" >> "$DCONF"
}
echo "@@   TCB3 = $TCB3  a firmware nobody approved"

step "the guest runs on TCB1; tcb-renewd verifies it and feeds the watchdog"
insmod "$WD_MODDIR/tsm_wd_sim.ko" platform=snp || broken "insmod tsm_wd_sim platform=snp failed"
echo "$TCB1" > "$SIM_DIR/tcb" || broken "setting the TCB failed"
echo 1 > "$SIM_DIR/commit" || broken "committing the launch TCB failed"
load_wd mode=relaxed action=log timeout=$TIMEOUT grace=$GRACE poll_ms=250 nowayout=0 > /dev/null
say "   kernel watchdog loaded: mode=relaxed action=log timeout=${TIMEOUT}s grace=${GRACE}s"
write_conf
say "   tenant policy ($DCONF): approve $TCB1, on_deny = reject, heartbeat 2 s"
tcb-renewd run -c "$DCONF" >> "$DLOG" 2>&1 &
DPID=$!
until_attr state armed 10
daemon_says
check "state=armed acked_tcb=$(attr acked_tcb)"
say "   waiting $((TIMEOUT + 1)) s, longer than the ${TIMEOUT} s timeout ..."
sleep $((TIMEOUT + 1))
must state armed
must fire_count 0
check "still armed, fire_count=0: the daemon keeps it fed"

step "the host hot-loads TCB3, which the tenant never approved"
dmesg_mark
t=$(now_ms)
host tcb "$TCB3"
until_attr state fired 5
dt=$(( $(now_ms) - t ))
sleep 0.3
daemon_says
must fire_count 1
dmesg_since | grep -q "fired: rejected by userspace" ||
	broken "no 'fired: rejected by userspace' in the kernel log"
must acked_tcb "$TCB1"
check "the daemon rejected it; the watchdog fired ${dt} ms after the update, fire_count=1"

step "the host backs the update out (CURRENT_TCB back to TCB1)"
host revert 1
until_attr state armed 6
daemon_says
check "the daemon verified TCB1 again and re-armed: state=armed"

step "the daemon dies (SIGKILL): nobody feeds the watchdog any more"
dmesg_mark
kill -KILL "$DPID"
t=$(now_ms)
say "   kill -KILL $DPID"
until_attr state fired $((TIMEOUT + 3))
dt=$(( $(now_ms) - t ))
must fire_count 2
dmesg_since | grep -q "fired: heartbeat expired" ||
	broken "no 'fired: heartbeat expired' in the kernel log"
check "the watchdog expired and fired ${dt} ms after the daemon died (timeout ${TIMEOUT} s)"

echo "@@"
say "DEMO PASSED: all $STEP steps behaved as narrated"
exit 0
