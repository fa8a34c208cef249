#!/bin/sh
# A bad configuration is refused with FILE:LINE: key: message, at start
# and at SIGHUP (the running configuration is kept and the watchdog stays
# fed); a heartbeat the kernel's timeout cannot take is refused at start.
# timeout: 300
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_DAEMON_LIB:-/usr/share/tsm-watchdog/daemon-lib.sh}"

load_sim
sim_tcb_set "$TCB1"
load_wd mode=relaxed action=log timeout=4 grace=2 poll_ms=200

# at start: unknown key, bad value, no policy
printf '[watchdog]\nheartbeat = 1\n[policy]\napprove = %s\nfrobnicate = yes\n' "$TCB1" > "$DCONF"
tcb-renewd run -c "$DCONF" > /tmp/out 2>&1
expect_eq "$?" 2 "exit status, unknown key"
grep -q "$DCONF:5: frobnicate: unknown key in section \[policy\]" /tmp/out || fail "message: $(cat /tmp/out)"
ok "unknown key refused: $(cat /tmp/out)"
printf '[watchdog]\nheartbeat = soon\n[policy]\napprove = %s\n' "$TCB1" > "$DCONF"
tcb-renewd run -c "$DCONF" > /tmp/out 2>&1
expect_eq "$?" 2 "exit status, bad heartbeat"
grep -q "$DCONF:2: heartbeat: 'soon' is not a whole number of seconds" /tmp/out || fail "message: $(cat /tmp/out)"
ok "bad value refused: $(cat /tmp/out)"
printf '[watchdog]\nheartbeat = 1\n' > "$DCONF"
tcb-renewd run -c "$DCONF" > /tmp/out 2>&1
expect_eq "$?" 2 "exit status, no policy"
grep -q "no policy" /tmp/out || fail "message: $(cat /tmp/out)"
ok "no policy refused"
# heartbeat 3 s cannot feed a 4 s kernel timeout
daemon_conf 3 "approve = $TCB1"
tcb-renewd run -c "$DCONF" > /tmp/out 2>&1
expect_eq "$?" 1 "exit status, heartbeat too long"
grep -q "heartbeat = 3 s cannot keep the kernel watchdog fed: its timeout is 4 s" /tmp/out || fail "message: $(cat /tmp/out)"
ok "heartbeat vs timeout refused"
expect_attr state disarmed

# at SIGHUP: refused, old config kept, still fed
daemon_conf 1 "approve = $TCB1"
daemon_start
wait_attr state armed 10
printf '[policy]\napprove = snp:XYZ\n' > "$DCONF"
kill -HUP "$DPID"
wait_log "reload refused, keeping the running configuration: $DCONF:2: approve: 'snp:XYZ' is not a TCB" 5
sleep 6
daemon_alive || fail "daemon died on a bad reload"
expect_attr state armed
expect_attr fire_count 0
# a good reload then applies
daemon_conf 1 "approve = $TCB1" "expect = $TCB2"
kill -HUP "$DPID"
wait_log "configuration reloaded from $DCONF" 5
wait_attr expected_tcbs "$TCB2" 3
daemon_stop
pass
