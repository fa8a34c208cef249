#!/bin/sh
# One opener at a time: a second open() gets EBUSY; closing does not disarm.
# The holder keeps the device open until the checks are done (however slow
# the guest), then is killed: its file is closed by the kernel.
# timeout: 90
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed timeout="$(ts 60)" poll_ms=100 action=log
r=$(wdctl open-twice)
expect_eq "$r" EBUSY "second open while the first is open"
wdctl hold "$(ts 30)" > /tmp/hold.out &
hold=$!
_end=$(( $(now_ms) + $(ts 5) * 1000 ))
while ! grep -q open /tmp/hold.out; do
	[ "$(now_ms)" -lt "$_end" ] || fail "wdctl hold did not open within $(ts 5) s"
	sleep 0.1
done
expect_errno "ack $TCB1" EBUSY
r=$(wdctl read)
expect_eq "$r" EBUSY "read while another process holds the device"
kill -0 $hold 2>/dev/null || fail "wdctl hold closed the device before the checks ended"
kill $hold
wait $hold 2>/dev/null
# Closing did not disarm; the device is free again.
expect_attr state armed
expect_ok "ack $TCB1"
expect_eq "$(wdctl open-twice)" EBUSY "second open, again"
pass
