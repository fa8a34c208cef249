#!/bin/sh
# Rule 7: action "poweroff" ends the guest: run-guest must report outcome=poweroff.
# expect-outcome: poweroff
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed timeout="$(ts 2)" poll_ms=100 action=poweroff
expect_attr action poweroff
log "starving the watchdog; the guest must poweroff within 3 s"
sleep "$(ts 10)"
fail "still running 10 s after the heartbeat stopped (action poweroff)"
