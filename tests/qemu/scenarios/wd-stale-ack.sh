#!/bin/sh
# Rule 2: an ack of a TCB other than the source's current one fails with
# ESTALE, changes nothing and does not reset the heartbeat timer.
# Timed by the kernel's clock (kmark, the "fired:" line): it fires one
# timeout after the valid ack, never one timeout after the stale acks.
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

T=$(ts 4)
T_MS=$(awk -v t="$T" 'BEGIN { printf "%d\n", t * 1000 }')
setup_loaded timeout="$T" poll_ms=100 action=log
# Disarmed: a stale ack does not arm.
expect_errno "ack $TCB2" ESTALE
expect_attr state disarmed
expect_attr acked_tcb none
dmesg_mark
ack_timed "$TCB1"
tb=$KMARK_BEFORE
t0=$KMARK_MS
expect_attr state armed
sleep "$(ts 2)"	# half the timeout: the stale acks come well before it
kmark stale
ts_=$KMARK_MS
expect_errno "ack $TCB2" ESTALE
expect_errno "ack $TCB_OLD" ESTALE
expect_attr acked_tcb "$TCB1"
expect_attr state armed
wait_state fired "$(ts 10)"
expect_fired_kernel "$tb" "$t0" "$T_MS" "the valid ack"
# Not reset: a reset by a stale ack would fire T after it.
expect_int_le "$(( KFIRED_MS - ts_ ))" "$(( T_MS - 1 ))" "kernel ms from before the stale acks to firing (a reset: >= $T_MS)"
expect_attr fire_count 1
pass
