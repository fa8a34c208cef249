#!/bin/sh
# No TCB source (sim not loaded): source is "none", an ack of any
# well-formed TCB is accepted and becomes acked_tcb, liveness is enforced.
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

load_wd mode=relaxed timeout="$(ts 2)" poll_ms=100 action=log
expect_attr source none
expect_attr current_tcb none
expect_ok "ack $TCB1"
expect_attr state armed
expect_attr acked_tcb "$TCB1"
expect_ok "ack $TCB2"
expect_attr acked_tcb "$TCB2"
expect_ok "ack tdx:000102030405060708090a0b0c0d0e0f"
expect_attr acked_tcb tdx:000102030405060708090a0b0c0d0e0f
expect_errno "ack snp:xyz" EINVAL
# Fed for 3 s ...
for i in 1 2 3 4 5 6; do expect_ok "ack $TCB1"; sleep "$(ts 0.5)"; done
expect_attr state armed
expect_attr fire_count 0
# ... then starved: fires.
t0=$(now_ms)
wait_state fired "$(ts 4)"
expect_int_le "$(( $(now_ms) - t0 ))" "$(ts 3000)" "ms to firing"
expect_attr fire_count 1
expect_event expired
expect_event fired
pass
