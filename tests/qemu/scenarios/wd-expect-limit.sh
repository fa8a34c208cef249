#!/bin/sh
# "expect" holds up to 8 TCBs, then ENOSPC; "unexpect" of one not held is
# ENOENT; "unexpect all" clears the list.
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed timeout="$(ts 20)" poll_ms=100 action=log
for i in 1 2 3 4 5 6 7 8; do
	expect_ok "expect snp:d3${i}0000000000004"
done
expect_eq "$(wd_attr expected_tcbs | wc -l)" 8 "expected_tcbs lines"
expect_errno "expect snp:d3a0000000000004" ENOSPC
expect_eq "$(wd_attr expected_tcbs | wc -l)" 8 "expected_tcbs lines after ENOSPC"
wd_attr expected_tcbs | grep -qx snp:d3a0000000000004 && fail "9th TCB listed"
expect_errno "unexpect snp:d3b0000000000004" ENOENT
expect_ok "unexpect snp:d340000000000004"
expect_eq "$(wd_attr expected_tcbs | wc -l)" 7 "expected_tcbs lines after unexpect"
wd_attr expected_tcbs | grep -qx snp:d340000000000004 && fail "withdrawn TCB still listed"
expect_errno "unexpect snp:d340000000000004" ENOENT
# Room again for one.
expect_ok "expect snp:d3a0000000000004"
expect_errno "expect snp:d3c0000000000004" ENOSPC
expect_ok "unexpect all"
expect_attr expected_tcbs ""
# A withdrawn expectation is no longer a renewal.
expect_ok "expect $TCB2"
expect_ok "unexpect $TCB2"
events_reset
sim_tcb_set "$TCB2"
wait_event changed "$(ts 2)"
expect_no_event renewed
expect_attr acked_tcb "$TCB1"
pass
