#!/bin/sh
# SIGTERM stops the daemon cleanly (exit 0, STOPPING) but never disarms:
# under nowayout the watchdog keeps running and expires once nobody acks.
# timeout: 300
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_DAEMON_LIB:-/usr/share/tsm-watchdog/daemon-lib.sh}"

load_sim
sim_tcb_set "$TCB1"
load_wd mode=relaxed action=log timeout=3 grace=2 poll_ms=200 nowayout=1
daemon_conf 1 "approve = $TCB1"
daemon_start
wait_attr state armed 10
kill -TERM "$DPID"
wait "$DPID"
expect_eq "$?" 0 "exit status after SIGTERM"
DPID=
wait_log "stopped; the kernel watchdog keeps its state" 2
sed -n 's/^state=//p' /run/tcb-renewd/status | grep -qx stopped || fail "status file does not say stopped"
ok "status file: state=stopped"
tcb-renewd status > /tmp/st.out
expect_eq "$?" 3 "exit status of tcb-renewd status with the daemon stopped"
expect_attr state armed
wait_state fired 5
expect_attr nowayout 1
pass
