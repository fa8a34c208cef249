#!/bin/sh
# A source unloading while the core polls it (fast poll, slow reads) is
# safe: the watchdog keeps running with source "none"; reloading the sim
# brings the source back and changes are seen again. Rule 14: while the
# watchdog is armed the source can not be unloaded at all; once disarmed,
# an open device keeps the core polling, so the unload meets a read in
# flight.
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed mode=relaxed timeout="$(ts 30)" grace="$(ts 30)" poll_ms=50 action=log
expect_attr source sim
rmmod tsm_wd_sim 2>/dev/null && fail "rmmod tsm_wd_sim succeeded while armed"
ok "rmmod tsm_wd_sim refused while armed"
expect_ok disarm
wdctl hold "$(ts 60)" > /tmp/hold.out &
hold=$!
sim_delay 40
sleep "$(ts 0.3)"
i=0
while [ $i -lt 5 ]; do
	rmmod tsm_wd_sim || fail "rmmod tsm_wd_sim (round $i)"
	expect_attr source none
	expect_attr state disarmed
	load_sim
	sim_delay 40
	wait_attr source sim "$(ts 3)"
	sleep "$(ts 0.2)"
	i=$((i + 1))
done
kill $hold 2>/dev/null
wait $hold 2>/dev/null
# Without a source any well-formed TCB is accepted.
unload_sim
expect_ok "ack $TCB1"
expect_attr state armed
expect_ok disarm
load_sim
wait_attr source sim "$(ts 3)"
sim_delay 0
wait_attr current_tcb "$TCB1" "$(ts 3)"
expect_ok "ack $TCB1"
events_reset
sim_tcb_set "$TCB2"
wait_event changed "$(ts 2)"
expect_event changed "$TCB2"
expect_ok "ack $TCB2"
expect_attr state armed
expect_attr fire_count 0
dmesg | grep -E 'BUG:|Oops|general protection|WARNING:' && fail "kernel complained"
ok "no BUG/Oops/WARNING in the kernel log"
pass
