#!/bin/sh
# An unapproved host update (the sim's tcb knob) is detected by the kernel
# (changed) and rejected by tcb-renewd within one poll interval plus one
# verification: the action fires long before the grace period ends.
# timeout: 300
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_DAEMON_LIB:-/usr/share/tsm-watchdog/daemon-lib.sh}"

load_sim
sim_tcb_set "$TCB1"
# a long grace: only the daemon's reject can make it fire this early
load_wd mode=relaxed action=log timeout=10 grace=30 poll_ms=250
daemon_conf 2 "approve = $TCB1" "on_deny = reject"
daemon_start
wait_attr state armed 10
dmesg_mark
t0=$(now_ms)
sim_tcb_set "$TCB3"
wait_state fired 12
dt=$(( $(now_ms) - t0 ))
log "host update to $TCB3 -> fired after $dt ms (poll 250 ms + one verification)"
# only the daemon's reject fires it before grace (30 s); a third of grace
# leaves room for a loaded, emulated guest (2.5 s was seen to be too tight)
expect_int_le "$dt" 10000 "ms from the unapproved update to fired"
expect_attr fire_count 1
wait_log "kernel: event [0-9]* changed $TCB3" 3
wait_log "denied $TCB3 (bl=4 tee=0 snp=23 ucode=211)" 3
wait_log "sent reject for $TCB3" 3
expect_dmesg "fired: rejected by userspace (tcb $TCB3, action log)"
# it is never acked, and rejected only once while it stays
sleep 3
expect_attr acked_tcb "$TCB1"
expect_attr state fired
expect_attr fire_count 1
# the host backs out: the daemon verifies TCB1 again and re-arms
sim_tcb_set "$TCB1"
wait_attr state armed 5
expect_attr fire_count 1
daemon_stop
pass
