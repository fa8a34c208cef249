#!/bin/sh
# A TCB pre-approved in the config (expect) is sent to the kernel as
# `expect`; the host update to it passes as `renewed`, nothing fires, and
# the daemon goes on acking the new TCB.
# timeout: 300
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_DAEMON_LIB:-/usr/share/tsm-watchdog/daemon-lib.sh}"

load_sim
sim_tcb_set "$TCB1"
load_wd mode=strict action=log timeout=3 grace=2 poll_ms=200
daemon_conf 1 "approve = $TCB1" "expect = $TCB2"
# `once` does one verification and acks: it arms the watchdog and exits 0
tcb-renewd once -c "$DCONF" > /tmp/once.out 2>&1
expect_eq "$?" 0 "exit status of tcb-renewd once"
expect_attr state armed
expect_attr expected_tcbs "$TCB2"
daemon_start
wait_log "running: heartbeat" 5
# next to the running daemon: once -n verifies without the device, once
# without -n finds the device busy
out=$(tcb-renewd once -n -c "$DCONF" 2>/dev/null)
expect_eq "$?" 0 "exit status of tcb-renewd once -n"
expect_eq "$out" "approved $TCB1 (bl=4 tee=0 snp=21 ucode=211): listed in approve" "once -n output"
tcb-renewd once -c "$DCONF" > /tmp/once.out 2>&1
expect_eq "$?" 2 "exit status of tcb-renewd once with the device busy"
wait_attr state armed 10
expect_attr expected_tcbs "$TCB2"
sim_tcb_set "$TCB2"
wait_attr acked_tcb "$TCB2" 5
wait_log "kernel: event [0-9]* renewed $TCB2 (bl=4 tee=0 snp=22 ucode=211)" 5
wait_log "approved and acked $TCB2" 5
# strict mode: an unexpected change would have fired at once; it did not
sleep 8
expect_attr state armed
expect_attr fire_count 0
expect_attr acked_tcb "$TCB2"
expect_attr expected_tcbs ""
grep -q "floor = $TCB2" "$DSTATE" || fail "floor not raised to $TCB2"
ok "floor raised to $TCB2"
daemon_alive || fail "daemon died"
daemon_stop
pass
