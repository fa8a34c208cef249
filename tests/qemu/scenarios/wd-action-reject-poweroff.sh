#!/bin/sh
# Rules 5 and 7: "reject" with action poweroff ends the guest at once:
# run-guest must report outcome=poweroff, and the console
# (tools/check-fired) must show the watchdog's "fired: rejected by
# userspace" line within 1 s of the reject, before the power-down.
# expect-outcome: poweroff
# expect-fired: rejected by userspace
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed timeout="$(ts 30)" poll_ms=100 action=poweroff
echo "<4>tsm-wd-check: fire due in 0 s, slack $(ts 1) s, tcb $TCB1" > /dev/kmsg
wd reject
sleep "$(ts 10)"
fail "still running 10 s after reject (action poweroff)"
