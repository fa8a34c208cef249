#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The product's story, run inside the QEMU guest by tests/demo/run:
#   1. the guest runs on TCB1, tcb-renewd verifies it and feeds the watchdog
#   2. the host updates to an unapproved TCB: the daemon rejects, it fires
#   3. the host backs the update out: the daemon re-arms the watchdog
#   4. the tenant pre-approves TCB2 (config + SIGHUP)
#   5. the host updates to TCB2: a renewal, nothing fires, acking goes on
#   6. the daemon dies: nobody feeds the watchdog, it fires
# Narration lines start with "@@ " (tests/demo/run shows only those and the
# kernel's tsm_watchdog lines). Every step is checked; exit 0 only if all
# behaved as told. action=log keeps the guest alive through every firing.
# timeout: 150
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

DCONF=/etc/tcb-renewd.conf
DLOG=/tmp/tcb-renewd.log
TIMEOUT=6
T0=$(now_ms)
STEP=0
LOGPOS=0
mkdir -p /etc /var/lib/tcb-renewd
: > "$DLOG"

say() {
	_t=$(( $(now_ms) - T0 ))
	printf '@@ [%3d.%01ds] %s\n' $((_t / 1000)) $((_t % 1000 / 100)) "$*"
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
	echo "@@ DEMO FAILED at step $STEP; the daemon's log:"
	sed 's/^/@@   /' "$DLOG"
	for a in state acked_tcb current_tcb expected_tcbs fire_count last_event; do
		echo "@@   sysfs $a: $(tr '\n' ' ' < "$WD_SYS/$a")"
	done
	exit 1
}
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
write_conf() {
	{
		printf '[watchdog]\nheartbeat = 2\n[report]\ntimeout = 1\n[policy]\n'
		printf 'approve = %s\non_deny = reject\nstate = /var/lib/tcb-renewd/state\n' "$TCB1"
		[ -n "${1:-}" ] && printf 'expect = %s\n' "$1"
	} > "$DCONF"
}

echo "@@ tsm-watchdog demo: a confidential VM whose TCB changes under it"
echo "@@ (simulated host: tsm_wd_sim; TCB values are SEV-SNP TCB_VERSIONs)"
echo "@@   TCB1 = $TCB1  the TCB the guest was launched and attested on"
echo "@@   TCB2 = $TCB2  a firmware update the tenant will approve"
echo "@@   TCB3 = $TCB3  a firmware update nobody approved"

step "the guest runs on TCB1; tcb-renewd verifies it and feeds the watchdog"
load_sim > /dev/null
echo "$TCB1" > "$SIM_DIR/tcb"
load_wd mode=relaxed action=log timeout=$TIMEOUT grace=4 poll_ms=250 > /dev/null
say "   kernel watchdog loaded: mode=relaxed action=log timeout=${TIMEOUT}s grace=4s"
write_conf
say "   tenant policy ($DCONF): approve $TCB1, on_deny = reject, heartbeat 2 s"
tcb-renewd run -c "$DCONF" >> "$DLOG" 2>&1 &
DPID=$!
until_attr state armed 10
daemon_says
check "state=armed acked_tcb=$(attr acked_tcb)"
say "   waiting 8 s, longer than the ${TIMEOUT} s timeout ..."
sleep 8
must state armed
must fire_count 0
check "still armed after $((TIMEOUT + 2)) s, fire_count=0: the daemon keeps it fed"

step "the host updates the firmware to TCB3, which the tenant never approved"
dmesg_mark
t=$(now_ms)
echo "$TCB3" > "$SIM_DIR/tcb"
say "   host: echo $TCB3 > $SIM_DIR/tcb"
until_attr state fired 5
dt=$(( $(now_ms) - t ))
sleep 0.3
daemon_says
must fire_count 1
dmesg_since | grep -q "fired: rejected by userspace (tcb $TCB3, action log)" ||
	broken "no 'fired: rejected by userspace' in the kernel log"
check "the watchdog fired ${dt} ms after the update (action log), fire_count=1"
must acked_tcb "$TCB1"
check "TCB3 was never acked: acked_tcb=$TCB1"

step "the host backs the update out (TCB1 again)"
echo "$TCB1" > "$SIM_DIR/tcb"
say "   host: echo $TCB1 > $SIM_DIR/tcb"
until_attr state armed 6
daemon_says
check "the daemon verified TCB1 again and re-armed: state=armed"

step "the tenant pre-approves TCB2: adds 'expect = $TCB2', sends SIGHUP"
write_conf "$TCB2"
kill -HUP "$DPID"
until_attr expected_tcbs "$TCB2" 5
sleep 0.3
daemon_says
check "the kernel now holds expected_tcbs=$TCB2"

step "the host updates the firmware to TCB2"
dmesg_mark
echo "$TCB2" > "$SIM_DIR/tcb"
say "   host: echo $TCB2 > $SIM_DIR/tcb"
until_attr acked_tcb "$TCB2" 5
sleep 0.5
daemon_says
grep -q "kernel: event [0-9]* renewed $TCB2" "$DLOG" || broken "no renewed event"
must state armed
check "renewed: acked_tcb=$TCB2, state=armed, the expectation is consumed (expected_tcbs='$(attr expected_tcbs)')"
say "   waiting 8 s ..."
sleep 8
must state armed
must fire_count 1
grep -q "floor = $TCB2" /var/lib/tcb-renewd/state || broken "floor not raised to TCB2"
check "still armed on TCB2, nothing fired; the daemon's floor is now $TCB2"

step "the daemon dies (SIGKILL): nobody feeds the watchdog any more"
dmesg_mark
kill -KILL "$DPID"
t=$(now_ms)
say "   kill -KILL $DPID"
until_attr state fired $((TIMEOUT + 3))
dt=$(( $(now_ms) - t ))
must fire_count 2
dmesg_since | grep -q "fired: heartbeat expired (tcb $TCB2, action log)" ||
	broken "no 'fired: heartbeat expired' in the kernel log"
check "the watchdog expired and fired ${dt} ms after the daemon died (timeout ${TIMEOUT} s)"

echo "@@"
say "DEMO PASSED: all $STEP steps behaved as narrated"
exit 0
