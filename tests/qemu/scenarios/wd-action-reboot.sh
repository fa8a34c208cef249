#!/bin/sh
# Rule 7: action "reboot" ends the guest: run-guest must report
# outcome=reboot, and the console (tools/check-fired) must show the
# watchdog's "fired: heartbeat expired" line, timeout to timeout + 1 s
# after the last ack, before the restart and after nothing else fatal.
# expect-outcome: reboot
# expect-fired: heartbeat expired
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed timeout="$(ts 2)" poll_ms=100 action=reboot
expect_attr action reboot
echo "<4>tsm-wd-check: fire due in $(ts 2) s, slack $(ts 1) s, tcb $TCB1" > /dev/kmsg
expect_ok "ack $TCB1"
log "starving the watchdog; the guest must reboot within $(ts 3) s"
sleep "$(ts 10)"
fail "still running 10 s after the heartbeat stopped (action reboot)"
