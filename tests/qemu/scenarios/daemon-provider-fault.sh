#!/bin/sh
# Provider faults: while report generation fails (the sim's errno knob)
# the daemon acks nothing and says why, does not crash, and the watchdog
# expires; slow reports (delay_ms) are still verified in time; once the
# fault clears the daemon re-arms the watchdog on its own.
# timeout: 300
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_DAEMON_LIB:-/usr/share/tsm-watchdog/daemon-lib.sh}"

load_sim
sim_tcb_set "$TCB1"
load_wd mode=relaxed action=log timeout=6 grace=6 poll_ms=200
# 800 ms reports below: each may take 1.5 s ([report] timeout); a whole
# verification (3 x 1.5 s) then still fits grace, and heartbeat plus one
# verification fits the kernel's timeout
DREPORT_TIMEOUT=1.5 daemon_conf 1 "approve = $TCB1"
daemon_start
wait_attr state armed 10

# slow provider: 800 ms per report, heartbeat 1 s, timeout 6 s: still fed
sim_delay 800
sleep 6
expect_attr state armed
expect_attr fire_count 0
sim_delay 0

# failing provider: no evidence, no ack; the watchdog expires
sim_errno 5
wait_log "verification failed, no ack sent: no report from /sys/kernel/config/tsm/report" 5
wait_state fired 9
daemon_alive || fail "daemon died on provider errors"
expect_attr fire_count 1
sed -n 's/^last_result=//p' /run/tcb-renewd/status | grep -qx error || fail "status file does not say error"
ok "status file: last_result=error"

# recovery
sim_errno 0
wait_attr state armed 5
expect_attr acked_tcb "$TCB1"
# no leftover report items in configfs
left=$(ls /sys/kernel/config/tsm/report | wc -l)
expect_eq "$left" 0 "report items left in configfs"
daemon_stop
pass
