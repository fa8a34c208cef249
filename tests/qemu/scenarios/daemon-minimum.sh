#!/bin/sh
# Per-component minimum: a host update to a TCB that meets `minimum` (not
# known in advance, so not expected) shows as `changed`; the daemon
# verifies it at once and acks it within the kernel's grace (relaxed mode):
# nothing fires. An update below the minimum in one component is rejected.
# timeout: 300
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_DAEMON_LIB:-/usr/share/tsm-watchdog/daemon-lib.sh}"

load_sim
sim_tcb_set "$TCB1"
load_wd mode=relaxed action=log timeout=6 grace=3 poll_ms=200
daemon_conf 1 "minimum = $TCB1"
daemon_start
wait_attr state armed 10
wait_log "approved and acked $TCB1 (bl=4 tee=0 snp=21 ucode=211): meets minimum" 3
# newer SNP firmware and microcode: meets the minimum
NEWER=snp:d416000000000004
sim_tcb_set "$NEWER"
wait_attr acked_tcb "$NEWER" 3
wait_log "kernel: event [0-9]* changed $NEWER" 2
wait_log "approved and acked $NEWER (bl=4 tee=0 snp=22 ucode=212): meets minimum" 2
sleep 4
expect_attr state armed
expect_attr fire_count 0
# bootloader SVN 3 < 4: below the minimum in one component (and the floor)
LOWER=snp:ff20000000000003
sim_tcb_set "$LOWER"
wait_state fired 4
wait_log "denied $LOWER" 2
expect_attr acked_tcb "$NEWER"
daemon_stop
pass
