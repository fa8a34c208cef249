#!/bin/sh
# uevents (KOBJ_CHANGE) carry TSM_WATCHDOG_EVENT and TSM_WATCHDOG_TCB on
# changed, renewed, rollback and fired (the TCB it fired on).
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed mode=relaxed timeout="$(ts 30)" grace="$(ts 30)" poll_ms=100 action=log
uevents_start "$(ts 20)"
sim_tcb_set "$TCB2"			# changed
wait_event changed "$(ts 2)"
echo 1 > "$SIM_DIR/commit" || fail "commit"	# the floor rises (rule 4)
expect_ok "ack $TCB2" "expect $TCB3"
sim_tcb_set "$TCB3"			# renewed
wait_event renewed "$(ts 2)"
sim_tcb_set "$TCB1"			# rollback + fired
wait_state fired "$(ts 2)"
sleep "$(ts 0.5)"
uevents_stop
expect_uevent changed "$TCB2"
expect_uevent renewed "$TCB3"
expect_uevent rollback "$TCB1"
expect_uevent fired "$TCB1"
grep 'TSM_WATCHDOG_EVENT=changed' /tmp/ue.txt | grep -q 'ACTION=change' ||
	fail "uevent is not a KOBJ_CHANGE"
ok "uevents are ACTION=change"
grep 'TSM_WATCHDOG_EVENT=changed' /tmp/ue.txt | grep -q 'DEVPATH=[^ ]*tsm_watchdog' ||
	fail "uevent does not come from the tsm_watchdog device"
ok "uevents come from the tsm_watchdog device"
pass
