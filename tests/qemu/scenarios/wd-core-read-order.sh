#!/bin/sh
# Issue 12 defect 1: what a source read returned is applied in read order.
# The core's fault injection (CONFIG_TSM_WATCHDOG_FAULT_INJECTION, debugfs
# tsm_watchdog/poll_apply_delay_ms) makes every poll sleep between its read
# and applying the reading; each round waits until a poll is inside that
# gap (poll_apply_gap), then the host updates the TCB (each one newer) and
# commits it (the floor rises with it), and an ack of the new TCB races the
# poll: a poll that read the older TCB must never be applied after the ack
# of the newer one (below the floor at that ack: a false rollback that
# fires; no "reverted" either). Without the fix (the poll drops the source lock before applying)
# the first round fails. Then the source registers again and again
# while polled: no false source-error.
# Arguments: [ROUNDS] (default 20).
# timeout: 240
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

ROUNDS=${1:-20}
[ "$ROUNDS" -le 200 ] || fail "at most 200 rounds (TCB values)"
FAULT=/sys/kernel/debug/tsm_watchdog

# tcb_n N: the Nth newer TCB (SNP firmware SVN 0x16 + N, as TCB2 is 0x16).
tcb_n() { printf 'snp:d3%02x000000000004\n' $(( 0x16 + $1 )); }

setup_armed mode=relaxed action=log timeout="$(ts 120)" grace="$(ts 120)" poll_ms=50
[ -w "$FAULT/poll_apply_delay_ms" ] ||
	fail "no $FAULT/poll_apply_delay_ms: tsm_watchdog built without CONFIG_TSM_WATCHDOG_FAULT_INJECTION"
gap=$(awk -v s="$(ts 1)" 'BEGIN { printf "%d\n", 300 * s }')
echo "$gap" > "$FAULT/poll_apply_delay_ms" || fail "write $FAULT/poll_apply_delay_ms"
d0=$(cat "$FAULT/poll_apply_delays")
# in_gap: wait until a poll has read the source and sleeps before applying.
in_gap() {
	_end=$(awk -v n="$(now_ms)" -v t="$(ts 10)" 'BEGIN { printf "%d\n", n + t * 1000 }')
	until [ "$(cat "$FAULT/poll_apply_gap")" = 1 ]; do
		[ "$(now_ms)" -lt "$_end" ] || fail "round $i: no poll entered its gap within $(ts 10) s"
	done
}
events_reset
i=0
while [ $i -lt "$ROUNDS" ]; do
	t=$(tcb_n "$i")
	in_gap
	echo "$t" > "$SIM_DIR/tcb" || fail "write $SIM_DIR/tcb"
	echo 1 > "$SIM_DIR/commit" || fail "write $SIM_DIR/commit"
	r=$(wdctl write "ack $t")
	[ "$r" = ok ] || fail "round $i: ack $t -> $r"
	if [ "$(wd_attr fire_count)" != 0 ]; then
		fail "round $i: fired after the ack of $t"
	fi
	i=$((i + 1))
done
# The last poll in its gap applies its reading now.
sleep "$(ts 1)"
echo 0 > "$FAULT/poll_apply_delay_ms" || fail "write $FAULT/poll_apply_delay_ms"
d=$(( $(cat "$FAULT/poll_apply_delays") - d0 ))
[ "$d" -ge "$ROUNDS" ] || fail "the poll's gap was injected $d times in $ROUNDS rounds (want >= $ROUNDS)"
ok "$ROUNDS host updates raced with acks, $d polls delayed ${gap} ms before applying"
expect_no_event rollback
expect_no_event reverted
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
