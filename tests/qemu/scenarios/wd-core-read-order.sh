#!/bin/sh
# Issue 12 defect 1: what a source read returned is applied in read order.
# Host updates (each one newer) race acks of the new TCB while every read
# is slow (delay_ms) and polls run every 50 ms, with sysfs readers
# contending for the core's lock: a poll that read the older TCB must never
# be applied after the ack of the newer one (a false rollback that fires).
# Then the source registers again and again while polled: no false
# source-error.
# Arguments: [ROUNDS] (default 150).
# timeout: 240
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

ROUNDS=${1:-150}
[ "$ROUNDS" -le 200 ] || fail "at most 200 rounds (TCB values)"

# tcb_n N: the Nth newer TCB (SNP firmware SVN 0x16 + N, as TCB2 is 0x16).
tcb_n() { printf 'snp:d3%02x000000000004\n' $(( 0x16 + $1 )); }

setup_armed mode=relaxed action=log timeout="$(ts 120)" grace="$(ts 120)" poll_ms=50
sim_delay 5
rm -f /tmp/stop-readers
reader() {
	while [ ! -e /tmp/stop-readers ]; do
		cat "$WD_SYS/state" "$WD_SYS/current_tcb" "$WD_SYS/timeleft" > /dev/null
	done
}
reader &
rd=$!
events_reset
i=0
while [ $i -lt "$ROUNDS" ]; do
	t=$(tcb_n "$i")
	echo "$t" > "$SIM_DIR/tcb" || fail "write $SIM_DIR/tcb"
	r=$(wdctl write "ack $t")
	[ "$r" = ok ] || fail "round $i: ack $t -> $r"
	if [ "$(wd_attr fire_count)" != 0 ]; then
		fail "round $i: fired after the ack of $t"
	fi
	i=$((i + 1))
done
touch /tmp/stop-readers
wait $rd
ok "$ROUNDS host updates raced with acks"
sleep "$(ts 0.5)"
expect_no_event rollback
expect_no_event fired
expect_attr fire_count 0
expect_attr state armed
expect_attr current_tcb "$t"
expect_attr acked_tcb "$t"

# Registration racing polls: no false source-error.
sim_delay 0
expect_ok disarm
wdctl hold "$(ts 60)" > /tmp/hold.out &
hold=$!
j=0
while [ $j -lt 10 ]; do
	unload_sim
	load_sim
	wait_attr source sim "$(ts 3)"
	j=$((j + 1))
done
kill $hold 2>/dev/null
wait $hold 2>/dev/null
expect_no_event source-error
pass
