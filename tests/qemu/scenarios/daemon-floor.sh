#!/bin/sh
# The floor: the highest TCB ever approved is persisted; a TCB below it is
# never acked, even when the config lists it, across daemon restarts.
# timeout: 300
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_DAEMON_LIB:-/usr/share/tsm-watchdog/daemon-lib.sh}"

load_sim
sim_tcb_set "$TCB2"
load_wd mode=relaxed action=log timeout=6 grace=30 poll_ms=200
daemon_conf 1 "approve = $TCB1 $TCB2" "on_deny = withhold"
daemon_start
wait_attr state armed 10
wait_log "floor raised to $TCB2" 3
grep -q "^floor = $TCB2\$" "$DSTATE" || fail "state file lacks the floor"
ok "floor $TCB2 persisted in $DSTATE"
daemon_stop

# a new boot of the guest's userspace: the host went back to TCB1
# (rule 14: the armed core can not be unloaded before it is disarmed)
expect_ok disarm
rmmod tsm_watchdog || fail "rmmod"
sim_tcb_set "$TCB1"
load_wd mode=relaxed action=log timeout=6 grace=30 poll_ms=200
: > "$DLOG"
daemon_start
# no evidence seen yet: no SNP layout to break the floor into components
wait_log "floor $TCB2 (from $DSTATE)" 5
wait_log "denied $TCB1 (bl=4 tee=0 snp=21 ucode=211): $TCB1 is below the floor $TCB2" 5
sleep 4
expect_attr state disarmed
expect_attr acked_tcb none
! grep -q "acked $TCB1" "$DLOG" || fail "TCB1 acked below the floor"
ok "TCB1 never acked"
# the host moves up to TCB2 again: approved and acked
# (committed first, so that the daemon's ack holds the floor TCB2: rule 4)
echo "$TCB2" > "$SIM_DIR/committed" || fail "write $SIM_DIR/committed"
sim_tcb_set "$TCB2"
wait_attr state armed 5
expect_attr acked_tcb "$TCB2"
# and back down: the kernel says rollback, the daemon does not ack it
sim_tcb_set "$TCB1"
wait_state fired 4
wait_log "kernel: event [0-9]* rollback $TCB1" 4
sleep 3
expect_attr acked_tcb "$TCB2"
! grep -q "acked $TCB1" "$DLOG" || fail "TCB1 acked below the floor"
ok "TCB1 never acked after the rollback"
daemon_stop
pass
