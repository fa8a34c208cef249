#!/bin/sh
# tcb-renewd on a simulated SEV-SNP host that hot-loads firmware TCB2 (the
# daemon approves and acks it), then backs it out before committing it:
# CURRENT_TCB falls back to COMMITTED_TCB = TCB1 (the kernel: reverted,
# changed). With `floor = committed` the daemon's floor stayed at TCB1, so
# it acks TCB1 again and nothing fires; with the default `floor = highest`
# the floor became TCB2 and the revert is denied (on_deny = reject fires).
# timeout: 240
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_DAEMON_LIB:-/usr/share/tsm-watchdog/daemon-lib.sh}"
. "${TSM_WD_SIM_LIB:-/usr/share/tsm-watchdog/sim-lib.sh}"

# provisional_then_revert FLOOR-LINE: TCB1 acked by the daemon, the host
# hot-loads TCB2 (approved, acked), then reverts it.
provisional_then_revert() {
	load_sim platform=snp
	sim_tcb_set "$TCB1"
	load_wd mode=relaxed action=log timeout=30 grace=20 poll_ms=100
	rm -f "$DSTATE"
	: > "$DLOG"
	daemon_conf 2 "approve = $TCB1 $TCB2" "on_deny = reject" "$1"
	daemon_start
	wait_attr state armed 10
	expect_attr acked_tcb "$TCB1"
	sim_tcb_set "$TCB2"
	wait_attr acked_tcb "$TCB2" 10
	expect_attr floor_tcb "$TCB1"
	expect_attr state armed
	DLOG_MARK=$(wc -l < "$DLOG")
	sim_knob revert 1
	wait_log "kernel: event [0-9]* reverted $TCB1" 5
}

# teardown: stop the daemon, disarm and unload both modules
teardown() {
	daemon_stop
	expect_ok disarm
	unload_wd
	unload_sim
}

log "floor = committed: the revert is acked"
provisional_then_revert "floor = committed"
wait_attr acked_tcb "$TCB1" 10
tail -n +$((DLOG_MARK + 1)) "$DLOG" | grep -q "approved and acked $TCB1" ||
	fail "the daemon did not ack the revert"
expect_attr state armed
expect_attr fire_count 0
grep -q "^floor = $TCB1\$" "$DSTATE" || fail "floor is not $TCB1: $(cat "$DSTATE")"
ok "floor stayed at COMMITTED_TCB $TCB1"
# the host commits TCB2 later: the floor follows
sim_tcb_set "$TCB2"
wait_attr acked_tcb "$TCB2" 10
sim_knob commit 1
wait_attr floor_tcb "$TCB2" 5
wait_log "floor raised to $TCB2" 10
expect_attr fire_count 0
teardown

log "floor = highest (default): the revert is denied and fires"
provisional_then_revert ""
wait_log "denied $TCB1 .*below the floor $TCB2" 10
wait_state fired 5
expect_attr fire_count 1
expect_attr acked_tcb "$TCB2"
! tail -n +$((DLOG_MARK + 1)) "$DLOG" | grep -q "acked $TCB1" ||
	fail "TCB1 acked below the floor"
teardown
pass
