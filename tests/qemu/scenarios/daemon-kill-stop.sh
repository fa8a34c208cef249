#!/bin/sh
# SIGKILL and SIGSTOP of tcb-renewd: nobody acks any more, so the watchdog
# expires within its timeout and the configured action (log) runs; a
# restarted (or continued) daemon re-arms it.
# timeout: 300
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_DAEMON_LIB:-/usr/share/tsm-watchdog/daemon-lib.sh}"

load_sim
sim_tcb_set "$TCB1"
load_wd mode=relaxed action=log timeout=3 grace=2 poll_ms=200
daemon_conf 1 "approve = $TCB1"
daemon_start
wait_attr state armed 10

# SIGKILL: expired within timeout (3 s) + 1 s, action log in dmesg
dmesg_mark
kill -KILL "$DPID"
wait "$DPID" 2>/dev/null
t0=$(now_ms)
log "daemon killed with SIGKILL"
wait_state fired 6
expect_int_le "$(( $(now_ms) - t0 ))" 4500 "ms from SIGKILL to fired"
expect_attr fire_count 1
expect_attr last_event fired
expect_dmesg "fired: heartbeat expired (tcb $TCB1, action log)"

# a restarted daemon re-arms it (the device is free again)
daemon_start
wait_attr state armed 6
expect_attr fire_count 1

# SIGSTOP: the process exists but does not ack: fired as well
dmesg_mark
kill -STOP "$DPID"
log "daemon stopped with SIGSTOP"
wait_state fired 6
expect_attr fire_count 2
expect_dmesg "fired: heartbeat expired (tcb $TCB1, action log)"
# SIGCONT: it reads the queued events and acks again
kill -CONT "$DPID"
wait_attr state armed 6
wait_log "kernel: event [0-9]* fired" 5
daemon_alive || fail "daemon died after SIGCONT"
expect_attr fire_count 2
daemon_stop
pass
