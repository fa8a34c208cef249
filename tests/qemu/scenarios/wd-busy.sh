#!/bin/sh
# One opener at a time: a second open() gets EBUSY; closing does not disarm.
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed timeout="$(ts 10)" poll_ms=100 action=log
r=$(wdctl open-twice)
expect_eq "$r" EBUSY "second open while the first is open"
wdctl hold "$(ts 3)" > /tmp/hold.out &
hold=$!
i=0
while ! grep -q open /tmp/hold.out; do
	i=$((i + 1)); [ $i -lt 50 ] || fail "wdctl hold did not open"; sleep 0.1
done
expect_errno "ack $TCB1" EBUSY
r=$(wdctl read)
expect_eq "$r" EBUSY "read while another process holds the device"
wait $hold
# Closing did not disarm; the device is free again.
expect_attr state armed
expect_ok "ack $TCB1"
expect_eq "$(wdctl open-twice)" EBUSY "second open, again"
pass
