#!/bin/sh
# Rule 7: action "poweroff" ends the guest: run-guest must report
# outcome=poweroff, and the console (tools/check-fired) must show the
# watchdog's "fired: heartbeat expired" line, timeout to timeout + 1 s
# after the last ack, before the power-down and after nothing else fatal.
# expect-outcome: poweroff
# expect-fired: heartbeat expired
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed timeout="$(ts 2)" poll_ms=100 action=poweroff
expect_attr action poweroff
echo "<4>tsm-wd-check: fire due in $(ts 2) s, slack $(ts 1) s, tcb $TCB1" > /dev/kmsg
expect_ok "ack $TCB1"
log "starving the watchdog; the guest must poweroff within $(ts 3) s"
sleep "$(ts 10)"
fail "still running 10 s after the heartbeat stopped (action poweroff)"
